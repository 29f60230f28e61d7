from django import template

from directives.models.task import DeadlineKind, Recurrence

register = template.Library()


@register.filter
def deadline_display(task) -> str:
    """A task's deadline as the office reads it: "30/06/2021", "Định kỳ (Hằng tháng)", "Thường xuyên"."""
    if task.deadline_kind == DeadlineKind.DATE and task.due_date:
        return f"{task.due_date:%d/%m/%Y}"
    if task.deadline_kind == DeadlineKind.RECURRING and task.recurrence:
        return f"{DeadlineKind.RECURRING.label} ({Recurrence(task.recurrence).label})"
    try:
        return DeadlineKind(task.deadline_kind).label
    except ValueError:
        return ""
