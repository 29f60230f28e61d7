from django import template

from directives.reports.asof import status_label

register = template.Library()


@register.filter
def field_label(form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


@register.filter
def figure_label(value: str) -> str:
    """Label of a status or of a combined dashboard figure."""
    try:
        return status_label(value)
    except ValueError:
        return ""


@register.filter
def percent(value) -> str:
    """An on-time rate (0..1 or None) as "87,5 %"; "–" when nothing was due."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


@register.filter
def days_before(due, day) -> int:
    """Whole days from a due date to the report day ("quá hạn 5 ngày")."""
    if due is None or day is None:
        return 0
    return max((day - due).days, 0)
