"""Writing a draft notice with its meeting, conclusions and tasks: the entry page's one write.

The entry page and the import review both hand over plain data (NoticeDraft, ConclusionInput,
TaskInput). Everything is checked before anything is written, and the write is one
transaction, so a notice is never half-saved. The checks are exposed one level at a time
(`task_input_errors`, ...) so that a form can show every problem beside its field in one round.

Error keys are paths: "title", "meeting", "meeting.held_on", "conclusions",
"conclusions.0.text", "conclusions.0.tasks.1.due_date"; the task keys are the entry form's
field names (lead, co_leads, coordinating, action, deadline_kind, due_date, recurrence).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, AgencyGroup
from agencies.roles import is_leader, leader_for_name
from agencies.selectors import agencies_in, picker_value
from directives.models import Task, TaskEvent
from directives.models.task import Assignment, DeadlineKind, Recurrence
from directives.notices.validation import DeadlineWarnings, continued_task_errors, notice_deadline_warnings
from directives.tasks.kept import drafts_content_delete
from directives.tasks.services import actor_agency_name, jsonable, notice_published, tasks_assign
from meetings.models import DEFAULT_ISSUER, Conclusion, ConclusionNotice, DocumentKind, Meeting
from meetings.services import meeting_save

AgencyItem = Agency | AgencyGroup
# The notice's own fields a draft may set (the rest are the workflow's: status, publishing...).
NOTICE_FIELDS = (
    "kind",
    "issuer",
    "leader",
    "leader_name",
    "number",
    "place",
    "issued_on",
    "issued_on_text",
    "title",
    "signer_name",
    "signing_formula",
    "recipients",
    "full_text",
)

MSG_PUBLISHED = "Thông báo đã ban hành: không thể sửa nội dung nữa."
MSG_PUBLISHED_NOT_DELETED = (
    "Văn bản đã ban hành không thể xóa: các nhiệm vụ và lịch sử của chúng được giữ lại. "
    "Muốn sửa sai, hãy hủy hoặc thay thế từng nhiệm vụ, ghi rõ lý do."
)
MSG_NO_MEETING = "Chọn cuộc họp đã có hoặc nhập cuộc họp mới."
MSG_NO_KIND_OF_DOCUMENT = "Chọn loại văn bản."
MSG_KIND_NEEDS_MEETING = "{kind} phải gắn với một cuộc họp: chọn cuộc họp đã có hoặc nhập cuộc họp mới."
MSG_NOT_A_LEADER = "Người được chọn không phải lãnh đạo UBND tỉnh; hãy chọn lại."
MSG_NO_TITLE = "Nhập trích yếu của thông báo."
MSG_NO_CONCLUSION = "Thông báo phải có ít nhất một kết luận."
MSG_NO_CONCLUSION_TEXT = "Nhập nội dung kết luận."
MSG_NO_ACTION = "Nhập nội dung nhiệm vụ."
MSG_NO_LEAD = "Chọn cơ quan chủ trì."
MSG_NO_KIND = "Chọn loại thời hạn."
MSG_NO_DUE_DATE = "Nhập hạn xử lý (dd/mm/yyyy) hoặc chọn loại thời hạn khác."
MSG_DATE_NOT_EXPECTED = "Chỉ nhập hạn xử lý khi loại thời hạn là “Có thời hạn”: xóa ngày hoặc đổi loại thời hạn."
MSG_NO_RECURRENCE = "Chọn chu kỳ: hằng ngày, hằng tuần hay hằng tháng."
MSG_RECURRENCE_NOT_EXPECTED = "Chỉ chọn chu kỳ khi loại thời hạn là “Định kỳ”."
MSG_BAD_SPAN = "Vị trí trích dẫn trong văn bản không hợp lệ."
MSG_LEAD_TEXT_TOO_LONG = "Tên cơ quan như ghi trên văn bản dài quá 500 ký tự."


@dataclass
class TaskInput:
    """One directive as entered: `leads` and `co_leads` each get their own task (a group: one
    per member agency); `coordinating` are shared. Names not resolved yet may be given as
    strings to prefill a form; saving refuses them."""

    leads: list[AgencyItem | str] = field(default_factory=list)
    co_leads: list[AgencyItem | str] = field(default_factory=list)
    coordinating: list[AgencyItem | str] = field(default_factory=list)
    action: str = ""
    deadline_kind: str = ""
    due_date: dt.date | None = None
    recurrence: str = ""
    source_text: str = ""
    span: tuple[int, int] | None = None
    lead_text: str = ""
    # The id of a published task of an earlier document that this one carries on.
    continues: int | None = None
    # A relative term as the notice words it ("trong 05 ngày làm việc kể từ ngày …"), kept
    # beside the due date computed from it.
    due_term: str = ""


@dataclass
class ConclusionInput:
    label: str = ""
    text: str = ""
    tasks: list[TaskInput] = field(default_factory=list)


@dataclass
class NoticeDraft:
    """Everything the entry form holds, as plain data: what prefills it, and what it gives back.

    `meeting` is an existing meeting (saved), a new one to create with the notice (an unsaved
    Meeting instance), or None for a document that has none (a letter, a plan...); `fields`
    holds NOTICE_FIELDS (`kind` a DocumentKind, `leader` a leader's user or None).
    """

    fields: dict[str, Any] = field(default_factory=dict)
    meeting: Meeting | None = None
    conclusions: list[ConclusionInput] = field(default_factory=list)


# --- Checks --------------------------------------------------------------------------------------


def _add(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, [])
    if message not in errors[key]:
        errors[key].append(message)


def _model_errors(exc: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    """A model's full_clean() errors under `prefix` (its non-field errors under the prefix itself)."""
    errors: dict[str, list[str]] = {}
    for key, messages in exc.message_dict.items():
        path = (prefix.rstrip(".") or key) if key == NON_FIELD_ERRORS else f"{prefix}{key}"
        errors[path] = list(messages)
    return errors


def _existing(items: Iterable[AgencyItem]) -> set[str]:
    agency_ids = [i.pk for i in items if isinstance(i, Agency) and i.pk]
    group_ids = [i.pk for i in items if isinstance(i, AgencyGroup) and i.pk]
    found = {f"a:{pk}" for pk in Agency.objects.filter(pk__in=agency_ids).values_list("pk", flat=True)}
    found |= {f"g:{pk}" for pk in AgencyGroup.objects.filter(pk__in=group_ids).values_list("pk", flat=True)}
    return found


def _agency_list_errors(items: list, key: str, errors: dict[str, list[str]]) -> list[Agency]:
    """Record what is wrong with a list of agencies/groups; return the agencies it stands for."""
    real = [item for item in items if isinstance(item, Agency | AgencyGroup) and item.pk]
    existing = _existing(real)
    valid = []
    for item in items:
        if isinstance(item, str):
            _add(errors, key, f"Chưa xác định được cơ quan “{item}”: hãy chọn trong danh mục.")
        elif not isinstance(item, Agency | AgencyGroup) or not item.pk or picker_value(item) not in existing:
            _add(errors, key, "Cơ quan đã chọn không có trong danh mục; hãy chọn lại.")
        elif isinstance(item, Agency) and not item.is_active:
            _add(errors, key, f"“{item.name}” đã giải thể hoặc sáp nhập; hãy chọn cơ quan kế thừa.")
        elif isinstance(item, AgencyGroup) and not item.member_agencies().exists():
            _add(errors, key, f"Nhóm “{item.name}” chưa có cơ quan nào.")
        else:
            valid.append(item)
    return agencies_in(valid)


def task_input_errors(task: TaskInput) -> dict[str, list[str]]:
    """What is wrong with one task, keyed by the entry form's field names."""
    errors: dict[str, list[str]] = {}
    if not (task.action or "").strip():
        _add(errors, "action", MSG_NO_ACTION)
    if not task.leads and not task.co_leads:
        _add(errors, "lead", MSG_NO_LEAD)
    leads = _agency_list_errors(list(task.leads), "lead", errors)
    leads += _agency_list_errors(list(task.co_leads), "co_leads", errors)
    coordinating = _agency_list_errors(list(task.coordinating), "coordinating", errors)
    lead_ids = {agency.pk for agency in leads}
    for agency in coordinating:
        if agency.pk in lead_ids:
            _add(errors, "coordinating", f"“{agency.name}” vừa là cơ quan chủ trì vừa là cơ quan phối hợp.")
    if len(task.lead_text or "") > Assignment._meta.get_field("lead_text").max_length:
        _add(errors, "lead", MSG_LEAD_TEXT_TOO_LONG)
    kind = task.deadline_kind
    if kind not in DeadlineKind.values:
        _add(errors, "deadline_kind", MSG_NO_KIND)
    elif kind == DeadlineKind.DATE and task.due_date is None:
        _add(errors, "due_date", MSG_NO_DUE_DATE)
    elif kind != DeadlineKind.DATE and task.due_date is not None:
        _add(errors, "due_date", MSG_DATE_NOT_EXPECTED)
    if kind == DeadlineKind.RECURRING and task.recurrence not in Recurrence.values:
        _add(errors, "recurrence", MSG_NO_RECURRENCE)
    elif kind in DeadlineKind.values and kind != DeadlineKind.RECURRING and task.recurrence:
        _add(errors, "recurrence", MSG_RECURRENCE_NOT_EXPECTED)
    if task.continues is not None:
        for message in continued_task_errors(task.continues):
            _add(errors, "continues", message)
    if task.span is not None:
        start, end = task.span
        if start is None or end is None or start < 0 or end < start:
            _add(errors, "source_text", MSG_BAD_SPAN)
    return errors


def conclusion_input_errors(conclusion: ConclusionInput) -> dict[str, list[str]]:
    """What is wrong with a conclusion's own fields (its tasks are checked one by one)."""
    errors: dict[str, list[str]] = {}
    if not (conclusion.text or "").strip():
        _add(errors, "text", MSG_NO_CONCLUSION_TEXT)
    max_label = Conclusion._meta.get_field("label").max_length
    if len(conclusion.label or "") > max_label:
        _add(errors, "label", f"Số mục dài tối đa {max_label} ký tự.")
    return errors


def notice_fields_errors(fields: dict[str, Any]) -> dict[str, list[str]]:
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise ValueError(f"Not notice fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    if not (fields.get("title") or "").strip():
        _add(errors, "title", MSG_NO_TITLE)
    kind = fields.get("kind")
    if "kind" in fields and (
        not isinstance(kind, DocumentKind) or not DocumentKind.objects.filter(pk=kind.pk).exists()
    ):
        _add(errors, "kind", MSG_NO_KIND_OF_DOCUMENT)
    leader = fields.get("leader")
    if leader is not None and not (getattr(leader, "pk", None) and leader.is_active and is_leader(leader)):
        _add(errors, "leader", MSG_NOT_A_LEADER)
    candidate = ConclusionNotice(**{k: v for k, v in fields.items() if k not in ("kind", "leader")})
    try:
        candidate.full_clean(
            exclude=["meeting", "title", "kind", "leader"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for key, messages in _model_errors(exc).items():
            for message in messages:
                _add(errors, key, message)
    return errors


def meeting_errors(meeting: Meeting | None) -> dict[str, list[str]]:
    """An existing meeting must still exist; a new one must be a valid meeting."""
    if meeting is None:
        return {"meeting": [MSG_NO_MEETING]}
    if meeting.pk is not None:
        exists = Meeting.objects.filter(pk=meeting.pk).exists()
        return {} if exists else {"meeting": ["Cuộc họp đã chọn không còn trong danh sách."]}
    try:
        meeting.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        return _model_errors(exc, prefix="meeting.")
    return {}


def notice_draft_errors(
    *,
    notice: ConclusionNotice | None = None,
    meeting: Meeting | None,
    fields: dict[str, Any],
    conclusions: list[ConclusionInput],
) -> dict[str, list[str]]:
    """Every problem with a draft, keyed by path (see the module's docstring)."""
    errors: dict[str, list[str]] = {}
    # A task once published is kept even if its notice reads "draft" (data from before the admin
    # showed the status read-only): replacing the draft's content would delete it.
    if notice is not None and (
        not notice.is_draft or Task.objects.filter(conclusion__notice=notice, published_at__isnull=False).exists()
    ):
        _add(errors, NON_FIELD_ERRORS, MSG_PUBLISHED)
    kind = fields.get("kind")
    if meeting is not None or not isinstance(kind, DocumentKind) or kind.needs_meeting:
        found = meeting_errors(meeting)
        if meeting is None and isinstance(kind, DocumentKind):
            found = {"meeting": [MSG_KIND_NEEDS_MEETING.format(kind=kind.name)]}
        errors.update(found)
    errors.update(notice_fields_errors(fields))
    if not conclusions:
        _add(errors, "conclusions", MSG_NO_CONCLUSION)
    for i, conclusion in enumerate(conclusions):
        for key, messages in conclusion_input_errors(conclusion).items():
            errors[f"conclusions.{i}.{key}"] = messages
        for j, task in enumerate(conclusion.tasks):
            for key, messages in task_input_errors(task).items():
                errors[f"conclusions.{i}.tasks.{j}.{key}"] = messages
    return errors


# --- The write -------------------------------------------------------------------------------------


@transaction.atomic
def notice_draft_save(
    *,
    notice: ConclusionNotice | None = None,
    meeting: Meeting | None,
    fields: dict[str, Any],
    conclusions: list[ConclusionInput],
    actor,
) -> ConclusionNotice:
    """Create a draft notice, or replace a draft's content (its conclusions and tasks).

    `meeting` is saved first when it is new; it may be None when the kind needs no meeting
    (without a kind in `fields`, the document is a conclusion notice). The directing leader,
    when not given, is the leader whose name is written (`leader_name`, else the meeting's chair
    or the signer) if exactly one leader's account bears it. Raises ValidationError (keyed by path) and writes
    nothing when anything is wrong, including when the notice was published meanwhile.
    """
    if notice is not None:
        notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    fields = {"kind": DocumentKind.conclusion_notice(), **fields}
    errors = notice_draft_errors(notice=notice, meeting=meeting, fields=fields, conclusions=conclusions)
    if errors:
        raise ValidationError(errors)

    if meeting is not None and meeting.pk is None:
        meeting = meeting_save(meeting=meeting, actor=actor)
    if notice is None:
        notice = ConclusionNotice(created_by=actor if actor is not None and actor.is_authenticated else None)
    else:
        drafts_content_delete(notice)
    for name, value in fields.items():
        setattr(notice, name, value.strip() if isinstance(value, str) else value)
    notice.meeting = meeting
    notice.issuer = notice.issuer or DEFAULT_ISSUER
    _directing_leader_fill(notice)
    notice.status = ConclusionNotice.Status.DRAFT
    notice.full_clean()
    notice.save()

    for order, conclusion_input in enumerate(conclusions, start=1):
        conclusion = Conclusion(
            notice=notice, label=conclusion_input.label.strip(), text=conclusion_input.text.strip(), order=order
        )
        conclusion.full_clean()
        conclusion.save()
        for task in conclusion_input.tasks:
            created = tasks_assign(
                conclusion=conclusion,
                leads=[*task.leads, *task.co_leads],
                coordinating=task.coordinating,
                action=task.action,
                deadline_kind=task.deadline_kind,
                due_date=task.due_date,
                recurrence=task.recurrence if task.deadline_kind == DeadlineKind.RECURRING else "",
                lead_text=task.lead_text.strip(),
                source_text=task.source_text,
                span=task.span,
                created_by=actor,
            )
            if task.continues is not None:
                Task.objects.filter(pk__in=[t.pk for t in created]).update(continues_id=task.continues)
            if task.due_term and task.deadline_kind == DeadlineKind.DATE:
                Task.objects.filter(pk__in=[t.pk for t in created]).update(due_term=task.due_term)
    return notice


def _directing_leader_fill(notice: ConclusionNotice) -> None:
    """Who directed, when the clerk did not say: the name written, the meeting's chair, or the
    signer; their account when exactly one leader bears that name."""
    if not notice.leader_name:
        if notice.leader_id is not None:
            notice.leader_name = notice.leader.get_full_name()
        elif notice.meeting is not None:
            notice.leader_name = notice.meeting.chair_name
        else:
            notice.leader_name = notice.signer_name
    if notice.leader_id is None:
        notice.leader = leader_for_name(notice.leader_name)


@transaction.atomic
def notice_publish(*, notice: ConclusionNotice, actor, warnings_confirmed: bool = False) -> ConclusionNotice:
    """Publish a draft notice: its tasks go live and the agencies can see them.

    Deadlines that make no sense (directives.notices.validation) stop it with DeadlineWarnings,
    writing nothing, unless the clerk confirmed them (`warnings_confirmed`)."""
    notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != ConclusionNotice.Status.DRAFT:
        raise ValidationError("Thông báo này đã được ban hành.")
    tasks = list(Task.objects.filter(conclusion__notice=notice, published_at__isnull=True))
    if not tasks:
        raise ValidationError("Thông báo chưa có nhiệm vụ nào: thêm ít nhất một nhiệm vụ trước khi ban hành.")
    if not warnings_confirmed:
        warnings = notice_deadline_warnings(notice)
        if warnings:
            raise DeadlineWarnings(warnings)
    now = timezone.now()
    notice.status = ConclusionNotice.Status.PUBLISHED
    notice.published_at = now
    notice.published_by = actor
    notice.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(published_at=now, updated_at=now)
    agency = actor_agency_name(actor)
    TaskEvent.objects.bulk_create(
        TaskEvent(
            task=task,
            kind=TaskEvent.Kind.PUBLISHED,
            actor=actor,
            actor_agency=agency,
            at=now,
            data={"due_date": jsonable(task.due_date), "lead": jsonable(task.lead)},
        )
        for task in tasks
    )
    notice_published(notice, tasks)
    return notice


@transaction.atomic
def notice_draft_delete(*, notice: ConclusionNotice, actor) -> None:
    """Delete a draft notice with its conclusions and tasks (never seen by an agency). A notice
    published, or any of whose tasks was published, is refused with the reason: what was
    published is kept (directives.tasks.kept). The meeting stays: other notices may cite it."""
    notice = ConclusionNotice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_draft or Task.objects.filter(conclusion__notice=notice, published_at__isnull=False).exists():
        raise ValidationError(MSG_PUBLISHED_NOT_DELETED, code="published")
    drafts_content_delete(notice)
    notice.delete()
