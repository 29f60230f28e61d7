"""The notice reader: the text of a conclusion notice in, a structured draft out.

    from meetings.reader import read_notice
    draft = read_notice(text, directory=None)

Pure Python: no Django, no database. See `types` for what comes back (offsets index
`NoticeDraft.text`, the input with encoding noise removed), `NOTES.md` for where the reader
parts with the hand annotations of the seed notices, and the modules for how:
`cleaning` (text → paragraphs), `header` (number, date, meeting, signature),
`sentences` (sentences, clauses), `mentions` (agency names), `deadlines`,
`clauses` (who does what in one clause) and `tasks` (clauses → tasks).
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
