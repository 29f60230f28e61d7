"""The PostgreSQL indexes the benchmark justifies are the ones the dashboard's queries use."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection

from directives.reports import selectors
from directives.tasks.status import asof
from tests.factories import TaskFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def plan(queryset, *disabled: str) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would be read sequentially; ask what the index can do.
        for setting in ("enable_seqscan", *disabled):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        yield


def test_period_scope_reads_the_covering_closing_date_index(leader):
    TaskFactory.create_batch(3)
    day = dt.date(2021, 7, 1)
    params = {"on": "2021-07-01", "active_from": "2021-01-01", "active_to": "2021-12-31"}
    query = selectors.scope(leader, params).values("lead_id").annotate(**selectors.bucket_counts(day))
    # The expression matches the index (on a big, vacuumed table the scan is index-only).
    assert "task_closed_cover" in plan(query)


@pytest.mark.parametrize("day", ["2021-07-01", "2021-03-31"], ids=["today", "past day"])
def test_the_figures_read_only_the_covering_index_and_the_few_follow_ups(leader, day):
    """Every column the figures read (the deadline kind of undated tasks too, migration 0017) is
    in task_closed_cover, so on a vacuumed table the scan need never visit the table; and with no
    task carried on, no task is checked for a follow-up (the chain rule reads the few follow-ups
    first). Which index the planner picks for a handful of rows depends on the statistics the
    earlier tests left, so the columns are checked in the index's definition; the benchmark shows
    the plan at a million tasks."""
    TaskFactory.create_batch(3)
    params = {"on": day, "active_from": "2021-01-01", "active_to": "2021-12-31"}
    query, _ = selectors._cells_query(selectors.scope(leader, params), dt.date.fromisoformat(day))
    assert "continues_id" not in plan(query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'task_closed_cover'")
        (definition,) = cursor.fetchone()
    read = ["lead_id", "due_date", "deadline_kind", "published_at", "cancelled_at", "completed_on", "submitted_at"]
    if day == "2021-07-01":
        # Today's figures group by the stored month (migration 0020).
        assert '"due_month"' in str(query.query)
        read.append("due_month")
    assert all(column in definition for column in read), definition


def test_overdue_list_today_reads_the_open_tasks_index(leader):
    TaskFactory.create_batch(3)
    day = dt.date(2021, 7, 1)
    queryset = selectors.scope(leader, {"on": day.isoformat()})
    # Three rows are as cheap to sort as to read in order, and depending on the statistics earlier
    # tests left the planner did either: ask for the order the index gives.
    assert "task_working_due" in plan(selectors.overdue_list(queryset, day), "enable_sort", "enable_incremental_sort")


def test_due_date_in_force_on_a_past_day_is_a_join_not_a_subquery(leader):
    TaskFactory.create_batch(3)
    queryset = asof.with_due_on(selectors.scope(leader, {"on": "2021-06-01"}), dt.date(2021, 6, 1))
    text = plan(queryset.values("due_on"))
    assert "SubPlan" not in text
    assert "directives_duedatechange" in text


@pytest.mark.parametrize("month", ["expression", "stored"])
def test_grouping_by_agency_and_month_is_estimated_from_the_statistics(month):
    """The planner knows how many (lead agency, due month) pairs there are, so the figures query
    hashes them instead of sorting every row: for a past day the month is computed (MonthStart,
    statistics of migration 0005, which only help while their expression is the one MonthStart
    writes), for today it is read from the stored Task.due_month (statistics of migration 0020)."""
    from django.db.models import Count, F

    from directives.models import Task
    from directives.models.task import MonthStart
    from tests.factories import AgencyFactory

    # 30 agencies, each with tasks due on 25 days of its own month: 30 pairs, where the columns
    # taken independently suggest several hundred.
    for n, agency in enumerate(AgencyFactory.create_batch(30)):
        first = dt.date(2019 + n // 12, n % 12 + 1, 1)
        for day in range(25):
            TaskFactory.create_batch(2, lead=agency, due_date=first + dt.timedelta(days=day))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directives_task")
    grouped = MonthStart("due_date") if month == "expression" else F("due_month")
    query = Task.objects.values("lead_id", month=grouped).annotate(n=Count("id")).order_by()
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        estimated = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    assert len(query) == 30
    assert estimated <= 60


def test_the_connection_starts_parallel_workers_only_for_the_big_scans():
    """A page of 50 rows took 16 ms with two parallel workers and under 1 ms without: the
    connection prices a parallel start at 10,000 (PostgreSQL's default is 1,000), and jit is off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW parallel_setup_cost")
        assert float(cursor.fetchone()[0]) == 10_000
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_verification_queue_and_its_count_read_the_index_of_completions_awaiting():
    from directives.tasks.inbox import tasks_awaiting_verification

    TaskFactory.create_batch(3)
    queue = tasks_awaiting_verification()
    assert "task_awaiting_verification" in plan(queue[:50])
    assert "task_awaiting_verification" in plan(queue.order_by().values("pk"))
