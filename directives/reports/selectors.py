"""What the dashboard counts, in a constant number of queries whatever the number of tasks.

Every task in a period's scope falls in exactly one bucket on the report day; one scan counting
the buckets per (lead agency, month of the due date) gives the agencies table, the headline
figures (their sums) and the month trend. Each
figure has a task-list query string (TaskFilter parameters) selecting exactly the tasks it counts.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections, models, transaction
from django.db.models import Count, F, Q, Value
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from agencies.roles import sees_everything
from directives.models import Task
from directives.models.task import DeadlineKind, MonthStart
from directives.tasks import status as st
from directives.tasks.access import tasks_visible_to
from directives.tasks.filters import TaskFilter
from directives.tasks.status import TaskStatus

# Buckets: a partition of the scope on the report day ("later" = open, due after the window of
# "due within N days", st.DUE_WINDOW).
ON_TIME, LATE, OVERDUE, AWAITING = "on_time", "late", "overdue", "awaiting"
NO_DEADLINE, DUE_WEEK, LATER, CANCELLED = "no_deadline", "due_week", "later", "cancelled"
BUCKET_STATUS = [
    (CANCELLED, TaskStatus.CANCELLED),
    (ON_TIME, TaskStatus.COMPLETED_ON_TIME),
    (LATE, TaskStatus.COMPLETED_LATE),
    (AWAITING, TaskStatus.AWAITING_VERIFICATION),
    (NO_DEADLINE, TaskStatus.NO_DEADLINE),
    (OVERDUE, TaskStatus.OVERDUE),
    (DUE_WEEK, st.DUE_WINDOW),
]
# Open tasks without a due date, by what they are: a periodic report (Định kỳ), ongoing work
# (Thường xuyên), or none given ("no_deadline" keeps the rest, and sums the three as a figure).
RECURRING, ONGOING = "recurring", "ongoing"
UNDATED_KINDS = {RECURRING: DeadlineKind.RECURRING, ONGOING: DeadlineKind.ONGOING}
LIST_LIMIT = 20
ONE = Value(1)


def bucket_counts(day: dt.date) -> dict[str, Count]:
    """One conditional count per bucket (COUNT ... FILTER on PostgreSQL): the buckets partition
    the tasks, so these plus the total are every figure of the page."""
    # COUNT(1) rather than COUNT(id): no column to read and test for NULL in each of the rows.
    within = st.status_as_of_q(st.WITHIN_DEADLINE, day)
    counts = {bucket: Count(ONE, filter=st.status_as_of_q(status, day)) for bucket, status in BUCKET_STATUS}
    undated = st.status_as_of_q(TaskStatus.NO_DEADLINE, day)
    for bucket, kind in UNDATED_KINDS.items():
        counts[bucket] = Count(ONE, filter=undated & Q(deadline_kind=kind))
    counts[NO_DEADLINE] = Count(ONE, filter=undated & ~Q(deadline_kind__in=list(UNDATED_KINDS.values())))
    counts[LATER] = Count(ONE, filter=within & st.due_after_q(day, st.due_window_days(), "due_on"))
    return counts


@dataclass
class Figures:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, bucket: str, n: int) -> None:
        self.counts[bucket] = self.counts.get(bucket, 0) + n

    def _get(self, *buckets) -> int:
        return sum(self.counts.get(b, 0) for b in buckets)

    @property
    def assigned(self) -> int:
        return sum(self.counts.values())

    on_time = property(lambda self: self._get(ON_TIME))
    late = property(lambda self: self._get(LATE))
    overdue = property(lambda self: self._get(OVERDUE))
    awaiting = property(lambda self: self._get(AWAITING))
    # Every open task without a due date; and its parts, which the dashboard shows one by one.
    no_deadline = property(lambda self: self._get(NO_DEADLINE, RECURRING, ONGOING))
    recurring = property(lambda self: self._get(RECURRING))
    ongoing = property(lambda self: self._get(ONGOING))
    undated = property(lambda self: self._get(NO_DEADLINE))
    due_week = property(lambda self: self._get(DUE_WEEK))
    within_deadline = property(lambda self: self._get(DUE_WEEK, LATER))
    cancelled = property(lambda self: self._get(CANCELLED))

    @property
    def rate(self) -> float | None:
        """On-time rate: completed on time among the tasks whose outcome was due (completed, on
        time or late, or overdue). None when nothing was due."""
        due = self.on_time + self.late + self.overdue
        return self.on_time / due if due else None


@dataclass
class AgencyRow:
    agency_id: int
    name: str
    kind_name: str
    kind_order: int
    figures: Figures
    rank: int | None = None
    links: dict[str, str] = field(default_factory=dict)


@dataclass
class TaskList:
    """The task list's filter set (its form and choices), its rows and the day they are judged on.

    Each row carries `row_status` (a TaskStatus value on that day) and `due_on` (the due date
    then in force)."""

    filterset: TaskFilter
    rows: models.QuerySet
    day: dt.date
    # The agency rows that stand one for one for `rows`, when they alone decide the list (one
    # agency, its role and today's status, for someone who sees every task): counting them reads
    # one index range instead of probing the task of each.
    counted_from: models.QuerySet | None = None

    @property
    def as_of(self) -> dt.date | None:
        return self.filterset.as_of


def task_list(user, params, *, judge_today_in_python: bool = False) -> TaskList:
    """The tasks of the list (/tasks/) and of its export, for the query string `params`.

    With `judge_today_in_python`, today's rows come without `row_status`: the caller judges the
    page it shows with compute_status, the Python twin of the same rules (a page of 50 rows costs
    less that way than compiling the CASE of every status into each query)."""
    filterset = TaskFilter(params, queryset=tasks_visible_to(user))
    rows = filterset.qs
    day = filterset.as_of
    if day is None:
        day = timezone.localdate()
        rows = rows.annotate(due_on=F("due_date"))
        if not judge_today_in_python:
            rows = rows.annotate(row_status=st.status_expression(day))
    else:
        rows = rows.annotate(row_status=st.status_as_of_expression(day))
    if not filterset.form.cleaned_data.get("o"):
        if filterset.joins_agency_rows is not None:
            # The same order, read from the agency rows' index (their due date is the task's).
            rows = rows.order_by(F("agency_rows__due_date").asc(nulls_last=True), "agency_rows__task_id")
        else:
            rows = rows.order_by(F("due_date").asc(nulls_last=True), "id")
    else:
        # Many tasks share a lead agency or a date: the id last makes the order total, so the
        # pages neither repeat nor skip a task.
        rows = rows.order_by(*rows.query.order_by, "id")
    counted_from = filterset.agency_rows_alone() if sees_everything(user) else None
    return TaskList(filterset=filterset, rows=rows, day=day, counted_from=counted_from)


def scope(user, params: dict):
    """The tasks of the dashboard's filters (a TaskFilter, so links reproduce it exactly)."""
    filterset = TaskFilter(params, queryset=tasks_visible_to(user))
    return filterset.qs.order_by()


