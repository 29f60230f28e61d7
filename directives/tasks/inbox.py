"""Reads for the agency inbox and the office's queues: selectors returning querysets."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from agencies.roles import agency_ids
from directives.models import ExtensionRequest, ProgressReport, Task, TaskAgency, TaskAssignment
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
    """The inbox group of each task as its position in _group_predicates, 0 for a cancelled one.

    The same groups as the predicates, written for a CASE, where the first condition that holds
    wins: each condition may leave out what an earlier one took, so each is one comparison
    (test_inbox checks the CASE against the predicates group by group). Django compiles a CASE
    of the full predicates in tens of milliseconds per query; this one costs little. A number, not
    the key: the database sorts and groups numbers faster than words in a collation."""
    keys = [key for key, _, _ in _group_predicates(today)]
    window_end = today + dt.timedelta(days=st.due_window_days())
    first_match = [
        (0, Q(cancelled_at__isnull=False)),
        (keys.index("completed") + 1, Q(completed_on__isnull=False)),
        (keys.index("awaiting") + 1, Q(submitted_at__isnull=False)),
        # From here the task is open and not submitted: WORKING_Q.
        (keys.index("awaiting_head") + 1, Q(head_review_since__isnull=False)),
        (keys.index("returned") + 1, Q(returned_at__isnull=False)),
        (keys.index("overdue") + 1, Q(due_date__lt=today)),
        (keys.index("due_soon") + 1, Q(due_date__lte=window_end)),
    ]
    whens = [When(condition, then=Value(n)) for n, condition in first_match]
    return Case(*whens, default=Value(keys.index("in_progress") + 1), output_field=IntegerField())


def _agency_rows(ids, role: str = "all") -> QuerySet[TaskAgency]:
    """The published tasks of these agencies as their agency rows (directives.models.reach): one
    index range per agency, in due-date order, with every column the groups read. A task two of
    the person's agencies reach is taken once, through its lead row first."""
    ids = list(ids)
    rows = TaskAgency.objects.filter(agency_id__in=ids, published_at__isnull=False)
    if role == "lead":
        rows = rows.filter(role=TaskAgency.Role.LEAD)
    elif role == "coordinating":
        rows = rows.filter(role=TaskAgency.Role.COORDINATING)
    if len(ids) > 1:
        siblings = TaskAgency.objects.filter(task_id=OuterRef("task_id"), agency_id__in=ids)
        if role == "coordinating":
            rows = rows.exclude(Exists(siblings.filter(role=TaskAgency.Role.LEAD)))
        before = Q(role__lt=OuterRef("role")) | Q(role=OuterRef("role"), agency_id__lt=OuterRef("agency_id"))
        rows = rows.exclude(Exists(siblings.filter(before)))
    return rows


def _current_handlers(agency_ids: frozenset[int]):
    return TaskAssignment.objects.filter(ended_at__isnull=True, agency_id__in=agency_ids)


def group_keys() -> list[str]:
    return [key for key, _, _ in _group_predicates(timezone.localdate())]


def inbox_groups(
    user, *, role: str = "all", today: dt.date | None = None, per_group: int = 100, group: str = "", offset: int = 0
) -> list[InboxGroup]:
    """The agency's tasks in their groups, each with its count and its first `per_group` tasks;
    in each group the tasks nobody of the agency is in charge of come first. With `group`, only
    that group's tasks are read, `per_group` of them from `offset` (its pages)."""
    ids = agency_ids(user)
    return _groups(_agency_rows(ids, role), ids, today=today, per_group=per_group, only=group, offset=offset)


def my_task_groups(user, *, today: dt.date | None = None, per_group: int = 100) -> list[InboxGroup]:
    """ "Việc của tôi": the published tasks the person handles now (in charge or assisting), in the
    inbox's groups."""
    ids = agency_ids(user)
    mine = TaskAssignment.objects.filter(user=user, ended_at__isnull=True, agency_id__in=ids)
    rows = _agency_rows(ids).filter(task_id__in=mine.values("task_id"))
    groups = _groups(rows, ids, today=today, per_group=per_group)
    for task in (task for group in groups for task in group.tasks):
        task.my_role = next((h.get_role_display() for h in task.current_handlers if h.user_id == user.pk), "")
    return groups


