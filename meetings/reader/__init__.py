"""The notice reader: the text of a conclusion notice in, a structured draft out.

    from meetings.reader import read_notice
    draft = read_notice(text, directory=None)

Pure Python: no Django, no database. See `types` for what comes back (offsets index
`NoticeDraft.text`, the input with encoding noise removed), `NOTES.md` for where the reader
parts with the hand annotations of the seed notices, and the modules for how:
`cleaning` (text → paragraphs), `header` (number, date, meeting, signature), `doctype`
(kind, subject, issuer), `sentences` (sentences, clauses), `mentions` and `namelists` (agency
names), `deadlines` and `periods`, `openers` and `clauses` (who does what in one clause),
`units` and `body` (clauses → tasks), `tables` (tasks tables) and `unassigned` (agencies named
but given no task).
"""

from agencies.directory import AgencyDirectory, AgencyMention, DirectoryEntry
from meetings.reader.notice import read_notice
from meetings.reader.types import (
    ConclusionDraft,
    MeetingDraft,
    NotANoticeError,
    NoticeDraft,
    TaskDraft,
    UnassignedMention,
)

__all__ = [
    "AgencyDirectory",
    "AgencyMention",
    "ConclusionDraft",
    "DirectoryEntry",
    "MeetingDraft",
    "NotANoticeError",
    "NoticeDraft",
    "TaskDraft",
    "UnassignedMention",
    "read_notice",
]
