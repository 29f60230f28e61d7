"""Deadlines as notices write them.

Only a date introduced by a deadline phrase is a due date: "trước ngày 26/6/2021", "đến hết
ngày 27/6", "trong ngày 14/5/2021", "đến (trước) ngày", "trước 0 giờ ngày", "thời gian hoàn
thành trước ngày", "chậm nhất ngày", "thời hạn: ...", "trong tháng 7/2021". A date after a
document number ("Quyết định 2686/QĐ-BCĐQG ngày 31/5/2021"), after "từ (0 giờ) ngày" or at
the head of a sentence ("Ngày 24/6/2021, ...") is a fact, never a deadline.

"hằng ngày / hằng tuần / hằng tháng" (or "hàng ...") is recurring; "thường xuyên" is ongoing;
everything else (khẩn trương, kịp thời, no date at all) has no deadline.

Every pattern is bounded (no nested quantifiers), and each is applied to one clause at a time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from agencies.names import strip_accents
from meetings.reader.periods import goal_year, periodic, relative_due

# A date: "26/6/2021", "05/7", "26-6-2021", "ngày 30 tháng 11 năm 2021", "ngày 30 tháng 11".
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/\-]|\.\d)")
_WORDY_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?", re.IGNORECASE)
_MONTH = re.compile(r"(?:trong|hết|cuối|định kỳ) tháng (\d{1,2})(?:(?:/| năm )(\d{4}))?", re.IGNORECASE)
_YEAR = re.compile(r"(?:trong|hết|cuối) năm (\d{4})(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_QUARTER = re.compile(
    r"(?:trong|hết|cuối|xong|thành|vào) quý (IV|I{1,3}|[1-4])\b(?:(?:/| năm )(\d{4}))?", re.IGNORECASE
)

# What stands right before a date that makes it a due date (matched on the accent-free,
# lower-case text that ends where the date begins).
_DEADLINE_BEFORE = re.compile(
    r"(?:(?:thoi gian |phai )?hoan thanh(?: xong)? )?"
    r"(?:"
    r"truoc(?: \d{1,2} gio(?: \d{1,2}(?: phut)?)?)?(?: ngay)?"
    r"|den(?: het| truoc)?(?: ngay)?"
    r"|het ngay"
    r"|trong(?: ngay)?"
    r"|(?<=hoan thanh )vao ngay|(?<=xong )vao ngay"
    r"|cham nhat(?: la)?(?: vao)?(?: truoc)?(?: ngay)?"
    r"|thoi han(?: hoan thanh)?(?: la)?:?(?: truoc)?(?: ngay)?"
    r"|thoi gian hoan thanh:?(?: truoc)?(?: ngay)?"
    r"|han (?:chot|cuoi)(?: la)?(?: ngay)?"
    r"|xong(?: vao)? ngay"
    r")\s?$"
)
# An appointment inside the action ("... làm việc theo lịch 16 giờ ngày 30/7/2026", "khảo sát
# sáng ngày 31/7/2026"): the day the work must be ready. Never at the head of a clause, where
# "Sáng ngày 17/11, ..." tells what happened.
_APPOINTMENT_BEFORE = re.compile(r"(?:\d{1,2} gio(?: \d{1,2}(?: phut)?)?|sang|chieu|toi) ngay\s?$")
# "từ ngày 1/7 đến ngày 15/7": the period's start is not a deadline; "trước 0 giờ ngày X" is
# due before that day begins, so the day before.
_BEFORE_MIDNIGHT = re.compile(r"truoc 0 gio(?: 00)?(?: phut)? ngay\s?$")

# "định kỳ tháng 8/2026" is that month's edition of a periodic event: a month bound, not a rhythm.
_RECURRING = re.compile(
    r"\b(?:hằng|hàng|định kỳ hằng|định kỳ hàng|định kỳ) (ngày|tuần|tháng|quý|năm)\b(?!\s*\d)", re.IGNORECASE
)
_RECURRENCE = {"ngày": "daily", "tuần": "weekly", "tháng": "monthly"}
# "chi thường xuyên" / "nhiệm vụ chi thường xuyên" is a budget line (recurrent spending), not
# a way of working.
_ONGOING = re.compile(r"(?<!chi )\bthường xuyên\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass
class DateHit:
    """A due date found in a clause."""

    due: dt.date | None  # None when the year cannot be known
    start: int  # offsets (in the view/text) of the whole deadline phrase
    end: int
    text: str  # the phrase as written, e.g. "đến hết ngày 26/6/2021"
    year_inferred: bool = False
    term: bool = False  # a relative term ("05 ngày làm việc kể từ ngày …"), computed


@dataclass
class ClauseDeadline:
    """Everything timing-related a clause says."""

    dates: list[DateHit]
    recurrence: str | None  # "daily" | "weekly" | "monthly" | None
    recurring: bool
    ongoing: bool
    first_due: dt.date | None = None  # a periodic report's first due date, when its day is written

    @property
    def kind(self) -> str:
        if self.dates:
            return "date"
        if self.recurring:
            return "recurring"
        if self.ongoing:
            return "ongoing"
        return "none"


def find_deadlines(
    text: str,
    base: int,
    year: int | None,
    issued: dt.date | None = None,
    folded: str | None = None,
    effective: dt.date | None = None,
) -> ClauseDeadline:
    """The deadlines of one clause; `base` is the clause's offset, `year` the notice's year.

    `folded` is `fold(text)` when the caller already has it (it folds the notice once)."""
    folded = fold(text) if folded is None else folded
    # Cheap substring checks first: most clauses have no date and no timing word at all.
    dates = _dates(text, folded, base, year, issued) if _DIGIT.search(text) else []
    rec = _RECURRING.search(text) if ("hang " in folded or "dinh ky" in folded) else None
    is_periodic, first_due = periodic(text, issued, year) if ("thang" in folded or "quy" in folded) else (False, None)
    if not dates and ("tu ngay" in folded or "den" in folded[:12]):
        found = relative_due(text, effective, issued)
        term = found is not None
        found = found or goal_year(text, folded)
        if found:
            due, s, e = found
            dates = [DateHit(due, base + s, base + e, " ".join(text[s:e].split()), term=term)]
    return ClauseDeadline(
        dates=dates,
        recurrence=_RECURRENCE.get(rec.group(1).lower()) if rec else None,
        recurring=bool(rec) or is_periodic,
        ongoing="thuong xuyen" in folded and bool(_ONGOING.search(text)),
        first_due=first_due,
    )


def _dates(text: str, folded: str, base: int, year: int | None, issued: dt.date | None) -> list[DateHit]:
    hits: list[DateHit] = []
    for day, month, yr, start, end in _date_candidates(text):
        window = folded[max(0, start - 48) : start]
        before = _DEADLINE_BEFORE.search(window)
        if not before:
            before = _APPOINTMENT_BEFORE.search(window)
            if not before or not text[: start - (len(window) - before.start())].strip(" \n,"):
                continue
        phrase_start = start - (len(window) - before.start())
        if _preceded_by_from(text[max(0, phrase_start - 12) : phrase_start]):
            continue
        due, inferred = _make_date(day, month, yr, year, issued)
        if due is not None and _BEFORE_MIDNIGHT.search(window):
            due -= dt.timedelta(days=1)
        hits.append(DateHit(due, base + phrase_start, base + end, " ".join(text[phrase_start:end].split()), inferred))
    if "tháng" in text or "quý" in text or "năm" in text or "THÁNG" in text:
        hits.extend(_period_ends(text, base, year, hits))
    hits.sort(key=lambda h: h.start)
    return hits


_FOLD: dict[int, str] = {}


def fold(text: str) -> str:
    """Accent-free lower case, one character for one character (offsets stay valid)."""
    for ch in [c for c in set(text) if ord(c) not in _FOLD]:
        folded = strip_accents(ch).lower()
        _FOLD[ord(ch)] = folded[0] if len(folded) == 1 else (ch if not folded else " ")
    return text.translate(_FOLD)


_FROM = re.compile(r"(?:^|\s)từ\s*$", re.IGNORECASE)


def _preceded_by_from(before: str) -> bool:
    """ "từ trước ngày ...": the date something starts from, not a deadline (accents matter:
    "đầu tư trước ngày" is a deadline)."""
    return _FROM.search(before) is not None


def _date_candidates(text: str) -> list[tuple[int, int, int | None, int, int]]:
    out: list[tuple[int, int, int | None, int, int]] = []
    for m in _NUMERIC_DATE.finditer(text):
        yr = m.group(4)
        out.append((int(m.group(1)), int(m.group(3)), _full_year(yr), m.start(), m.end()))
    for m in _WORDY_DATE.finditer(text):
        yr = m.group(3)
        # "ngày 30 tháng 11": the word "ngày" belongs to the deadline phrase before it.
        out.append((int(m.group(1)), int(m.group(2)), int(yr) if yr else None, m.start() + 5, m.end()))
    return out


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _make_date(
    day: int, month: int, yr: int | None, year: int | None, issued: dt.date | None
) -> tuple[dt.date | None, bool]:
    inferred = yr is None
    use_year = yr if yr is not None else year
    if use_year is None or not (1 <= month <= 12):
        return None, inferred
    try:
        due = dt.date(use_year, month, day)
    except ValueError:
        return None, inferred
    # A year-less date long before the issue date belongs to the next year ("trước ngày
    # 15/1" in a December notice).
    if inferred and issued is not None and (issued - due).days > 60:
        try:
            due = due.replace(year=due.year + 1)
        except ValueError:
            return None, inferred
    return due, inferred


def _period_ends(text: str, base: int, year: int | None, found: list[DateHit]) -> list[DateHit]:
    """ "trong tháng 7/2021", "trong quý III/2021": due the last day of that period."""
    hits: list[DateHit] = []
    taken = [(h.start - base, h.end - base) for h in found]
    for m in _MONTH.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        month = int(m.group(1))
        use_year = int(m.group(2)) if m.group(2) else year
        if use_year and 1 <= month <= 12:
            last = calendar.monthrange(use_year, month)[1]
            due = dt.date(use_year, month, last)
            hits.append(DateHit(due, base + m.start(), base + m.end(), m.group(0), m.group(2) is None))
    for m in _QUARTER.finditer(text):
        raw = m.group(1).upper()
        quarter = _ROMAN_QUARTER.get(raw) or int(raw)
        use_year = int(m.group(2)) if m.group(2) else year
        if use_year:
            month = quarter * 3
            due = dt.date(use_year, month, calendar.monthrange(use_year, month)[1])
            hits.append(DateHit(due, base + m.start(), base + m.end(), m.group(0), m.group(2) is None))
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or not _after_deadline_word(text, m.start(), m.end()):
            continue
        hits.append(DateHit(dt.date(int(m.group(1)), 12, 31), base + m.start(), base + m.end(), m.group(0)))
    return hits


def _after_deadline_word(text: str, start: int, end: int) -> bool:
    """ "hoàn thành (phê duyệt phương án) trong năm 2023" is a deadline; "kế hoạch vốn trong
    năm 2023 cho ..." is not. The completion verb may stand a few words before the bound, or
    the bound may end the clause ("... triển khai trong năm 2025.")."""
    if not text[end:].strip(" .;,:)\n/"):
        return True
    before = fold(text[max(0, start - 60) : start])
    words = before.split()
    if words and words[-1] in ("thanh", "xong", "han"):
        return True
    tail = before.rsplit(",", 1)[-1]
    return "hoan thanh" in tail


def first_date(text: str, year: int | None = None) -> dt.date | None:
    """The first well-formed date anywhere in `text` (for the meeting and the notice year)."""
    best: tuple[int, dt.date] | None = None
    for day, month, yr, start, _ in _date_candidates(text):
        due, _ = _make_date(day, month, yr, year, None)
        if due is not None and (best is None or start < best[0]):
            best = (start, due)
    return best[1] if best else None


def years_in(text: str) -> list[int]:
    """Years of the complete dates in `text`, in order."""
    return [yr for _, _, yr, _, _ in sorted(_date_candidates(text), key=lambda c: c[3]) if yr]
