"""The notice entry form: a notice, its meeting, its conclusions and under each its tasks.

It is several Django forms held together by NoticeEntryForm:

    NoticeForm         prefix "notice"    the notice's fields and the choice of meeting
    MeetingNewForm     prefix "meeting"   a new meeting entered on the same page
    ConclusionFormSet  prefix "c"         conclusions; each ConclusionForm holds
    TaskFormSet        prefix "c-0-t"     ...its tasks

Prefill it from plain data (the import review does):

    entry = NoticeEntryForm(initial=NoticeDraft(fields={...}, meeting=..., conclusions=[...]))

and read it back as the same data once valid: `entry.to_draft()`. The rules live in
directives.notices.services; the forms parse what was typed (dates, agency names) and show
the services' errors beside the fields.
"""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict

from agencies.forms import AgencyPickerField
from directives.models.task import DeadlineKind, Recurrence
from directives.notices.services import (
    MSG_NO_CONCLUSION,
    MSG_NO_MEETING,
    NOTICE_FIELDS,
    ConclusionInput,
    NoticeDraft,
    TaskInput,
    conclusion_input_errors,
    notice_fields_errors,
    task_input_errors,
)
from meetings.forms import DateField, MeetingNewForm
from meetings.models import Meeting

_ADD_ROW = re.compile(r"^c(-\d{1,4}-t)?$")
_MAX_ROWS = 500


