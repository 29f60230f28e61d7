"""Forms of the task page and the queues: they validate input; the services decide."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from agencies.inputs import DATE_FORMATS, BoundedDateField
from agencies.models import Agency
from directives.tasks.uploads import ALLOWED_DESCRIPTION, check_uploads

_DATE_ERRORS = {"invalid": "Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 26/06/2021."}
_LONG_TEXT = 10_000


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return BoundedDateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages={**_DATE_ERRORS, "required": f"Hãy nhập {label.lower()}."},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        help_text=help_text,
    )


def text_field(label: str, *, required: bool = True, max_length: int = _LONG_TEXT, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": f"Hãy nhập {label.lower()}.",
            "max_length": f"{label} dài quá {max_length} ký tự.",
        },
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class _WithFiles(forms.Form):
    files = MultipleFileField(
        label="Tệp đính kèm",
        required=False,
        help_text=f"{ALLOWED_DESCRIPTION}; có thể chọn nhiều tệp.",
        error_messages={"empty": "Tệp được chọn trống (0 byte): hãy chọn lại tệp."},
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        check_uploads(files)
        return files


class ProgressReportForm(_WithFiles):
    text = text_field("Nội dung báo cáo")
    document_number = forms.CharField(label="Số văn bản báo cáo", required=False, max_length=64)
    document_date = date_field("Ngày văn bản báo cáo", required=False)
    percent = forms.IntegerField(
        label="Tỷ lệ hoàn thành (%)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Tỷ lệ hoàn thành phải là một số từ 0 đến 100.",
            "min_value": "Tỷ lệ hoàn thành phải từ 0 đến 100.",
            "max_value": "Tỷ lệ hoàn thành phải từ 0 đến 100.",
        },
    )


class CompletionForm(_WithFiles):
    note = text_field("Kết quả thực hiện")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.REQUIRE_COMPLETION_EVIDENCE:
            # Said before sending; the service refuses a completion without a file either way.
            files = self.fields["files"]
            files.help_text = f"Bắt buộc đính kèm ít nhất một tệp minh chứng. {files.help_text}"


class ExtensionRequestForm(forms.Form):
    requested_date = date_field("Hạn đề nghị")
    reason = text_field("Lý do đề nghị gia hạn", rows=3)


class VerifyForm(forms.Form):
    completed_on = date_field(
        "Ngày hoàn thành", required=False, help_text="Để trống: lấy ngày cơ quan báo cáo hoàn thành."
    )


class ReturnForm(forms.Form):
    reason = text_field("Lý do trả lại", rows=3)


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Quyết định",
        choices=[("approve", "Đồng ý gia hạn"), ("refuse", "Không đồng ý")],
        widget=forms.RadioSelect,
        error_messages={"required": "Hãy chọn đồng ý hoặc không đồng ý.", "invalid_choice": "Quyết định không hợp lệ."},
    )
    approved_date = date_field("Hạn đồng ý", required=False, help_text="Để trống: đồng ý đúng hạn cơ quan đề nghị.")
    reason = text_field("Ý kiến / lý do", required=False, rows=2)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Hãy ghi lý do không đồng ý gia hạn.")
        if data.get("decision") == "refuse" and data.get("approved_date"):
            self.add_error("approved_date", "Chỉ ghi hạn đồng ý khi đồng ý gia hạn.")
        return data


class CloseForm(forms.Form):
    action = forms.ChoiceField(
        label="Thao tác",
        choices=[("cancel", "Hủy nhiệm vụ"), ("supersede", "Thay thế bằng chỉ đạo khác")],
        widget=forms.RadioSelect,
        initial="cancel",
        error_messages={"required": "Hãy chọn hủy hoặc thay thế.", "invalid_choice": "Thao tác không hợp lệ."},
    )
    reason = text_field("Lý do", rows=2)
    superseded_by = forms.IntegerField(
        label="Mã nhiệm vụ thay thế (nếu có)",
        required=False,
        min_value=1,
        error_messages={"invalid": "Mã nhiệm vụ phải là một số.", "min_value": "Mã nhiệm vụ phải là một số dương."},
    )

    def clean(self):
        data = super().clean()
        if data.get("superseded_by") and data.get("action") != "supersede":
            self.add_error("superseded_by", "Chỉ ghi mã nhiệm vụ thay thế khi chọn “Thay thế bằng chỉ đạo khác”.")
        return data


class ReassignForm(forms.Form):
    new_lead = forms.ModelChoiceField(
        label="Cơ quan chủ trì mới",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="— Chọn cơ quan —",
        error_messages={
            "required": "Hãy chọn cơ quan chủ trì mới.",
            "invalid_choice": "Cơ quan được chọn không tồn tại hoặc không còn hoạt động.",
        },
    )
    reason = text_field("Lý do", required=False, rows=2)


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class AssignForm(forms.Form):
    """The head gives the task to the agency's people. `people` are those who may be chosen (the
    active members of the head's agency); the service checks membership again."""

    needs_people = True

    in_charge = _PersonChoice(
        label="Người chủ trì xử lý",
        queryset=None,
        empty_label="— Chọn người —",
        error_messages={
            "required": "Hãy chọn người chủ trì xử lý.",
            "invalid_choice": "Người được chọn không thuộc cơ quan.",
        },
    )
    assisting = _PeopleChoice(
        label="Người phối hợp xử lý",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Người được chọn không thuộc cơ quan.",
            "invalid_pk_value": "Người được chọn không hợp lệ.",
        },
    )
    internal_due_on = date_field(
        "Hạn xử lý trong cơ quan", required=False, help_text="Không được sau hạn xử lý của nhiệm vụ."
    )
    note = text_field("Ghi chú giao việc", required=False, rows=2)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_charge"].queryset = people
        self.fields["assisting"].queryset = people


class ApproveSubmissionForm(forms.Form):
    """Nothing to type: the head signs off the completion as the officer wrote it."""


class ReturnSubmissionForm(forms.Form):
    reason = text_field("Lý do trả lại", rows=3)


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form it came from."""
    form.add_error(None, error)
