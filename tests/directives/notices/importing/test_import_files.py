"""Reading a notice's text from a file: .txt in its usual encodings, real .docx and .pdf files
made here, and every kind of bad file refused with a Vietnamese message (no database)."""

import io
import unicodedata
import zipfile

import docx
import pytest

from directives.notices.importing.files import (
    MAX_PASTE_BYTES,
    ImportFileError,
    NeedsOcr,
    check_pasted,
    text_from_bytes,
    text_from_path,
    text_from_upload,
)
from tests.files import PNG_BYTES, make_docx, make_pdf, pdf_bytes, plain_zip_bytes, scanned_pdf, upload, xlsx_bytes

SENTENCE = "Giao Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông hoàn thành trước ngày 30/6/2021."


def _message(callable_, *args) -> str:
    with pytest.raises(ImportFileError) as caught:
        callable_(*args)
    return str(caught.value)


# --- Plain text -------------------------------------------------------------------------------------


def test_utf8_text_is_read_as_is():
    assert text_from_bytes("tb.txt", SENTENCE.encode("utf-8")) == SENTENCE


def test_utf8_with_bom_loses_the_bom():
    assert text_from_bytes("tb.txt", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8")) == SENTENCE


def test_utf16_with_bom_as_notepad_saves_unicode():
    assert text_from_bytes("tb.txt", SENTENCE.encode("utf-16")) == SENTENCE


def test_utf16_without_bom_is_recognised():
    assert text_from_bytes("tb.txt", SENTENCE.encode("utf-16-le")) == SENTENCE


def _cp1258(text: str) -> bytes:
    """As Windows-1258 stores Vietnamese: letters with their vowel marks, tone marks apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += (base + "".join(p for p in parts if p in tones)).encode("cp1258")
    return out


def test_windows_1258_file_is_decoded():
    legacy = _cp1258("Sở Y tế hoàn thành trước ngày 30/6/2021")
    assert legacy.decode("cp1258") != "Sở Y tế hoàn thành trước ngày 30/6/2021"  # tone marks apart
    assert text_from_bytes("tb.txt", legacy) == "Sở Y tế hoàn thành trước ngày 30/6/2021"


def test_decomposed_unicode_is_composed():
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert text_from_bytes("tb.txt", decomposed.encode("utf-8")) == SENTENCE


def test_binary_file_named_txt_is_refused():
    assert "không phải tệp văn bản thuần" in _message(text_from_bytes, "tb.txt", PNG_BYTES)


# --- Word -------------------------------------------------------------------------------------------


def test_docx_paragraphs_are_read_in_order():
    data = make_docx(paragraphs=["THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", SENTENCE])
    assert text_from_bytes("tb.docx", data).splitlines() == ["THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", SENTENCE]


def test_docx_table_stands_where_it_is_in_the_document():
    data = make_docx(
        paragraphs=["Trước bảng"],
        table=[["UBND TỈNH BẮC GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: /TB-UBND", "Bắc Giang, ngày 24"]],
        after=[SENTENCE],
    )
    lines = [line for line in text_from_bytes("tb.docx", data).splitlines() if line]
    assert lines == [
        "Trước bảng",
        "UBND TỈNH BẮC GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: /TB-UBND",
        "Bắc Giang, ngày 24",
        SENTENCE,
    ]


def test_docx_merged_cell_is_read_once():
    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    merged = grid.cell(0, 0).merge(grid.cell(1, 0))
    merged.text = "Ô gộp"
    grid.cell(0, 1).text = "Một"
    grid.cell(1, 1).text = "Hai"
    out = io.BytesIO()
    document.save(out)
    assert text_from_bytes("tb.docx", out.getvalue()).count("Ô gộp") == 1


def test_binary_file_renamed_docx_is_refused():
    message = _message(text_from_bytes, "thong-bao.docx", PNG_BYTES)
    assert "không phải văn bản Word (.docx) hợp lệ" in message and "lưu lại dưới dạng .docx" in message


def test_zip_that_is_not_a_word_document_is_refused():
    assert "không phải văn bản Word" in _message(text_from_bytes, "tb.docx", plain_zip_bytes())


def test_excel_workbook_renamed_docx_is_refused():
    assert "không phải văn bản Word" in _message(text_from_bytes, "tb.docx", xlsx_bytes())


def test_zip_bomb_named_docx_is_refused_before_reading():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<a>" + "x" * 5_000_000 + "</a>")
    assert "không phải văn bản Word" in _message(text_from_bytes, "tb.docx", out.getvalue())


def test_broken_word_xml_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document><unclosed>")
    assert "không phải văn bản Word" in _message(text_from_bytes, "tb.docx", out.getvalue())


# --- PDF --------------------------------------------------------------------------------------------


def test_pdf_text_layer_is_read_with_vietnamese_letters():
    text = text_from_bytes("tb.pdf", make_pdf(["THÔNG BÁO", SENTENCE]))
    assert "THÔNG BÁO" in text
    assert "Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông" in " ".join(text.split())


def test_pdf_written_by_hand_with_helvetica_is_read():
    assert text_from_bytes("tb.pdf", pdf_bytes("Thong bao ket luan")).strip() == "Thong bao ket luan"


def test_scanned_pdf_without_text_layer_is_handed_to_ocr_with_a_message_for_who_cannot():
    with pytest.raises(NeedsOcr) as caught:
        text_from_bytes("scan.pdf", scanned_pdf())
    assert caught.value.kind == "pdf" and caught.value.name == "scan.pdf" and caught.value.data[:5] == b"%PDF-"
    assert "không có lớp chữ" in str(caught.value) and "dán nội dung" in str(caught.value)


@pytest.mark.parametrize(("name", "data"), [("anh.png", PNG_BYTES), ("ANH.JPG", b"\xff\xd8\xff\xe0" + b"0" * 20)])
def test_a_photo_or_a_scan_image_is_handed_to_ocr(name, data):
    with pytest.raises(NeedsOcr) as caught:
        text_from_bytes(name, data)
    assert caught.value.kind == "image" and "ảnh chụp hoặc ảnh scan" in str(caught.value)


@pytest.mark.parametrize("name", ["anh.png", "anh.jpg", "scan.tif"])
def test_a_file_named_as_an_image_that_is_not_one_is_refused(name):
    message = _message(text_from_bytes, name, make_docx(paragraphs=["x"]))
    assert "không phải ảnh" in message and "hợp lệ" in message


def test_file_renamed_pdf_is_refused():
    assert "không phải tệp PDF hợp lệ" in _message(text_from_bytes, "tb.pdf", make_docx(paragraphs=["x"]))


def test_truncated_pdf_is_refused():
    data = make_pdf([SENTENCE])
    assert "không phải tệp PDF hợp lệ" in _message(text_from_bytes, "tb.pdf", data[:200])


def test_password_protected_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf([SENTENCE]))))
    writer.encrypt(user_password="bi-mat", owner_password="chu")
    out = io.BytesIO()
    writer.write(out)
    assert "đặt mật khẩu" in _message(text_from_bytes, "tb.pdf", out.getvalue())


# --- Names, sizes and emptiness ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tb.doc", "tb.xls", "tb.odt", "tb.rtf", "anh.gif"])
def test_unsupported_extension_says_to_save_as_docx_or_paste(name):
    message = _message(text_from_bytes, name, b"anything")
    assert (
        ".txt, .docx, .pdf, hoặc ảnh chụp, ảnh scan .jpg, .png, .tif" in message
        and "lưu lại dưới dạng .docx" in message
        and "dán vào ô" in message
    )


def test_empty_file_is_refused():
    assert "trống (0 byte)" in _message(text_from_bytes, "tb.txt", b"")


def test_file_of_blank_lines_is_refused():
    assert "không có chữ nào" in _message(text_from_bytes, "tb.txt", b"\n \n\t\n")


def test_upload_over_the_size_limit_is_refused_with_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 2048
    message = _message(text_from_upload, upload("lon.txt", b"a" * 3000, "text/plain"))
    assert "vượt giới hạn 2,0\xa0KB" in message and "lon.txt" in message


def test_upload_within_the_limit_is_read(settings):
    settings.UPLOAD_MAX_BYTES = 2048
    assert text_from_upload(upload("tb.txt", SENTENCE.encode(), "text/plain")) == SENTENCE


def test_pasted_text_over_two_megabytes_is_refused():
    message = _message(check_pasted, "a" * (MAX_PASTE_BYTES + 1))
    assert "vượt giới hạn 2,0\xa0MB" in message


def test_blank_pasted_text_is_refused():
    assert "Chưa có nội dung" in _message(check_pasted, "   \n\t ")


def test_file_on_disk_is_read_by_path(tmp_path):
    path = tmp_path / "tb.docx"
    path.write_bytes(make_docx(paragraphs=[SENTENCE]))
    assert text_from_path(path) == SENTENCE


def test_missing_path_is_named_in_the_message(tmp_path):
    assert "Không tìm thấy tệp" in _message(text_from_path, tmp_path / "khong-co.txt")


def test_directory_path_is_refused(tmp_path):
    assert "không phải là một tệp" in _message(text_from_path, tmp_path)
