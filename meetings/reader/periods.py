"""Deadlines that are not written as one date: a relative term with a stated start ("06
tháng kể từ ngày 06/7/2026"), a goal year at the head of a sentence ("Đến năm 2027, hoàn
thành ..."), and periodic reports ("trước ngày 20 hằng tháng", "trước ngày 10 của tháng cuối
quý", "báo cáo quý"), which are recurring and first due after the document's date.

A term in working days ("trong 05 ngày làm việc kể từ ngày 20/01/2026") is counted on the
working-day calendar (`agencies.workdays`: weekends and public holidays; the caller may give one
with the office's declared days), the start day not counted. A term counted from the day the
document is signed or issued ("10 ngày kể từ ngày ký") starts on the notice's issue date. A
relative term whose start the office cannot know ("trong thời hạn 07 ngày làm việc, kể từ ngày
nhận được hồ sơ") gives no date. A planning horizon ("quy hoạch đến năm
2030", "giai đoạn 2025 - 2030") is never a deadline: only a goal year that opens the sentence
and is followed by a completion verb counts. Every pattern is bounded and runs on one clause.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from agencies.workdays import WorkingCalendar

_NATIONAL = WorkingCalendar()

_RELATIVE = re.compile(
    r"(?:(?:trong|sau)(?:\s+(?:thời\s+hạn|vòng))?\s+)?"
    r"(?P<n>\d{1,3})\s+(?P<unit>ngày|tháng|năm)(?P<work>\s+làm\s+việc)?,?\s+(?:kể\s+)?từ\s+ngày\s+"
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<signed>(?:ký,?\s+ban\s+hành|ký|ban\s+hành)\b(?!\s+(?:hợp\s+đồng|quyết\s+định|kết\s+quả))))",
    re.IGNORECASE,
)
# "trong thời hạn 02 năm kể từ ngày Nghị định ... có hiệu lực thi hành": the start is the day the
# document cited takes effect, which a guidance letter states elsewhere ("có hiệu lực thi hành
# từ ngày 06/7/2026", see `effective_date`).
_RELATIVE_TO_EFFECT = re.compile(
    r"(?P<n>\d{1,3})\s+(?P<unit>ngày|tháng|năm),?\s+(?:kể\s+)?từ\s+ngày\s[^,.;:]{0,80}?có\s+hiệu\s+lực", re.IGNORECASE
)
_EFFECTIVE = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?,?\s+(?:kể\s+)?từ\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE
)
_GOAL_YEAR = re.compile(r"^\W{0,3}đến (?:hết )?năm (?P<y>\d{4})\s?,", re.IGNORECASE)
_GOAL_VERBS = ("hoan thanh", "xong", "dat ", "100%")
_MONTHLY_DAY = re.compile(r"ngày (?P<d>\d{1,2})(?: của)? (?:hằng|hàng|mỗi) tháng", re.IGNORECASE)
_QUARTERLY_DAY = re.compile(r"ngày (?P<d>\d{1,2})(?: của)? tháng cuối (?:của |mỗi |hằng |hàng )?quý", re.IGNORECASE)
_QUARTERLY = re.compile(r"\b(?:báo cáo (?:định kỳ )?(?:hằng |hàng )?quý|(?:hằng|hàng|mỗi) quý)\b(?!\s*[IV\d])", re.I)


def effective_date(text: str) -> dt.date | None:
    """The day the document a letter implements takes effect, when the letter states it."""
    m = _EFFECTIVE.search(text[:20_000])
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


@dataclass(frozen=True)
class Term:
    """ "N ngày (làm việc) / tháng / năm kể từ ngày …" with its start, where it stands in the text."""

    n: int
    unit: str  # ngày, tháng, năm
    working: bool  # counted in working days
    start: dt.date | None  # None: from the signing day, not known yet
    signed: bool  # counted from the day the document is signed or issued
    begin: int
    end: int

    def due(self, workdays: WorkingCalendar | None = None, issued: dt.date | None = None) -> dt.date | None:
        start = issued if self.signed else self.start
        if start is None:
            return None
        if self.unit == "ngày":
            if self.working:
                return (workdays or _NATIONAL).add_working_days(start, self.n)
            return start + dt.timedelta(days=self.n)
        months = self.n * (12 if self.unit == "năm" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
        day = min(start.day, calendar.monthrange(year, month + 1)[1])
        return dt.date(year, month + 1, day)


def relative_term(text: str) -> Term | None:
    """The first "N ngày (làm việc) kể từ ngày D/M/Y" or "… kể từ ngày ký (ban hành)" in `text`."""
    m = _RELATIVE.search(text)
    if not m:
        return None
    start = None
    if not m.group("signed"):
        try:
            start = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None
    n = int(m.group("n"))
    if n == 0:
        return None
    return Term(
        n=n,
        unit=m.group("unit").lower(),
        working=bool(m.group("work")) and m.group("unit").lower() == "ngày",
        start=start,
        signed=bool(m.group("signed")),
        begin=m.start(),
        end=m.end(),
    )


def relative_due(
    text: str,
    effective: dt.date | None = None,
    issued: dt.date | None = None,
    workdays: WorkingCalendar | None = None,
) -> tuple[dt.date, int, int] | None:
    """(due date, start, end in `text`) of "N ngày (làm việc) / tháng kể từ ngày D/M/Y", of
    "… kể từ ngày ký" when the issue date is known, or of "N tháng kể từ ngày <văn bản> có hiệu
    lực" when the effective date is known. Working days are counted on `workdays` (by default
    weekends and public holidays only)."""
    term = relative_term(text)
    if term is not None:
        due = term.due(workdays, issued)
        return (due, term.begin, term.end) if due is not None else None
    if effective is not None and (m := _RELATIVE_TO_EFFECT.search(text)):
        term = Term(int(m.group("n")), m.group("unit").lower(), False, effective, False, m.start(), m.end())
        return term.due(), m.start(), m.end()
    return None


def goal_year(text: str, folded: str) -> tuple[dt.date, int, int] | None:
    """ "Đến năm 2027, hoàn thành ...": the end of that year."""
    m = _GOAL_YEAR.match(text)
    if not m or not any(verb in folded[m.end() : m.end() + 80] for verb in _GOAL_VERBS):
        return None
    return dt.date(int(m.group("y")), 12, 31), m.start(), m.end()


def periodic(text: str, issued: dt.date | None, year: int | None) -> tuple[bool, dt.date | None]:
    """(is a periodic report, its first due date after the document's date when the day is
    written). "trước ngày 20 hằng tháng" → monthly; "ngày 10 của tháng cuối quý" → quarterly."""
    after = issued  # without the issue date the first due date cannot be known
    m = _MONTHLY_DAY.search(text)
    if m:
        return True, _next_day(after, int(m.group("d")), every=1)
    m = _QUARTERLY_DAY.search(text)
    if m:
        return True, _next_day(after, int(m.group("d")), every=3)
    return bool(_QUARTERLY.search(text)), None


def _next_day(after: dt.date | None, day: int, every: int) -> dt.date | None:
    """The first day `day` of a month (every `every`-th month: 3 for a quarter's last month)
    falling after `after`."""
    if after is None or not 1 <= day <= 31:
        return None
    year, month = after.year, after.month
    for _ in range(15):
        if month % every == 0:
            last = calendar.monthrange(year, month)[1]
            candidate = dt.date(year, month, min(day, last))
            if candidate > after:
                return candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None
