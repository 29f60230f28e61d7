"""Reads for the agency inbox and the office's queues: selectors returning querysets."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from agencies.roles import agency_ids
from directives.models import ExtensionRequest, ProgressReport, Task, TaskAssignment, TaskCoordination
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
# the officer: what waits for the agency's head, what the office sent back, then what is late,
# then what is due this week. The statuses and the window are the rules of
# directives.tasks.status; only "awaiting_head" and "returned" are the inbox's own (facts, not
# day rules). A completion waiting for the head is still "working" for the office's figures.
def _group_predicates(today: dt.date) -> list[tuple[str, str, Q]]:
    overdue = st.status_q(st.TaskStatus.OVERDUE, today)
    due_soon = st.status_q(st.DUE_WINDOW, today)
    head = Q(head_review_since__isnull=False)
    returned = Q(returned_at__isnull=False) | head
    return [
        ("awaiting_head", "Chờ lãnh đạo cơ quan duyệt", st.WORKING_Q & head),
        ("returned", "Bị Văn phòng trả lại", st.WORKING_Q & Q(returned_at__isnull=False) & ~head),
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
    # Work nobody in the agency handles yet first, then by due date (tasks without one last, as
    # PostgreSQL sorts them), then id.
    return lambda row: (row[4], row[2] is None, row[2] or dt.date.min, row[0])


def _current_handlers(agency_ids: frozenset[int]):
    return TaskAssignment.objects.filter(ended_at__isnull=True, agency_id__in=agency_ids)


def inbox_groups(user, *, role: str = "all", today: dt.date | None = None, per_group: int = 100) -> list[InboxGroup]:
    """The agency's tasks in their groups, each with its count and its first `per_group` tasks;
    in each group the tasks nobody of the agency is in charge of come first."""
    return _groups(_agency_task_parts(agency_ids(user), role), agency_ids(user), today=today, per_group=per_group)


def my_task_groups(user, *, today: dt.date | None = None, per_group: int = 100) -> list[InboxGroup]:
    """ "Việc của tôi": the published tasks the person handles now (in charge or assisting), in the
    inbox's groups."""
    mine = TaskAssignment.objects.filter(user=user, ended_at__isnull=True, agency_id__in=agency_ids(user))
    part = Task.objects.published().filter(pk__in=mine.values("task_id"))
    groups = _groups([part], agency_ids(user), today=today, per_group=per_group)
    for task in (task for group in groups for task in group.tasks):
        task.my_role = next((h.get_role_display() for h in task.current_handlers if h.user_id == user.pk), "")
    return groups


def _groups(parts: list[QuerySet[Task]], ids: frozenset[int], *, today, per_group: int) -> list[InboxGroup]:
    """The tasks of `parts` in their groups, seen by the people of agencies `ids`.

    The group of every task is decided by the database (one CASE over the same predicates), in
    one narrow read of (id, group, due date, completion date, handled) per part; the full rows
    are read for the tasks shown only, with their current handlers. The same few queries
    whatever the number of tasks: the agencies, one read per part, the rows shown, their
    handlers, and the reports of the recurring tasks among them."""
    today = today or timezone.localdate()
    case = _group_case(today)
    handled = Exists(_current_handlers(ids).filter(task=OuterRef("pk"), role=TaskAssignment.Role.IN_CHARGE))
    rows = {}
    for part in parts:
        narrow = part.annotate(group=case, handled=handled).values_list(
            "id", "group", "due_date", "completed_on", "handled"
        )
        for row in narrow.order_by():
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
    handlers = _current_handlers(ids).select_related("user").order_by("role", "assigned_at", "id")
    full = (
        Task.objects.filter(pk__in=wanted)
        .annotate(status=st.status_expression(today))
        .select_related("lead", "conclusion__notice")
        .prefetch_related(Prefetch("handlers", queryset=handlers, to_attr="current_handlers"))
        .in_bulk()
    )
    for group in groups:
        # A task deleted between the two reads is simply not shown.
        group.tasks = [full[pk] for pk in shown[group.key] if pk in full]
        for task in group.tasks:
            task.days_late = st.days_overdue(task, today)
            task.agency_role = "Chủ trì" if task.lead_id in ids else "Phối hợp"
            task.in_charge = next((h for h in task.current_handlers if h.role == TaskAssignment.Role.IN_CHARGE), None)
            task.assisting = [h for h in task.current_handlers if h.role == TaskAssignment.Role.ASSISTING]
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


def with_completion_evidence(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Each task with `completion_reports`, its completion reports newest first, and their
    attachments: two more queries whatever the number of tasks."""
    reports = (
        ProgressReport.objects.filter(kind=ProgressReport.Kind.COMPLETION)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("-created_at", "-id")
    )
    return tasks.prefetch_related(Prefetch("reports", queryset=reports, to_attr="completion_reports"))


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
