"""Reading a scanned notice: a PDF without a text layer, or a photo or scan (JPG, PNG, TIFF).

Each page is made an image (pdftoppm from poppler-utils renders a PDF page; Pillow opens a
photo, turned upright by its EXIF orientation), then Tesseract reads it with its Vietnamese
model through pytesseract, and `ocr.clean_ocr_pages` makes the pages one text for the reader.
Pages go one at a time so a caller can show progress, and each has its own time limit.

Every refusal is an ImportFileError (OcrError) whose Vietnamese message says what is wrong and
what to do. Where Tesseract, its Vietnamese model or pdftoppm is missing, the message names the
Debian packages to install; the rest of the import works without them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from directives.notices.importing.files import ImportFileError
from directives.notices.importing.ocr import clean_ocr_pages

# Tesseract's OpenMP threads compete with each other and with the web workers on a small
# machine; one thread per page is Tesseract's own advice when jobs run side by side. An
# operator may still set it in the environment.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

PACKAGES = "tesseract-ocr tesseract-ocr-vie poppler-utils"
MSG_NOT_INSTALLED = (
    "Máy chủ chưa cài công cụ nhận dạng chữ (OCR) nên chưa đọc được bản scan hoặc ảnh chụp “{name}” ({missing}). "
    "Quản trị viên cần cài các gói Debian/Ubuntu: {packages} (lệnh: apt-get install {packages}). "
    "Trong lúc chờ, hãy tải lên tệp .docx hoặc PDF xuất từ văn bản gốc, hoặc dán nội dung vào ô văn bản."
)
MSG_TOO_MANY_PAGES = (
    "Tệp “{name}” có {pages} trang, vượt giới hạn {limit} trang cho một lần nhận dạng chữ (OCR). "
    "Hãy chỉ scan các trang của thông báo kết luận (bỏ phụ lục), hoặc tải lên tệp .docx, hoặc dán nội dung."
)
MSG_PAGE_TIMEOUT = (
    "Trang {page} của “{name}” nhận dạng chữ quá {seconds} giây nên đã dừng lại. "
    "Hãy scan lại trang đó rõ hơn (khổ A4, 300 dpi, đen trắng), hoặc dán nội dung vào ô văn bản."
)
MSG_NOT_IMAGE = (
    "Tệp “{name}” không phải ảnh hợp lệ (JPG, PNG hoặc TIFF): có thể tệp bị hỏng hoặc chỉ bị đổi tên. "
    "Hãy chụp hoặc scan lại, hoặc tải lên tệp .docx, hoặc dán nội dung vào ô văn bản."
)
MSG_IMAGE_TOO_LARGE = (
    "Ảnh “{name}” quá lớn ({pixels} triệu điểm ảnh) để nhận dạng chữ. "
    "Hãy chụp hoặc scan ở độ phân giải thấp hơn (khổ A4 ở 300 dpi là khoảng 9 triệu điểm ảnh)."
)
MSG_PAGE_UNREADABLE = (
    "Không dựng được trang {page} của “{name}” thành ảnh để nhận dạng chữ: tệp PDF có thể bị hỏng. "
    "Hãy xuất hoặc scan lại tệp, hoặc dán nội dung vào ô văn bản."
)
MSG_NO_TEXT_FOUND = (
    "Không nhận dạng được chữ nào trong “{name}”: ảnh có thể quá mờ, bị nghiêng nhiều hoặc không phải văn bản. "
    "Hãy scan lại rõ hơn (300 dpi, thẳng trang), hoặc dán nội dung vào ô văn bản."
)

# A scanned A4 page at 600 dpi is 35 million pixels; anything far beyond is not a page.
MAX_PIXELS = 60_000_000

Progress = Callable[[int, int], None]


class OcrError(ImportFileError):
    """What went wrong reading a scan, in Vietnamese, with what to do."""


def missing_tools(kind: str) -> list[str]:
    """What this machine lacks to read a scan of this kind ("pdf" or "image"); empty when nothing."""
    missing = []
    command = settings.OCR_TESSERACT_CMD
    if not shutil.which(command):
        missing.append("tesseract")
    elif "vie" not in _languages(command):
        missing.append("mô hình tiếng Việt của Tesseract")
    if kind == "pdf" and not shutil.which(settings.OCR_PDFTOPPM_CMD):
        missing.append("pdftoppm")
    return missing


def _languages(command: str) -> set[str]:
    try:
        done = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in (done.stdout + done.stderr).splitlines()[1:]}


def check_ready(name: str, kind: str) -> None:
    """OcrError when this machine cannot read a scan of this kind, naming what to install."""
    missing = missing_tools(kind)
    if missing:
        raise OcrError(MSG_NOT_INSTALLED.format(name=name, missing=", ".join(missing), packages=PACKAGES))


def page_count(name: str, kind: str, data: bytes) -> int:
    """The number of pages to read, refused beyond OCR_MAX_PAGES before any is read."""
    if kind == "pdf":
        from pypdf import PdfReader

        try:
            pages = len(PdfReader(io.BytesIO(data)).pages)
        except Exception as exc:  # pypdf raises many kinds on a broken file
            raise OcrError(MSG_PAGE_UNREADABLE.format(page=1, name=name)) from exc
    else:
        pages = getattr(_open_image(name, data), "n_frames", 1)
    if pages > settings.OCR_MAX_PAGES:
        raise OcrError(MSG_TOO_MANY_PAGES.format(name=name, pages=pages, limit=settings.OCR_MAX_PAGES))
    return pages


def read_scan(name: str, kind: str, data: bytes, *, on_page: Progress | None = None) -> str:
    """The notice's text from a scan: every page read in turn, then cleaned as one text.
    `on_page(done, total)` is called before the first page and after each one."""
    check_ready(name, kind)
    total = page_count(name, kind, data)
    pages = []
    if on_page:
        on_page(0, total)
    for number in range(1, total + 1):
        pages.append(read_page(name, kind, data, number))
        if on_page:
            on_page(number, total)
    text = clean_ocr_pages(pages)
    if not text.strip():
        raise OcrError(MSG_NO_TEXT_FOUND.format(name=name))
    return text


def read_page(name: str, kind: str, data: bytes, number: int) -> str:
    """The OCR text of page `number` (from 1), within OCR_PAGE_TIMEOUT seconds."""
    import pytesseract

    image = _pdf_page(name, data, number) if kind == "pdf" else _image_page(name, data, number)
    pytesseract.pytesseract.tesseract_cmd = settings.OCR_TESSERACT_CMD
    try:
        return pytesseract.image_to_string(
            image,
            lang="vie",
            config="--psm 3",
            timeout=settings.OCR_PAGE_TIMEOUT,
        )
    except RuntimeError as exc:  # pytesseract's word for its timeout
        if "timeout" in str(exc).lower():
            raise OcrError(MSG_PAGE_TIMEOUT.format(page=number, name=name, seconds=settings.OCR_PAGE_TIMEOUT)) from exc
        raise OcrError(MSG_PAGE_UNREADABLE.format(page=number, name=name)) from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrError(MSG_NOT_INSTALLED.format(name=name, missing="tesseract", packages=PACKAGES)) from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(MSG_PAGE_UNREADABLE.format(page=number, name=name)) from exc


def _pdf_page(name: str, data: bytes, number: int):
    """Page `number` of a PDF as a grey image at OCR_DPI, rendered by pdftoppm."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="theodoi-ocr-") as folder:
        source = Path(folder) / "scan.pdf"
        source.write_bytes(data)
        command = [
            settings.OCR_PDFTOPPM_CMD,
            "-r",
            str(settings.OCR_DPI),
            "-gray",
            "-png",
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(source),
            str(Path(folder) / "page"),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=settings.OCR_PAGE_TIMEOUT, check=True)
        except FileNotFoundError as exc:
            raise OcrError(MSG_NOT_INSTALLED.format(name=name, missing="pdftoppm", packages=PACKAGES)) from exc
        except subprocess.TimeoutExpired as exc:
            raise OcrError(MSG_PAGE_TIMEOUT.format(page=number, name=name, seconds=settings.OCR_PAGE_TIMEOUT)) from exc
        except subprocess.CalledProcessError as exc:
            raise OcrError(MSG_PAGE_UNREADABLE.format(page=number, name=name)) from exc
        page = Path(folder) / "page.png"
        if not page.exists():
            raise OcrError(MSG_PAGE_UNREADABLE.format(page=number, name=name))
        with Image.open(page) as image:
            _check_pixels(name, image)
            return image.copy()


def _open_image(name: str, data: bytes):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        _check_pixels(name, image)
        return image
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise OcrError(MSG_IMAGE_TOO_LARGE.format(name=name, pixels="hơn 90")) from exc
        raise OcrError(MSG_NOT_IMAGE.format(name=name)) from exc


def _check_pixels(name: str, image) -> None:
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        raise OcrError(MSG_IMAGE_TOO_LARGE.format(name=name, pixels=round(pixels / 1_000_000)))


def _image_page(name: str, data: bytes, number: int):
    """Frame `number` of a photo or scan (a TIFF may hold several), upright and grey."""
    from PIL import ImageOps

    image = _open_image(name, data)
    try:
        image.seek(number - 1)
        upright = ImageOps.exif_transpose(image)
        return upright.convert("L")
    except (EOFError, OSError, ValueError) as exc:
        raise OcrError(MSG_NOT_IMAGE.format(name=name)) from exc
