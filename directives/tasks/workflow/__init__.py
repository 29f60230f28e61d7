"""The task workflow: every change an agency, the office or a leader makes to a task.

Each service takes keyword arguments, locks the task row, asks
`directives.tasks.permissions.require_action` whether this person may take this action now (the
answer that also decides whether the task page offers it: PermissionDenied for the wrong person, a
ValidationError with a Vietnamese message for the wrong moment), checks its input, writes in one
transaction, records a TaskEvent following the contract in directives/models/task.py, and
notifies the people concerned.
"""

from directives.tasks.workflow.agency import extension_request, task_report_progress, task_submit_completion
from directives.tasks.workflow.head import task_approve_submission, task_assign_handlers, task_return_submission
from directives.tasks.workflow.office import (
    extension_decide,
    task_cancel,
    task_reassign,
    task_return,
    task_supersede,
    task_verify,
)

__all__ = [
    "extension_decide",
    "extension_request",
    "task_approve_submission",
    "task_assign_handlers",
    "task_cancel",
    "task_reassign",
    "task_report_progress",
    "task_return",
    "task_return_submission",
    "task_submit_completion",
    "task_supersede",
    "task_verify",
]
