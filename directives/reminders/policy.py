"""Which reminders a task is due, on which day and at what time: pure, no database.

Given a task's facts (TaskFacts) and a local day, `occurrences_on` lists the reminders
scheduled that day. The schedule is always computed from the due date in force, so an extended
task is reminded against its new date and the old schedule simply stops existing.

The rules (values from settings, see ReminderPolicy.from_settings):
- a dated task, not yet submitted: BEFORE on each of `before_days` days before the due date,
  then DUE_TODAY on the due day, to the lead and the coordinating agencies; an occurrence whose
  moment had already passed when the task was published is skipped, never sent late;
- after the due date, OVERDUE to the lead agency every day for `overdue_daily_days` days, then
  every `overdue_every_days` days;
- submitted and awaiting verification for more than `verification_working_days` working days
  (Monday to Friday): VERIFICATION to the office, every working day until it is decided;
- ongoing: ONGOING on day `ongoing_day` of each month; recurring: RECURRING on each period's
  due day, which the sweep keeps only when the period has no progress report yet.
"""

import calendar
import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

BEFORE = "before"
DUE_TODAY = "due_today"
OVERDUE = "overdue"
RECURRING = "recurring"
ONGOING = "ongoing"
VERIFICATION = "verification"

LEAD = "lead"
COORDINATING = "coordinating"
OFFICE = "office"


@dataclass(frozen=True)
class ReminderPolicy:
    tz: dt.tzinfo
    send_time: dt.time
    before_days: tuple[int, ...] = (7, 3, 1)
    overdue_daily_days: int = 7
    overdue_every_days: int = 3
    verification_working_days: int = 2
    ongoing_day: int = 1
    weekly_report_weekday: int = 4
    monthly_report_day: int = 25
    summary_weekday: int = 0
    summary_time: dt.time = dt.time(7, 30)
    catchup_days: int = 7

    @classmethod
    def from_settings(cls) -> "ReminderPolicy":
        return cls(
            tz=zoneinfo.ZoneInfo(settings.TIME_ZONE),
            send_time=dt.time(settings.REMINDER_HOUR, settings.REMINDER_MINUTE),
            before_days=tuple(settings.REMINDER_BEFORE_DAYS),
            overdue_daily_days=settings.REMINDER_OVERDUE_DAILY_DAYS,
            overdue_every_days=settings.REMINDER_OVERDUE_EVERY_DAYS,
            verification_working_days=settings.REMINDER_VERIFICATION_WORKING_DAYS,
            ongoing_day=settings.REMINDER_ONGOING_DAY,
            weekly_report_weekday=settings.REMINDER_WEEKLY_REPORT_WEEKDAY,
            monthly_report_day=settings.REMINDER_MONTHLY_REPORT_DAY,
            summary_weekday=settings.REMINDER_SUMMARY_WEEKDAY,
            summary_time=dt.time(settings.REMINDER_SUMMARY_HOUR, settings.REMINDER_SUMMARY_MINUTE),
            catchup_days=settings.REMINDER_CATCHUP_DAYS,
        )

    def moment(self, day: dt.date, time: dt.time | None = None) -> dt.datetime:
        return dt.datetime.combine(day, time or self.send_time, self.tz)

    def local_day(self, at: dt.datetime) -> dt.date:
        return at.astimezone(self.tz).date()

    @property
    def horizon_days(self) -> int:
        """How far ahead of its due date a task can have a reminder."""
        return max(self.before_days, default=0)


@dataclass(frozen=True)
class TaskFacts:
    id: int
    lead_id: int
    coordinating_ids: tuple[int, ...]
    deadline_kind: str
    recurrence: str
    due_date: dt.date | None
    published_at: dt.datetime
    submitted_at: dt.datetime | None = None


@dataclass(frozen=True)
class Occurrence:
    """One reminder of one task for one audience (an agency, or the office) on one day."""

    task_id: int
    kind: str
    day: dt.date
    send_at: dt.datetime
    role: str
    agency_id: int | None = None
    offset: int = 0
    due_date: dt.date | None = None
    # For RECURRING: the period [start, end) whose lack of a report the reminder is about.
    period: tuple[dt.date, dt.date] | None = None

    @property
    def recipient_key(self) -> str:
        return f"agency:{self.agency_id}" if self.agency_id is not None else OFFICE


