"""Reads for the agency inbox and the office's queues: selectors returning querysets."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone

from agencies.roles import agency_ids
from directives.models import ExtensionRequest, Task, TaskCoordination
from directives.models.task import DeadlineKind
from directives.tasks import status as st
from directives.tasks.periods import current_period, lead_reported_periods, missing_periods, period_label


@dataclass
class InboxGroup:
    key: str
    title: str
    tasks: list = field(default_factory=list)
    count: int = 0


# Each task falls in exactly one group, the first that matches, in this order of urgency for
# the officer: what the office sent back, then what is late, then what is due this week.
# The statuses and the window are the rules of directives.tasks.status; only "returned" is the
# inbox's own (a fact, not a day rule).
def _group_predicates(today: dt.date) -> list[tuple[str, str, Q]]:
    overdue = st.status_q(st.TaskStatus.OVERDUE, today)
    due_soon = st.status_q(st.DUE_WINDOW, today)
    returned = Q(returned_at__isnull=False)
    return [
        ("returned", "Bị Văn phòng trả lại", st.WORKING_Q & returned),
        ("overdue", "Quá hạn", overdue & ~returned),
        ("due_soon", st.figure_label(st.DUE_WINDOW), due_soon & ~returned),
        ("in_progress", "Đang thực hiện", st.WORKING_Q & ~returned & ~overdue & ~due_soon),
        ("awaiting", "Chờ xác nhận", st.status_q(st.TaskStatus.AWAITING_VERIFICATION, today)),
        ("completed", "Đã hoàn thành", st.status_q(st.COMPLETED, today)),
    ]


def _group_case(today: dt.date) -> Case:
    """The inbox group of each task (the first predicate that matches), "" for a cancelled one."""
    whens = [When(predicate, then=Value(key)) for key, _, predicate in _group_predicates(today)]
    return Case(*whens, default=Value(""), output_field=CharField())


def _agency_task_parts(ids: list[int], role: str) -> list[QuerySet[Task]]:
    """The published tasks of these agencies, one query per role. "Leads or coordinates" as one
    query is an OR over two tables that no index serves: at a million tasks the inbox read the
    whole table for each of its twelve queries (2.6 s). Each part here is an index lookup."""
    published = Task.objects.published()
    led = published.filter(lead_id__in=ids)
    coordinated = published.filter(pk__in=TaskCoordination.objects.filter(agency_id__in=ids).values("task_id"))
    if role == "lead":
        return [led]
    if role == "coordinating":
        return [coordinated.exclude(lead_id__in=ids)]
    return [led, coordinated]


def _first_sort_key(key: str):
    if key == "completed":
        # Most recently completed first.
        return lambda row: (-row[3].toordinal(), -row[0])
    # By due date (tasks without one last, as PostgreSQL sorts them), then id.
    return lambda row: (row[2] is None, row[2] or dt.date.min, row[0])


def inbox_groups(user, *, role: str = "all", today: dt.date | None = None, per_group: int = 100) -> list[InboxGroup]:
    """The agency's tasks in their groups, each with its count and its first `per_group` tasks.

    The group of every task is decided by the database (one CASE over the same predicates), in
    one narrow read of (id, group, due date, completion date) per role; the full rows are read
    for the tasks shown only. The same few queries whatever the number of tasks: the agencies,
    one read per role, the rows shown, and the reports of the recurring tasks among them."""
    today = today or timezone.localdate()
    ids = agency_ids(user)
    case = _group_case(today)
    rows = {}
    for part in _agency_task_parts(ids, role):
        for row in part.annotate(group=case).values_list("id", "group", "due_date", "completed_on").order_by():
            rows[row[0]] = row  # a task led by one of the user's agencies and coordinated by another: once
    members: dict[str, list] = {}
    for row in rows.values():
        members.setdefault(row[1], []).append(row)
    groups = []
    shown: dict[str, list[int]] = {}
    for key, title, _ in _group_predicates(today):
        group_rows = sorted(members.get(key, []), key=_first_sort_key(key))
        shown[key] = [row[0] for row in group_rows[:per_group]]
        groups.append(InboxGroup(key=key, title=title, count=len(group_rows)))
    wanted = [pk for keys in shown.values() for pk in keys]
    full = (
        Task.objects.filter(pk__in=wanted)
        .annotate(status=st.status_expression(today))
        .select_related("lead", "conclusion__notice")
        .in_bulk()
    )
    for group in groups:
        # A task deleted between the two reads is simply not shown.
        group.tasks = [full[pk] for pk in shown[group.key] if pk in full]
        for task in group.tasks:
            task.days_late = st.days_overdue(task, today)
            task.agency_role = "Chủ trì" if task.lead_id in ids else "Phối hợp"
    _add_missing_periods([t for g in groups for t in g.tasks], today)
    return groups


def overdue_tasks(ids, today: dt.date) -> list[Task]:
    """The whole "Quá hạn" group of these agencies' inbox (lead or coordinating), longest overdue
    first: what the agency's daily digest lists, so the mail and the inbox give the same count."""
    overdue = next(predicate for key, _, predicate in _group_predicates(today) if key == "overdue")
    tasks = {}
    for part in _agency_task_parts(list(ids), "all"):
        for task in part.filter(overdue).select_related("lead", "conclusion__notice"):
            tasks[task.pk] = task
    return sorted(tasks.values(), key=lambda task: (task.due_date, task.pk))


def _add_missing_periods(tasks, today: dt.date) -> None:
    """For recurring tasks: the past periods the lead agency has not reported yet (the periodic
    report is the lead's duty, so the lead and its coordinating agencies see the same periods),
    and the current period with whether it is reported."""
    recurring = [t for t in tasks if t.deadline_kind == DeadlineKind.RECURRING and st.is_open(t)]
    if not recurring:
        return
    reported = lead_reported_periods([t.pk for t in recurring])
    for task in recurring:
        since = timezone.localdate(task.published_at)
        missing = missing_periods(
            since=since, today=today, recurrence=task.recurrence, reported=reported.get(task.pk, set())
        )
        task.missing_periods = [period_label(p, task.recurrence) for p in missing]
        task.current_period = current_period(task, today, reported.get(task.pk, set()))


def tasks_awaiting_verification() -> QuerySet[Task]:
    return (
        Task.objects.filter(st.status_q(st.TaskStatus.AWAITING_VERIFICATION))
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
