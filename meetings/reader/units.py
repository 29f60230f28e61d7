"""From clauses to tasks: which clauses make one task, and when one task is really two.

The annotation rule is "one task per distinct (lead, action)". In a sentence, a new task
starts with a new lead, a new role ("Chủ trì, phối hợp với ..."), "yêu cầu ..." or an
urgency word ("khẩn trương", "sớm"); a clause that only qualifies the last one ("đối với
...", "việc ...") or goes on with it without a deadline of its own joins it. A clause with
its own due date is its own task, except after "đồng thời", when it only states the date
("...; hoàn thành trước ngày ...") or when it reports on the same work ("...; báo cáo UBND
tỉnh trước ngày ..."). A recurring schedule ("hằng tháng báo cáo ...") is always its own
task; "thường xuyên" joins an undated task and makes it ongoing. Deadlines decide the rest:
two dates for two actions in one task are split into two tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meetings.reader.clauses import Clause
from meetings.reader.cleaning import collapse
from meetings.reader.deadlines import DateHit
from meetings.reader.mentions import Mention

_DEFINITE = ("date", "recurring", "ongoing")
_ACTION_NOISE = re.compile(
    r"^(?:phải|cần phải|cần|có trách nhiệm|khẩn trương|kịp thời|sớm|ngay|thường xuyên|đồng thời|và|thì|cũng"
    r"|hằng ngày|hàng ngày|hằng tuần|hàng tuần|hằng tháng|hàng tháng|định kỳ)\b[\s,]*",
    re.IGNORECASE,
)
# What a removed deadline leaves dangling at the end of an action ("..., hoàn thành",
# ". Thời hạn hoàn thành:").
_DANGLING_END = re.compile(
    r"[\s,.;:(]*(?:(?:thời hạn|thời gian)(?: hoàn thành| thực hiện)?|(?:và |để )?hoàn thành(?: xong)?)[\s,.;:(]*$",
    re.IGNORECASE,
)
_MAX_ACTION = 300


class Unit:
    """The clauses assigning one task, before its lead is settled.

    Kinds and dates are kept up to date as clauses are added, so a sentence of thousands of
    clauses is still read in linear time.
    """

    def __init__(
        self,
        clauses: list[Clause],
        leads: list[Mention] | None = None,
        coordinating: list[Mention] | None = None,
        source: str = "explicit",
    ) -> None:
        self.clauses: list[Clause] = []
        self.leads: list[Mention] = leads or []  # lead then co-leads
        self.coordinating: list[Mention] = coordinating or []
        self.source = source  # "explicit" | "context" | "heading" | "" (to settle) | "skip"
        self.dates: list[DateHit] = []
        self._kinds: set[str] = set()
        self._recurrence: str | None = None
        self.first_due = None  # a periodic report's first due date
        for clause in clauses:
            self.add(clause)

    def add(self, clause: Clause) -> None:
        self.clauses.append(clause)
        self.dates.extend(clause.deadline.dates)
        self._kinds.add(clause.kind)
        if self._recurrence is None:
            self._recurrence = clause.deadline.recurrence
        if self.first_due is None:
            self.first_due = clause.deadline.first_due

    def add_kind(self, kind: str) -> None:
        self._kinds.add(kind)

    def extend(self, other: Unit) -> None:
        for clause in other.clauses:
            self.add(clause)

    @property
    def start(self) -> int:
        return self.clauses[0].start

    @property
    def end(self) -> int:
        return self.clauses[-1].end

    @property
    def kind(self) -> str:
        return next((k for k in _DEFINITE if k in self._kinds), "none")

    @property
    def recurrence(self) -> str | None:
        return self._recurrence

    @property
    def urgent_start(self) -> bool:
        first = self.clauses[0]
        return first.urgent_start or first.opener == "urgent"

    def due_dates(self) -> list:
        return sorted({hit.due for hit in self.dates if hit.due is not None})


def group_sentence(clauses: list[Clause], lenient: bool = False) -> list[Unit]:
    """Units of one sentence; a unit whose `leads` stay empty needs a lead from its context.

    `lenient`: the sentence belongs to a "Một là, ..." item, which is an order whatever its
    wording ("Hai là, sau khi đã làm sạch ..., phải ...").
    """
    units: list[Unit] = []
    subject: list[Mention] = []  # the lead named earlier in this sentence
    subject_source = "explicit"
    for clause in clauses:
        if clause.topic:
            continue
        if clause.heading_only:
            subject, subject_source = clause.subject, "heading"
            continue
        if clause.subject:
            if clause.statement or clause.conditional:
                subject = []
                units.append(Unit([clause], source="skip"))
                continue
            units.append(Unit([clause], clause.subject + clause.co_leads, clause.coordinating))
            subject, subject_source = clause.subject + clause.co_leads, "explicit"
            continue
        current = units[-1] if units else None
        if current is not None and current.source == "skip" and not _starts_new_task(current, clause):
            current.add(clause)  # the rest of a report is still a report
            continue
        if current is not None and current.source == "skip":
            current = None
        if current is None or _starts_new_task(current, clause):
            not_an_order = clause.non_directive or clause.statement or clause.conditional
            if current is None and not_an_order and not lenient:
                units.append(Unit([clause], source="skip"))
                continue
            units.append(Unit([clause], list(subject), clause.coordinating, subject_source if subject else ""))
        else:
            current.add(clause)
            if clause.coordinating and not current.coordinating:
                current.coordinating = clause.coordinating
    return [u for u in units if u.source != "skip"]


def _starts_new_task(current: Unit, clause: Clause) -> bool:
    if clause.role_start or clause.opener == "trigger" or clause.item:
        return True
    if clause.opener == "modifier" or (clause.deadline_only and current.kind != "date"):
        return False
    kind, cur_kind = clause.kind, current.kind
    if clause.opener == "dong_thoi":
        return kind in _DEFINITE and cur_kind in _DEFINITE and _differ(current, clause)
    if kind == "date":
        if cur_kind == "date":
            return _differ(current, clause)
        return clause.opener != "report"
    if clause.opener == "urgent" or current.urgent_start:
        return True
    if kind == "recurring":
        # A schedule ("định kỳ hằng tháng báo cáo ...") is followed up on its own.
        return cur_kind != "recurring" or _differ(current, clause)
    if kind == "ongoing":
        # "thường xuyên" says how the same work is done: it joins a task without a deadline.
        return cur_kind in _DEFINITE and _differ(current, clause)
    return False


def _differ(current: Unit, clause: Clause) -> bool:
    if current.kind != clause.kind:
        return True
    if clause.kind == "date":
        return set(current.due_dates()) != {h.due for h in clause.deadline.dates if h.due}
    return clause.deadline.recurrence != current.recurrence


def merge_enumerated(units: list[Unit]) -> list[Unit]:
    """ "Một là, ..." is one task for the whole item unless a sentence names its own lead."""
    merged: list[Unit] = []
    for unit in units:
        head = merged[0] if merged else None
        if head is not None and unit.source != "explicit":
            head.extend(unit)  # two dates in one item still make two tasks later
            continue
        merged.append(unit)
    return merged


# Closing formulas: "Yêu cầu Sở X, Sở Y triển khai thực hiện./.", "Văn phòng ... thông báo để
# các cơ quan biết, thực hiện.": an agency is told to carry out the letter as a whole, which is
# no task of its own (the tasks are the letter's sentences).
_BOILERPLATE = re.compile(
    r"^(?:(?:nghiem tuc|khan truong|kip thoi|chu dong|to chuc|trien khai|thuc hien|phoi hop|va|,)\s*)*"
    r"(?:thuc hien|trien khai)(?:\s*(?:nghiem|nghiem tuc|ngay|theo quy dinh|cac noi dung tren|noi dung tren"
    r"|y kien tren|van ban nay|cong van nay|ke hoach nay))?[\s./;]*$"
)
_TOLD_TO_KNOW = re.compile(r"^(?:xin )?thong bao.{0,200}\bbiet\b")
# "Yêu cầu các đồng chí sắp xếp công việc, về dự Hội nghị đúng thời gian": attendance.
_ATTEND = re.compile(
    r"^(?:sap xep (?:cong viec|thoi gian)[, ]*(?:de )?)?(?:ve )?(?:tham )?du (?:hoi nghi|cuoc hop|hop|buoi)"
)


_IF_STUCK = re.compile(
    r"\b(?:neu co|truong hop co|neu phat sinh|co) (?:[a-z ,]{0,40})?vuong mac\b"
    r"|^(?:thuc hien )?(?:che do )?bao cao dot xuat\b"  # "báo cáo đột xuất khi có yêu cầu": a standing duty
)


def is_boilerplate(folded: str, unit: Unit) -> bool:
    """Whether a unit only tells its agencies to carry out (or know) the document, or what to
    do "nếu có khó khăn, vướng mắc" (a standing instruction, not a task)."""
    first = unit.clauses[0]
    start, end = first.action_start, unit.end
    if _IF_STUCK.search(folded, unit.start, min(end, unit.start + 300)):
        return True
    if _IF_STUCK.match(" ".join(folded[start : min(end, start + 80)].split())):
        return True
    if end - start > 260:
        return False
    action = " ".join(folded[start:end].split())
    return bool(_BOILERPLATE.match(action) or _TOLD_TO_KNOW.match(action) or _ATTEND.match(action))


# --- splitting by deadline ------------------------------------------------------------------


@dataclass
class Piece:
    """One task cut from a unit: its span, its action range, its deadline."""

    start: int
    end: int
    action_start: int
    action_end: int
    date: DateHit | None
    leads: list[Mention]


def pieces(unit: Unit, view: str) -> list[Piece]:
    """A unit as one or more tasks: one per agency-specific deadline, one per distinct date."""
    first = unit.clauses[0]
    if first.per_agency:
        return [
            Piece(unit.start, unit.end, first.action_start, unit.end, hit, names) for hit, names in first.per_agency
        ]
    dates = unit.dates
    distinct = unit.due_dates()
    if len(distinct) < 2:
        return [Piece(unit.start, unit.end, first.action_start, unit.end, dates[0] if dates else None, unit.leads)]
    # One hit per date, in order of appearance.
    seen, ordered = set(), []
    for hit in sorted(dates, key=lambda h: h.start):
        if hit.due not in seen:
            seen.add(hit.due)
            ordered.append(hit)
    cuts = [_cut_before(view, ordered[k - 1], ordered[k]) for k in range(1, len(ordered))]
    bounds = [unit.start, *cuts, unit.end]
    out = []
    for k, hit in enumerate(ordered):
        start, end = bounds[k], bounds[k + 1]
        action_start = max(start, first.action_start) if k == 0 else start
        out.append(Piece(start, end, action_start, end, hit, unit.leads))
    return out


def _cut_before(view: str, prev: DateHit, nxt: DateHit) -> int:
    """Where the text about `nxt` begins: at "và"/"," right before it (deadline first) or
    at the first "và"/","/";" after `prev` (action first)."""
    before = view[prev.end : nxt.start]
    stripped = before.rstrip()
    for joint in (" và", ",", ";"):
        if stripped.endswith(joint):
            return prev.end + len(stripped) - len(joint) + (1 if joint == " và" else 0)
    for joint in (";", " và ", ", "):
        pos = before.find(joint)
        if pos >= 0:
            return prev.end + pos + (1 if joint == " và " else 0) + (1 if joint == ";" else 0)
    return nxt.start


# --- the action -----------------------------------------------------------------------------


def action_text(view: str, start: int, end: int, drop: list[DateHit]) -> str:
    """What to do, starting with its verb: the deadline phrases and leading modals removed."""
    parts, pos = [], start
    for hit in sorted(drop, key=lambda h: h.start):
        if hit.start >= pos and hit.end <= end:
            parts.append(view[pos : hit.start])
            pos = hit.end
    parts.append(view[pos:end])
    # Cut early: the action is shown short, and the clean-ups below then work on little text.
    text = collapse(" ".join(parts))[: _MAX_ACTION * 2]
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+([,;.)])", r"\1", text)
    text = re.sub(r",+([;.])", r"\1", text)
    for _ in range(6):
        stripped = _ACTION_NOISE.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = text.strip(" ,;:.-–")
    text = _DANGLING_END.sub("", text) or text
    if len(text) > _MAX_ACTION:
        text = text[:_MAX_ACTION].rsplit(" ", 1)[0] + " …"
    return text[:1].upper() + text[1:]
