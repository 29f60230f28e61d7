"""read_notice: the whole reading, from raw text to a NoticeDraft.

The steps: clean the text and rebuild its paragraphs (`cleaning`); read the header, the
meeting paragraph and the signature (`header`); find where the conclusions begin (after the
sentence that introduces them, "... kết luận như sau:", or at the first numbered item) and
end ("Nơi nhận", the signing formula); read them (`body`) and turn what they assign into
tasks (`units`), resolving agency names through the directory when one is given.

A text is refused (NotANoticeError) only when it is empty, or when it assigns no task and
shows none of a notice's parts (number, date line, "THÔNG BÁO", meeting, recipients,
signing formula, numbered conclusions). A draft without number, date or header is still a
notice: what is missing becomes a warning for the clerk.
"""

from __future__ import annotations

from collections import Counter

from agencies.directory import AgencyDirectory, AgencyMention
from meetings.reader.body import Block, BodyReader, Found
from meetings.reader.cleaning import Para, analysis_view, build_paragraphs, collapse, normalize_input
from meetings.reader.deadlines import fold, years_in
from meetings.reader.doctype import read_kind_subject_issuer
from meetings.reader.header import Footer, Header, find_meeting_paragraph, parse_footer, parse_header, parse_meeting
from meetings.reader.mentions import Mention, MentionParser
from meetings.reader.periods import effective_date
from meetings.reader.tables import TableTask, find_tables, table_tasks
from meetings.reader.types import ConclusionDraft, MeetingDraft, NotANoticeError, NoticeDraft, TaskDraft
from meetings.reader.unassigned import unassigned_mentions
from meetings.reader.units import action_text, pieces

_NOT_INTRO_STARTS = ("kinh gui", "can cu", "noi nhan", "thanh phan", "tham du")


def read_notice(text: str, *, directory: AgencyDirectory | None = None) -> NoticeDraft:
    """Read a conclusion notice. Raises NotANoticeError for empty or clearly foreign text."""
    if text is None or not str(text).strip():
        raise NotANoticeError("Văn bản trống: không có nội dung để đọc.")
    clean = normalize_input(str(text))
    view = analysis_view(clean)
    tables, table_spans = find_tables(clean) if _may_hold_a_table(clean) else ([], [])
    table_view = view  # the rows' names are read from here, before they are blanked
    view = _blank_spans(view, table_spans)  # the sentence reader never reads a row again
    paras = build_paragraphs(view)
    if not paras:
        raise NotANoticeError("Văn bản trống: không có nội dung để đọc.")

    head = parse_header(view, paras)
    meeting_at = find_meeting_paragraph(view, paras, head.end)
    # The meeting is told in the first lines of its paragraph: read no further than that.
    meeting_text = (
        collapse(view[paras[meeting_at].start : paras[meeting_at].end][:3000]) if meeting_at is not None else ""
    )
    year = head.issued_year or _year_of(meeting_text) or _most_common_year(view)
    meeting = parse_meeting(meeting_text, head.title, year) if meeting_text else MeetingDraft()
    footer = parse_footer(view, paras, head.end)
    body_from, intro = _locate_body(view, paras, head.end, footer.start, meeting_at)

    parser = MentionParser(view, directory)
    reader = BodyReader(view, parser, year, head.issued_date)
    reader.effective = effective_date(view)
    found, blocks, read = reader.read(paras[body_from : footer.start], intro)

    draft = NoticeDraft(
        number=head.number,
        number_raw=head.number_raw,
        place=head.place,
        issued_date=head.issued_date,
        issued_date_text=head.issued_date_text,
        year=year,
        title=head.title,
        meeting=meeting,
        recipients=footer.recipients,
        signing_formula=footer.signing_formula,
        signer=footer.signer,
        text=clean,
    )
    draft.kind, draft.subject, draft.issuer = read_kind_subject_issuer(view, head.title, head.number_raw)
    draft.tasks = _tasks(found, view, directory)
    if tables:
        # Read once the notice's year is known (a row's "Quý III" takes it).
        rows = table_tasks(clean, tables, MentionParser(table_view, directory), year, head.issued_date)
        draft.tasks = sorted(draft.tasks + [_row_task(row, directory) for row in rows], key=lambda t: t.span[0])
    draft.unassigned_mentions = unassigned_mentions(view, parser, read, found)
    draft.conclusions = _conclusions(blocks, found, view)
    if not draft.tasks and not _has_structure(head, footer, meeting, paras, view):
        raise NotANoticeError(
            "Văn bản không phải là thông báo kết luận: không có số, ngày, tiêu đề, cuộc họp, "
            "nơi nhận hay nhiệm vụ nào được giao."
        )
    draft.warnings = _warnings(draft, head, found, reader, directory)
    return draft


# --- layout ---------------------------------------------------------------------------------


def _locate_body(
    view: str, paras: list[Para], start: int, stop: int, meeting_at: int | None
) -> tuple[int, Para | None]:
    """Index of the first paragraph of the conclusions, and the sentence introducing them."""
    start = _after_addressees(view, paras, start, stop)
    later = _intro_after_attendance(view, paras, start, stop)
    if later is not None:
        return later + 1, paras[later]
    first_label = next((i for i in range(start, stop) if paras[i].kind in ("numbered", "roman", "letter")), None)
    for i in range(start, first_label if first_label is not None else stop):
        para = paras[i]
        text = collapse(view[para.start : para.end])
        if para.kind == "plain" and text.endswith(":") and not fold(text).startswith(_NOT_INTRO_STARTS):
            return i + 1, para
    if first_label is not None:
        return first_label, None
    if meeting_at is not None and meeting_at + 1 < stop:
        return meeting_at + 1, None
    return start, None


def _after_addressees(view: str, paras: list[Para], start: int, stop: int) -> int:
    """The first paragraph after "Kính gửi:" and its list of addressees (a letter's header
    part: the agencies there are told, not given a task), or `start` when there is none."""
    for i in range(start, min(stop, start + 8)):
        if fold(collapse(view[paras[i].start : paras[i].start + 30])).startswith("kinh gui"):
            j = i + 1
            while j < stop and paras[j].kind == "bullet":
                j += 1
            return j
    return start


_ATTENDANCE = ("thanh phan", "tham du", "du hop")


def _intro_after_attendance(view: str, paras: list[Para], start: int, stop: int) -> int | None:
    """ "I. THÀNH PHẦN THAM DỰ ... II. NỘI DUNG ... kết luận như sau:": when the numbered
    items first list who attended, the conclusions start after the sentence introducing them."""
    seen_attendance = False
    for i in range(start, min(stop, start + 40)):
        para = paras[i]
        head = fold(collapse(view[para.body_start : para.body_start + 60]))
        if head.startswith(_ATTENDANCE) or (para.kind != "plain" and any(w in head for w in _ATTENDANCE)):
            seen_attendance = True
            continue
        if seen_attendance and para.kind == "plain" and view[para.end - 1] == ":":
            text = fold(collapse(view[para.start : para.end]))
            if "ket luan" in text or "nhu sau" in text:
                return i
    return None


def _year_of(text: str) -> int | None:
    years = years_in(text)
    return years[0] if years else None


def _most_common_year(view: str) -> int | None:
    years = [y for y in years_in(view[:200_000]) if 1990 <= y <= 2100]
    return Counter(years).most_common(1)[0][0] if years else None


def _has_structure(head: Header, footer: Footer, meeting: MeetingDraft, paras: list[Para], view: str) -> bool:
    if head.found_anything or head.title or footer.recipients or footer.signing_formula:
        return True
    if meeting.chair or meeting.date:
        return True
    folded = fold(view[:5000])
    return "ket luan" in folded and sum(1 for p in paras if p.kind == "numbered") >= 2


# --- tasks ----------------------------------------------------------------------------------


def _tasks(found: list[Found], view: str, directory: AgencyDirectory | None) -> list[TaskDraft]:
    tasks: list[TaskDraft] = []
    for item in found:
        unit = item.unit
        drop = unit.dates
        for piece in pieces(unit, view):
            leads = piece.leads or unit.leads
            kind = "date" if piece.date else unit.kind
            recurrence = unit.recurrence
            implicit = unit.source in ("context", "heading")
            tasks.append(
                TaskDraft(
                    lead=_agency(leads[0], directory),
                    co_leads=_agencies(leads[1:], directory),
                    coordinating=_agencies(unit.coordinating, directory),
                    action=action_text(view, piece.action_start, piece.action_end, drop),
                    deadline_kind=kind,
                    due_date=piece.date.due if piece.date else (unit.first_due if kind == "recurring" else None),
                    recurrence=recurrence if kind == "recurring" else None,
                    span=(piece.start, piece.end),
                    deadline_text=piece.date.text if piece.date else "",
                    due_term=piece.date.text if piece.date and piece.date.term else "",
                    conclusion_label=item.block.label,
                    lead_implicit=implicit,
                    lead_source=unit.source if implicit else "explicit",
                )
            )
    return tasks


def _row_task(row: TableTask, directory: AgencyDirectory | None) -> TaskDraft:
    return TaskDraft(
        lead=_agency(row.leads[0], directory),
        co_leads=_agencies(row.leads[1:], directory),
        coordinating=_agencies(row.coordinating, directory),
        action=row.action[:300],
        deadline_kind=row.kind,
        due_date=row.due,
        recurrence=row.recurrence if row.kind == "recurring" else None,
        span=(row.start, row.end),
    )


def _may_hold_a_table(text: str) -> bool:
    return "|" in text or "\t" in text or "hiệm vụ\n" in text or "ội dung\n" in text


def _blank_spans(view: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return view
    parts, pos = [], 0
    for start, end in spans:
        parts.append(view[pos:start])
        parts.append("".join(ch if ch == "\n" else " " for ch in view[start:end]))
        pos = end
    parts.append(view[pos:])
    return "".join(parts)


def _agencies(mentions: list[Mention], directory: AgencyDirectory | None) -> list[AgencyMention]:
    out: list[AgencyMention] = []
    seen: set[str] = set()
    for mention in mentions:
        key = fold(mention.text)
        if key not in seen:
            seen.add(key)
            out.append(_agency(mention, directory))
    return out


def _agency(mention: Mention, directory: AgencyDirectory | None) -> AgencyMention:
    if directory is None:
        return AgencyMention(text=mention.text, is_collective=mention.collective)
    if mention.entry is not None:
        entry = mention.entry
        return AgencyMention(
            text=mention.text,
            resolved_name=entry.name,
            agency_id=None if entry.is_group else entry.id,
            group_id=entry.id if entry.is_group else None,
            is_collective=entry.is_group,
        )
    resolved = directory.resolve(mention.text)
    if resolved.resolved_name is None:
        resolved.is_collective = mention.collective
    return resolved


def _conclusions(blocks: list[Block], found: list[Found], view: str) -> list[ConclusionDraft]:
    with_tasks = {id(item.block) for item in found}
    out = []
    for block in blocks:
        if block.start < 0 or (not block.label and id(block) not in with_tasks):
            continue
        out.append(ConclusionDraft(block.label, collapse(view[block.start : block.end]), block.start, block.end))
    return out


# --- warnings for the clerk -----------------------------------------------------------------


def _warnings(
    draft: NoticeDraft, head: Header, found: list[Found], reader: BodyReader, directory: AgencyDirectory | None
) -> list[str]:
    warnings: list[str] = []
    if not draft.number:
        warnings.append(
            f"Số văn bản còn để trống (“Số: {draft.number_raw}”)." if draft.number_raw else "Không tìm thấy số văn bản."
        )
    if draft.issued_date is None:
        warnings.append(
            f"Ngày ban hành chưa đầy đủ (“{draft.issued_date_text}”)."
            if draft.issued_date_text
            else "Không tìm thấy ngày ban hành."
        )
    if draft.meeting.date is None:
        warnings.append("Không tìm thấy ngày họp.")
    if not draft.tasks:
        warnings.append("Không tìm thấy nhiệm vụ nào được giao trong thông báo.")
    warnings.extend(_deadline_warnings(found, draft.year))
    for unit in reader.orphans[:20]:
        quote = collapse(draft.text[unit.start : unit.end])[:160]
        warnings.append(f"Câu có hạn hoàn thành nhưng không rõ cơ quan thực hiện: “{quote}”.")
    for para in reader.truncated[:5]:
        start = collapse(draft.text[para.start : para.start + 80])
        warnings.append(f"Đoạn văn quá dài, chỉ đọc phần đầu: “{start}…”.")
    if directory is not None:
        warnings.extend(_unknown_agency_warnings(draft.tasks))
    return warnings


def _deadline_warnings(found: list[Found], year: int | None) -> list[str]:
    out: list[str] = []
    for item in found:
        for hit in item.unit.dates:
            if hit.due is None:
                out.append(f"Không xác định được ngày của hạn “{hit.text}”: cần nhập tay.")
            elif hit.year_inferred:
                out.append(f"Hạn “{hit.text}” không ghi năm: đã lấy năm {hit.due.year} của thông báo.")
    return list(dict.fromkeys(out))[:50]


def _unknown_agency_warnings(tasks: list[TaskDraft]) -> list[str]:
    out: dict[str, str] = {}
    for task in tasks:
        for mention in (task.lead, *task.co_leads, *task.coordinating):
            if mention.resolved_name is None and mention.text not in out:
                hint = f" (gợi ý: {', '.join(mention.suggestions)})" if mention.suggestions else ""
                out[mention.text] = f"Chưa có cơ quan “{mention.text}” trong danh mục{hint}."
    return list(out.values())[:50]
