"""The working-day calendar of Vietnam: pure Python, no database.

A day is a working day unless it is a Saturday or Sunday or a public holiday. The holidays come
from the `holidays` package: New Year, Tết and the Hùng Kings' day by the lunar calendar, 30/4,
1/5, 2/9 and the days off the government moves (a Saturday it makes a working day in exchange
is a working day here too). On top of that, the office declares its own days: a day off
(nghỉ bù) or a Saturday or Sunday worked (làm bù). A declared day wins over everything else.

`directives.workdays` builds one of these with the days the office declared in the app; the
notice reader (pure, no database) uses one without them, or the one it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

# Counting is day by day; no deadline is this many days away, so a wild number cannot loop long.
MAX_DAYS = 3660


@lru_cache(maxsize=256)
def _public_year(year: int):
    return holidays.Vietnam(years=year)


def public_holiday(day: dt.date) -> str | None:
    """The name of the public holiday on `day` (English, from the package), or None."""
    return _public_year(day.year).get(day)


class WorkingCalendar:
    """Weekends and public holidays, with the office's declared days (off, or worked) on top."""

    def __init__(self, days_off: Iterable[dt.date] = (), days_worked: Iterable[dt.date] = ()):
        self.days_off = frozenset(days_off)
        self.days_worked = frozenset(days_worked)

    def __repr__(self) -> str:
        return f"WorkingCalendar(days_off={sorted(self.days_off)}, days_worked={sorted(self.days_worked)})"

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.days_off:
            return False
        if day in self.days_worked:
            return True
        return _public_year(day.year).is_working_day(day)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (start itself not counted): "trong 5 ngày làm
        việc kể từ ngày 23/01/2025" is due on the 5th working day after 23/01. With n = 0, the
        first working day on or after `start`."""
        if n < 0:
            raise ValueError("n must be zero or more")
        day = start
        if n == 0:
            return self.next_working_day(day, include=True)
        for _ in range(MAX_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
                if n == 0:
                    return day
        raise ValueError("too many working days")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        if (end - start).days > MAX_DAYS:
            raise ValueError("too long a span")
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date, *, include: bool = False) -> dt.date:
        """The first working day after `day` (or on it, with include)."""
        if not include:
            day += dt.timedelta(days=1)
        for _ in range(MAX_DAYS):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day")

    def previous_working_day(self, day: dt.date, *, include: bool = False) -> dt.date:
        """The last working day before `day` (or on it, with include)."""
        if not include:
            day -= dt.timedelta(days=1)
        for _ in range(MAX_DAYS):
            if self.is_working_day(day):
                return day
            day -= dt.timedelta(days=1)
        raise ValueError("no working day")
