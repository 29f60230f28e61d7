"""The province's working days: the national calendar (`agencies.workdays`) plus the days the
office declares in the app (`DeclaredDay`), nghỉ bù and làm bù.

Every rule that counts working days asks here: deadlines "trong N ngày làm việc", the reminders
(none on a day off; one due on a day off goes out the working day before) and "awaiting
verification for more than 2 working days".

The declared days are few (a handful a year), so the whole calendar is read once and kept: in
the process for the length of CACHE_SECONDS, and behind a version number in Django's cache that
every edit bumps, so every process (web, Celery) sees an edit on its next question.
"""

import datetime as dt

from django.core.cache import cache

from agencies.workdays import WorkingCalendar

__all__ = ["WorkingCalendar", "add_working_days", "is_working_day", "working_calendar", "working_days_between"]

VERSION_KEY = "workdays:version"
# A process asks the shared cache at most this often whether the declared days changed.
CACHE_SECONDS = 30

_kept: dict = {"version": None, "checked": None, "calendar": None}


def _version():
    return cache.get(VERSION_KEY, 0)


def bump_version() -> None:
    """Tell every process the declared days changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def invalidate() -> None:
    """After an edit of the declared days: every process reads them again, this one at once."""
    bump_version()
    forget()


def _load() -> WorkingCalendar:
    from directives.models import DeclaredDay

    rows = list(DeclaredDay.objects.values_list("day", "kind"))
    return WorkingCalendar(
        days_off=[day for day, kind in rows if kind == DeclaredDay.Kind.DAY_OFF],
        days_worked=[day for day, kind in rows if kind == DeclaredDay.Kind.WORKED],
    )


def working_calendar() -> WorkingCalendar:
    """The calendar in force, with the declared days."""
    now = dt.datetime.now(dt.UTC)
    checked = _kept["checked"]
    if _kept["calendar"] is not None and checked is not None and (now - checked).total_seconds() < CACHE_SECONDS:
        return _kept["calendar"]
    version = _version()
    if _kept["calendar"] is None or version != _kept["version"]:
        _kept["calendar"] = _load()
    _kept.update(version=version, checked=now)
    return _kept["calendar"]


def forget() -> None:
    """Drop this process's copy (tests, after a database is emptied)."""
    _kept.update(version=None, checked=None, calendar=None)


def is_working_day(day: dt.date) -> bool:
    return working_calendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return working_calendar().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return working_calendar().working_days_between(start, end)