def working_days_after(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday) after `start` up to and including `end`."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def recurring_period(recurrence: str, day: dt.date, policy: ReminderPolicy) -> tuple[dt.date, dt.date] | None:
    """The period [start, end) of a recurring task whose due day is `day`, or None."""
    if recurrence == "daily":
        return day, day + dt.timedelta(days=1)
    if recurrence == "weekly":
        if day.weekday() != policy.weekly_report_weekday:
            return None
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=7)
    if recurrence == "monthly":
        last = calendar.monthrange(day.year, day.month)[1]
        if day.day != min(policy.monthly_report_day, last):
            return None
        start = day.replace(day=1)
        return start, start + dt.timedelta(days=last)
    return None


def _to_agencies(task: TaskFacts, kind: str, day: dt.date, send_at: dt.datetime, offset: int, *, with_coordinating):
    agencies = [(task.lead_id, LEAD)]
    if with_coordinating:
        agencies += [(agency_id, COORDINATING) for agency_id in task.coordinating_ids if agency_id != task.lead_id]
    return [
        Occurrence(task.id, kind, day, send_at, role, agency_id, offset, task.due_date) for agency_id, role in agencies
    ]


def _dated(task: TaskFacts, day: dt.date, policy: ReminderPolicy, send_at: dt.datetime) -> list[Occurrence]:
    days_left = (task.due_date - day).days
    if days_left in policy.before_days:
        return _to_agencies(task, BEFORE, day, send_at, days_left, with_coordinating=True)
    if days_left == 0:
        return _to_agencies(task, DUE_TODAY, day, send_at, 0, with_coordinating=True)
    late = -days_left
    if late > 0 and (
        late <= policy.overdue_daily_days or (late - policy.overdue_daily_days) % policy.overdue_every_days == 0
    ):
        return _to_agencies(task, OVERDUE, day, send_at, late, with_coordinating=False)
    return []


def occurrences_on(task: TaskFacts, day: dt.date, policy: ReminderPolicy) -> list[Occurrence]:
    """The reminders of `task` scheduled on the local `day` (whatever the time now)."""
    send_at = policy.moment(day)
    # Published after this day's moment: the reminder had passed before anyone could get it.
    if task.published_at is None or send_at < task.published_at:
        return []
    if task.submitted_at is not None:
        submitted_on = policy.local_day(task.submitted_at)
        if day.weekday() < 5 and working_days_after(submitted_on, day) > policy.verification_working_days:
            return [Occurrence(task.id, VERIFICATION, day, send_at, OFFICE, None, 0, task.due_date)]
        return []
    if task.deadline_kind == "date" and task.due_date is not None:
        return _dated(task, day, policy, send_at)
    if task.deadline_kind == "ongoing" and day.day == policy.ongoing_day:
        return _to_agencies(task, ONGOING, day, send_at, 0, with_coordinating=False)
    if task.deadline_kind == "recurring":
        period = recurring_period(task.recurrence, day, policy)
        if period is not None:
            return [Occurrence(task.id, RECURRING, day, send_at, LEAD, task.lead_id, 0, None, period)]
    return []


def due_and_missed(
    task: TaskFacts, at: dt.datetime, since: dt.datetime | None, policy: ReminderPolicy
) -> tuple[list[Occurrence], list[Occurrence]]:
    """What to send now, and what an outage made us miss.

    Due: today's occurrences whose moment has come (at or before `at`). Missed: occurrences of
    earlier days whose moment fell after `since` (the last completed sweep): they are no longer
    meaningful ("3 days before" on the day before the due date), so they are recorded as skipped
    while today's reminder (the due-day one, an overdue chase) goes out.
    """
    today = policy.local_day(at)
    due = [occ for occ in occurrences_on(task, today, policy) if occ.send_at <= at]
    missed: list[Occurrence] = []
    if since is not None:
        day = max(policy.local_day(since), today - dt.timedelta(days=policy.catchup_days))
        while day < today:
            missed += [occ for occ in occurrences_on(task, day, policy) if since < occ.send_at <= at]
            day += dt.timedelta(days=1)
    return due, missed


def summary_due(at: dt.datetime, policy: ReminderPolicy) -> bool:
    """Is the weekly overdue summary due today, at or after its time?"""
    local = at.astimezone(policy.tz)
    return local.weekday() == policy.summary_weekday and local.time() >= policy.summary_time
