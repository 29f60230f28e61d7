"""The sweep against the database: what it claims, what it leaves alone, what it records."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives.models import Digest, ReminderItem, SweepRun, Task
from directives.reminders.sweep import fail_stuck, sweep
from directives.tasks.kept import throwaway_tasks_delete
from directives.tasks.periods import lead_reported_periods
from directives.tasks.workflow import task_report_progress
from tests.directives.reminders.conftest import local
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db

PLAN_EVE = local(2021, 6, 25)  # 07:00 the day before the plans are due (26/6)


def test_one_digest_per_agency_holds_its_led_and_coordinated_tasks(health_dept, ict_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    TaskFactory(lead=ict_dept, due_date=dt.date(2021, 6, 26), coordinating=[health_dept])
    sweep(at=PLAN_EVE)
    digest = Digest.objects.get(agency=health_dept)
    assert digest.kind == Digest.Kind.AGENCY and digest.day == dt.date(2021, 6, 25)
    assert sorted(digest.items.values_list("role", flat=True)) == ["coordinating", "lead"]
    assert Digest.objects.count() == 2


def test_second_sweep_of_the_day_claims_nothing_new(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    sweep(at=PLAN_EVE)
    result = sweep(at=local(2021, 6, 25, 7, 15))
    assert (Digest.objects.count(), ReminderItem.objects.count()) == (1, 1)
    assert result.items == 0 and result.skipped == 0


@pytest.mark.parametrize(
    "closed",
    [
        {"verified_at": local(2021, 6, 24, 17), "completed_on": dt.date(2021, 6, 24)},
        {"cancelled_at": local(2021, 6, 24, 17), "cancel_reason": "Không còn cần thiết"},
    ],
    ids=["completed", "cancelled"],
)
def test_closed_tasks_are_never_reminded(health_dept, closed):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26), **closed)
    sweep(at=PLAN_EVE)
    assert not ReminderItem.objects.exists()


def test_superseded_task_is_never_reminded(health_dept):
    newer = TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 30))
    TaskFactory(
        lead=health_dept, due_date=dt.date(2021, 6, 26), superseded_by=newer, cancelled_at=local(2021, 6, 24, 17)
    )
    sweep(at=PLAN_EVE)
    assert not ReminderItem.objects.exists()


def test_unpublished_task_is_never_reminded(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26), published_at=None)
    sweep(at=PLAN_EVE)
    assert not ReminderItem.objects.exists()


def test_extended_task_is_reminded_against_its_new_date(health_dept):
    task = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    Task.objects.filter(pk=task.pk).update(due_date=dt.date(2021, 7, 2))  # extension approved on 24/6
    for day in (25, 26, 27):
        sweep(at=local(2021, 6, day))
    # 25/6 is now 7 days before the new date; the old due day and its overdue chase are gone.
    assert list(ReminderItem.objects.values_list("day", "kind", "offset", "due_date")) == [
        (dt.date(2021, 6, 25), "before", 7, dt.date(2021, 7, 2))
    ]


def report_period(task, officer, when: dt.datetime):
    """A progress report sent through the workflow at `when` (it records the period it covers)."""
    with time_machine.travel(when, tick=False):
        task_report_progress(task=task, actor=officer, text="Báo cáo định kỳ")


def test_recurring_period_with_a_progress_report_is_not_reminded(health_dept, health_dept_officer):
    daily = TaskFactory(lead=health_dept, deadline_kind="recurring", recurrence="daily", due_date=None)
    report_period(daily, health_dept_officer, local(2021, 6, 25, 6, 30))
    sweep(at=PLAN_EVE)
    assert not ReminderItem.objects.exists()


def test_recurring_period_without_a_report_is_reminded(health_dept, health_dept_officer):
    daily = TaskFactory(lead=health_dept, deadline_kind="recurring", recurrence="daily", due_date=None)
    report_period(daily, health_dept_officer, local(2021, 6, 24, 18, 0))
    sweep(at=PLAN_EVE)
    assert ReminderItem.objects.get().kind == "recurring"


def test_a_coordinating_agency_report_does_not_silence_the_lead_reminder(health_dept, ict_dept, ict_dept_officer):
    """The periodic report is the lead's duty: until the lead reports, its reminder goes."""
    daily = TaskFactory(
        lead=health_dept, coordinating=[ict_dept], deadline_kind="recurring", recurrence="daily", due_date=None
    )
    report_period(daily, ict_dept_officer, local(2021, 6, 25, 6, 30))
    sweep(at=PLAN_EVE)
    item = ReminderItem.objects.get()
    assert (item.kind, item.agency_id, item.day) == ("recurring", health_dept.pk, dt.date(2021, 6, 25))


