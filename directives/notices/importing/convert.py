"""The reader's draft (meetings.reader) turned into what prefills the entry form (NoticeDraft).

The reader knows agencies only as mentions with directory ids; the entry form wants Agency and
AgencyGroup objects, and plain strings for names still unresolved (they stay in the picker's
text box, and saving refuses them until the clerk picks an agency). Nothing here writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agencies.directory import AgencyMention
from agencies.models import Agency, AgencyGroup
from agencies.names import normalize
from agencies.roles import leader_for_name
from directives.notices.services import ConclusionInput, NoticeDraft, TaskInput
from directives.workdays import working_calendar
from meetings.models import CONCLUSION_NOTICE, DEFAULT_ISSUER, DocumentKind, Meeting, ensure_document_kinds
from meetings.reader import NoticeDraft as ReadDraft
from meetings.reader import TaskDraft
from meetings.reader.periods import relative_term

_MEETING_AT = re.compile(r"\btại\s+(?P<what>(?:hội nghị|cuộc họp|buổi làm việc|phiên họp|hội thảo)\b.*)", re.I)
_TRAILING_DATE = re.compile(r"\s*\((?:ngày\s*)?\d{1,2}/\d{1,2}(?:/\d{2,4})?\)\s*$")


@dataclass
class Unresolved:
    """A name the directory does not know, where it stands in the form, and what it may be."""

    text: str
    role: str  # "lead", "co_leads" or "coordinating": the task field it sits in
    conclusion: int  # positions in the form, from 0
    task: int
    suggestions: list[str] = field(default_factory=list)

    @property
    def field_id(self) -> str:
        return f"id_c-{self.conclusion}-t-{self.task}-{self.role}"

    @property
    def role_label(self) -> str:
        return {"lead": "cơ quan chủ trì", "co_leads": "cơ quan cùng chủ trì"}.get(self.role, "cơ quan phối hợp")


@dataclass
class Unassigned:
    """An agency named in a directive sentence that no proposed task carries: listed under
    "Cần kiểm tra" with its sentence highlighted, so a co-lead the reader could not place (a
    collective name, say) is never dropped silently."""

    text: str
    sentence: tuple[int, int]  # offsets in the review's text
    excerpt: str


@dataclass
class Review:
    """What the review page shows: the prefilled draft, and what the clerk should check."""

    draft: NoticeDraft
    text: str
    warnings: list[str]
    unresolved: list[Unresolved]
    unassigned: list[Unassigned] = field(default_factory=list)


def unassigned_from_reading(read: ReadDraft) -> list[Unassigned]:
    found = []
    for mention in read.unassigned_mentions:
        start, end = mention.sentence
        sentence = " ".join(read.text[start:end].split())
        excerpt = sentence if len(sentence) <= 200 else sentence[:199].rstrip() + "…"
        found.append(Unassigned(text=mention.text, sentence=(start, end), excerpt=excerpt))
    return found


def review_from_reading(read: ReadDraft) -> Review:
    """The entry form's draft for a notice the reader has read (agencies looked up in the database)."""
    items = _items_for(read.tasks)
    groups = _group_tasks(read)
    conclusions: list[ConclusionInput] = []
    unresolved: list[Unresolved] = []
    for ci, (label, text, tasks) in enumerate(groups):
        inputs = []
        for ti, task in enumerate(tasks):
            inputs.append(_task_input(read, task, items))
            for role, mentions in (
                ("lead", [task.lead]),
                ("co_leads", task.co_leads),
                ("coordinating", task.coordinating),
            ):
                for mention in mentions:
                    if _item(mention, items) is None:
                        unresolved.append(Unresolved(mention.text, role, ci, ti, list(mention.suggestions)))
        conclusions.append(ConclusionInput(label=label, text=text, tasks=inputs))
    kind = document_kind(read)
    meeting = _meeting(read) if kind.needs_meeting else None
    leader_name = _leader_name(read, kind)
    fields = {
        "kind": kind,
        "issuer": issuer_from(read.issuer),
        "leader": leader_for_name(leader_name),
        "leader_name": leader_name,
        "number": read.number or "",
        "place": read.place,
        "issued_on": read.issued_date,
        "issued_on_text": read.issued_date_text,
        "title": read.title or (f"V/v {read.subject}" if read.subject else ""),
        "signing_formula": read.signing_formula,
        "signer_name": read.signer,
        "recipients": "\n".join(read.recipients),
        "full_text": read.text,
    }
    return Review(
        draft=NoticeDraft(fields=fields, meeting=meeting, conclusions=conclusions),
        text=read.text,
        warnings=_other_warnings(read.warnings, unresolved),
        unresolved=unresolved,
        unassigned=unassigned_from_reading(read),
    )