def task_list_url(params: dict, **extra) -> str:
    merged = {k: v for k, v in {**params, **extra}.items() if v not in (None, "")}
    return f"{reverse('task_list')}?{urlencode(merged)}"


# The agencies table links these figures of each row (the page shows no others per agency).
ROW_FIGURES = ("assigned", "on_time", "late", "overdue", "within_deadline")


def _cells_query(queryset, day: dt.date):
    counts = bucket_counts(day)
    # Today the due date in force is due_date, whose month the task keeps (Task.due_month).
    month = F("due_month") if st.is_present(day) else MonthStart("due_on")
    query = queryset.values("lead_id", month=month).annotate(**counts).order_by()
    return query.values_list("lead_id", "month", *counts), list(counts)


def _grouped(queryset, sql: str, params, day: dt.date) -> list[tuple]:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or st.is_present(day):
        # There are a few thousand (agency, month) groups, and for today the statistics of
        # migration 0005 tell PostgreSQL so: it hashes them without being told anything.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        # For a past day the month comes from a join (due_on), which has no statistics, and
        # PostgreSQL guesses ~100,000 groups. More memory for this one statement's hash lets it
        # hash them rather than sort every row.
        cursor.execute("SET LOCAL hash_mem_multiplier = 8")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _month(value) -> dt.date | None:
    """A month as the database returns it (a date, a timestamp, or text on SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def figures_by_agency_and_month(queryset, day: dt.date) -> dict[tuple[int, dt.date | None], Figures]:
    """The whole page's figures in one scan: counts per (lead agency, month of the due date in force)."""
    query, buckets = _cells_query(queryset, day)
    sql, params = query.query.sql_with_params()
    result: dict[tuple[int, dt.date | None], Figures] = {}
    for lead_id, month, *values in _grouped(queryset, sql, params, day):
        result[(lead_id, _month(month))] = Figures({b: n for b, n in zip(buckets, values, strict=True) if n})
    return result


