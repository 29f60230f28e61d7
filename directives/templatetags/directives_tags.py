from django import template

from directives.tasks.status import STATUS_CSS, TaskStatus

register = template.Library()


@register.filter
def status_label(value) -> str:
    try:
        return TaskStatus(value).label
    except ValueError:
        return ""


@register.filter
def status_css(value) -> str:
    try:
        return STATUS_CSS[TaskStatus(value)]
    except ValueError:
        return ""
