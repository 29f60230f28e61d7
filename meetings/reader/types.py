"""What the notice reader returns: plain dataclasses, no ORM.

Offsets (`TaskDraft.span`, `ConclusionDraft.start/end`) index `NoticeDraft.text`, which is the
input with only its encoding noise removed (see `cleaning.normalize_input`): Unicode NFC,
"\\n" line ends, ordinary spaces for non-breaking ones, no zero-width characters. Markdown
leftovers and page numbers stay in `text` (so a quote copied from the original still matches);
the reader ignores them while reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from agencies.directory import AgencyMention

MEETING_KINDS = ("giao_ban", "hop", "hoi_nghi", "lam_viec", "khac")
DEADLINE_KINDS = ("date", "recurring", "ongoing", "none")
RECURRENCES = ("daily", "weekly", "monthly")


class NotANoticeError(ValueError):
    """The text is empty or clearly not a conclusion notice (message in Vietnamese)."""


@dataclass
class MeetingDraft:
    date: dt.date | None = None
    kind: str = "khac"
    is_online: bool = False
    chair: str = ""
    chair_title: str = ""
    attendees: str = ""


@dataclass
class ConclusionDraft:
    label: str
    text: str
    start: int
    end: int


@dataclass
class TaskDraft:
    lead: AgencyMention
    co_leads: list[AgencyMention] = field(default_factory=list)
    coordinating: list[AgencyMention] = field(default_factory=list)
    action: str = ""
    deadline_kind: str = "none"
    due_date: dt.date | None = None
    recurrence: str | None = None
    span: tuple[int, int] = (0, 0)
    deadline_text: str = ""
    # A relative term as written ("05 ngày làm việc kể từ ngày 20/01/2026"), when the due date
    # was computed from it.
    due_term: str = ""
    conclusion_label: str = ""
    lead_implicit: bool = False
    # Where an implicit lead came from: "heading" (a heading or "X:" before the bullets),
    # "context" (the sentence introducing a list, or an earlier sentence of the paragraph).
    lead_source: str = "explicit"


@dataclass
class UnassignedMention:
    """An agency named in a directive sentence that no proposed task carries (lead, co-lead or
    coordinating): for the clerk to check. `start`/`end` index `NoticeDraft.text` (the name),
    `sentence` the whole sentence, to highlight it."""

    text: str
    start: int
    end: int
    sentence: tuple[int, int]


@dataclass
class NoticeDraft:
    number: str | None = None
    number_raw: str = ""
    place: str = ""
    issued_date: dt.date | None = None
    issued_date_text: str = ""
    year: int | None = None
    title: str = ""
    meeting: MeetingDraft = field(default_factory=MeetingDraft)
    conclusions: list[ConclusionDraft] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signing_formula: str = ""
    signer: str = ""
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    # Agencies named where something is assigned that ended up in no task (see `unassigned`).
    unassigned_mentions: list[UnassignedMention] = field(default_factory=list)
    # From the header: the kind of document ("Thông báo kết luận", "Công văn", "Kế hoạch", ...),
    # its subject ("V/v ..." or the title under the kind) and the issuing body, as written.
    kind: str = ""
    subject: str = ""
    issuer: str = ""

    def quote(self, task: TaskDraft) -> str:
        """The sentence(s) assigning a task, whitespace collapsed."""
        start, end = task.span
        return " ".join(self.text[start:end].split())


__all__ = [
    "AgencyMention",
    "ConclusionDraft",
    "MeetingDraft",
    "NotANoticeError",
    "NoticeDraft",
    "TaskDraft",
    "UnassignedMention",
]
