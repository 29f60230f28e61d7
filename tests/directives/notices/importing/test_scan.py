"""directives/notices/importing/scan.py: a scan read by the real Tesseract, its limits, and the
message where the engine is missing."""

import pytest

from directives.notices.importing.scan import OcrError, check_ready, missing_tools, page_count, read_scan
from tests.directives.notices.importing.scans import (
    blank_pages_pdf,
    fake_tesseract,
    photo_of_notice,
    scanned_notice_pdf,
)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_an_image_only_pdf_is_read_page_by_page_with_its_vietnamese_letters():
    progress = []
    text = read_scan(
        "scan.pdf", "pdf", scanned_notice_pdf(), on_page=lambda done, total: progress.append((done, total))
    )
    assert progress == [(0, 1), (1, 1)]
    words = _words(text)
    assert "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính hoàn thành kế hoạch trước ngày 30/6/2021." in words
    assert "Giao Sở Nội vụ rà soát tổ chức bộ máy" in words


def test_a_phone_photo_turned_and_grainy_is_read():
    text = _words(read_scan("anh.jpg", "image", photo_of_notice()))
    assert "Sở Y tế" in text and "30/6/2021" in text and "Sở Nội vụ" in text


def test_where_tesseract_is_not_installed_the_message_says_what_to_install(settings):
    settings.OCR_TESSERACT_CMD = "tesseract-not-installed-here"
    assert missing_tools("image") == ["tesseract"]
    with pytest.raises(OcrError) as caught:
        read_scan("scan.pdf", "pdf", scanned_notice_pdf())
    message = str(caught.value)
    assert "chưa cài công cụ nhận dạng chữ (OCR)" in message
    assert "apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils" in message
    assert "dán nội dung vào ô văn bản" in message


def test_tesseract_without_its_vietnamese_model_is_not_ready(settings, tmp_path):
    settings.OCR_TESSERACT_CMD = fake_tesseract(tmp_path, languages="eng\\nosd")
    with pytest.raises(OcrError, match="mô hình tiếng Việt của Tesseract"):
        check_ready("anh.png", "image")


def test_where_pdftoppm_is_missing_only_pdfs_are_refused(settings):
    settings.OCR_PDFTOPPM_CMD = "pdftoppm-not-installed-here"
    assert missing_tools("pdf") == ["pdftoppm"]
    assert missing_tools("image") == []


def test_more_pages_than_the_limit_are_refused_before_any_is_read(settings):
    settings.OCR_MAX_PAGES = 2
    assert page_count("scan.pdf", "pdf", blank_pages_pdf(2)) == 2
    with pytest.raises(OcrError) as caught:
        page_count("scan.pdf", "pdf", blank_pages_pdf(3))
    assert "có 3 trang, vượt giới hạn 2 trang" in str(caught.value)


def test_a_page_that_takes_longer_than_the_limit_is_stopped_with_a_message(settings, tmp_path):
    settings.OCR_TESSERACT_CMD = fake_tesseract(tmp_path, then="sleep 30")
    settings.OCR_PAGE_TIMEOUT = 1
    with pytest.raises(OcrError) as caught:
        read_scan("scan.pdf", "pdf", scanned_notice_pdf())
    assert "Trang 1 của “scan.pdf” nhận dạng chữ quá 1 giây" in str(caught.value)


def test_a_page_with_no_text_says_so():
    with pytest.raises(OcrError, match="Không nhận dạng được chữ nào"):
        read_scan("trang-trang.pdf", "pdf", blank_pages_pdf(1))


def test_a_broken_image_is_refused():
    with pytest.raises(OcrError, match="không phải ảnh hợp lệ"):
        read_scan("anh.png", "image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
