from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from directives.models.task import DeadlineKind
from directives.tasks.status import STATUS_CSS, TaskStatus

register = template.Library()

# An open task without a due date is "Không thời hạn" for the rules; its badge says what it is.
UNDATED_LABELS = {
    DeadlineKind.RECURRING: DeadlineKind.RECURRING.label,
    DeadlineKind.ONGOING: DeadlineKind.ONGOING.label,
}


@register.filter
def status_label(value, kind=None) -> str:
    try:
        status = TaskStatus(value)
    except ValueError:
        return ""
    if status == TaskStatus.NO_DEADLINE and kind in UNDATED_LABELS:
        return UNDATED_LABELS[kind]
    return status.label


@register.filter
def status_css(value) -> str:
    try:
        return STATUS_CSS[TaskStatus(value)]
    except ValueError:
        return ""


@register.simple_tag
def options(items, current=None) -> SafeString:
    """The <option>s of a filter's menu, in one call: a menu is a loop over up to a hundred
    notices, meetings or agencies, and a template loop resolving three variables per option was
    a third of the task list's rendering. `items` are (value, label, selected) triples, or
    (value, label) pairs selected when the value is `current` (a query string's value)."""
    current = None if current in (None, "") else str(current)
    parts = []
    for item in items:
        if len(item) == 3:
            value, label, selected = item
        else:
            value, label = item
            selected = current is not None and str(value) == current
        parts.append(f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 (every value and label escaped above)


@register.simple_tag
def status_badge(status, kind=None) -> str:
    """The status badge of partials/_status.html, for long lists: one call per row instead of an
    include, which costs a template render each."""
    return format_html('<span class="badge {}">{}</span>', status_css(status), status_label(status, kind))


# A task id no real task has, replaced by the real one: the address is reversed once per process.
_PLACEHOLDER_PK = 987654321


@lru_cache(maxsize=8)
def _task_url_pattern(script_prefix: str) -> str:
    return reverse("task_detail", args=[_PLACEHOLDER_PK])


@register.filter
def task_url(pk) -> str:
    """The task page's address, as {% url 'task_detail' pk %} gives it, at a fraction of the cost:
    an inbox lists hundreds of tasks, and reverse() on each row was a tenth of its rendering."""
    return _task_url_pattern(get_script_prefix()).replace(str(_PLACEHOLDER_PK), str(int(pk)))


@register.filter
def dmy(value) -> str:
    """A date (not a datetime) as dd/mm/yyyy, like |date:"d/m/Y" but without its format parser,
    for the rows of long lists. Empty for no date."""
    return value.strftime("%d/%m/%Y") if value else ""