def _has_meeting(read: ReadDraft) -> bool:
    return bool(read.meeting.chair or read.meeting.date)


def document_kind(read: ReadDraft) -> DocumentKind:
    """The kind the header names ("Công văn", "Kế hoạch", ...), as one of the office's kinds. A
    plain "Thông báo" is a conclusion notice when it tells of a meeting, else it conveys a
    leader's opinion; a kind the office has not listed is taken as a letter."""
    kinds = ensure_document_kinds()
    name = normalize(read.kind or "")
    if not name:
        return kinds[CONCLUSION_NOTICE]  # as every reading was before the kinds
    for kind in DocumentKind.objects.all():
        if normalize(kind.name) == name:
            return kind
    if name.startswith("thong bao"):
        return kinds[CONCLUSION_NOTICE] if _has_meeting(read) else kinds["thong_bao_y_kien_chi_dao"]
    return kinds["cong_van"]


def _leader_name(read: ReadDraft, kind: DocumentKind) -> str:
    """Who directed: the meeting's chair for a conclusion notice, else the one who signed."""
    name = read.meeting.chair if kind.needs_meeting and read.meeting.chair else read.signer
    return " ".join((name or "").split())[:255]


def issuer_from(text: str) -> str:
    """The issuing body as the office names it: the province's People's Committee is "UBND tỉnh"."""
    words = " ".join((text or "").split())
    if not words or normalize(words).startswith(("uy ban nhan dan tinh", "ubnd tinh")):
        return DEFAULT_ISSUER
    return words[:255]


def _other_warnings(warnings: list[str], unresolved: list[Unresolved]) -> list[str]:
    """The reader's remarks, less those about names the review already lists with their place."""
    names = {f"“{item.text}”" for item in unresolved}
    return [w for w in warnings if not (w.startswith("Chưa có cơ quan") and any(n in w for n in names))]


def text_for_saving(draft: NoticeDraft) -> None:
    """Make the draft's full text what the notice will store, keeping every span on its words.

    Browsers send a textarea's line ends as "\r\n" and the save service strips the text, while
    spans count the reader's text ("\n" line ends, leading blank lines included): both are
    settled here, spans shifted by what was cut off the front.
    """
    text = (draft.fields.get("full_text") or "").replace("\r\n", "\n").replace("\r", "\n")
    cut = len(text) - len(text.lstrip())
    draft.fields["full_text"] = text.strip()
    for conclusion in draft.conclusions:
        for task in conclusion.tasks:
            if task.span is not None and cut and None not in task.span:
                start, end = task.span
                task.span = (max(start - cut, 0), max(end - cut, 0))


def _meeting(read: ReadDraft) -> Meeting:
    """A new meeting (unsaved): the clerk may instead pick one already entered."""
    meeting = read.meeting
    kind = meeting.kind if meeting.kind in Meeting.Kind.values else Meeting.Kind.KHAC
    return Meeting(
        title=meeting_title(read.title, kind=kind, is_online=meeting.is_online),
        kind=kind,
        held_on=meeting.date,
        chair_name=meeting.chair[:255],
        chair_title=meeting.chair_title[:255],
        is_online=meeting.is_online,
        attendees_note=meeting.attendees,
    )