def test_a_lead_report_counts_for_the_local_period_it_was_sent_in(health_dept, health_dept_officer):
    """Weeks start on Monday in the office's time zone: 23:50 on Sunday is the old week."""
    weekly = TaskFactory(lead=health_dept, deadline_kind="recurring", recurrence="weekly", due_date=None)
    for when in (local(2021, 6, 28, 0, 5), local(2021, 7, 4, 23, 50), local(2021, 7, 5, 0, 1)):
        report_period(weekly, health_dept_officer, when)
    assert lead_reported_periods([weekly.pk]) == {weekly.pk: {dt.date(2021, 6, 28), dt.date(2021, 7, 5)}}
    assert lead_reported_periods([weekly.pk], since=dt.date(2021, 7, 1)) == {weekly.pk: {dt.date(2021, 7, 5)}}


def test_catch_up_after_an_outage_sends_the_due_day_reminder_and_records_the_skipped_one(health_dept):
    task = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 30))
    sweep(at=local(2021, 6, 28, 23, 45))  # the last sweep before the worker and Redis went down
    sweep(at=local(2021, 6, 30, 9, 20))  # back up on the due day, after 07:00
    sent = ReminderItem.objects.get(task=task, digest__isnull=False, day=dt.date(2021, 6, 30))
    skipped = ReminderItem.objects.get(task=task, digest__isnull=True)
    assert sent.kind == "due_today"
    assert (skipped.day, skipped.kind, skipped.offset) == (dt.date(2021, 6, 29), "before", 1)
    assert "07:00 29/06/2021" in skipped.skipped_reason and "gián đoạn" in skipped.skipped_reason


def test_reminder_arising_after_the_days_digest_was_sent_is_recorded_skipped(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    sweep(at=PLAN_EVE)
    Digest.objects.update(status=Digest.Status.SENT)
    late = TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 2), published_at=local(2021, 6, 1))
    sweep(at=local(2021, 6, 25, 10))
    item = ReminderItem.objects.get(task=late)
    assert item.digest is None and "đã gửi" in item.skipped_reason


def test_sweep_records_its_run_for_the_next_catch_up(health_dept):
    sweep(at=PLAN_EVE)
    assert SweepRun.objects.get().at == PLAN_EVE


def test_digest_left_sending_by_a_killed_worker_is_failed_not_resent(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    sweep(at=PLAN_EVE)
    Digest.objects.update(status=Digest.Status.SENDING, claimed_at=PLAN_EVE)
    assert fail_stuck(now=PLAN_EVE + dt.timedelta(minutes=31)) == 1
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.FAILED and "tránh gửi trùng" in digest.last_error
    assert sweep(at=local(2021, 6, 25, 8)).digest_ids == []


def _queries_for(count: int) -> int:
    agencies = [AgencyFactory() for _ in range(5)]
    for i in range(count):
        TaskFactory(lead=agencies[i % 5], due_date=dt.date(2021, 6, 26), coordinating=[agencies[(i + 1) % 5]])
    with CaptureQueriesContext(connection) as ctx:
        sweep(at=PLAN_EVE)
    Digest.objects.all().delete()
    SweepRun.objects.all().delete()
    throwaway_tasks_delete(Task.objects.all())
    return len(ctx.captured_queries)


def test_sweep_makes_no_query_per_task():
    # 12 times the tasks, the same queries; at most one more INSERT, as SQLite splits a bulk
    # insert into chunks of about 90 rows (its limit on query parameters).
    few, many = _queries_for(5), _queries_for(60)
    assert many - few <= 1


def test_monday_summary_missed_in_an_outage_is_sent_at_the_next_sweep(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 21))
    sweep(at=local(2021, 6, 27, 23, 45))  # Sunday night, then the worker and Redis go down
    result = sweep(at=local(2021, 6, 29, 9, 0))  # back on Tuesday
    summary = Digest.objects.get(kind=Digest.Kind.SUMMARY)
    assert (summary.day, summary.status) == (dt.date(2021, 6, 28), Digest.Status.PENDING)
    assert result.summary_id == summary.pk and summary.pk in result.digest_ids


def test_summaries_missed_beyond_the_catch_up_are_recorded_skipped_with_the_reason(health_dept, settings):
    settings.REMINDER_CATCHUP_DAYS = 2
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 10))
    sweep(at=local(2021, 6, 20, 23, 45))
    sweep(at=local(2021, 7, 2, 9, 0))  # down from Sunday 20/6 to Friday 2/7: two Mondays missed
    assert list(Digest.objects.filter(kind=Digest.Kind.SUMMARY).order_by("day").values_list("day", "status")) == [
        (dt.date(2021, 6, 21), Digest.Status.SKIPPED),
        (dt.date(2021, 6, 28), Digest.Status.SKIPPED),
    ]
    assert "07:30 28/06/2021" in Digest.objects.get(day=dt.date(2021, 6, 28)).last_error


def test_a_summary_sent_on_time_is_not_sent_again_by_the_next_sweep(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 21))
    sweep(at=local(2021, 6, 28, 7, 30))
    Digest.objects.filter(kind=Digest.Kind.SUMMARY).update(status=Digest.Status.SENT)
    result = sweep(at=local(2021, 6, 29, 7, 0))
    assert result.summary_id is None
    assert list(Digest.objects.filter(kind=Digest.Kind.SUMMARY).values_list("status", flat=True)) == ["sent"]
