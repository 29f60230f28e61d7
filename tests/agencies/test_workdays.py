"""The working-day calendar, with the dates written out: weekends, Tết of 2025 and 2026 by the
lunar calendar, the Hùng Kings' day, and the days the office declares (pure, no database)."""

import datetime as dt

import pytest

from agencies.workdays import WorkingCalendar, public_holiday

D = dt.date
NATIONAL = WorkingCalendar()


@pytest.mark.parametrize(
    "day",
    [
        # Tết Ất Tỵ 2025: Monday 27/01 to Saturday 01/02 (29 Tết to mùng 4).
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 1, 29),
        D(2025, 1, 30),
        D(2025, 1, 31),
        # Tết Bính Ngọ 2026: Monday 16/02 to Friday 20/02 (30 Tết to mùng 4).
        D(2026, 2, 16),
        D(2026, 2, 17),
        D(2026, 2, 18),
        D(2026, 2, 19),
        D(2026, 2, 20),
        # Giỗ Tổ Hùng Vương (10/3 âm lịch): Monday 07/04/2025; Sunday 26/04/2026, moved to Monday 27/04.
        D(2025, 4, 7),
        D(2026, 4, 27),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 9, 2),
        D(2026, 1, 1),
        # A Saturday and a Sunday.
        D(2026, 3, 7),
        D(2026, 3, 8),
    ],
)
def test_days_off(day):
    assert not NATIONAL.is_working_day(day)


@pytest.mark.parametrize("day", [D(2025, 1, 24), D(2025, 2, 3), D(2026, 2, 13), D(2026, 2, 23), D(2026, 4, 24)])
def test_working_days_around_tet(day):
    assert NATIONAL.is_working_day(day)


def test_tet_is_found_by_the_lunar_calendar():
    assert "Lunar New Year" in public_holiday(D(2025, 1, 29))
    assert "Lunar New Year" in public_holiday(D(2026, 2, 17))
    assert public_holiday(D(2026, 1, 29)) is None  # 29/01 is Tết in 2025, not in 2026


def test_working_days_across_tet_2025():
    # Friday 24/01/2025 to Monday 03/02/2025: Tết and the weekends leave one working day.
    assert NATIONAL.working_days_between(D(2025, 1, 24), D(2025, 2, 3)) == 1
    assert NATIONAL.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert NATIONAL.add_working_days(D(2025, 1, 24), 5) == D(2025, 2, 7)


def test_working_days_across_tet_2026():
    # Friday 13/02/2026 to Monday 23/02/2026: one working day, the Monday.
    assert NATIONAL.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert NATIONAL.add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)
    assert NATIONAL.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)
    assert NATIONAL.previous_working_day(D(2026, 2, 20)) == D(2026, 2, 13)


def test_five_working_days_over_the_hung_kings_day():
    # From Thursday 03/04/2025: Fri 4, (weekend), (Mon 7 Giỗ Tổ), Tue 8, Wed 9, Thu 10, Fri 11.
    assert NATIONAL.add_working_days(D(2025, 4, 3), 5) == D(2025, 4, 11)
    # Without the holiday it would be Thursday 10/04.
    assert WorkingCalendar(days_worked=[D(2025, 4, 7)]).add_working_days(D(2025, 4, 3), 5) == D(2025, 4, 10)


def test_a_saturday_the_government_moved_is_a_working_day():
    # 26/04/2025 was worked in exchange for Friday 02/05/2025.
    assert NATIONAL.is_working_day(D(2025, 4, 26))
    assert not NATIONAL.is_working_day(D(2025, 5, 2))


def test_a_declared_make_up_saturday_is_a_working_day():
    # The office declares Saturday 07/03/2026 worked (làm bù).
    calendar = WorkingCalendar(days_worked=[D(2026, 3, 7)])
    assert calendar.is_working_day(D(2026, 3, 7))
    # Friday 06/03 to Monday 09/03: Saturday and Monday.
    assert calendar.working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 2
    assert calendar.add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 7)
    assert NATIONAL.working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1


def test_a_declared_day_off_is_not_a_working_day():
    # The office declares Friday 16/10/2026 off (nghỉ bù).
    calendar = WorkingCalendar(days_off=[D(2026, 10, 16)])
    assert not calendar.is_working_day(D(2026, 10, 16))
    assert calendar.add_working_days(D(2026, 10, 15), 1) == D(2026, 10, 19)
    assert NATIONAL.add_working_days(D(2026, 10, 15), 1) == D(2026, 10, 16)


def test_counting_edges():
    assert NATIONAL.working_days_between(D(2026, 3, 9), D(2026, 3, 9)) == 0
    assert NATIONAL.working_days_between(D(2026, 3, 10), D(2026, 3, 9)) == 0
    assert NATIONAL.add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 9)  # Saturday -> Monday
    with pytest.raises(ValueError):
        NATIONAL.add_working_days(D(2026, 3, 9), -1)
