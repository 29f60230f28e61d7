"""Build van_ban_don_doc.docx, the chasing letter's template (docxtpl: Jinja tags in Word).

    python directives/reports/letters/templates/build_template.py

The office may instead edit the .docx in Word and put it where LETTER_TEMPLATE points (by default
var/letters/van_ban_don_doc.docx); the tags it can use are listed in the README (Settings).
Layout after Nghị định 30/2020/NĐ-CP: A4, Times New Roman 13-14, margins 20-30-20-15 mm.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
CENTER, JUSTIFY, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT


def _paragraph(container, text="", *, bold=False, italic=False, size=13, align=None, indent=False, after=0):
    paragraph = container.add_paragraph() if hasattr(container, "add_paragraph") else container
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(cell, text, **kwargs):
    paragraph = cell.paragraphs[0]
    _paragraph(paragraph, text, **kwargs)
    return cell


def build(path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.font.size = Pt(13)

    # Heading: issuing body on the left, national motto on the right.
    head = document.add_table(rows=3, cols=2)
    _no_borders(head)
    _cell(head.cell(0, 0), "{{ issuer }}", bold=True, align=CENTER)
    _cell(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER)
    _cell(head.cell(1, 0), "{{ issuer_unit }}", bold=True, align=CENTER)
    _cell(head.cell(1, 1), "Độc lập - Tự do - Hạnh phúc", bold=True, align=CENTER)
    _cell(head.cell(2, 0), "Số:       /{{ number_suffix }}", align=CENTER)
    _cell(head.cell(2, 1), "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, align=CENTER)
    _paragraph(head.cell(2, 0).add_paragraph(), "V/v đôn đốc thực hiện nhiệm vụ {{ subject }}", size=12, align=CENTER)

    _paragraph(document, "", after=6)
    _paragraph(document, "{%p if addressees|length == 1 %}")
    _paragraph(document, "Kính gửi: {{ addressees[0] }}.", align=CENTER, after=6)
    _paragraph(document, "{%p else %}")
    _paragraph(document, "Kính gửi:", align=CENTER)
    _paragraph(document, "{%p for name in addressees %}")
    _paragraph(document, "- {{ name }};", align=CENTER)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")

    _paragraph(document, "{{ intro }}", align=JUSTIFY, indent=True, after=6)

    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ("STT", "Nội dung nhiệm vụ", "Văn bản giao", "Cơ quan chủ trì", "Hạn xử lý", "Tình trạng")
    for i, text in enumerate(headers):
        _cell(table.cell(0, i), text, bold=True, size=12, align=CENTER)
    _cell(table.cell(1, 0), "{%tr for row in rows %}", size=12)
    values = (
        "{{ row.number }}",
        "{{ row.action }}",
        "{{ row.source }}",
        "{{ row.agency }}",
        "{{ row.due }}",
        "{{ row.status }}",
    )
    for i, text in enumerate(values):
        _cell(table.cell(2, i), text, size=12, align=CENTER if i in (0, 4) else None)
    _cell(table.cell(3, 0), "{%tr endfor %}", size=12)
    widths = (Mm(10), Mm(60), Mm(35), Mm(30), Mm(20), Mm(25))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width

    _paragraph(document, "", after=6)
    _paragraph(document, "{{ closing }}", align=JUSTIFY, indent=True, after=12)

    foot = document.add_table(rows=1, cols=2)
    _no_borders(foot)
    recipients = foot.cell(0, 0)
    _cell(recipients, "Nơi nhận:", bold=True, italic=True, size=12)
    _paragraph(recipients.add_paragraph(), "{%p for name in recipients %}", size=11)
    _paragraph(recipients.add_paragraph(), "- {{ name }}", size=11)
    _paragraph(recipients.add_paragraph(), "{%p endfor %}", size=11)
    signature = foot.cell(0, 1)
    _cell(signature, "{{ signing_formula }}", bold=True, align=CENTER)
    _paragraph(signature.add_paragraph(), "{{ signer_title }}", bold=True, align=CENTER)
    for _ in range(4):
        signature.add_paragraph()
    _paragraph(signature.add_paragraph(), "{{ signer_name }}", bold=True, align=CENTER)

    document.save(path)


if __name__ == "__main__":
    build(HERE / "van_ban_don_doc.docx")
