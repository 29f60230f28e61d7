from directives.models.notification import Notification
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent
from directives.models.work import Attachment, ExtensionRequest, ProgressReport

__all__ = [
    "Assignment",
    "Attachment",
    "ExtensionRequest",
    "Notification",
    "ProgressReport",
    "Task",
    "TaskCoordination",
    "TaskEvent",
]
