"""Meeting forms, and the dd/mm/yyyy date field every form of the product uses."""

from django import forms

from agencies.forms import AgencyPickerField
from agencies.inputs import BoundedDateField
from meetings.models import Meeting

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y"]


class DateInput(forms.DateInput):
    """A plain text box: dates are typed as the office writes them, 30/06/2021."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "date"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class DateField(BoundedDateField):
    """A date typed dd/mm/yyyy (or dd/mm/yy); 31/02/2021, 31/12/9999 and the like are refused."""

    widget = DateInput
    default_error_messages = {"invalid": "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 30/06/2021."}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class MeetingForm(forms.ModelForm):
    held_on = DateField(label="Ngày họp")
    attending = AgencyPickerField(
        label="Cơ quan tham dự",
        multiple=True,
        required=False,
        help_text="Gõ tên hoặc tên viết tắt để chọn; một nhóm (ví dụ UBND các huyện) là mọi cơ quan trong nhóm.",
    )

    class Meta:
        model = Meeting
        fields = ["title", "kind", "held_on", "chair_name", "chair_title", "is_online", "place", "attendees_note"]
        labels = {
            "title": "Tên cuộc họp",
            "kind": "Hình thức",
            "chair_name": "Người chủ trì",
            "chair_title": "Chức vụ người chủ trì",
            "is_online": "Họp trực tuyến",
            "place": "Địa điểm",
            "attendees_note": "Thành phần tham dự",
        }
        widgets = {
            "title": forms.TextInput(),
            "attendees_note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Nhập tên cuộc họp."},
            "chair_name": {"required": "Nhập người chủ trì."},
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["held_on"].error_messages["required"] = "Nhập ngày họp."
        if self.instance.pk and "attending" not in self.initial:
            self.initial["attending"] = list(self.instance.attending_agencies.all())


class MeetingNewForm(MeetingForm):
    """A new meeting entered on another page (the notice entry): without the attending agencies."""

    class Meta(MeetingForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attending"]