def _groups(
    rows: QuerySet[TaskAgency], ids: frozenset[int], *, today, per_group: int, only: str = "", offset: int = 0
) -> list[InboxGroup]:
    """The tasks of these agency rows in their groups, seen by the people of agencies `ids`.

    The database decides everything from the agency rows' index: the group of each row (one CASE
    over the same predicates), the count of each group, and the first `per_group` of each (work
    nobody of the agency is in charge of first, then by due date, those without one last; the
    completed ones most recent first), each row carrying its group's size. Python gets only the
    rows shown: the same five queries whatever the number of tasks (first rows, most recent
    completions, the tasks shown, their handlers, and the reports of the recurring ones among
    them); a single group's page counts the others in one more."""
    today = today or timezone.localdate()
    predicates = _group_predicates(today)
    keys = [key for key, _, _ in predicates]
    grouped = rows.annotate(group=_group_case(today))
    completed = keys.index("completed") + 1
    wanted_groups = [n for n, key in enumerate(keys, 1) if not only or key == only]
    counts: dict[int, int] = {}
    if only:
        # One group's page: the others are only counted, for the figures above it.
        counts = dict(grouped.order_by().values("group").annotate(n=Count("*")).values_list("group", "n"))
    # The completed, most recent first; every other group, unhandled first, then by due date.
    # Each row also carries its group's size, counted before the first rows are kept.
    ranked = grouped.filter(cancelled_at__isnull=True, completed_on__isnull=True)
    if only:
        ranked = ranked.filter(group__in=wanted_groups)
    ranked = (
        ranked.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("group")],
                order_by=[F("handled").asc(), F("due_date").asc(nulls_last=True), F("task_id").asc()],
            ),
            size=Window(Count("*"), partition_by=[F("group")]),
        )
        .filter(rank__gt=offset, rank__lte=offset + per_group)
        .order_by("group", "rank")
        .values_list("group", "task_id", "size")
    )
    shown: dict[str, list[int]] = {key: [] for key in keys}
    for number, task_id, size in ranked:
        shown[keys[number - 1]].append(task_id)
        counts.setdefault(number, size)
    if completed in wanted_groups:
        recent = rows.filter(st.status_q(st.COMPLETED, today)).annotate(size=Window(Count("*")))
        recent = recent.order_by("-completed_on", "-task_id")
        first = list(recent.values_list("task_id", "size")[offset : offset + per_group])
        shown["completed"] = [task_id for task_id, _ in first]
        if first:
            counts.setdefault(completed, first[0][1])
    groups = [
        InboxGroup(key=key, title=title, count=counts.get(n, 0)) for n, (key, title, _) in enumerate(predicates, 1)
    ]
    wanted = [pk for keys in shown.values() for pk in keys]
    handlers = _current_handlers(ids).select_related("user").order_by("role", "assigned_at", "id")
    full = (
        Task.objects.filter(pk__in=wanted)
        .select_related("lead", "conclusion__notice")
        .prefetch_related(Prefetch("handlers", queryset=handlers, to_attr="current_handlers"))
        .in_bulk()
    )
    for group in groups:
        # A task deleted between the two reads is simply not shown.
        group.tasks = [full[pk] for pk in shown[group.key] if pk in full]
        for task in group.tasks:
            # The Python twin of the status rules, for the rows in hand (tests keep them agreeing).
            task.status = st.compute_status(task, today)
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
    task_ids = _agency_rows(ids).filter(overdue).values("task_id")
    return list(
        Task.objects.filter(pk__in=task_ids).select_related("lead", "conclusion__notice").order_by("due_date", "pk")
    )


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
