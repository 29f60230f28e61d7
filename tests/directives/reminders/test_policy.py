"""The reminder policy alone: facts and a day in, occurrences out, no database."""

import datetime as dt
import zoneinfo

from agencies.workdays import WorkingCalendar
from directives.reminders import policy as p

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# The schedule's own rules, on a calendar where every day of 2021-2022 is worked (as if the office
# had declared them all): the days off and their effect are tested in test_policy_workdays.py.
EVERY_DAY = WorkingCalendar(days_worked=[dt.date(2021, 1, 1) + dt.timedelta(days=i) for i in range(730)])
POLICY = p.ReminderPolicy(tz=TZ, send_time=dt.time(7, 0), workdays=EVERY_DAY)
PUBLISHED_24_6 = dt.datetime(2021, 6, 24, 16, 0, tzinfo=TZ)


def facts(**kwargs) -> p.TaskFacts:
    values = {
        "id": 1,
        "lead_id": 10,
        "coordinating_ids": (),
        "deadline_kind": "date",
        "recurrence": "",
        "due_date": dt.date(2021, 6, 26),
        "published_at": PUBLISHED_24_6,
    }
    values.update(kwargs)
    return p.TaskFacts(**values)


def schedule(task, start: dt.date, end: dt.date, policy=POLICY) -> list[tuple[dt.date, str, int]]:
    out = []
    day = start
    while day <= end:
        out += [
            (occ.day, occ.kind, occ.offset) for occ in p.occurrences_on(task, day, policy) if occ.role != "coordinating"
        ]
        day += dt.timedelta(days=1)
    return out


def test_plan_published_two_days_before_gets_one_day_and_due_day_reminders_only():
    assert schedule(facts(), dt.date(2021, 6, 15), dt.date(2021, 6, 26)) == [
        (dt.date(2021, 6, 25), p.BEFORE, 1),
        (dt.date(2021, 6, 26), p.DUE_TODAY, 0),
    ]


def test_task_published_early_gets_seven_three_and_one_day_reminders():
    task = facts(due_date=dt.date(2021, 6, 30), published_at=dt.datetime(2021, 6, 1, 9, 0, tzinfo=TZ))
    assert schedule(task, dt.date(2021, 6, 1), dt.date(2021, 6, 30)) == [
        (dt.date(2021, 6, 23), p.BEFORE, 7),
        (dt.date(2021, 6, 27), p.BEFORE, 3),
        (dt.date(2021, 6, 29), p.BEFORE, 1),
        (dt.date(2021, 6, 30), p.DUE_TODAY, 0),
    ]


def test_published_after_seven_on_the_day_before_skips_that_day():
    task = facts(published_at=dt.datetime(2021, 6, 25, 7, 1, tzinfo=TZ))
    assert schedule(task, dt.date(2021, 6, 20), dt.date(2021, 6, 26)) == [(dt.date(2021, 6, 26), p.DUE_TODAY, 0)]


def test_overdue_chased_daily_for_a_week_then_every_three_days():
    days = [day for day, kind, _ in schedule(facts(), dt.date(2021, 6, 27), dt.date(2021, 7, 12)) if kind == p.OVERDUE]
    assert [d.day for d in days] == [27, 28, 29, 30, 1, 2, 3, 6, 9, 12]


def test_overdue_chase_goes_to_the_lead_only():
    occurrences = p.occurrences_on(facts(coordinating_ids=(11, 12)), dt.date(2021, 6, 27), POLICY)
    assert [(occ.agency_id, occ.role) for occ in occurrences] == [(10, p.LEAD)]


def test_before_and_due_day_reminders_go_to_coordinating_agencies_too():
    occurrences = p.occurrences_on(facts(coordinating_ids=(11, 12)), dt.date(2021, 6, 25), POLICY)
    assert [(occ.agency_id, occ.role) for occ in occurrences] == [
        (10, p.LEAD),
        (11, p.COORDINATING),
        (12, p.COORDINATING),
    ]


def test_extended_task_follows_its_new_date_only():
    extended = facts(due_date=dt.date(2021, 7, 10))
    kinds = schedule(extended, dt.date(2021, 6, 25), dt.date(2021, 7, 10))
    assert kinds == [
        (dt.date(2021, 7, 3), p.BEFORE, 7),
        (dt.date(2021, 7, 7), p.BEFORE, 3),
        (dt.date(2021, 7, 9), p.BEFORE, 1),
        (dt.date(2021, 7, 10), p.DUE_TODAY, 0),
    ]


