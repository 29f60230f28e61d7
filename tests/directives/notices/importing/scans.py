"""A short notice as a scanner and a phone would hand it over, rendered for real (fpdf2, then
pdftoppm), for the OCR tests; and fake Tesseract commands for the paths a real one rarely takes."""

import functools
import stat
from pathlib import Path

from benchmarks import scans

NOTICE = """Số: 15/TB-UBND
Bắc Giang, ngày 24 tháng 6 năm 2021

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số

Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số. Chủ tịch UBND tỉnh kết luận:

1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính hoàn thành kế hoạch trước ngày 30/6/2021.

2. Giao Sở Nội vụ rà soát tổ chức bộ máy, báo cáo UBND tỉnh trước ngày 15/7/2021.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Phan Thế Tuấn
"""


@functools.cache
def scanned_notice_pdf(dpi: int = 300) -> bytes:
    """The notice as an image-only PDF: no text layer, one page."""
    return scans.scanned_pdf(NOTICE, dpi)


@functools.cache
def photo_of_notice() -> bytes:
    """A phone photo (JPEG) of the notice's page: turned a little, grainy, soft."""
    return scans.phone_photo(scans.page_images(scans.text_pdf(NOTICE), 200)[0])


@functools.cache
def blank_pages_pdf(pages: int) -> bytes:
    from PIL import Image

    return scans.image_only_pdf([Image.new("L", (200, 280), 255) for _ in range(pages)], 72)


def fake_tesseract(folder: Path, *, languages: str = "eng\nvie", then: str = "sleep 30") -> str:
    """A `tesseract` that lists `languages` and otherwise runs `then`: a hung or a half-installed
    engine, which a real one cannot be made to be on demand."""
    path = folder / "tesseract"
    path.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--list-langs" ]; then\n'
        f"  printf 'List of available languages (2):\\n{languages}\\n'\n"
        "  exit 0\n"
        "fi\n"
        f"{then}\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)
