from directives.models.notification import Notification
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent
from directives.models.dashboard import CalendarToken, DueDateChange  # noqa: I001 (needs Task first)

__all__ = ["Assignment", "CalendarToken", "DueDateChange", "Notification", "Task", "TaskCoordination", "TaskEvent"]
