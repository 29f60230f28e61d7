"""Which reminders a task is due, on which day and at what time: pure, no database (only
`ReminderPolicy.from_settings` reads, the settings and the office's declared days).

Given a task's facts (TaskFacts) and a local day, `occurrences_on` lists the reminders
scheduled that day. The schedule is always computed from the due date in force, so an extended
task is reminded against its new date and the old schedule simply stops existing.

The rules (values from settings, see ReminderPolicy.from_settings):
- a dated task, not yet submitted: BEFORE on each of `before_days` days before the due date,
  then DUE_TODAY on the due day, to the lead and the coordinating agencies; an occurrence whose
  moment had already passed when the task was published is skipped, never sent late;
- after the due date, OVERDUE to the lead agency every day for `overdue_daily_days` days, then
  every `overdue_every_days` days;
- submitted and awaiting verification for more than `verification_working_days` working days:
  VERIFICATION to the office, every working day until it is decided;
- ongoing: ONGOING on day `ongoing_day` of each month; recurring: RECURRING on each period's
  due day, which the sweep keeps only when the period has no progress report yet.

Working days are those of the province's calendar (`policy.workdays`: weekends, public holidays,
the days the office declares). Nothing is sent on a day off. A reminder scheduled on a day off
goes out on the working day before, worded as of that day: a task due on Sunday gets "còn 2
ngày" on Friday, and an overdue chase due on a Tết holiday goes out the last working day before
it. A daily report's day off is simply not chased.
"""

import calendar
import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings

from agencies.workdays import WorkingCalendar

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
    # Weekends and public holidays; from_settings adds the days the office declared.
    workdays: WorkingCalendar = field(default_factory=WorkingCalendar)

    @classmethod
    def from_settings(cls) -> "ReminderPolicy":
        from directives.workdays import working_calendar

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
            workdays=working_calendar(),
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


def _dated_scheduled(due_date: dt.date, day: dt.date, policy: ReminderPolicy) -> bool:
    """Does the schedule put a reminder of a task due on `due_date` on `day` (working or not)?"""
    days_left = (due_date - day).days
    if days_left in policy.before_days or days_left == 0:
        return True
    late = -days_left
    return late > 0 and (
        late <= policy.overdue_daily_days or (late - policy.overdue_daily_days) % policy.overdue_every_days == 0
    )


def _dated(task: TaskFacts, day: dt.date, send_at: dt.datetime) -> list[Occurrence]:
    """The reminder sent on `day`, worded as of `day` (it may carry one scheduled on a day off)."""
    days_left = (task.due_date - day).days
    if days_left > 0:
        return _to_agencies(task, BEFORE, day, send_at, days_left, with_coordinating=True)
    if days_left == 0:
        return _to_agencies(task, DUE_TODAY, day, send_at, 0, with_coordinating=True)
    return _to_agencies(task, OVERDUE, day, send_at, -days_left, with_coordinating=False)


def days_carried(day: dt.date, policy: ReminderPolicy) -> list[dt.date]:
    """The days whose reminders go out on the working day `day`: itself, and the days off that
    follow it up to the next working day."""
    days = [day]
    following = day + dt.timedelta(days=1)
    while not policy.workdays.is_working_day(following) and len(days) < 31:
        days.append(following)
        following += dt.timedelta(days=1)
    return days


def occurrences_on(task: TaskFacts, day: dt.date, policy: ReminderPolicy) -> list[Occurrence]:
    """The reminders of `task` scheduled on the local `day` (whatever the time now)."""
    send_at = policy.moment(day)
    # Published after this day's moment: the reminder had passed before anyone could get it.
    if task.published_at is None or send_at < task.published_at:
        return []
    workdays = policy.workdays
    if not workdays.is_working_day(day):
        return []
    if task.submitted_at is not None:
        submitted_on = policy.local_day(task.submitted_at)
        if workdays.working_days_between(submitted_on, day) > policy.verification_working_days:
            return [Occurrence(task.id, VERIFICATION, day, send_at, OFFICE, None, 0, task.due_date)]
        return []
    carried = days_carried(day, policy)
    if task.deadline_kind == "date" and task.due_date is not None:
        if any(_dated_scheduled(task.due_date, each, policy) for each in carried):
            return _dated(task, day, send_at)
        return []
    if task.deadline_kind == "ongoing" and any(each.day == policy.ongoing_day for each in carried):
        return _to_agencies(task, ONGOING, day, send_at, 0, with_coordinating=False)
    if task.deadline_kind == "recurring":
        # A daily report is due on working days only; a weekly or monthly one due on a day off
        # is reminded the working day before.
        for each in carried if task.recurrence != "daily" else [day]:
            period = recurring_period(task.recurrence, each, policy)
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


def scheduled_summary_day(day: dt.date, policy: ReminderPolicy) -> dt.date:
    """The summary's weekday on or before `day`, whether it is a working day or not."""
    return day - dt.timedelta(days=(day.weekday() - policy.summary_weekday) % 7)


def summary_day(scheduled: dt.date, policy: ReminderPolicy) -> dt.date:
    """The day the summary scheduled on `scheduled` goes out: the first working day from it (a
    Monday of Tết sends the week's summary on the first working day after Tết)."""
    return policy.workdays.next_working_day(scheduled, include=True)


def summary_due(at: dt.datetime, policy: ReminderPolicy) -> bool:
    """Is the weekly overdue summary due today, at or after its time?"""
    local = at.astimezone(policy.tz)
    if local.time() < policy.summary_time:
        return False
    scheduled = scheduled_summary_day(local.date(), policy)
    return any(summary_day(scheduled - dt.timedelta(days=7 * weeks), policy) == local.date() for weeks in range(3))