class _EntryPart:
    """One form of the entry page: labels without a colon, and a `quiet` mode that keeps what
    was typed but reports no errors. Quiet forms are shown again with one more row (the
    "Thêm ..." buttons without JavaScript) or hold a new meeting the clerk did not choose."""

    def __init__(self, *args, quiet: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.quiet = quiet

    def full_clean(self):
        if self.quiet:
            self._errors = ErrorDict(renderer=self.renderer)
            self.cleaned_data = {}
            return
        super().full_clean()

    def add_messages(self, errors: dict[str, list[str]]) -> None:
        """Put the services' errors beside the fields they name (others: on the form), leaving
        a field that already shows a parsing error alone."""
        for key, messages in errors.items():
            name = key if key in self.fields else None
            if name is not None and name in self._errors:
                continue
            for message in messages:
                self.add_error(name, message)


# --- Tasks -----------------------------------------------------------------------------------------


class TaskForm(_EntryPart, forms.Form):
    action = forms.CharField(label="Nội dung nhiệm vụ", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lead = AgencyPickerField(
        label="Cơ quan chủ trì",
        required=False,
        help_text="Một cơ quan, hoặc một nhóm (như “UBND các huyện, thành phố”): "
        "mỗi cơ quan trong nhóm nhận một nhiệm vụ.",
    )
    co_leads = AgencyPickerField(
        label="Cơ quan cùng chủ trì (nếu có)",
        multiple=True,
        required=False,
        help_text="Mỗi cơ quan nhận một nhiệm vụ riêng. Nhiều tên cách nhau bằng dấu “;”.",
    )
    coordinating = AgencyPickerField(
        label="Cơ quan phối hợp",
        multiple=True,
        required=False,
        help_text="Nhiều tên cách nhau bằng dấu “;”.",
    )
    deadline_kind = forms.ChoiceField(
        label="Loại thời hạn",
        choices=[("", "— Chọn loại thời hạn —"), *DeadlineKind.choices],
        initial=DeadlineKind.DATE,
        required=False,
    )
    due_date = DateField(label="Hạn xử lý", required=False, help_text="dd/mm/yyyy, ví dụ 30/06/2021")
    recurrence = forms.ChoiceField(
        label="Chu kỳ (nếu định kỳ)", choices=[("", "—"), *Recurrence.choices], required=False
    )
    # Carried from the import review: how the notice words it, and where.
    lead_text = forms.CharField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    source_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    source_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        self.add_messages(task_input_errors(self.to_input()))
        return cleaned

    def to_input(self) -> TaskInput:
        data = self.cleaned_data
        lead = data.get("lead") or []
        start, end = data.get("source_start"), data.get("source_end")
        return TaskInput(
            leads=list(lead),
            co_leads=list(data.get("co_leads") or []),
            coordinating=list(data.get("coordinating") or []),
            action=(data.get("action") or "").strip(),
            deadline_kind=data.get("deadline_kind") or "",
            due_date=data.get("due_date"),
            recurrence=data.get("recurrence") or "",
            source_text=data.get("source_text") or "",
            span=(start, end) if start is not None or end is not None else None,
            lead_text=(data.get("lead_text") or "").strip(),
        )

    @staticmethod
    def initial_from(task: TaskInput) -> dict:
        leads = list(task.leads)
        span = task.span or (None, None)
        return {
            "action": task.action,
            "lead": leads[:1],
            "co_leads": leads[1:] + list(task.co_leads),
            "coordinating": list(task.coordinating),
            "deadline_kind": task.deadline_kind,
            "due_date": task.due_date,
            "recurrence": task.recurrence,
            "lead_text": task.lead_text,
            "source_text": task.source_text,
            "source_start": span[0],
            "source_end": span[1],
        }


class _RowFormSet(forms.BaseFormSet):
    """Rows the clerk adds and removes; an untouched blank row is ignored."""

    template_placeholder = "__prefix__"
    quiet = False

    def __init__(self, *args, quiet: bool = False, **kwargs):
        self.quiet = quiet
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.extra = 0 if self.initial else 1

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "quiet": self.quiet}

    @property
    def empty_form(self):
        form = self.form(
            **self.get_form_kwargs(None),
            auto_id=self.auto_id,
            prefix=self.add_prefix(self.template_placeholder),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def full_clean(self):
        if self.quiet:
            self._errors = []
            self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
            return
        super().full_clean()

    def live_forms(self) -> list[forms.Form]:
        """The rows that count: not removed, and filled in (or given as initial data)."""
        return [
            form
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
            and (form.has_changed() or not form.empty_permitted)
        ]


class BaseTaskFormSet(_RowFormSet):
    # Distinct from the conclusions' placeholder: a conclusion's template holds a task template.
    template_placeholder = "__task__"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Xóa nhiệm vụ này"


TaskFormSet = forms.formset_factory(
    TaskForm, formset=BaseTaskFormSet, extra=1, can_delete=True, max_num=_MAX_ROWS, absolute_max=_MAX_ROWS
)


# --- Conclusions -------------------------------------------------------------------------------------


class ConclusionForm(_EntryPart, forms.Form):
    label = forms.CharField(label="Số mục", required=False, max_length=20, help_text="Ví dụ: 1. hoặc 2.1.")
    text = forms.CharField(label="Nội dung kết luận", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, tasks_initial: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = TaskFormSet(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-t" if self.prefix else "t",
            initial=tasks_initial,
            quiet=self.quiet,
        )

    def has_changed(self):
        return super().has_changed() or any(form.has_changed() for form in self.tasks.forms)

    def is_valid(self):
        valid = super().is_valid()
        return self.tasks.is_valid() and valid

    def clean(self):
        cleaned = super().clean()
        self.add_messages(conclusion_input_errors(self._own_input()))
        return cleaned

    def _own_input(self) -> ConclusionInput:
        return ConclusionInput(
            label=(self.cleaned_data.get("label") or "").strip(), text=(self.cleaned_data.get("text") or "").strip()
        )

    def to_input(self) -> ConclusionInput:
        own = self._own_input()
        own.tasks = [form.to_input() for form in self.tasks.live_forms()]
        return own


class BaseConclusionFormSet(_RowFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and self.initial and index < len(self.initial):
            kwargs["tasks_initial"] = self.initial[index].get("tasks")
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Xóa kết luận này (cùng các nhiệm vụ của nó)"

    def clean(self):
        if not any(self.errors) and not self.live_forms():
            raise ValidationError(MSG_NO_CONCLUSION, code="no_conclusion")


ConclusionFormSet = forms.formset_factory(
    ConclusionForm,
    formset=BaseConclusionFormSet,
    extra=1,
    can_delete=True,
    max_num=_MAX_ROWS,
    absolute_max=_MAX_ROWS,
)


# --- The notice and its meeting ------------------------------------------------------------------------


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.held_on:%d/%m/%Y} – {meeting.title}"


class NoticeForm(_EntryPart, forms.Form):
    MEETING_EXISTING = "existing"
    MEETING_NEW = "new"

    meeting_mode = forms.ChoiceField(
        label="Cuộc họp",
        choices=[(MEETING_NEW, "Nhập cuộc họp mới"), (MEETING_EXISTING, "Chọn cuộc họp đã có")],
        initial=MEETING_NEW,
        widget=forms.RadioSelect,
    )
    meeting = MeetingChoiceField(
        label="Cuộc họp đã có",
        queryset=Meeting.objects.order_by("-held_on", "-id"),
        required=False,
        empty_label="— Chọn cuộc họp —",
        error_messages={"invalid_choice": "Cuộc họp đã chọn không có trong danh sách."},
    )
    number = forms.CharField(
        label="Số, ký hiệu", required=False, max_length=64, help_text="Ví dụ: 123/TB-UBND; để trống nếu chưa có số."
    )
    place = forms.CharField(label="Địa danh", required=False, max_length=120, help_text="Ví dụ: Bắc Giang")
    issued_on = DateField(label="Ngày ban hành", required=False, help_text="dd/mm/yyyy; để trống nếu chưa có.")
    issued_on_text = forms.CharField(
        label="Ngày ban hành như ghi trên văn bản",
        required=False,
        max_length=120,
        help_text="Khi ngày hoặc tháng còn để trống, ví dụ: ngày … tháng 6 năm 2021.",
    )
    title = forms.CharField(label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    signing_formula = forms.CharField(
        label="Thẩm quyền ký", required=False, max_length=255, help_text="Ví dụ: TL. CHỦ TỊCH, KT. CHÁNH VĂN PHÒNG"
    )
    signer_name = forms.CharField(label="Người ký", required=False, max_length=255)
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    full_text = forms.CharField(label="Toàn văn", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self):
        cleaned = super().clean()
        chose_existing = cleaned.get("meeting_mode") == self.MEETING_EXISTING
        if chose_existing and not cleaned.get("meeting") and "meeting" not in self._errors:
            self.add_error("meeting", MSG_NO_MEETING)
        self.add_messages(notice_fields_errors({name: cleaned.get(name) for name in NOTICE_FIELDS if name in cleaned}))
        return cleaned

    @property
    def wants_new_meeting(self) -> bool:
        value = self["meeting_mode"].value()
        return value != self.MEETING_EXISTING


class EntryMeetingForm(_EntryPart, MeetingNewForm):
    pass


# --- The whole page --------------------------------------------------------------------------------------


class NoticeEntryForm:
    """The entry page's forms as one.

    NoticeEntryForm(initial=NoticeDraft(...))     prefilled, unbound (new page, edit, import review)
    NoticeEntryForm(request.POST)                 submitted; is_valid(), then to_draft()
    NoticeEntryForm(request.POST, add_row="c-0-t") shown again with one more row, unchecked
    add_service_errors(exc)                       shows a ValidationError from notice_draft_save
    """

    def __init__(self, data=None, *, initial: NoticeDraft | None = None, add_row: str | None = None):
        self.is_bound = data is not None
        self.adding = bool(self.is_bound and add_row and _ADD_ROW.match(add_row))
        if self.adding:
            data = _with_one_more_row(data, add_row)
        self.errors_top: list[str] = []
        draft = initial or NoticeDraft()
        quiet = self.adding
        existing = draft.meeting if draft.meeting is not None and draft.meeting.pk else None
        new_meeting = draft.meeting if draft.meeting is not None and not draft.meeting.pk else Meeting()
        notice_initial = {name: draft.fields.get(name) for name in NOTICE_FIELDS if name in draft.fields}
        notice_initial["meeting_mode"] = NoticeForm.MEETING_EXISTING if existing else NoticeForm.MEETING_NEW
        notice_initial["meeting"] = existing.pk if existing else None
        self.notice = NoticeForm(data, prefix="notice", initial=notice_initial, quiet=quiet)
        # The new meeting's fields count only when the clerk chose "Nhập cuộc họp mới".
        self.meeting = EntryMeetingForm(data, prefix="meeting", instance=new_meeting, quiet=quiet)
        self.meeting.quiet = quiet or not self.notice.wants_new_meeting
        self.conclusions = ConclusionFormSet(
            data,
            prefix="c",
            initial=[
                {
                    "label": conclusion.label,
                    "text": conclusion.text,
                    "tasks": [TaskForm.initial_from(task) for task in conclusion.tasks],
                }
                for conclusion in draft.conclusions
            ]
            or None,
            quiet=quiet,
        )

    def is_valid(self) -> bool:
        if not self.is_bound or self.adding:
            return False
        valid = self.notice.is_valid()
        if self.notice.wants_new_meeting:
            valid = self.meeting.is_valid() and valid
        valid = self.conclusions.is_valid() and valid
        for form in self.conclusions.live_forms():
            valid = form.is_valid() and valid
        return valid

    def has_errors(self) -> bool:
        return self.is_bound and not self.adding and (bool(self.errors_top) or not self.is_valid())

    def to_draft(self) -> NoticeDraft:
        notice = self.notice.cleaned_data
        meeting = self.meeting.instance if self.notice.wants_new_meeting else notice["meeting"]
        return NoticeDraft(
            fields={name: notice.get(name, "") for name in NOTICE_FIELDS},
            meeting=meeting,
            conclusions=[form.to_input() for form in self.conclusions.live_forms()],
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        """Show notice_draft_save's errors (keyed by path) beside the fields they name."""
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        conclusions = self.conclusions.live_forms()
        for path, messages in errors.items():
            parts = path.split(".")
            target, name = None, None
            if parts[0] == "meeting":
                if self.notice.wants_new_meeting:
                    target, name = self.meeting, (parts[1] if len(parts) > 1 else None)
                else:
                    target, name = self.notice, "meeting"
            elif parts[0] in NOTICE_FIELDS:
                target, name = self.notice, parts[0]
            elif parts[0] == "conclusions" and len(parts) >= 3 and parts[1].isdigit():
                conclusion = conclusions[int(parts[1])] if int(parts[1]) < len(conclusions) else None
                if conclusion is not None and parts[2] == "tasks" and len(parts) >= 5 and parts[3].isdigit():
                    tasks = conclusion.tasks.live_forms()
                    target = tasks[int(parts[3])] if int(parts[3]) < len(tasks) else None
                    name = parts[4]
                elif conclusion is not None:
                    target, name = conclusion, parts[2]
            if target is None:
                self.errors_top.extend(messages)
                continue
            for message in messages:
                target.add_error(name if name in target.fields else None, message)

    @property
    def top_errors(self) -> list[str]:
        """Errors that belong to no single field: shown at the top of the page."""
        if not self.is_bound or self.adding:
            return []
        return [*self.errors_top, *self.notice.non_field_errors(), *self.conclusions.non_form_errors()]


def _with_one_more_row(data, prefix: str):
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except (TypeError, ValueError):
        return data
    if total < _MAX_ROWS:
        data[key] = str(total + 1)
    return data