def test_submitted_task_is_not_chased():
    task = facts(submitted_at=dt.datetime(2021, 6, 26, 10, 0, tzinfo=TZ))
    assert p.occurrences_on(task, dt.date(2021, 6, 28), POLICY) == []


def test_office_reminded_after_two_working_days_awaiting_verification():
    # Submitted Thursday 24/6: Friday and Monday are the two working days, Tuesday 29/6 is late.
    task = facts(submitted_at=dt.datetime(2021, 6, 24, 17, 0, tzinfo=TZ))
    national = p.ReminderPolicy(tz=TZ, send_time=dt.time(7, 0))
    days = [(day, kind) for day, kind, _ in schedule(task, dt.date(2021, 6, 24), dt.date(2021, 7, 1), national)]
    assert days == [
        (dt.date(2021, 6, 29), p.VERIFICATION),
        (dt.date(2021, 6, 30), p.VERIFICATION),
        (dt.date(2021, 7, 1), p.VERIFICATION),
    ]
    assert p.occurrences_on(task, dt.date(2021, 6, 29), national)[0].recipient_key == "office"


def test_ongoing_task_nudged_on_the_first_of_each_month():
    task = facts(deadline_kind="ongoing", due_date=None)
    days = [day for day, _, _ in schedule(task, dt.date(2021, 6, 25), dt.date(2021, 9, 1))]
    assert days == [dt.date(2021, 7, 1), dt.date(2021, 8, 1), dt.date(2021, 9, 1)]


def test_weekly_recurring_task_reminded_on_friday_for_its_week():
    task = facts(deadline_kind="recurring", recurrence="weekly", due_date=None)
    occurrences = p.occurrences_on(task, dt.date(2021, 7, 2), POLICY)
    assert [(occ.kind, occ.period) for occ in occurrences] == [
        (p.RECURRING, (dt.date(2021, 6, 28), dt.date(2021, 7, 5)))
    ]
    assert p.occurrences_on(task, dt.date(2021, 7, 1), POLICY) == []


def test_monthly_recurring_due_day_clipped_to_short_month():
    policy = p.ReminderPolicy(tz=TZ, send_time=dt.time(7, 0), monthly_report_day=31)
    assert p.recurring_period("monthly", dt.date(2021, 6, 30), policy) == (dt.date(2021, 6, 1), dt.date(2021, 7, 1))
    assert p.recurring_period("monthly", dt.date(2021, 6, 29), policy) is None


def test_due_reminder_waits_for_its_time_of_day():
    due, _ = p.due_and_missed(facts(), dt.datetime(2021, 6, 25, 6, 59, tzinfo=TZ), None, POLICY)
    assert due == []
    due, _ = p.due_and_missed(facts(), dt.datetime(2021, 6, 25, 7, 0, tzinfo=TZ), None, POLICY)
    assert [occ.kind for occ in due] == [p.BEFORE]


def test_catch_up_sends_due_day_reminder_and_reports_the_stale_one_missed():
    task = facts(due_date=dt.date(2021, 6, 30), published_at=dt.datetime(2021, 6, 1, tzinfo=TZ))
    last_sweep = dt.datetime(2021, 6, 26, 23, 0, tzinfo=TZ)
    due, missed = p.due_and_missed(task, dt.datetime(2021, 6, 30, 9, 15, tzinfo=TZ), last_sweep, POLICY)
    assert [(occ.day, occ.kind) for occ in due] == [(dt.date(2021, 6, 30), p.DUE_TODAY)]
    assert [(occ.day, occ.kind, occ.offset) for occ in missed] == [
        (dt.date(2021, 6, 27), p.BEFORE, 3),
        (dt.date(2021, 6, 29), p.BEFORE, 1),
    ]


def test_weekly_summary_due_monday_from_seven_thirty():
    assert p.summary_due(dt.datetime(2021, 6, 28, 7, 30, tzinfo=TZ), POLICY)
    assert not p.summary_due(dt.datetime(2021, 6, 28, 7, 29, tzinfo=TZ), POLICY)
    assert not p.summary_due(dt.datetime(2021, 6, 29, 7, 30, tzinfo=TZ), POLICY)
