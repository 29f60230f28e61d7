"""Office staff write the chasing letter from an agency's row of the dashboard, in a real browser,
and the downloaded .docx opens with python-docx holding every overdue task of the agency."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from docx import Document

from directives.models import TaskEvent
from tests.factories import AgencyFactory, ConclusionFactory, NoticeFactory, TaskFactory, office_user

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def overdue(transactional_db):
    office_user(username="office")
    health = AgencyFactory(name="Sở Y tế")
    other = AgencyFactory(name="Sở Tư pháp")
    notice = NoticeFactory(
        number="45/TB-UBND",
        issued_on=dt.date(2026, 1, 5),
        status="published",
        published_at=dt.datetime(2026, 1, 5, 9, tzinfo=HCM),
    )
    conclusion = ConclusionFactory(notice=notice)
    tasks = [
        TaskFactory(conclusion=conclusion, lead=health, due_date=dt.date(2026, 2, 27), action="Rà soát cơ sở y tế"),
        TaskFactory(conclusion=conclusion, lead=health, due_date=dt.date(2026, 3, 5), action="Báo cáo dịch bệnh"),
        TaskFactory(conclusion=conclusion, lead=health, due_date=dt.date(2026, 3, 12), action="Kiểm tra bếp ăn"),
    ]
    TaskFactory(conclusion=conclusion, lead=other, due_date=dt.date(2026, 3, 2), action="Rà soát văn bản")
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, tzinfo=HCM), tick=True):
        yield tasks


def test_office_downloads_the_chasing_letter_of_an_agency(page, login, overdue, tmp_path):
    login("office")
    page.goto("/dashboard/")
    row = page.locator("#agency-table tr[data-agency='Sở Y tế']")
    row.get_by_role("link", name="Đôn đốc Sở Y tế").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Văn bản đôn đốc: Sở Y tế"
    assert page.locator("#letter-rows tbody tr").count() == 3

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tạo văn bản đôn đốc (.docx)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    document = Document(io.BytesIO(path.read_bytes()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = [[cell.text for cell in r.cells] for r in table.rows[1:]]
    assert [(r[1], r[4], r[5]) for r in rows] == [
        ("Rà soát cơ sở y tế", "27/02/2026", "Quá hạn 11 ngày"),
        ("Báo cáo dịch bệnh", "05/03/2026", "Quá hạn 5 ngày"),
        ("Kiểm tra bếp ăn", "12/03/2026", "Sắp đến hạn (còn 2 ngày)"),
    ]
    assert all(r[2] == "Số 45/TB-UBND ngày 05/01/2026" for r in rows)
    assert any("Kính gửi: Sở Y tế." in p.text for p in document.paragraphs)
    assert TaskEvent.objects.filter(kind=TaskEvent.Kind.CHASING_LETTER).count() == 3
