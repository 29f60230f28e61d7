from directives.models.api import ApiKey, IdempotentResponse
from directives.models.calendar import CalendarToken
from directives.models.handling import TaskAssignment
from directives.models.history import DueDateChange
from directives.models.notification import Notification
from directives.models.ocr import OcrJob
from directives.models.reach import TaskAgency
from directives.models.reminders import Digest, ReminderChannel, ReminderItem, SweepRun
from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent
from directives.models.work import Attachment, ExtensionRequest, ProgressReport
from directives.models.workdays import DeclaredDay

__all__ = [
    "ApiKey",
    "Assignment",
    "Attachment",
    "CalendarToken",
    "DeclaredDay",
    "Digest",
    "IdempotentResponse",
    "DueDateChange",
    "ExtensionRequest",
    "Notification",
    "OcrJob",
    "ProgressReport",
    "ReminderChannel",
    "ReminderItem",
    "SweepRun",
    "Task",
    "TaskAgency",
    "TaskAssignment",
    "TaskCoordination",
    "TaskEvent",
]
