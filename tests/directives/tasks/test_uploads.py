import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from directives.notices.importing.files import ImportFileError, text_from_bytes
from directives.tasks.uploads import check_upload, check_uploads, office_package_kind
from tests.files import PNG_BYTES, docx_bytes, pdf_bytes, plain_zip_bytes, upload, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "make", "ext"),
    [
        ("bao-cao.pdf", pdf_bytes, ".pdf"),
        ("bao-cao.docx", docx_bytes, ".docx"),
        ("so-lieu.xlsx", xlsx_bytes, ".xlsx"),
        ("anh.png", lambda: PNG_BYTES, ".png"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, make, ext):
    assert check_upload(upload(name, make())).extension == ext


def test_type_comes_from_content_not_from_name():
    assert check_upload(upload("tai-lieu.txt", pdf_bytes())).content_type == "application/pdf"


def test_executable_named_pdf_is_refused():
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        check_upload(upload("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200))


def test_plain_zip_named_docx_is_refused():
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        check_upload(upload("bao-cao.docx", plain_zip_bytes()))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="trống"):
        check_upload(upload("rong.pdf", b""))


def test_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 2048
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        check_upload(upload("lon.pdf", pdf_bytes() + b"0" * 4096))


def test_too_many_files_are_refused(settings):
    settings.ATTACHMENTS_PER_REPORT = 1
    with pytest.raises(ValidationError, match="tối đa 1 tệp"):
        check_uploads([upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())])


def _word_bomb() -> bytes:
    """A package with Word's parts whose document inflates to 20 MB from a few KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"0" * 20_000_000)
    return out.getvalue()


@pytest.mark.parametrize(("make", "kind"), [(docx_bytes, "docx"), (xlsx_bytes, "xlsx"), (plain_zip_bytes, None)])
def test_office_packages_are_told_apart_by_their_parts(make, kind):
    data = make()
    assert office_package_kind(io.BytesIO(data), len(data)) == kind


def test_attachments_and_the_notice_import_refuse_a_zip_bomb_alike():
    data = _word_bomb()
    assert office_package_kind(io.BytesIO(data), len(data)) is None
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        check_upload(upload("bao-cao.docx", data))
    with pytest.raises(ImportFileError, match="không phải văn bản Word"):
        text_from_bytes("thong-bao.docx", data)
