"""Issuing a chasing letter: the .docx from the template, and one history event per task listed."""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from docxtpl import DocxTemplate

from directives.models import TaskEvent
from directives.reports.letters.content import Letter
from directives.tasks.services import actor_agency_name

SHIPPED_TEMPLATE = Path(__file__).resolve().parent / "templates" / "van_ban_don_doc.docx"


def template_path() -> Path:
    """LETTER_TEMPLATE when set, else the office's own copy under var/letters/, else the shipped one."""
    if settings.LETTER_TEMPLATE:
        return Path(settings.LETTER_TEMPLATE)
    own = Path(settings.VAR_DIR) / "letters" / "van_ban_don_doc.docx"
    return own if own.exists() else SHIPPED_TEMPLATE


def render_letter(letter: Letter) -> bytes:
    path = template_path()
    if not path.exists():
        raise ValidationError(f"Không tìm thấy mẫu văn bản đôn đốc ({path.name}): kiểm tra thiết lập LETTER_TEMPLATE.")
    template = DocxTemplate(str(path))
    template.render(letter.context(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def issue_letter(*, letter: Letter, actor) -> bytes:
    """The .docx of `letter`, and a "Văn bản đôn đốc" event on each task it lists, in one transaction:
    if the document cannot be made, no history is written."""
    if not letter.rows:
        raise ValidationError("Không có nhiệm vụ quá hạn hay sắp đến hạn nào để đôn đốc.")
    content = render_letter(letter)
    now = timezone.now()
    agency_name = actor_agency_name(actor)
    with transaction.atomic():
        TaskEvent.objects.bulk_create(
            TaskEvent(
                task=row.task,
                kind=TaskEvent.Kind.CHASING_LETTER,
                actor=actor,
                actor_agency=agency_name,
                at=now,
                data={
                    "agency": {"id": row.task.lead_id, "name": row.task.lead.name},
                    "due_date": row.task.due_date.isoformat(),
                    "letter_date": letter.today.isoformat(),
                    "status": row.status,
                },
            )
            for row in letter.rows
        )
    return content