def figures_by_agency_and_by_month(queryset, day: dt.date) -> tuple[dict[int, Figures], dict[dt.date | None, Figures]]:
    """The same scan as figures_by_agency_and_month, summed in the database per agency and per
    month (the page needs no more): a hundred rows to read instead of thousands of cells."""
    query, buckets = _cells_query(queryset, day)
    sql, params = query.query.sql_with_params()
    columns = [f"b{i}" for i in range(len(buckets))]
    sums = ", ".join(f"CAST(SUM({c}) AS BIGINT)" for c in columns)
    wrapped = (
        f"WITH cells (lead_id, month, {', '.join(columns)}) AS ({sql}) "
        f"SELECT 1, lead_id, NULL, {sums} FROM cells GROUP BY lead_id "
        f"UNION ALL SELECT 2, NULL, month, {sums} FROM cells GROUP BY month"
    )
    agencies: dict[int, Figures] = {}
    months: dict[dt.date | None, Figures] = {}
    for per_agency, lead_id, month, *values in _grouped(queryset, wrapped, params, day):
        figures = Figures({b: n for b, n in zip(buckets, values, strict=True) if n})
        if per_agency == 1:
            agencies[lead_id] = figures
        else:
            months[_month(month)] = figures
    return agencies, months


def by_agency(cells: dict[tuple[int, dt.date | None], Figures]) -> dict[int, Figures]:
    result: dict[int, Figures] = {}
    for (lead_id, _), figures in cells.items():
        target = result.setdefault(lead_id, Figures())
        for bucket, n in figures.counts.items():
            target.add(bucket, n)
    return result


def month_trend(by_month: dict[dt.date | None, Figures], months: list[dt.date]) -> dict[dt.date, Figures]:
    """For each month, the tasks due in it (date in force on the report day): on time, late, overdue."""
    trend = {month: Figures() for month in months}
    for month, figures in by_month.items():
        if month in trend:
            for bucket in (ON_TIME, LATE, OVERDUE):
                if figures.counts.get(bucket):
                    trend[month].add(bucket, figures.counts[bucket])
    return trend


RANKING_RULE = (
    "Xếp hạng theo tỷ lệ đúng hạn; cùng tỷ lệ thì cơ quan ít nhiệm vụ quá hạn hơn đứng trước, "
    "rồi đến cơ quan có nhiều nhiệm vụ hoàn thành đúng hạn hơn. Cơ quan chưa có nhiệm vụ đến hạn "
    "không được xếp hạng."
)


def agencies_table(by_agency: dict[int, Figures], params: dict, sort: str = "rank") -> list[AgencyRow]:
    agencies = Agency.objects.filter(pk__in=list(by_agency)).values_list("pk", "name", "kind__name", "kind__order")
    rows = [AgencyRow(pk, name, kind, order, by_agency[pk]) for pk, name, kind, order in agencies]
    # Ranking for the period (RANKING_RULE, said on the page): agencies with nothing due yet are
    # not ranked. Never "more tasks due first": among agencies at 0 % that put the one with more
    # overdue tasks above the one with fewer.
    ranked = sorted(
        (r for r in rows if r.figures.rate is not None),
        key=lambda r: (-r.figures.rate, r.figures.overdue, -r.figures.on_time, r.name),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    # One URL prefix for the page; each row appends its agency and status (80 rows x 5 links).
    # The agency is a number and the statuses are plain words: nothing to encode per link.
    prefix = task_list_url({k: v for k, v in params.items() if k not in ("agency", "role")})
    suffixes = {key: f"&role=lead&{urlencode({'status': FIGURE_STATUS[key]})}" for key in ROW_FIGURES}
    for row in rows:
        start = f"{prefix}&agency={int(row.agency_id)}"
        row.links = {key: start + suffix for key, suffix in suffixes.items()}
    return sort_rows(rows, sort)


SORT_KEYS = {
    "rank": lambda r: (r.rank is None, r.rank or 0, r.name),
    "name": lambda r: r.name,
    "assigned": lambda r: -r.figures.assigned,
    "on_time": lambda r: -r.figures.on_time,
    "late": lambda r: -r.figures.late,
    "overdue": lambda r: -r.figures.overdue,
    "within_deadline": lambda r: -r.figures.within_deadline,
}


def sort_rows(rows: list[AgencyRow], sort: str) -> list[AgencyRow]:
    key = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS["rank"])
    return sorted(rows, key=key, reverse=sort.startswith("-"))


def group_by_kind(rows: list[AgencyRow]) -> list[tuple[str, list[AgencyRow]]]:
    groups: dict[tuple[int, str], list[AgencyRow]] = {}
    for row in rows:
        groups.setdefault((row.kind_order, row.kind_name), []).append(row)
    return [(name, members) for (_, name), members in sorted(groups.items())]


