from directives.models.notification import Notification
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent

__all__ = ["Assignment", "Notification", "Task", "TaskCoordination", "TaskEvent"]
