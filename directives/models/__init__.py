from directives.models.notification import Notification
from directives.models.reminders import Digest, ReminderItem, ReminderSettings, SweepRun
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent

__all__ = [
    "Assignment",
    "Digest",
    "Notification",
    "ReminderItem",
    "ReminderSettings",
    "SweepRun",
    "Task",
    "TaskCoordination",
    "TaskEvent",
]
