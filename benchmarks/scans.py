"""Scans made from a notice's text, for the OCR benchmark and tests: the text typeset on A4 pages
(fpdf2 with DejaVu Sans, page numbers at the top from page 2 as administrative documents put
them), rasterised by pdftoppm, then wrapped in a PDF without a text layer, or made to look
like a phone photo (slightly turned, grainy, a little soft, saved as JPEG).
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_pdf(text: str) -> bytes:
    """The text on A4 pages with a text layer, one paragraph per line of the text."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(30, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)

    def header():
        if pdf.page_no() > 1:
            pdf.set_y(10)
            pdf.cell(0, 5, str(pdf.page_no()), align="C")
            pdf.set_y(20)

    pdf.header = header
    pdf.add_page()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 5.5, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())


def page_images(pdf: bytes, dpi: int) -> list:
    """Each page of a PDF as a grey Pillow image at `dpi` (pdftoppm, from poppler-utils)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "p")], check=True)
        images = []
        for path in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            with Image.open(path) as image:
                images.append(image.copy())
    return images


def image_only_pdf(images: list, dpi: int) -> bytes:
    """The images as the pages of a PDF with no text layer, as a scanner makes it."""
    out = io.BytesIO()
    first, *rest = [image.convert("L") for image in images]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return out.getvalue()


def scanned_pdf(text: str, dpi: int = 300) -> bytes:
    return image_only_pdf(page_images(text_pdf(text), dpi), dpi)


def phone_photo(image, *, angle: float = 1.2, seed: int = 1) -> bytes:
    """A page as a phone would photograph it: turned by `angle` degrees, uneven grey paper,
    grain, a little blur, JPEG. Deterministic for a given seed."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    noise = Image.effect_noise(page.size, 28)
    page = Image.blend(page, noise, 0.12)
    page = page.point(lambda v: min(255, int(v * 0.9) + 18 + rng.randint(0, 3)))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    page.save(out, "JPEG", quality=80)
    return out.getvalue()