# Each figure and the TaskFilter status that selects exactly its tasks.
FIGURE_STATUS = {
    "assigned": st.ASSIGNED,
    "within_deadline": st.WITHIN_DEADLINE,
    "due_week": st.DUE_WINDOW,
    "overdue": TaskStatus.OVERDUE.value,
    "awaiting": TaskStatus.AWAITING_VERIFICATION.value,
    "on_time": TaskStatus.COMPLETED_ON_TIME.value,
    "late": TaskStatus.COMPLETED_LATE.value,
    "no_deadline": TaskStatus.NO_DEADLINE.value,
    "cancelled": TaskStatus.CANCELLED.value,
}
# The parts of "no_deadline" the dashboard shows: the same status, narrowed by the deadline kind.
FIGURE_DEADLINE = {"recurring": DeadlineKind.RECURRING, "ongoing": DeadlineKind.ONGOING, "undated": DeadlineKind.NONE}


def total(by_agency: dict[int, Figures]) -> Figures:
    figures = Figures()
    for agency_figures in by_agency.values():
        for bucket, n in agency_figures.counts.items():
            figures.add(bucket, n)
    return figures


def overdue_by_month(by_month: dict[dt.date | None, Figures]) -> dict[dt.date, int]:
    """The overdue tasks counted per month of the due date in force (the page's one scan)."""
    return {m: f.counts[OVERDUE] for m, f in by_month.items() if m is not None and f.counts.get(OVERDUE)}


def _months_holding_first(months: dict[dt.date, int], limit: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the months that hold the `limit` earliest tasks, from a count
    per month; None when there are none."""
    seen, first = 0, None
    for month in sorted(m for m, n in months.items() if n):
        first = first or month
        seen += months[month]
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        if seen >= limit:
            break
    return None if first is None else (first, last)


# What a short list's row shows (the dashboard's task_row): the rest of the task, of its notice
# (whose full text can run to pages) and of its agency is neither read nor built.
LIST_ROW_FIELDS = (
    "id",
    "action",
    "due_date",
    "lead__name",
    "conclusion__notice__number",
    "conclusion__notice__title",
    "conclusion__notice__issued_on",
    "conclusion__notice__kind__name",
)


def list_rows(rows):
    """The dashboard's short list `rows` (overdue_list, due_this_week) with only the columns
    its rows show."""
    return rows.only(*LIST_ROW_FIELDS)


def _first_by_due(queryset, day: dt.date, limit: int, span: tuple[dt.date, dt.date] | None = None):
    """The first `limit` tasks of `queryset` by the due date in force on `day`, then by id.

    `span`, when given, holds every due date in force of those first tasks (a superset of them
    is then read through the index on due_date)."""
    related = ("lead", "conclusion__notice__kind")
    if st.is_present(day):
        # Today the due date in force is the due_date column, which the partial index
        # task_working_due keeps in order: the database reads the first rows and stops.
        return queryset.select_related(*related).order_by("due_date", "id")[:limit]
    # On a past day it is computed per row (due_on), so without a span every row of the scope is
    # sorted. With one, only the tasks due in it are read: those the index on due_date finds,
    # and the few whose due date was extended after the day (st.due_on_between_q). Either way
    # narrow rows are sorted first, the ids, and the whole rows are read for the few kept.
    if span is not None:
        queryset = queryset.filter(st.due_on_between_q(day, *span))
    first = queryset.order_by("due_on", "id").values("id")[:limit]
    rows = st.with_due_on(Task.objects.filter(pk__in=first), day)
    return rows.select_related(*related).order_by("due_on", "id")


def overdue_list(queryset, day: dt.date, limit: int = LIST_LIMIT, months: dict[dt.date, int] | None = None):
    """Longest overdue first (the due date in force on `day`). `months`, the overdue tasks of
    the same queryset counted per month of that due date (overdue_by_month), lets a past day
    read only the months that hold the first `limit`."""
    queryset = queryset.filter(st.status_as_of_q(TaskStatus.OVERDUE, day))
    if months is None or st.is_present(day):
        return _first_by_due(queryset, day, limit)
    span = _months_holding_first(months, limit)
    if span is None:
        return Task.objects.none()
    return _first_by_due(queryset, day, limit, span)


def due_this_week(queryset, day: dt.date, limit: int = LIST_LIMIT):
    """Open tasks due within the window (day through day + N), soonest first."""
    queryset = queryset.filter(st.status_as_of_q(st.DUE_WINDOW, day))
    return _first_by_due(queryset, day, limit, (day, day + dt.timedelta(days=st.due_window_days())))
