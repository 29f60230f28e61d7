"""The status rules on the task's own columns (the facts as they are now), in SQL and in Python.

The rules themselves are stated in the package docstring (directives.tasks.status). `day_rules`
writes them once as predicates over a set of facts and a due date field; today's facts are the
columns, a past day's are in `asof`, so both judge with the same words.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone


class TaskStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "Đang thực hiện (trong hạn)"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    AWAITING_VERIFICATION = "awaiting_verification", "Chờ xác nhận"
    COMPLETED_ON_TIME = "completed_on_time", "Hoàn thành đúng hạn"
    COMPLETED_LATE = "completed_late", "Hoàn thành quá hạn"
    NO_DEADLINE = "no_deadline", "Không thời hạn"
    CANCELLED = "cancelled", "Đã hủy"


# Figures of the dashboard that are unions of statuses. The window's key keeps its old value so
# that links already shared keep working.
WITHIN_DEADLINE = "within_deadline"
DUE_WINDOW = "due_7_days"
COMPLETED = "completed"
ASSIGNED = "assigned"


def due_window_days() -> int:
    """The "due within N days" window of the inbox, the dashboard, the task list and reminders."""
    return settings.INBOX_DUE_WINDOW_DAYS


def figure_label(key: str) -> str:
    """The word for a status or a combined figure (UI.md terms)."""
    labels = {
        ASSIGNED: "Tổng số nhiệm vụ",
        WITHIN_DEADLINE: "Đang thực hiện (trong hạn)",
        DUE_WINDOW: f"Đến hạn trong {due_window_days()} ngày tới",
        COMPLETED: "Đã hoàn thành",
    }
    if key in labels:
        return labels[key]
    return TaskStatus(key).label


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def due_within_q(day: dt.date, days: int, field: str = "due_date") -> Q:
    """Due on `day` or on one of the `days` days after it (both ends included)."""
    return Q(**{f"{field}__gte": day, f"{field}__lte": day + dt.timedelta(days=days)})


def due_after_q(day: dt.date, days: int, field: str = "due_date") -> Q:
    """Due after the window of due_within_q(day, days)."""
    return Q(**{f"{field}__gt": day + dt.timedelta(days=days)})


def is_due_within(due_date: dt.date | None, day: dt.date, days: int) -> bool:
    """The Python twin of due_within_q."""
    return due_date is not None and day <= due_date <= day + dt.timedelta(days=days)


def day_rules(facts: dict[str, Q], due: str, day: dt.date) -> dict[str, Q]:
    """Every status and figure on `day` as a WHERE clause over `facts` (cancelled, completed,
    awaiting, working) and the due date in force (`due`). The statuses never overlap, so a filter
    on one is a plain WHERE on dates that the database serves from an index."""
    soon = settings.DUE_SOON_DAYS
    no_due = Q(**{f"{due}__isnull": True})
    return {
        TaskStatus.CANCELLED: facts["cancelled"],
        TaskStatus.COMPLETED_ON_TIME: facts["completed"] & (no_due | Q(completed_on__lte=F(due))),
        TaskStatus.COMPLETED_LATE: facts["completed"] & Q(**{f"{due}__isnull": False, "completed_on__gt": F(due)}),
        TaskStatus.AWAITING_VERIFICATION: facts["awaiting"],
        TaskStatus.NO_DEADLINE: facts["working"] & no_due,
        TaskStatus.OVERDUE: facts["working"] & Q(**{f"{due}__lt": day}),
        TaskStatus.DUE_SOON: facts["working"] & due_within_q(day, soon, due),
        TaskStatus.IN_PROGRESS: facts["working"] & due_after_q(day, soon, due),
        WITHIN_DEADLINE: facts["working"] & Q(**{f"{due}__gte": day}),
        DUE_WINDOW: facts["working"] & due_within_q(day, due_window_days(), due),
        COMPLETED: facts["completed"],
        ASSIGNED: Q(),
    }


OPEN_Q = Q(cancelled_at__isnull=True, completed_on__isnull=True)
# Open and not submitted: the tasks an agency still has to work on.
WORKING_Q = OPEN_Q & Q(submitted_at__isnull=True)
# The facts as the columns hold them now; the partial indexes (task_working_due) serve these.
CURRENT_FACTS = {
    "cancelled": Q(cancelled_at__isnull=False),
    "completed": Q(cancelled_at__isnull=True, completed_on__isnull=False),
    "awaiting": OPEN_Q & Q(submitted_at__isnull=False),
    "working": WORKING_Q,
}


def status_q(status: str, today: dt.date | None = None) -> Q:
    """The WHERE clause selecting tasks in `status` (a TaskStatus or a combined figure) on `today`."""
    rules = day_rules(CURRENT_FACTS, "due_date", _today(today))
    return rules[status] if status in rules else rules[TaskStatus(status)]


def status_expression(today: dt.date | None = None) -> Case:
    today = _today(today)
    return Case(
        *(When(status_q(status, today), then=Value(status.value)) for status in TaskStatus),
        default=Value(TaskStatus.IN_PROGRESS.value),
        output_field=models.CharField(),
    )


def is_open(task) -> bool:
    """The Python twin of OPEN_Q."""
    return task.cancelled_at is None and task.completed_on is None


def compute_status(task, today: dt.date | None = None) -> TaskStatus:
    """The same rules for one task object (or anything with the same attributes)."""
    today = _today(today)
    if task.cancelled_at is not None:
        return TaskStatus.CANCELLED
    if task.completed_on is not None:
        if task.due_date is None or task.completed_on <= task.due_date:
            return TaskStatus.COMPLETED_ON_TIME
        return TaskStatus.COMPLETED_LATE
    if task.submitted_at is not None:
        return TaskStatus.AWAITING_VERIFICATION
    if task.due_date is None:
        return TaskStatus.NO_DEADLINE
    if task.due_date < today:
        return TaskStatus.OVERDUE
    if is_due_within(task.due_date, today, settings.DUE_SOON_DAYS):
        return TaskStatus.DUE_SOON
    return TaskStatus.IN_PROGRESS


def days_overdue_on(due_date: dt.date | None, day: dt.date) -> int:
    """Whole days from a due date to `day` ("quá hạn 5 ngày"); 0 when not past it."""
    if due_date is None:
        return 0
    return max((day - due_date).days, 0)


def days_overdue(task, today: dt.date | None = None) -> int:
    """Whole days past the due date for an open task (0 when not overdue, or closed)."""
    if not is_open(task):
        return 0
    return days_overdue_on(task.due_date, _today(today))


# CSS class of each status badge (the word is always shown too; colour is never alone).
STATUS_CSS = {
    TaskStatus.IN_PROGRESS: "st-progress",
    TaskStatus.DUE_SOON: "st-soon",
    TaskStatus.OVERDUE: "st-overdue",
    TaskStatus.AWAITING_VERIFICATION: "st-awaiting",
    TaskStatus.COMPLETED_ON_TIME: "st-ontime",
    TaskStatus.COMPLETED_LATE: "st-late",
    TaskStatus.NO_DEADLINE: "st-none",
    TaskStatus.CANCELLED: "st-cancelled",
}
