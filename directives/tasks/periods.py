"""Reporting periods of a recurring task ("báo cáo hằng ngày/tuần/tháng"): date arithmetic, and
the one rule of when a period counts as reported.

A period is reported when the lead agency has sent a progress report in it (the report's
`period` is the start of the period it was sent in). The periodic report is the lead's duty: a
coordinating agency's report is welcome but neither silences the lead's reminder nor removes the
period from the inbox's "Kỳ chưa báo cáo". The inbox and the reminder sweep both ask here.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from directives.models import ProgressReport
from directives.models.task import DeadlineKind, Recurrence


def period_start(day: dt.date, recurrence: str) -> dt.date:
    if recurrence == Recurrence.WEEKLY:
        return day - dt.timedelta(days=day.weekday())
    if recurrence == Recurrence.MONTHLY:
        return day.replace(day=1)
    return day


def next_period(start: dt.date, recurrence: str) -> dt.date:
    if recurrence == Recurrence.WEEKLY:
        return start + dt.timedelta(days=7)
    if recurrence == Recurrence.MONTHLY:
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=1)


def periods_between(first: dt.date, last: dt.date, recurrence: str) -> list[dt.date]:
    """Start days of every period from the one holding `first` to the one holding `last`."""
    periods, start = [], period_start(first, recurrence)
    while start <= last:
        periods.append(start)
        start = next_period(start, recurrence)
    return periods


def missing_periods(
    *, since: dt.date, today: dt.date, recurrence: str, reported: set[dt.date], limit: int = 12
) -> list[dt.date]:
    """Past periods (the current one is still running) with no report, most recent `limit` of them."""
    current = period_start(today, recurrence)
    missing = [p for p in periods_between(since, today, recurrence) if p < current and p not in reported]
    return missing[-limit:]


def period_label(start: dt.date, recurrence: str) -> str:
    if recurrence == Recurrence.WEEKLY:
        end = start + dt.timedelta(days=6)
        return f"tuần {start:%d/%m}–{end:%d/%m/%Y}"
    if recurrence == Recurrence.MONTHLY:
        return f"tháng {start:%m/%Y}"
    return f"ngày {start:%d/%m/%Y}"


def lead_reported_periods(task_ids: Iterable[int], since: dt.date | None = None) -> dict[int, set[dt.date]]:
    """For each task, the start days of the periods its lead agency reported (from `since` on):
    one query, served by the index on (task, period)."""
    reports = ProgressReport.objects.filter(task_id__in=list(task_ids), is_lead=True, period__isnull=False)
    if since is not None:
        reports = reports.filter(period__gte=since)
    reported: dict[int, set[dt.date]] = {}
    for task_id, period in reports.values_list("task_id", "period"):
        reported.setdefault(task_id, set()).add(period)
    return reported


@dataclass(frozen=True)
class CurrentPeriod:
    """The period of a recurring task that holds a day ("tháng 11/2026"), and whether its lead
    agency has reported in it: what pages and exports show instead of a due date."""

    label: str
    reported: bool

    def __str__(self) -> str:
        return f"Kỳ {self.label}: {'đã báo cáo' if self.reported else 'chưa báo cáo'}"


def current_period(task, day: dt.date, reported: set[dt.date]) -> CurrentPeriod:
    start = period_start(day, task.recurrence)
    return CurrentPeriod(period_label(start, task.recurrence), start in reported)


def add_current_periods(tasks: Iterable, day: dt.date) -> None:
    """Set `current_period` on each open recurring task among `tasks`: one query for them all
    (none when there is none), so a page's query count does not grow with its rows."""
    recurring = [t for t in tasks if t.deadline_kind == DeadlineKind.RECURRING and t.is_open and t.recurrence]
    if not recurring:
        return
    since = min(period_start(day, t.recurrence) for t in recurring)
    reported = lead_reported_periods([t.pk for t in recurring], since=since)
    for task in recurring:
        task.current_period = current_period(task, day, reported.get(task.pk, set()))
