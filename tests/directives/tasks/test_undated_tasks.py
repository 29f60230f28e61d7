"""Tasks without a due date say what they are wherever a deadline is shown: "Định kỳ" with the
current period and whether the lead agency reported in it, "Thường xuyên" for ongoing work; the
dashboard counts them apart."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine

from directives.tasks.workflow import task_report_progress
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2021, 7, 14, 3, 0, tzinfo=dt.UTC)  # 10:00 on 14/07/2021 in Hà Nội


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _undated(lead, action, kind, recurrence=""):
    return TaskFactory(
        lead=lead, action=action, deadline_kind=kind, recurrence=recurrence, due_date=None, original_due_date=None
    )


@pytest.fixture
def undated(health_dept, health_dept_officer):
    reported = _undated(health_dept, "Báo cáo hằng tháng tình hình tiêm chủng", "recurring", "monthly")
    task_report_progress(task=reported, actor=health_dept_officer, text="Báo cáo tháng 7")
    missing = _undated(health_dept, "Báo cáo hằng tuần công tác truy vết", "recurring", "weekly")
    ongoing = _undated(health_dept, "Thường xuyên kiểm tra công tác phòng dịch", "ongoing")
    none = _undated(health_dept, "Khẩn trương rà soát danh sách", "none")
    return {"reported": reported, "missing": missing, "ongoing": ongoing, "none": none}


def _row(page: str, action: str) -> str:
    start = page.index(action)
    return page[start : page.index("</tr>", start)]


def _assert_rows_say_what_they_are(page: str):
    monthly = _row(page, "Báo cáo hằng tháng tình hình tiêm chủng")
    assert ">Định kỳ</span>" in monthly and "Định kỳ – Hằng tháng" in monthly
    assert "Kỳ tháng 07/2021: đã báo cáo" in monthly
    weekly = _row(page, "Báo cáo hằng tuần công tác truy vết")
    assert ">Định kỳ</span>" in weekly and "Kỳ tuần 12/07–18/07/2021: chưa báo cáo" in weekly
    ongoing = _row(page, "Thường xuyên kiểm tra công tác phòng dịch")
    assert ">Thường xuyên</span>" in ongoing and "Không thời hạn" not in ongoing
    assert ">Không thời hạn</span>" in _row(page, "Khẩn trương rà soát danh sách")


def test_task_list_says_recurring_with_its_period_and_ongoing(client, leader, undated):
    client.force_login(leader)
    _assert_rows_say_what_they_are(client.get("/tasks/").content.decode())


def test_inbox_says_recurring_with_its_period_and_ongoing(client, health_dept_officer, undated):
    client.force_login(health_dept_officer)
    _assert_rows_say_what_they_are(client.get("/").content.decode())


def test_task_page_says_the_current_period_and_whether_it_is_reported(client, health_dept_officer, undated):
    client.force_login(health_dept_officer)
    page = client.get(f"/tasks/{undated['missing'].pk}/").content.decode()
    assert ">Định kỳ</span>" in page and "Kỳ tuần 12/07–18/07/2021: chưa báo cáo" in page
    page = client.get(f"/tasks/{undated['ongoing'].pk}/").content.decode()
    assert ">Thường xuyên</span>" in page and ">Không thời hạn</span>" not in page


def test_export_says_what_an_undated_task_is(client, leader, undated):
    client.force_login(leader)
    response = client.get("/tasks/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    monthly = rows["Báo cáo hằng tháng tình hình tiêm chủng"]
    assert monthly[8] == "Định kỳ – Hằng tháng" and monthly[10] == "Định kỳ · Kỳ tháng 07/2021: đã báo cáo"
    assert rows["Báo cáo hằng tuần công tác truy vết"][10] == "Định kỳ · Kỳ tuần 12/07–18/07/2021: chưa báo cáo"
    assert rows["Thường xuyên kiểm tra công tác phòng dịch"][8:11:2] == ("Thường xuyên", "Thường xuyên")
    assert rows["Khẩn trương rà soát danh sách"][10] == "Không thời hạn"


def test_dashboard_counts_recurring_and_ongoing_apart_and_links_them(client, leader, undated):
    client.force_login(leader)
    response = client.get("/dashboard/")
    totals, links = response.context["totals"], response.context["links"]
    assert (totals.recurring, totals.ongoing, totals.undated) == (2, 1, 1)
    assert totals.no_deadline == 4  # the sum, as before (the API's figure)
    page = response.content.decode()
    for key, label in (("recurring", "Định kỳ"), ("ongoing", "Thường xuyên"), ("undated", "Không thời hạn")):
        assert f'data-figure="{key}"><span class="num">{getattr(totals, key)}</span><span class="lbl">{label}<' in page
        assert client.get(links[key]).context["count"] == getattr(totals, key), key
    assert "Không thời hạn / Thường xuyên" not in page


def test_task_list_queries_do_not_grow_with_recurring_rows(client, leader, health_dept, django_assert_max_num_queries):
    client.force_login(leader)
    _undated(health_dept, "Báo cáo hằng ngày", "recurring", "daily")
    with django_assert_max_num_queries(20) as few:
        client.get("/tasks/")
    for n in range(10):
        _undated(health_dept, f"Báo cáo hằng tuần {n}", "recurring", "weekly")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/tasks/")
