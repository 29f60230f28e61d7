"""Relative terms read from the text: "trong N ngày làm việc kể từ ngày …" counted on the
working-day calendar (weekends and public holidays, Tết and the Hùng Kings' day by the lunar
calendar), "N ngày" in calendar days, and starts from the signing day of the notice."""

from __future__ import annotations

import datetime as dt

import pytest

from agencies.workdays import WorkingCalendar
from meetings.reader import read_notice
from meetings.reader.periods import relative_term

# Issued Wednesday 11/02/2026, three working days before Tết Bính Ngọ (16/02 to 20/02).
LETTER = "Số: 35/UBND-TH\n\nSơn La, ngày 11 tháng 02 năm 2026\n\nV/v triển khai nhiệm vụ\n\n"


def task(sentence: str):
    return read_notice(LETTER + sentence + "\n").tasks[0]


@pytest.mark.parametrize(
    ("sentence", "due", "term"),
    [
        # Thu 12, Fri 13, (weekend, Tết 16-20, weekend), Mon 23, Tue 24, Wed 25.
        (
            "Giao Sở Y tế báo cáo tình hình dịch bệnh trong thời hạn 05 ngày làm việc kể từ ngày 11/02/2026.",
            dt.date(2026, 2, 25),
            "trong thời hạn 05 ngày làm việc kể từ ngày 11/02/2026",
        ),
        # From the signing day, the notice's date: the same 5 working days.
        (
            "Giao Sở Tài chính thẩm định phương án trong 05 ngày làm việc, kể từ ngày ký ban hành Thông báo này.",
            dt.date(2026, 2, 25),
            "trong 05 ngày làm việc, kể từ ngày ký ban hành",
        ),
        # Calendar days: 10 days after 11/02, Tết or not.
        (
            "Giao Sở Công Thương kiểm tra thị trường trong 10 ngày kể từ ngày ban hành.",
            dt.date(2026, 2, 21),
            "trong 10 ngày kể từ ngày ban hành",
        ),
        # From Thursday 23/04/2026: Fri 24, Tue 28, Wed 29, Mon 04/05, Tue 05/05; the Hùng Kings'
        # day (Sunday 26/04, observed Monday 27/04), 30/4 and 1/5 are off.
        (
            "Giao Sở Nội vụ hoàn thành hồ sơ trong vòng 5 ngày làm việc kể từ ngày 23/4/2026.",
            dt.date(2026, 5, 5),
            "trong vòng 5 ngày làm việc kể từ ngày 23/4/2026",
        ),
    ],
)
def test_a_term_is_computed_and_kept_as_written(sentence, due, term):
    found = task(sentence)
    assert (found.deadline_kind, found.due_date, found.due_term) == ("date", due, term)


def test_a_term_from_the_day_a_file_is_received_has_no_date():
    found = task("Giao Sở Tài chính trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ phải thẩm định.")
    assert (found.deadline_kind, found.due_date, found.due_term) == ("none", None, "")


def test_a_term_from_a_contracts_signing_is_not_the_notices():
    assert relative_term("trong 30 ngày kể từ ngày ký hợp đồng") is None


def test_declared_days_change_a_working_day_term():
    term = relative_term("trong 05 ngày làm việc kể từ ngày 11/02/2026")
    assert term.due() == dt.date(2026, 2, 25)
    # The office declares Saturday 14/02/2026 worked (làm bù): one day sooner.
    assert term.due(WorkingCalendar(days_worked=[dt.date(2026, 2, 14)])) == dt.date(2026, 2, 24)


def test_a_term_from_the_signing_day_needs_the_issue_date():
    term = relative_term("trong 10 ngày kể từ ngày ký")
    assert term.signed and term.due() is None
    assert term.due(issued=dt.date(2026, 3, 2)) == dt.date(2026, 3, 12)
