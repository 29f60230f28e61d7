"""The rows of the notice entry form: conclusions, and under each its tasks.

Rows are Django formsets the clerk grows and shrinks ("Thêm ...", "Xóa ..."); an untouched
blank row is ignored. A conclusion form carries its own task formset (prefix "c-0-t"), and the
two formsets use different placeholders in their empty forms ("__prefix__", "__task__") so a
conclusion's template can hold a task's template.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from agencies.forms import AgencyPickerField
from directives.models import Task
from directives.models.task import DeadlineKind, Recurrence
from directives.notices.services import (
    MSG_NO_CONCLUSION,
    ConclusionInput,
    TaskInput,
    conclusion_input_errors,
    task_input_errors,
)
from directives.workdays import working_calendar
from meetings.forms import DateField
from meetings.reader.periods import relative_term

MAX_ROWS = 500
MSG_BAD_TERM = (
    "Không đọc được thời hạn: hãy ghi như “trong 05 ngày làm việc kể từ ngày 20/01/2026” "
    "hoặc “trong 10 ngày kể từ ngày ký”; nếu không, để trống và nhập hạn xử lý."
)
MSG_TERM_NEEDS_ISSUED_ON = "Thời hạn tính từ ngày ký: hãy nhập ngày ban hành của thông báo."
MSG_TERM_DIFFERS = (
    "Hạn xử lý khác hạn tính theo thời hạn theo văn bản ({due:%d/%m/%Y}): sửa một trong hai, "
    "hoặc xóa thời hạn theo văn bản."
)


class EntryPart:
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

    def silence(self) -> None:
        """A row the clerk removed: what was typed stays on the page ("Hoàn tác" brings it
        back), but its errors go, since the row is hidden and is not saved."""
        self._errors = ErrorDict(renderer=self.renderer)
        if self.is_bound and not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}  # the tasks of a removed conclusion, never checked
        for field in self.fields.values():
            if hasattr(field.widget, "suggestions"):
                field.widget.suggestions = []

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


class TaskForm(EntryPart, forms.Form):
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
    continues = forms.CharField(
        label="Tiếp tục nhiệm vụ số (nếu có)",
        required=False,
        max_length=20,
        help_text="Khi văn bản ghi “tiếp tục thực hiện nhiệm vụ tại Thông báo số …”: mã số của nhiệm vụ đã giao "
        "(tìm trong danh sách nhiệm vụ theo số văn bản hoặc cơ quan).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "ví dụ 1234"}),
    )
    due_term = forms.CharField(
        label="Thời hạn theo văn bản (nếu có)",
        required=False,
        max_length=255,
        help_text="Ví dụ: trong 05 ngày làm việc kể từ ngày 20/01/2026; trong 10 ngày kể từ ngày ký. "
        "Hạn xử lý được tính theo lịch ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ, Tết, ngày nghỉ bù).",
        error_messages={"max_length": "Thời hạn theo văn bản dài quá 255 ký tự."},
    )
    # Carried from the import review: how the notice words it, and where.
    lead_text = forms.CharField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    source_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    source_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def continued_task(self):
        """The earlier task the row names (shown beside the field so the clerk sees what was
        picked), or None. Read only for rows that name one."""
        value = str(self["continues"].value() or "").strip().lstrip("#").strip()
        if not value.isdigit() or len(value) > 12:
            return None
        return Task.objects.select_related("lead", "conclusion__notice").filter(pk=int(value)).first()

    def clean_continues(self) -> int | None:
        value = (self.cleaned_data.get("continues") or "").strip().lstrip("#").strip()
        if not value:
            return None
        if not value.isdigit() or len(value) > 12:
            raise ValidationError("Nhập mã số của nhiệm vụ, ví dụ 1234.")
        return int(value)

    def clean(self):
        cleaned = super().clean()
        self._apply_term(cleaned)
        self.add_messages(task_input_errors(self.to_input()))
        return cleaned

    def _issued_on(self):
        """The notice's issue date as typed on the same page (for "kể từ ngày ký"), or None."""
        try:
            return DateField(required=False).clean(self.data.get("notice-issued_on", ""))
        except ValidationError:
            return None

    def _apply_term(self, cleaned) -> None:
        """A term "trong N ngày (làm việc) kể từ ngày …" gives the due date, on the working-day calendar."""
        text = " ".join((cleaned.get("due_term") or "").split())
        cleaned["due_term"] = text
        if not text or "due_term" in self._errors:
            return
        term = relative_term(text)
        if term is None:
            self.add_error("due_term", MSG_BAD_TERM)
            return
        due = term.due(working_calendar(), issued=self._issued_on())
        if due is None:
            self.add_error("due_term", MSG_TERM_NEEDS_ISSUED_ON)
            return
        if cleaned.get("due_date") and cleaned["due_date"] != due:
            self.add_error("due_date", MSG_TERM_DIFFERS.format(due=due))
            return
        cleaned["due_date"] = due
        if not cleaned.get("deadline_kind"):
            cleaned["deadline_kind"] = DeadlineKind.DATE

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
            continues=data.get("continues") if isinstance(data.get("continues"), int) else None,
            due_term=data.get("due_term") or "",
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
            "due_term": task.due_term,
            "lead_text": task.lead_text,
            "source_text": task.source_text,
            "source_start": span[0],
            "source_end": span[1],
            "continues": task.continues or "",
        }


class _RowFormSet(forms.BaseFormSet):
    """Rows the clerk adds and removes; an untouched blank row is ignored."""

    template_placeholder = "__prefix__"
    quiet = False
    # Django has no Vietnamese for these; they show only when a page was tampered with.
    default_error_messages = {
        "missing_management_form": "Biểu mẫu gửi lên không đầy đủ (thiếu %(field_names)s): hãy tải lại trang.",
        "too_many_forms": "Nhiều nhất %(num)d dòng.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }

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
        if not self.is_bound:
            return
        # Django leaves a removed row out of is_valid() but keeps its errors on the form, which
        # the page would show inside a row it hides.
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                form.silence()

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
    TaskForm, formset=BaseTaskFormSet, extra=1, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


# --- Conclusions -------------------------------------------------------------------------------------


class ConclusionForm(EntryPart, forms.Form):
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

    def silence(self) -> None:
        super().silence()
        # A removed conclusion takes its tasks with it: none of them is checked either.
        self.tasks.quiet = True
        self.tasks._errors = None
        for form in self.tasks.forms:
            form.silence()

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
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)
