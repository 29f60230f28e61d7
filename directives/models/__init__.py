from directives.models.dashboard import CalendarToken, DueDateChange
from directives.models.notification import Notification
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent

__all__ = ["Assignment", "CalendarToken", "DueDateChange", "Notification", "Task", "TaskCoordination", "TaskEvent"]
