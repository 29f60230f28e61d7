"""Reminders on working days only, with the clock frozen across Tết 2026 and days the office
declared: nothing goes out on a day off, a reminder due on one goes out the working day before,
and "waiting for verification for more than 2 working days" counts on the same calendar."""

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django.core import mail

from directives.models import DeclaredDay, Digest, ReminderItem, Task
from directives.workdays.services import declare_day
from tests.directives.reminders.conftest import local
from tests.factories import TaskFactory, office_user

pytestmark = pytest.mark.django_db


def _run_days(run_reminders, start: dt.date, end: dt.date, *, summary=False):
    day = start
    while day <= end:
        moments = [(7, 0), (7, 30)] if summary else [(7, 0)]
        for hour, minute in moments:
            at = local(day.year, day.month, day.day, hour, minute)
            with time_machine.travel(at, tick=False):
                run_reminders(at)
        day += dt.timedelta(days=1)


def _received(task) -> list[tuple[str, str]]:
    return [
        (f"{item.day:%d/%m}", f"{item.kind}:{item.offset}")
        for item in ReminderItem.objects.filter(task=task, digest__isnull=False, role="lead").order_by("day")
    ]


def test_nothing_goes_out_during_tet_and_its_reminders_go_the_working_day_before(health_dept, run_reminders):
    # Due Tuesday 17/02/2026, mùng 1 Tết. Tết holidays: Monday 16/02 to Friday 20/02.
    task = TaskFactory(lead=health_dept, due_date=dt.date(2026, 2, 17), published_at=local(2026, 2, 2, 9))
    _run_days(run_reminders, dt.date(2026, 2, 9), dt.date(2026, 2, 25))
    assert _received(task) == [
        ("10/02", "before:7"),
        # Friday 13/02, the last working day before Tết, carries the "3 days", "1 day", due-day and
        # first overdue reminders of the holidays, worded as of that day: 4 days left.
        ("13/02", "before:4"),
        ("23/02", "overdue:6"),
        ("24/02", "overdue:7"),
    ]
    sent_on = {digest.day for digest in Digest.objects.all()}
    assert not sent_on & {dt.date(2026, 2, 14) + dt.timedelta(days=i) for i in range(9)}
    assert len(mail.outbox) == 4


def test_verification_waits_two_working_days_across_tet(health_dept, run_reminders):
    office_user(username="office", email="office@example.gov.vn")
    # Submitted Thursday 12/02/2026: Friday 13/02 and Monday 23/02 are the two working days.
    task = TaskFactory(lead=health_dept, due_date=dt.date(2026, 3, 31), published_at=local(2026, 2, 2, 9))
    Task.objects.filter(pk=task.pk).update(submitted_at=local(2026, 2, 12, 10))
    _run_days(run_reminders, dt.date(2026, 2, 12), dt.date(2026, 2, 24))
    days = list(ReminderItem.objects.filter(task=task, kind="verification").values_list("day", flat=True))
    assert days == [dt.date(2026, 2, 24)]


def test_a_declared_day_off_and_a_declared_working_saturday(health_dept, office_clerk, run_reminders):
    # The office declares Monday 02/03/2026 off (nghỉ bù) and Saturday 07/03/2026 worked (làm bù).
    declare_day(day=dt.date(2026, 3, 2), kind=DeclaredDay.Kind.DAY_OFF, actor=office_clerk)
    declare_day(day=dt.date(2026, 3, 7), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)
    task = TaskFactory(lead=health_dept, due_date=dt.date(2026, 3, 2), published_at=local(2026, 2, 2, 9))
    _run_days(run_reminders, dt.date(2026, 2, 26), dt.date(2026, 3, 9))
    assert _received(task) == [
        # Friday 27/02 carries Sunday's "1 day" and the due day, a declared day off: 3 days left.
        ("27/02", "before:3"),
        ("03/03", "overdue:1"),
        ("04/03", "overdue:2"),
        ("05/03", "overdue:3"),
        ("06/03", "overdue:4"),
        # The declared Saturday is a working day: the chase goes out, carrying Sunday's.
        ("07/03", "overdue:5"),
        ("09/03", "overdue:7"),
    ]


def test_the_weekly_summary_of_a_tet_monday_goes_out_the_first_working_day_after(health_dept, run_reminders):
    office_user(username="office", email="office@example.gov.vn")
    TaskFactory(lead=health_dept, due_date=dt.date(2026, 2, 10), published_at=local(2026, 2, 2, 9))
    _run_days(run_reminders, dt.date(2026, 2, 15), dt.date(2026, 2, 24), summary=True)
    summaries = defaultdict(list)
    for digest in Digest.objects.filter(kind=Digest.Kind.SUMMARY):
        summaries[digest.status].append(digest.day)
    # Monday 16/02 is Tết: that week's summary goes on Monday 23/02 with that week's own.
    assert dict(summaries) == {Digest.Status.SENT: [dt.date(2026, 2, 23)]}
