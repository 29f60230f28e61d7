"""A task's status, derived from its facts and a day, never stored.

The same rules exist twice on purpose, as database expressions (for lists, filters and
aggregates over millions of rows) and in Python (for one task in hand, and for recomputing an
outcome from history); tests check that both agree at every boundary.

The rules, for the day `today`:
- cancelled (or superseded): Đã hủy;
- verified complete: on time when completed on or before the due date in force (or when there
  was no due date), else late;
- submitted, not yet verified: Chờ xác nhận;
- open without a due date (recurring, ongoing, none): Không thời hạn, never overdue;
- open and due before today: Quá hạn (due today is not overdue);
- open and due within DUE_SOON_DAYS days: Sắp đến hạn;
- otherwise: Đang thực hiện (trong hạn).
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


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _due_soon_limit(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.DUE_SOON_DAYS)


# Each predicate is complete on its own (they never overlap), so a filter on one status is a
# plain WHERE on dates that the database can serve from an index.
_NOT_CANCELLED = Q(cancelled_at__isnull=True)
_OPEN = _NOT_CANCELLED & Q(completed_on__isnull=True)
_WORKING = _OPEN & Q(submitted_at__isnull=True)


def status_q(status: str, today: dt.date | None = None) -> Q:
    """The WHERE clause selecting tasks in `status` on `today`."""
    today = _today(today)
    predicates = {
        TaskStatus.CANCELLED: Q(cancelled_at__isnull=False),
        TaskStatus.COMPLETED_ON_TIME: _NOT_CANCELLED
        & Q(completed_on__isnull=False)
        & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
        TaskStatus.COMPLETED_LATE: _NOT_CANCELLED & Q(completed_on__isnull=False, completed_on__gt=F("due_date")),
        TaskStatus.AWAITING_VERIFICATION: _OPEN & Q(submitted_at__isnull=False),
        TaskStatus.NO_DEADLINE: _WORKING & Q(due_date__isnull=True),
        TaskStatus.OVERDUE: _WORKING & Q(due_date__lt=today),
        TaskStatus.DUE_SOON: _WORKING & Q(due_date__gte=today, due_date__lte=_due_soon_limit(today)),
        TaskStatus.IN_PROGRESS: _WORKING & Q(due_date__gt=_due_soon_limit(today)),
    }
    return predicates[TaskStatus(status)]


def status_expression(today: dt.date | None = None) -> Case:
    today = _today(today)
    return Case(
        *(When(status_q(status, today), then=Value(status.value)) for status in TaskStatus),
        default=Value(TaskStatus.IN_PROGRESS.value),
        output_field=models.CharField(),
    )


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
    if task.due_date <= _due_soon_limit(today):
        return TaskStatus.DUE_SOON
    return TaskStatus.IN_PROGRESS


def days_overdue(task, today: dt.date | None = None) -> int:
    """Whole days past the due date for an open task (0 when not overdue)."""
    today = _today(today)
    if task.due_date is None or not (task.cancelled_at is None and task.completed_on is None):
        return 0
    return max((today - task.due_date).days, 0)


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
