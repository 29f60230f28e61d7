from django import template

from directives.tasks.status import days_overdue_on as _days_overdue_on

register = template.Library()


@register.filter
def field_label(form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


@register.filter
def percent(value) -> str:
    """An on-time rate (0..1 or None) as "87,5 %"; "–" when nothing was due."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


@register.filter
def days_overdue_on(due, day) -> int:
    """Days overdue on the report day ("quá hạn 5 ngày"), by the rule in directives.tasks.status."""
    if day is None:
        return 0
    return _days_overdue_on(due, day)
