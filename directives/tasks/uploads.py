"""Checking an uploaded file by what it contains, never by its name.

Accepted: PDF, Word (.docx), Excel (.xlsx), and JPEG/PNG/GIF/WebP images. A .docx or .xlsx is
a zip package: it is opened and must hold the parts Word or Excel itself would write, so a
renamed zip (or a zip bomb named .docx) is refused. Every refusal is a Vietnamese sentence.
"""

import secrets
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

_IMAGES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_OOXML = {
    # extension: (mime, the part that makes it that kind of document)
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/document.xml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/workbook.xml"),
}
# A real Office document inflates a few times; far more is a zip bomb, refused before reading.
_MAX_INFLATE_RATIO = 200
ALLOWED_DESCRIPTION = "PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPG, PNG, GIF, WebP)"


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    original_name: str
    extension: str
    content_type: str
    size: int
    token: str


def _head(upload, n: int = 8192) -> bytes:
    upload.seek(0)
    data = upload.read(n)
    upload.seek(0)
    return data


def office_package_kind(stream, size: int) -> str | None:
    """ "docx" or "xlsx" when the stream holds a Word or Excel package, else None.

    Judged by content: a zip with the parts Word or Excel itself writes, inflating no more than a
    real document does (a zip bomb is refused before anything is read). Shared by attachments
    and the notice import, so both judge an Office file alike. Leaves the stream at its start.
    """
    stream.seek(0)
    try:
        if stream.read(4) != b"PK\x03\x04":
            return None
        stream.seek(0)
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                return None
            inflated = sum(info.file_size for info in package.infolist())
            if inflated > max(size, 1) * _MAX_INFLATE_RATIO:
                return None
            for ext, (_mime, part) in _OOXML.items():
                if part in names:
                    return ext
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)
    return None


def check_upload(upload) -> CheckedFile:
    """The file's real type, or a ValidationError saying in Vietnamese what is wrong with it."""
    name = (getattr(upload, "name", "") or "tệp").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    size = upload.size or 0
    if size == 0:
        raise ValidationError(f"Tệp “{name}” trống (0 byte): hãy chọn lại tệp.", code="empty")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"Tệp “{name}” có dung lượng {filesizeformat(size)}, vượt giới hạn "
            f"{filesizeformat(settings.UPLOAD_MAX_BYTES)}.",
            code="too_large",
        )
    head = _head(upload)
    kind = filetype.guess(head)
    ext = mime = None
    if head.startswith(b"%PDF-"):
        ext, mime = "pdf", "application/pdf"
    elif kind is not None and kind.extension in _IMAGES:
        ext, mime = kind.extension, _IMAGES[kind.extension]
    elif head.startswith(b"PK\x03\x04"):
        ext = office_package_kind(upload, size)
        mime = _OOXML[ext][0] if ext else None
    if ext is None:
        raise ValidationError(
            f"Tệp “{name}” không đúng định dạng cho phép ({ALLOWED_DESCRIPTION}); "
            "hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.",
            code="bad_type",
        )
    return CheckedFile(
        upload=upload,
        original_name=name,
        extension=f".{ext}",
        content_type=mime,
        size=size,
        token=secrets.token_hex(16),
    )


def check_uploads(uploads) -> list[CheckedFile]:
    uploads = list(uploads)
    if len(uploads) > settings.ATTACHMENTS_PER_REPORT:
        raise ValidationError(f"Mỗi báo cáo đính kèm tối đa {settings.ATTACHMENTS_PER_REPORT} tệp.", code="too_many")
    errors, checked = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
