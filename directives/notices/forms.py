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

from agencies.roles import leader_users
from directives.notices.formsets import MAX_ROWS, ConclusionFormSet, EntryPart, TaskForm
from directives.notices.services import (
    MSG_KIND_NEEDS_MEETING,
    MSG_NO_KIND_OF_DOCUMENT,
    MSG_NO_MEETING,
    NOTICE_FIELDS,
    NoticeDraft,
    notice_draft_save,
    notice_fields_errors,
)
from directives.notices.validation import draft_deadline_warnings
from meetings.forms import DateField, MeetingNewForm
from meetings.models import DEFAULT_ISSUER, ConclusionNotice, DocumentKind, Meeting

# The box "Tôi đã kiểm tra, vẫn lưu" shown with the deadline warnings.
WARNINGS_CONFIRMED = "deadlines_confirmed"
_ADD_ROW = re.compile(r"^c(-\d{1,4}-t)?$")


# --- The notice and its meeting ------------------------------------------------------------------------


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.held_on:%d/%m/%Y} – {meeting.title}"


class KindSelect(forms.Select):
    """The kinds, each option saying whether it needs a meeting (the page hides the meeting block
    for the others; without JavaScript the server checks)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-needs-meeting"] = "1" if instance.needs_meeting else "0"
        return option


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class NoticeForm(EntryPart, forms.Form):
    MEETING_EXISTING = "existing"
    MEETING_NEW = "new"
    MEETING_NONE = "none"

    kind = forms.ModelChoiceField(
        label="Loại văn bản",
        queryset=DocumentKind.objects.all(),
        empty_label=None,
        # A page without the field (one opened before the kinds existed) enters a conclusion notice.
        required=False,
        widget=KindSelect(attrs={"data-document-kind": ""}),
        error_messages={"invalid_choice": MSG_NO_KIND_OF_DOCUMENT},
    )
    meeting_mode = forms.ChoiceField(
        label="Cuộc họp",
        choices=[
            (MEETING_NEW, "Nhập cuộc họp mới"),
            (MEETING_EXISTING, "Chọn cuộc họp đã có"),
            (MEETING_NONE, "Không gắn với cuộc họp"),
        ],
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
    issuer = forms.CharField(
        label="Cơ quan ban hành", required=False, max_length=255, initial=DEFAULT_ISSUER, help_text="Ví dụ: UBND tỉnh"
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
    leader = LeaderChoiceField(
        label="Lãnh đạo chỉ đạo",
        queryset=leader_users(),
        required=False,
        empty_label="— Theo tên ghi trên văn bản —",
        help_text="Người chủ trì cuộc họp hoặc lãnh đạo ký văn bản; “Chỉ đạo của tôi” của lãnh đạo dựa vào ô này.",
        error_messages={"invalid_choice": "Người được chọn không phải lãnh đạo UBND tỉnh; hãy chọn lại."},
    )
    leader_name = forms.CharField(
        label="Lãnh đạo chỉ đạo như ghi trên văn bản",
        required=False,
        max_length=255,
        help_text="Để trống: lấy người chủ trì cuộc họp, hoặc người ký.",
    )
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    full_text = forms.CharField(label="Toàn văn", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self):
        cleaned = super().clean()
        chose_existing = cleaned.get("meeting_mode") == self.MEETING_EXISTING
        if chose_existing and not cleaned.get("meeting") and "meeting" not in self._errors:
            self.add_error("meeting", MSG_NO_MEETING)
        if cleaned.get("kind") is None and "kind" not in self._errors:
            cleaned["kind"] = DocumentKind.conclusion_notice()
        kind = cleaned.get("kind")
        if cleaned.get("meeting_mode") == self.MEETING_NONE and kind is not None and kind.needs_meeting:
            self.add_error("meeting_mode", MSG_KIND_NEEDS_MEETING.format(kind=kind.name))
        self.add_messages(notice_fields_errors({name: cleaned.get(name) for name in NOTICE_FIELDS if name in cleaned}))
        return cleaned

    # Set by NoticeEntryForm: nothing was typed in the new meeting's fields.
    meeting_left_blank = False

    @property
    def wants_new_meeting(self) -> bool:
        value = self["meeting_mode"].value()
        return value not in (self.MEETING_EXISTING, self.MEETING_NONE) and not self._blank_meeting_not_needed()

    @property
    def wants_no_meeting(self) -> bool:
        return self["meeting_mode"].value() == self.MEETING_NONE or self._blank_meeting_not_needed()

    def _blank_meeting_not_needed(self) -> bool:
        """A letter left on "Nhập cuộc họp mới" with nothing typed there (a browser without
        JavaScript keeps that default) has no meeting, rather than a page of errors about one."""
        if not self.meeting_left_blank or self["meeting_mode"].value() == self.MEETING_EXISTING:
            return False
        try:
            pk = int(self["kind"].value())
        except (TypeError, ValueError):
            return False
        kind = DocumentKind.objects.filter(pk=pk).first() if 0 < pk < 2**31 else None
        return kind is not None and not kind.needs_meeting


class EntryMeetingForm(EntryPart, MeetingNewForm):
    pass


# --- The whole page --------------------------------------------------------------------------------------


class NoticeEntryForm:
    """The entry page's forms as one.

    NoticeEntryForm(initial=NoticeDraft(...))     prefilled, unbound (new page, edit, import review)
    NoticeEntryForm(request.POST)                 submitted; is_valid(), then to_draft()
    NoticeEntryForm(request.POST, add_row="c-0-t") shown again with one more row, unchecked
    save(notice=..., actor=...)                   the saved draft notice, or None with the errors
                                                  (or with `warnings` the clerk has not confirmed)
    add_service_errors(exc)                       shows a ValidationError from notice_draft_save
    """

    def __init__(self, data=None, *, initial: NoticeDraft | None = None, add_row: str | None = None):
        self.is_bound = data is not None
        self.adding = bool(self.is_bound and add_row and _ADD_ROW.match(add_row))
        if self.adding:
            data = _with_one_more_row(data, add_row)
        self.errors_top: list[str] = []
        self.draft: NoticeDraft | None = None
        # Deadlines that make no sense stop the save until the clerk ticks the box shown with them.
        self.warnings: list[str] = []
        self.warnings_confirmed = bool(self.is_bound and data.get(WARNINGS_CONFIRMED) == "1")
        draft = initial or NoticeDraft()
        quiet = self.adding
        existing = draft.meeting if draft.meeting is not None and draft.meeting.pk else None
        new_meeting = draft.meeting if draft.meeting is not None and not draft.meeting.pk else Meeting()
        notice_initial = {name: draft.fields.get(name) for name in NOTICE_FIELDS if name in draft.fields}
        kind = draft.fields.get("kind")
        without = draft.meeting is None and isinstance(kind, DocumentKind) and not kind.needs_meeting
        notice_initial["meeting_mode"] = (
            NoticeForm.MEETING_EXISTING if existing else NoticeForm.MEETING_NONE if without else NoticeForm.MEETING_NEW
        )
        if not notice_initial.get("kind"):
            notice_initial["kind"] = DocumentKind.conclusion_notice()
        if "issuer" not in notice_initial:
            notice_initial["issuer"] = DEFAULT_ISSUER
        notice_initial["meeting"] = existing.pk if existing else None
        self.notice = NoticeForm(data, prefix="notice", initial=notice_initial, quiet=quiet)
        # The new meeting's fields count only when the clerk chose "Nhập cuộc họp mới".
        self.meeting = EntryMeetingForm(data, prefix="meeting", instance=new_meeting, quiet=quiet)
        self.notice.meeting_left_blank = self.is_bound and not any(
            (data.get(f"meeting-{name}") or "").strip() for name in ("title", "held_on", "chair_name")
        )
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

    # Past this many task rows the page folds each conclusion's tasks under its count.
    FOLD_AFTER_TASKS = 30

    @property
    def folds_conclusions(self) -> bool:
        return sum(len(form.tasks.forms) for form in self.conclusions.forms) > self.FOLD_AFTER_TASKS

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
        if self.notice.wants_no_meeting:
            meeting = None
        return NoticeDraft(
            fields={name: notice.get(name, "") for name in NOTICE_FIELDS},
            meeting=meeting,
            conclusions=[form.to_input() for form in self.conclusions.live_forms()],
        )

    def save(self, *, notice: ConclusionNotice | None, actor, prepare=None) -> ConclusionNotice | None:
        """Save the submitted entry as a draft through `notice_draft_save` (a new notice when
        `notice` is None): the notice, or None when the form or the service found errors, which
        then stand beside their fields. `prepare(draft)` adjusts the draft first (the import
        settles its text and spans); the draft saved stays in `self.draft`."""
        if not self.is_valid():
            return None
        self.draft = self.to_draft()
        if prepare is not None:
            prepare(self.draft)
        self.warnings = draft_deadline_warnings(self.draft)
        if self.warnings and not self.warnings_confirmed:
            return None
        try:
            return notice_draft_save(
                notice=notice,
                meeting=self.draft.meeting,
                fields=self.draft.fields,
                conclusions=self.draft.conclusions,
                actor=actor,
            )
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None

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
    if total < MAX_ROWS:
        data[key] = str(total + 1)
    return data
