"""The leaders' report printed to A4 by Chromium, and the dashboard on common screen sizes."""

import datetime as dt
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from pypdf import PdfReader

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def demo_day(transactional_db):
    call_command("seed_demo", password="demo", stdout=io.StringIO())
    with time_machine.travel(dt.datetime(2021, 7, 1, 8, tzinfo=HCM), tick=True):
        yield dt.date(2021, 7, 1)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_printed_report_keeps_every_column_of_every_agency_row(page, login, demo_day):
    login("leader", "demo")
    page.goto("/dashboard/report/")
    rows = page.locator("#agency-table tbody tr[data-agency]")
    expected = [[_flat(cell) for cell in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(rows.count())]
    assert len(expected) > 20
    # "Năm 2021 (01/01/2021 – 31/12/2021)", without the day the figures are counted to.
    period = _flat(page.locator(".report-head .report-period").inner_text()).split(" · ")[0]

    raw = page.pdf(prefer_css_page_size=True, print_background=True)
    pdf = PdfReader(io.BytesIO(raw))
    pages = [_flat(p.extract_text()) for p in pdf.pages]
    text = " ".join(pages)
    headers = (
        "Xếp hạng Cơ quan Tổng số Hoàn thành đúng hạn Hoàn thành quá hạn Quá hạn Đang thực hiện (trong hạn) "
        "Tỷ lệ đúng hạn"
    )
    assert headers in pages[0]
    for row in expected:
        assert " ".join(row) in text, row
    for number, content in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in content
        # The office and the report at the top of every page, the period with the table headers.
        assert "Văn phòng UBND tỉnh · Báo cáo tình hình thực hiện nhiệm vụ" in content
        assert f"Văn phòng UBND tỉnh · {period}" in content


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_dashboard_tables_fit_the_screen(page, login, demo_day, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    login("leader", "demo")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap, .table-wrap td, .table-wrap th')]
               .filter(el => el.scrollWidth > el.clientWidth + 1)
               .map(el => el.className + ': ' + el.innerText.slice(0, 40))"""
    )
    assert overflowing == []
