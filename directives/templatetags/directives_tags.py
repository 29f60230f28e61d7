from django import template

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
