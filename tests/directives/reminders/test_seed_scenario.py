"""The notice of 24/6/2021, day by day with the clock frozen: who is reminded of what, when.

Deadlines as in the seed: plans due 26/6 (departments) and 27/6 (districts), the software due
30/6 with coordinating agencies, the database review due 15/7. Published 24/6 at 16:00.
"""

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django.core import mail

from agencies.models import AgencyKind
from directives.models import Digest, ReminderItem, Task
from tests.directives.reminders.conftest import local
from tests.factories import AgencyFactory, ConclusionFactory, MembershipFactory, TaskFactory, office_user

pytestmark = pytest.mark.django_db

START, END = dt.date(2021, 6, 24), dt.date(2021, 7, 16)


@pytest.fixture
def scenario(health_dept, ict_dept):
    district_kind, _ = AgencyKind.objects.get_or_create(code="district", defaults={"name": "UBND cấp huyện"})
    luc_ngan = AgencyFactory(name="UBND huyện Lục Ngạn", kind=district_kind)
    industrial = AgencyFactory(name="Ban Quản lý các Khu công nghiệp tỉnh")
    office_user(username="office", email="office@bacgiang.example")
    MembershipFactory(agency=ict_dept, user__email="sotttt@bacgiang.example")
    conclusion = ConclusionFactory()
    tasks = {
        "plan-syt": TaskFactory(conclusion=conclusion, lead=health_dept, due_date=dt.date(2021, 6, 26)),
        "plan-tttt": TaskFactory(conclusion=conclusion, lead=ict_dept, due_date=dt.date(2021, 6, 26)),
        "plan-lucngan": TaskFactory(conclusion=conclusion, lead=luc_ngan, due_date=dt.date(2021, 6, 27)),
        "software": TaskFactory(
            conclusion=conclusion, lead=ict_dept, due_date=dt.date(2021, 6, 30), coordinating=[industrial, luc_ngan]
        ),
        "database": TaskFactory(conclusion=conclusion, lead=ict_dept, due_date=dt.date(2021, 7, 15)),
    }
    return tasks


def _run_days(run_reminders, tasks):
    plan = tasks["plan-syt"]
    day = START
    while day <= END:
        # The beat's sweep at 07:00 every day, and the weekly summary's at 07:30 on Mondays.
        for hour, minute in ((7, 0), (7, 30)) if day.weekday() == 0 else ((7, 0),):
            with time_machine.travel(local(day.year, day.month, day.day, hour, minute), tick=False):
                run_reminders(local(day.year, day.month, day.day, hour, minute))
        # Sở Y tế submits its plan on 29/6 and the office verifies it on 2/7, both at 10:00.
        if day == dt.date(2021, 6, 29):
            Task.objects.filter(pk=plan.pk).update(submitted_at=local(2021, 6, 29, 10))
        if day == dt.date(2021, 7, 2):
            Task.objects.filter(pk=plan.pk).update(verified_at=local(2021, 7, 2, 10), completed_on=day)
        day += dt.timedelta(days=1)


def _received(tasks) -> dict[str, list[tuple[str, list[str]]]]:
    names = {task.pk: name for name, task in tasks.items()}
    by_recipient = defaultdict(lambda: defaultdict(list))
    for item in ReminderItem.objects.filter(digest__isnull=False).select_related("agency"):
        who = item.agency.name if item.agency else item.recipient_key
        label = f"{item.kind}:{names[item.task_id]}" + (f":{item.offset}" if item.offset else "")
        by_recipient[who][item.day].append(label)
    return {
        who: [(f"{day:%d/%m}", sorted(labels)) for day, labels in sorted(days.items())]
        for who, days in by_recipient.items()
    }


def test_health_dept_reminded_before_on_and_after_its_plan_until_it_submits(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    assert _received(scenario)["Sở Y tế"] == [
        # Due on Saturday 26/6: Friday carries the weekend's reminders ("còn 1 ngày"); nothing on
        # the weekend; the chase resumes on Monday.
        ("25/06", ["before:plan-syt:1"]),
        ("28/06", ["overdue:plan-syt:2"]),
        ("29/06", ["overdue:plan-syt:3"]),
    ]


def test_office_reminded_once_the_submission_waits_over_two_working_days(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    assert _received(scenario)["office"] == [("02/07", ["verification:plan-syt"])]


def test_ict_dept_schedule_over_three_weeks(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    assert _received(scenario)["Sở Thông tin và Truyền thông"] == [
        # Nothing on Saturdays and Sundays: a reminder scheduled on one goes out the Friday before,
        # worded as of Friday (the software's "3 days before" of Sunday 27/6 reads "còn 5 ngày").
        ("25/06", ["before:plan-tttt:1", "before:software:5"]),
        ("28/06", ["overdue:plan-tttt:2"]),
        ("29/06", ["before:software:1", "overdue:plan-tttt:3"]),
        ("30/06", ["due_today:software", "overdue:plan-tttt:4"]),
        ("01/07", ["overdue:plan-tttt:5", "overdue:software:1"]),
        ("02/07", ["overdue:plan-tttt:6", "overdue:software:2"]),
        ("05/07", ["overdue:software:5"]),
        ("06/07", ["overdue:plan-tttt:10", "overdue:software:6"]),
        ("07/07", ["overdue:software:7"]),
        ("08/07", ["before:database:7"]),
        ("09/07", ["overdue:plan-tttt:13", "overdue:software:9"]),
        ("12/07", ["before:database:3", "overdue:plan-tttt:16"]),
        ("13/07", ["overdue:software:13"]),
        ("14/07", ["before:database:1"]),
        ("15/07", ["due_today:database", "overdue:plan-tttt:19"]),
        ("16/07", ["overdue:database:1", "overdue:plan-tttt:20", "overdue:software:16"]),
    ]


def test_district_reminded_of_its_plan_and_as_coordinator_of_the_software(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    assert _received(scenario)["UBND huyện Lục Ngạn"] == [
        ("25/06", ["before:plan-lucngan:2", "before:software:5"]),
        ("28/06", ["overdue:plan-lucngan:1"]),
        ("29/06", ["before:software:1", "overdue:plan-lucngan:2"]),
        ("30/06", ["due_today:software", "overdue:plan-lucngan:3"]),
        ("01/07", ["overdue:plan-lucngan:4"]),
        ("02/07", ["overdue:plan-lucngan:5"]),
        ("07/07", ["overdue:plan-lucngan:10"]),
        ("09/07", ["overdue:plan-lucngan:12"]),
        ("13/07", ["overdue:plan-lucngan:16"]),
        ("16/07", ["overdue:plan-lucngan:19"]),
    ]


def test_coordinating_board_reminded_before_and_on_the_software_due_day_only(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    assert _received(scenario)["Ban Quản lý các Khu công nghiệp tỉnh"] == [
        ("25/06", ["before:software:5"]),
        ("29/06", ["before:software:1"]),
        ("30/06", ["due_today:software"]),
    ]


def test_weekly_overdue_summary_goes_out_each_monday(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    summaries = Digest.objects.filter(kind=Digest.Kind.SUMMARY, status=Digest.Status.SENT)
    assert sorted(summaries.values_list("day", flat=True)) == [
        dt.date(2021, 6, 28),
        dt.date(2021, 7, 5),
        dt.date(2021, 7, 12),
    ]


def test_each_digest_mailed_once(scenario, run_reminders):
    _run_days(run_reminders, scenario)
    ids = [message.extra_headers["X-Reminder-Digest"] for message in mail.outbox]
    assert len(ids) == len(set(ids)) == Digest.objects.filter(status=Digest.Status.SENT).count()
