"""Step 1 of the import: the notice's text, pasted or in a file. Cleaning gives the text read,
or, for a scan or photo, `scan` (a NeedsOcr carrying the file) for the view to send to OCR."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from directives.notices.importing.files import (
    MAX_PASTE_BYTES,
    ImportFileError,
    NeedsOcr,
    check_pasted,
    text_from_upload,
)

MSG_BOTH = "Anh/chị vừa dán văn bản vừa chọn tệp: hãy chỉ dùng một cách — xóa nội dung ô văn bản, hoặc bỏ chọn tệp."


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Dán toàn văn thông báo",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=f"Sao chép toàn bộ thông báo (từ “Số: …” đến “Nơi nhận”) và dán vào đây; "
        f"tối đa {filesizeformat(MAX_PASTE_BYTES)}.",
    )
    file = forms.FileField(
        label="Hoặc tải tệp lên",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,.jpg,.jpeg,.png,.tif,.tiff"}),
        error_messages={
            "invalid": "Không nhận được tệp: hãy chọn lại tệp.",
            "missing": "Không nhận được tệp: hãy chọn lại tệp.",
            "empty": "Tệp đã chọn trống (0 byte): hãy chọn lại tệp có nội dung thông báo.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"Tệp .txt, .docx (Word), .pdf, hoặc ảnh chụp, ảnh scan .jpg, .png, .tif, "
            f"tối đa {filesizeformat(settings.UPLOAD_MAX_BYTES)}. Bản scan và ảnh được nhận dạng chữ (OCR), "
            f"tối đa {settings.OCR_MAX_PAGES} trang."
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        try:
            if upload and text.strip():
                raise ImportFileError(MSG_BOTH)
            cleaned["source"] = text_from_upload(upload) if upload else check_pasted(text)
        except NeedsOcr as scan:
            cleaned["scan"] = scan
        except ImportFileError as exc:
            self.add_error("file" if upload else "text", str(exc))
        return cleaned
