"""The chasing letter: the .docx opens with python-docx and lists every overdue and soon-due task
of the agency with its source document and due date; issuing it writes each task's history."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from docx import Document

from directives.models import TaskEvent
from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ)  # Tuesday 10/03/2026


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def tasks(health_dept, ict_dept):
    notice = NoticeFactory(number="45/TB-UBND", issued_on=dt.date(2026, 1, 5), status="published", published_at=NOW)
    conclusion = ConclusionFactory(notice=notice)

    def task(lead, due, action, **kwargs):
        return TaskFactory(conclusion=conclusion, lead=lead, due_date=due, action=action, **kwargs)

    return {
        "late": task(health_dept, dt.date(2026, 2, 27), "Rà soát danh sách cơ sở y tế tư nhân"),
        "later": task(health_dept, dt.date(2026, 3, 9), "Báo cáo tình hình dịch sốt xuất huyết & tay chân miệng"),
        "soon": task(health_dept, dt.date(2026, 3, 12), "Kiểm tra an toàn thực phẩm bếp ăn tập thể"),
        "far": task(health_dept, dt.date(2026, 4, 30), "Xây dựng kế hoạch tiêm chủng mở rộng"),
        "done": task(
            health_dept,
            dt.date(2026, 2, 1),
            "Nhiệm vụ đã hoàn thành",
            completed_on=dt.date(2026, 1, 30),
            verified_at=NOW - dt.timedelta(days=30),
        ),
        "submitted": task(
            health_dept, dt.date(2026, 2, 2), "Nhiệm vụ chờ xác nhận", submitted_at=NOW - dt.timedelta(days=40)
        ),
        "unpublished": task(health_dept, dt.date(2026, 2, 3), "Nhiệm vụ chưa giao", published_at=None),
        "other": task(ict_dept, dt.date(2026, 3, 2), "Nâng cấp trục liên thông văn bản"),
    }


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _rows(content: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_the_agencys_letter_holds_its_overdue_and_soon_due_tasks(client, office_clerk, tasks, health_dept):
    client.force_login(office_clerk)
    response = client.post(f"/dashboard/letters/{health_dept.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment;" in response["Content-Disposition"]
    assert _rows(response.content) == [
        ["1", "Rà soát danh sách cơ sở y tế tư nhân", "Số 45/TB-UBND ngày 05/01/2026", "Sở Y tế", "27/02/2026",
         "Quá hạn 11 ngày"],
        ["2", "Báo cáo tình hình dịch sốt xuất huyết & tay chân miệng", "Số 45/TB-UBND ngày 05/01/2026", "Sở Y tế",
         "09/03/2026", "Quá hạn 1 ngày"],
        ["3", "Kiểm tra an toàn thực phẩm bếp ăn tập thể", "Số 45/TB-UBND ngày 05/01/2026", "Sở Y tế", "12/03/2026",
         "Sắp đến hạn (còn 2 ngày)"],
    ]  # fmt: skip
    text = _text(response.content)
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:       /UBND-TH",
        "ngày 10 tháng 03 năm 2026",
        "V/v đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn",
        "Kính gửi: Sở Y tế.",
        "còn 2 nhiệm vụ quá hạn và 1 nhiệm vụ sắp đến hạn",
        "Nơi nhận:",
        "- Như trên;",
        "CHÁNH VĂN PHÒNG",
    ):
        assert words in text, words
    assert "Nâng cấp trục liên thông" not in text


def test_issuing_writes_the_history_of_each_task_listed(client, office_clerk, tasks, health_dept):
    client.force_login(office_clerk)
    client.post(f"/dashboard/letters/{health_dept.pk}/")
    events = TaskEvent.objects.filter(kind=TaskEvent.Kind.CHASING_LETTER)
    assert {event.task_id for event in events} == {tasks[name].pk for name in ("late", "later", "soon")}
    event = events.get(task=tasks["late"])
    assert event.actor == office_clerk
    assert event.data["agency"] == {"id": health_dept.pk, "name": "Sở Y tế"}
    assert event.data["letter_date"] == "2026-03-10"
    page = client.get(f"/tasks/{tasks['late'].pk}/").content.decode()
    assert "Văn bản đôn đốc" in page and "10/03/2026" in page


def test_get_shows_what_the_letter_will_hold_and_writes_nothing(client, office_clerk, tasks, health_dept):
    client.force_login(office_clerk)
    page = client.get(f"/dashboard/letters/{health_dept.pk}/").content.decode()
    assert "Rà soát danh sách cơ sở y tế tư nhân" in page and "Kiểm tra an toàn thực phẩm" in page
    assert "Xây dựng kế hoạch tiêm chủng" not in page
    assert not TaskEvent.objects.filter(kind=TaskEvent.Kind.CHASING_LETTER).exists()


def test_one_letter_to_every_agency_with_overdue_tasks(client, office_clerk, tasks, health_dept, ict_dept):
    client.force_login(office_clerk)
    response = client.post("/dashboard/letters/")
    assert response.status_code == 200
    rows = _rows(response.content)
    assert [(row[3], row[4]) for row in rows] == [
        ("Sở Thông tin và Truyền thông", "02/03/2026"),
        ("Sở Y tế", "27/02/2026"),
        ("Sở Y tế", "09/03/2026"),
        ("Sở Y tế", "12/03/2026"),
    ]
    text = _text(response.content)
    assert "- Sở Thông tin và Truyền thông;" in text and "- Sở Y tế;" in text
    assert TaskEvent.objects.filter(kind=TaskEvent.Kind.CHASING_LETTER).count() == 4


def test_nothing_to_chase_is_said_and_writes_nothing(client, office_clerk, unrelated_dept):
    client.force_login(office_clerk)
    response = client.post(f"/dashboard/letters/{unrelated_dept.pk}/")
    assert response.status_code == 400
    assert "Không có nhiệm vụ quá hạn hay sắp đến hạn nào" in response.content.decode()
    assert not TaskEvent.objects.exists()


def test_the_office_can_replace_the_template(client, office_clerk, tasks, health_dept, settings, tmp_path):
    from docxtpl import DocxTemplate  # noqa: F401  (the office edits in Word; here python-docx writes it)

    own = Document()
    own.add_paragraph("MẪU RIÊNG CỦA VĂN PHÒNG {{ addressees[0] }} {{ rows|length }} nhiệm vụ")
    path = tmp_path / "mau.docx"
    own.save(path)
    settings.LETTER_TEMPLATE = str(path)
    client.force_login(office_clerk)
    response = client.post(f"/dashboard/letters/{health_dept.pk}/")
    assert "MẪU RIÊNG CỦA VĂN PHÒNG Sở Y tế 3 nhiệm vụ" in _text(response.content)


def test_settings_name_the_province(client, office_clerk, tasks, health_dept, settings):
    settings.LETTER_ISSUER = "UBND TỈNH BẮC GIANG"
    settings.LETTER_PLACE = "Bắc Giang"
    client.force_login(office_clerk)
    text = _text(client.post(f"/dashboard/letters/{health_dept.pk}/").content)
    assert "UBND TỈNH BẮC GIANG" in text and "Bắc Giang, ngày 10 tháng 03 năm 2026" in text


def test_the_dashboard_offers_the_letter_to_office_staff_only(client, office_clerk, leader, tasks, health_dept):
    client.force_login(office_clerk)
    page = client.get("/dashboard/").content.decode()
    assert f"/dashboard/letters/{health_dept.pk}/" in page and 'href="/dashboard/letters/"' in page
    client.force_login(leader)
    page = client.get("/dashboard/").content.decode()
    assert "/dashboard/letters/" not in page