def meeting_title(notice_title: str, *, kind: str, is_online: bool) -> str:
    """ "Kết luận ... tại hội nghị giao ban trực tuyến về X (ngày 24/6/2021)" names its meeting
    after "tại"; otherwise the kind of meeting stands in until the clerk types a better one."""
    found = _MEETING_AT.search(" ".join(notice_title.split()))
    if found:
        what = _TRAILING_DATE.sub("", found["what"]).strip(" .;,")
        return (what[:1].upper() + what[1:])[:500]
    label = str(Meeting.Kind(kind).label) if kind != Meeting.Kind.KHAC else "Cuộc họp"
    return f"{label} trực tuyến" if is_online else label


def _group_tasks(read: ReadDraft) -> list[tuple[str, str, list[TaskDraft]]]:
    """Conclusions in order, each with the tasks whose sentence stands inside it. A label may
    repeat (two numbered parts in one notice), so position decides, never the label. Tasks
    outside every conclusion (an opening or closing paragraph) get a conclusion of their own."""
    rows: list[tuple[str, str, list[TaskDraft]]] = [(c.label, without_label(c), []) for c in read.conclusions]
    loose: list[TaskDraft] = []
    for task in read.tasks:
        start = task.span[0]
        index = next((i for i, c in enumerate(read.conclusions) if c.start <= start < c.end), None)
        if index is None:
            loose.append(task)
        else:
            rows[index][2].append(task)
    if loose:
        first = min(t.span[0] for t in loose)
        before = sum(1 for c in read.conclusions if c.start < first)
        rows.insert(before, ("", read.quote(loose[0]), loose))
    # A conclusion without text cannot be saved; its tasks' sentences say what it was about.
    return [
        (label, text or (read.quote(tasks[0]) if tasks else ""), tasks) for label, text, tasks in rows if text or tasks
    ]


def without_label(conclusion) -> str:
    """A conclusion's text without the number it starts with (the form has a field for that)."""
    text = " ".join(conclusion.text.replace("**", " ").split())
    if conclusion.label and text.startswith(conclusion.label):
        text = text[len(conclusion.label) :].strip()
    return text


def _items_for(tasks: list[TaskDraft]) -> dict[str, Agency | AgencyGroup]:
    """The agencies and groups the mentions point at, fetched in two queries."""
    mentions = [m for t in tasks for m in (t.lead, *t.co_leads, *t.coordinating)]
    agency_ids = {m.agency_id for m in mentions if m.agency_id is not None}
    group_ids = {m.group_id for m in mentions if m.group_id is not None}
    items: dict[str, Agency | AgencyGroup] = {}
    items.update({f"a:{a.pk}": a for a in Agency.objects.filter(pk__in=agency_ids, is_active=True)})
    items.update({f"g:{g.pk}": g for g in AgencyGroup.objects.filter(pk__in=group_ids)})
    return items


def _item(mention: AgencyMention, items: dict[str, Agency | AgencyGroup]) -> Agency | AgencyGroup | None:
    if mention.agency_id is not None:
        return items.get(f"a:{mention.agency_id}")
    if mention.group_id is not None:
        return items.get(f"g:{mention.group_id}")
    return None


def _items_or_names(mentions: list[AgencyMention], items) -> list[Agency | AgencyGroup | str]:
    out: list[Agency | AgencyGroup | str] = []
    for mention in mentions:
        item = _item(mention, items)
        out.append(item if item is not None else mention.text)
    return out


def _due(read: ReadDraft, task: TaskDraft):
    """The reader's due date; a term in working days counted again with the declared days."""
    term = relative_term(task.due_term) if task.due_term else None
    if term is not None and term.working:
        return term.due(working_calendar(), issued=read.issued_date) or task.due_date
    return task.due_date


def _task_input(read: ReadDraft, task: TaskDraft, items) -> TaskInput:
    dated = task.deadline_kind == "date"
    return TaskInput(
        leads=_items_or_names([task.lead], items),
        co_leads=_items_or_names(task.co_leads, items),
        coordinating=_items_or_names(task.coordinating, items),
        action=task.action,
        deadline_kind=task.deadline_kind,
        due_date=_due(read, task) if dated else None,
        recurrence=(task.recurrence or "") if task.deadline_kind == "recurring" else "",
        source_text=read.quote(task),
        span=task.span,
        lead_text=", ".join(m.text for m in (task.lead, *task.co_leads))[:500],
        due_term=task.due_term if dated else "",
    )
