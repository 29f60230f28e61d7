"""What a draft's tasks are checked against beyond their own fields.

Deadlines that make no sense: flagged before a draft is saved and before it is published.

A due date before the document's own date, before today when the tasks go out, more than
MAX_YEARS_AHEAD years away, or a recurring task without its period is almost always a typing or
reading mistake ("30/6/2012" for 2021, a year taken from the document number). It may also be
what the document says (a document entered late, a plan to 2030), so these are warnings that
the clerk confirms, never refusals. This module is their one home: the entry form and the
import review ask `draft_deadline_warnings` before saving, the publish service asks
`notice_deadline_warnings` on the locked notice.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils import timezone

from directives.models import Task
from directives.models.task import DeadlineKind

MAX_YEARS_AHEAD = 5


class DeadlineWarnings(ValidationError):
    """Raised by a write asked to go on without the clerk's confirmation while warnings stand."""

    def __init__(self, warnings: list[str]):
        super().__init__(warnings, code="deadline_warnings")
        self.warnings = warnings


class _Deadline(Protocol):
    deadline_kind: str
    due_date: dt.date | None
    recurrence: str


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 of a leap year
        return day.replace(year=day.year + years, day=28)


def deadline_warnings(
    *, issued_on: dt.date | None, tasks: Iterable[tuple[str, _Deadline]], today: dt.date | None = None
) -> list[str]:
    """The warnings for `tasks`, each a (where, task) pair: `where` names the task in the
    clerk's words. `today` is given at publication: the tasks go out then, so a date already
    past is flagged too, and "too far" counts from it; at saving, it counts from the document's
    date (or today when the document has none)."""
    base = today or issued_on or timezone.localdate()
    horizon = _years_after(base, MAX_YEARS_AHEAD)
    warnings: list[str] = []
    for where, task in tasks:
        due = task.due_date
        if task.deadline_kind == DeadlineKind.RECURRING and not task.recurrence:
            warnings.append(f"{where}: nhiệm vụ định kỳ chưa có chu kỳ (hằng ngày, hằng tuần hay hằng tháng).")
        if task.deadline_kind != DeadlineKind.DATE or due is None:
            continue
        if issued_on is not None and due < issued_on:
            warnings.append(f"{where}: hạn xử lý {due:%d/%m/%Y} trước ngày ban hành văn bản ({issued_on:%d/%m/%Y}).")
        elif today is not None and due < today:
            warnings.append(f"{where}: hạn xử lý {due:%d/%m/%Y} đã qua (hôm nay là {today:%d/%m/%Y}).")
        if due > horizon:
            warnings.append(f"{where}: hạn xử lý {due:%d/%m/%Y} xa hơn {MAX_YEARS_AHEAD} năm.")
    # A group lead makes one task per agency with the same deadline: say it once.
    return list(dict.fromkeys(warnings))


def draft_deadline_warnings(draft) -> list[str]:
    """The warnings for a NoticeDraft about to be saved, naming tasks as the form's legends do."""
    tasks = [
        (f"Kết luận {conclusion.label.strip().rstrip('.') or ci}, nhiệm vụ {ti}", task)
        for ci, conclusion in enumerate(draft.conclusions, start=1)
        for ti, task in enumerate(conclusion.tasks, start=1)
    ]
    return deadline_warnings(issued_on=draft.fields.get("issued_on"), tasks=tasks)


def notice_deadline_warnings(notice, today: dt.date | None = None) -> list[str]:
    """The warnings for a draft notice's tasks about to be published today."""
    rows = Task.objects.filter(conclusion__notice=notice, published_at__isnull=True).select_related("conclusion")
    tasks = [
        (f"Kết luận {task.conclusion.label.rstrip('.') or task.conclusion.order}, “{_short(task.action)}”", task)
        for task in rows.order_by("conclusion__order", "id")
    ]
    return deadline_warnings(issued_on=notice.issued_on, tasks=tasks, today=today or timezone.localdate())


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- The earlier task a new one continues ----------------------------------------------------------

MSG_CONTINUES_MISSING = "Không có nhiệm vụ số {pk}: kiểm tra lại mã nhiệm vụ của văn bản trước."
MSG_CONTINUES_DRAFT = "Nhiệm vụ số {pk} chưa được giao (văn bản của nó còn là dự thảo): chỉ nối tiếp nhiệm vụ đã giao."
MSG_CONTINUES_CLOSED = "Nhiệm vụ số {pk} đã bị hủy hoặc thay thế: không thể tiếp tục nó."


def continued_task_errors(pk: int) -> list[str]:
    """What keeps task `pk` from being the earlier task a new one continues: it must exist and be
    published (an agency never follows a link to a draft), and not be cancelled. Its lead may
    differ: a later document often gives the follow-up to another agency. Only office staff
    enter documents, and they see every task, so no agency check is needed here."""
    task = Task.objects.filter(pk=pk).only("published_at", "cancelled_at").first()
    if task is None:
        return [MSG_CONTINUES_MISSING.format(pk=pk)]
    if task.published_at is None:
        return [MSG_CONTINUES_DRAFT.format(pk=pk)]
    if task.cancelled_at is not None:
        return [MSG_CONTINUES_CLOSED.format(pk=pk)]
    return []
