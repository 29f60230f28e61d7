"""Reads for the agency inbox and the office's queues: selectors returning querysets."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from agencies.roles import agency_ids
from directives.models import ExtensionRequest, ProgressReport, Task, TaskCoordination
from directives.models.task import DeadlineKind
from directives.periods import missing_periods, period_label

_OPEN_WORKING = Q(cancelled_at__isnull=True, completed_on__isnull=True, submitted_at__isnull=True)
_AWAITING = Q(cancelled_at__isnull=True, completed_on__isnull=True, submitted_at__isnull=False)


@dataclass
class InboxGroup:
    key: str
    title: str
    tasks: list = field(default_factory=list)
    count: int = 0


# Each task falls in exactly one group, the first that matches, in this order of urgency for
# the officer: what the office sent back, then what is late, then what is due this week.
def _group_predicates(today: dt.date) -> list[tuple[str, str, Q]]:
    window = today + dt.timedelta(days=settings.INBOX_DUE_WINDOW_DAYS)
    returned = _OPEN_WORKING & Q(returned_at__isnull=False)
    overdue = _OPEN_WORKING & Q(due_date__lt=today)
    due_soon = _OPEN_WORKING & Q(due_date__gte=today, due_date__lte=window)
    return [
        ("returned", "Bị Văn phòng trả lại", returned),
        ("overdue", "Quá hạn", overdue & ~returned),
        ("due_soon", f"Đến hạn trong {settings.INBOX_DUE_WINDOW_DAYS} ngày", due_soon & ~returned),
        ("in_progress", "Đang thực hiện", _OPEN_WORKING & ~returned & ~overdue & ~due_soon),
        ("awaiting", "Chờ xác nhận", _AWAITING),
        ("completed", "Đã hoàn thành", Q(cancelled_at__isnull=True, completed_on__isnull=False)),
    ]


def agency_tasks(user, role: str = "all") -> QuerySet[Task]:
    """Published tasks of the user's agencies: those they lead, coordinate, or both."""
    ids = agency_ids(user)
    coordinates = Exists(TaskCoordination.objects.filter(task=OuterRef("pk"), agency_id__in=ids))
    qs = Task.objects.published()
    if role == "lead":
        return qs.filter(lead_id__in=ids)
    if role == "coordinating":
        return qs.filter(coordinates).exclude(lead_id__in=ids)
    return qs.filter(Q(lead_id__in=ids) | coordinates)


def inbox_groups(user, *, role: str = "all", today: dt.date | None = None, per_group: int = 100) -> list[InboxGroup]:
    today = today or timezone.localdate()
    base = (
        agency_tasks(user, role)
        .with_status(today)
        .select_related("lead", "conclusion__notice")
        .order_by("due_date", "id")
    )
    ids = agency_ids(user)
    groups = []
    for key, title, predicate in _group_predicates(today):
        qs = base.filter(predicate)
        if key == "completed":
            qs = qs.order_by("-completed_on", "-id")
        tasks = list(qs[:per_group])
        for task in tasks:
            task.days_late = (today - task.due_date).days if task.due_date and task.due_date < today else 0
            task.agency_role = "Chủ trì" if task.lead_id in ids else "Phối hợp"
        groups.append(InboxGroup(key=key, title=title, tasks=tasks, count=qs.count()))
    _add_missing_periods([t for g in groups for t in g.tasks], user, today)
    return groups


def _add_missing_periods(tasks, user, today: dt.date) -> None:
    """For recurring tasks: the past periods the user's agency has not reported on yet."""
    recurring = [t for t in tasks if t.deadline_kind == DeadlineKind.RECURRING and t.is_open]
    if not recurring:
        return
    ids = agency_ids(user)
    reported: dict[int, set] = {}
    for task_id, period in ProgressReport.objects.filter(
        task__in=recurring, agency_id__in=ids, period__isnull=False
    ).values_list("task_id", "period"):
        reported.setdefault(task_id, set()).add(period)
    for task in recurring:
        since = timezone.localdate(task.published_at)
        missing = missing_periods(
            since=since, today=today, recurrence=task.recurrence, reported=reported.get(task.pk, set())
        )
        task.missing_periods = [period_label(p, task.recurrence) for p in missing]


def tasks_awaiting_verification() -> QuerySet[Task]:
    return (
        Task.objects.filter(_AWAITING)
        .select_related("lead", "conclusion__notice", "submitted_by")
        .order_by("submitted_at", "id")
    )


def extension_requests_pending() -> QuerySet[ExtensionRequest]:
    return (
        ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING)
        .select_related("task__lead", "task__conclusion__notice", "requested_by")
        .order_by("requested_at", "id")
    )


def extension_requests_decided(limit: int = 50) -> QuerySet[ExtensionRequest]:
    return (
        ExtensionRequest.objects.exclude(status=ExtensionRequest.Status.PENDING)
        .select_related("task__lead", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )
