"""python manage.py extract_notice PATH [--json]: read a notice file and print the draft.

The file is read by the import page's own code (directives.notices.importing.files) and agencies are
looked up in the database's directory; with an empty database every name stays as written.
Nothing is written. `--json` prints one object with the keys of JSON_KEYS, then EXTRA_KEYS.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from agencies.directory import AgencyMention
from agencies.selectors import agency_directory
from directives.notices.importing.convert import without_label
from directives.notices.importing.files import ImportFileError, text_from_path
from meetings.reader import NotANoticeError, NoticeDraft, TaskDraft, read_notice

JSON_KEYS = (
    "number",
    "place",
    "issued_date",
    "meeting_date",
    "chair",
    "signer",
    "recipients",
    "conclusions",
    "tasks",
)
# Added after JSON_KEYS (whose meaning is unchanged): the document's kind, subject and issuer
# from its header, and the agencies named where something is assigned that no task carries.
EXTRA_KEYS = ("kind", "subject", "issuer", "unassigned_mentions")
_KIND_WORDS = {"date": "có thời hạn", "recurring": "định kỳ", "ongoing": "thường xuyên", "none": "không thời hạn"}
_RECURRENCE_WORDS = {"daily": "hằng ngày", "weekly": "hằng tuần", "monthly": "hằng tháng"}


def agency_name(mention: AgencyMention) -> str:
    """The resolved agency's (or group's) full name, or the text as written when unresolved."""
    return mention.resolved_name or mention.text


def _date(value) -> str | None:
    return value.isoformat() if value else None


def task_json(task: TaskDraft) -> dict:
    return {
        "lead": agency_name(task.lead),
        "co_leads": [agency_name(m) for m in task.co_leads],
        "coordinating": [agency_name(m) for m in task.coordinating],
        "action": task.action,
        "deadline_kind": task.deadline_kind,
        "due_date": _date(task.due_date),
        "recurrence": task.recurrence,
        "span": [task.span[0], task.span[1]],
    }


def draft_json(draft: NoticeDraft) -> dict:
    return {
        "number": draft.number,
        "place": draft.place,
        "issued_date": _date(draft.issued_date),
        "meeting_date": _date(draft.meeting.date),
        "chair": draft.meeting.chair,
        "signer": draft.signer,
        "recipients": list(draft.recipients),
        "conclusions": [{"label": c.label, "text": c.text} for c in draft.conclusions],
        "tasks": [task_json(task) for task in draft.tasks],
        "kind": draft.kind,
        "subject": draft.subject,
        "issuer": draft.issuer,
        "unassigned_mentions": [
            {"text": m.text, "span": [m.start, m.end], "sentence": list(m.sentence)} for m in draft.unassigned_mentions
        ],
    }


class Command(BaseCommand):
    help = "Đọc một thông báo kết luận (.txt, .docx, .pdf có lớp chữ) và in bản nháp đọc được; không lưu gì."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tới tệp .txt, .docx hoặc .pdf.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON thay cho bản dễ đọc.")

    def handle(self, *args, path: str, **options):
        try:
            text = text_from_path(path)
            draft = read_notice(text, directory=self._directory())
        except (ImportFileError, NotANoticeError) as exc:
            raise CommandError(str(exc)) from None
        if options.get("json"):
            self.stdout.write(_dumps(draft_json(draft)))
        else:
            self.stdout.write(self._readable(draft))

    def _directory(self):
        """The database's agencies; without a usable database, names stay as written (said on stderr)."""
        try:
            return agency_directory()
        except DatabaseError as exc:
            self.stderr.write(
                f"Không đọc được danh mục cơ quan từ cơ sở dữ liệu ({exc}); tên cơ quan được giữ như trên văn bản. "
                "Chạy “python manage.py migrate” để tạo cơ sở dữ liệu."
            )
            return None

    def _readable(self, draft: NoticeDraft) -> str:
        lines = [
            f"Số, ký hiệu: {draft.number or '(để trống)'}",
            f"Địa danh, ngày: {draft.place or '—'}, {draft.issued_date_text or '—'}"
            + (f" ({draft.issued_date:%d/%m/%Y})" if draft.issued_date else ""),
            f"Trích yếu: {draft.title or '—'}",
            f"Cuộc họp: {draft.meeting.date:%d/%m/%Y}" if draft.meeting.date else "Cuộc họp: (chưa rõ ngày)",
            f"Chủ trì: {draft.meeting.chair or '—'}",
            f"Thẩm quyền ký: {' / '.join(draft.signing_formula.splitlines()) or '—'}",
            f"Người ký: {draft.signer or '—'}",
            "",
            f"Kết luận ({len(draft.conclusions)}):",
        ]
        lines += [f"  {c.label or '•'} {_short(without_label(c), 100)}" for c in draft.conclusions]
        lines += ["", f"Nhiệm vụ ({len(draft.tasks)}):"]
        for number, task in enumerate(draft.tasks, start=1):
            lines.append(f"  {number}. [{task.conclusion_label or '—'}] {_short(task.action, 110)}")
            lines.append(f"     Chủ trì: {_names([task.lead, *task.co_leads])}")
            if task.coordinating:
                lines.append(f"     Phối hợp: {_names(task.coordinating)}")
            lines.append(f"     Thời hạn: {_deadline(task)}")
            lines.append(f"     Vị trí trong văn bản: {task.span[0]}–{task.span[1]}")
        if draft.recipients:
            lines += ["", "Nơi nhận:"] + [f"  {r}" for r in draft.recipients]
        if draft.warnings:
            lines += ["", "Cần kiểm tra:"] + [f"  - {w}" for w in draft.warnings]
        return "\n".join(lines)


def _names(mentions: list[AgencyMention]) -> str:
    return "; ".join(agency_name(m) if m.resolved else f"{m.text} (chưa có trong danh mục)" for m in mentions)


def _deadline(task: TaskDraft) -> str:
    if task.deadline_kind == "date" and task.due_date:
        return f"{task.due_date:%d/%m/%Y}"
    if task.deadline_kind == "recurring":
        return _RECURRENCE_WORDS.get(task.recurrence or "", "định kỳ")
    return _KIND_WORDS.get(task.deadline_kind, task.deadline_kind)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
