"""A leader reads the dashboard in a real browser on the demo data, as of 01/07/2021."""

import datetime as dt
import io
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.core.management import call_command

from directives.models import Task

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
AGENCY = "UBND huyện Lục Ngạn"


@pytest.fixture
def demo_day(transactional_db):
    """The demo data, with the clock on the morning of 01/07/2021 (ticking, for the browser's sake).
    Made before the clock is turned back, so the demo's present stays in its own years and these
    figures are those of the four 2021 notices."""
    call_command("seed_demo", password="demo", stdout=io.StringIO())
    with time_machine.travel(dt.datetime(2021, 7, 1, 8, tzinfo=HCM), tick=True):
        yield dt.date(2021, 7, 1)


def test_leader_follows_an_agency_overdue_count_and_downloads_the_list(page, login, demo_day, tmp_path):
    expected = Task.objects.filter(lead__name=AGENCY, due_date__lt=demo_day, completed_on__isnull=True).count()
    assert expected > 0

    login("leader", "demo")
    assert page.url.endswith("/dashboard/")
    assert page.locator("[data-figure=assigned] .num").inner_text() == "452"
    assert page.locator("[data-figure=overdue] .num").inner_text() == "105"
    # The open tasks without a due date, by what they are (once one lumped figure of 345).
    assert page.locator("[data-figure=recurring] .num").inner_text() == "1"
    assert page.locator("[data-figure=ongoing] .num").inner_text() == "23"
    assert page.locator("[data-figure=undated] .num").inner_text() == "321"

    row = page.locator(f"#agency-table tr[data-agency='{AGENCY}']")
    assert row.locator("[data-overdue-link]").inner_text() == str(expected)
    row.locator("[data-overdue-link]").click()
    page.wait_for_load_state("networkidle")
    assert "/tasks/" in page.url
    assert page.locator(".result-count").inner_text().startswith(f"{expected} nhiệm vụ")
    leads = page.locator("#task-table tbody td[data-label='Cơ quan chủ trì']").all_inner_texts()
    assert leads == [AGENCY] * expected

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    path = tmp_path / "nhiem-vu.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan chủ trì")
    assert len(rows) == expected + 1
    assert {r[3] for r in rows[1:]} == {AGENCY}
    assert all(isinstance(r[8], dt.datetime) and r[10] == "Quá hạn" for r in rows[1:])
