import datetime as dt

import pytest
import time_machine

from directives.models import Attachment, ExtensionRequest, Notification, ProgressReport, Task
from directives.tasks.workflow import extension_decide, extension_request, task_return, task_submit_completion
from tests.factories import TaskFactory
from tests.files import pdf_bytes, plain_zip_bytes, upload

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def officer_client(client, health_dept_officer):
    client.force_login(health_dept_officer)
    return client


@pytest.fixture
def led(health_dept, ict_dept):
    return TaskFactory(lead=health_dept, coordinating=[ict_dept], due_date=dt.date(2021, 6, 30))


def _report(client, task, files):
    return client.post(f"/tasks/{task.pk}/report/", {"report-text": "Báo cáo", "report-files": files})


def test_wrong_type_upload_is_refused_with_a_message_and_nothing_stored(officer_client, led, settings):
    response = _report(officer_client, led, [upload("bao-cao.docx", plain_zip_bytes())])
    assert response.status_code == 400
    assert "không đúng định dạng" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "attachments").exists()


def test_too_large_upload_is_refused_with_a_message_and_nothing_stored(officer_client, led, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    response = _report(officer_client, led, [upload("lon.pdf", pdf_bytes() + b"0" * 5000)])
    assert response.status_code == 400
    assert "vượt giới hạn" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_empty_upload_is_refused_with_a_message_and_nothing_stored(officer_client, led):
    response = _report(officer_client, led, [upload("rong.pdf", b"")])
    assert response.status_code == 400
    assert "trống" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_malformed_date_gets_a_vietnamese_message(officer_client, led):
    response = officer_client.post(
        f"/tasks/{led.pk}/extension/", {"extension-requested_date": "31/02/2021", "extension-reason": "x"}
    )
    assert response.status_code == 400
    assert "Không có ngày 31/02/2021: tháng 2 năm 2021 chỉ có 28 ngày." in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_huge_text_is_refused(officer_client, led):
    response = officer_client.post(f"/tasks/{led.pk}/report/", {"report-text": "x" * 20_000})
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_forged_replacement_task_id_changes_nothing(client, office_clerk, led):
    client.force_login(office_clerk)
    response = client.post(
        f"/tasks/{led.pk}/close/",
        {"close-action": "supersede", "close-reason": "Thay thế", "close-superseded_by": "999999"},
    )
    assert response.status_code == 400
    assert "Không tìm thấy nhiệm vụ thay thế" in response.content.decode()
    led.refresh_from_db()
    assert led.cancelled_at is None


def test_attachment_downloads_with_its_original_name(officer_client, led):
    officer_client.post(
        f"/tasks/{led.pk}/report/", {"report-text": "Kèm tệp", "report-files": [upload("Kế hoạch.pdf", pdf_bytes())]}
    )
    response = officer_client.get(f"/attachments/{Attachment.objects.get().pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_task_page_shows_extended_and_original_due_dates(officer_client, led, health_dept_officer, leader):
    request = extension_request(
        task=led, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="Chờ số liệu"
    )
    extension_decide(request=request, actor=leader, approve=True)
    page = officer_client.get(f"/tasks/{led.pk}/").content.decode()
    assert "15/07/2021" in page and "hạn ban đầu 30/06/2021" in page


def test_task_page_shows_days_overdue(officer_client, health_dept):
    task = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 22))
    page = officer_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Quá hạn" in page and "quá hạn 5 ngày" in page


def test_inbox_groups_tasks_with_counts(officer_client, health_dept, ict_dept, health_dept_officer, office_clerk):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20))
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 2))
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 9, 1))
    awaiting = TaskFactory(lead=health_dept, due_date=dt.date(2021, 9, 1))
    task_submit_completion(task=awaiting, actor=health_dept_officer, note="Xong")
    returned = TaskFactory(lead=health_dept, due_date=dt.date(2021, 9, 1))
    task_submit_completion(task=returned, actor=health_dept_officer, note="Xong")
    task_return(task=returned, actor=office_clerk, reason="Thiếu minh chứng")
    TaskFactory(lead=ict_dept, coordinating=[health_dept], due_date=dt.date(2021, 6, 28))
    response = officer_client.get("/")
    counts = {g.key: g.count for g in response.context["groups"]}
    assert counts == {
        "awaiting_head": 0,
        "returned": 1,
        "overdue": 1,
        "due_soon": 2,
        "in_progress": 1,
        "awaiting": 1,
        "completed": 0,
    }
    assert "quá hạn 7 ngày" in response.content.decode()


def test_inbox_separates_lead_and_coordinating(officer_client, health_dept, ict_dept):
    TaskFactory(lead=health_dept)
    TaskFactory(lead=ict_dept, coordinating=[health_dept])
    lead = officer_client.get("/?vai_tro=lead").context["groups"]
    coordinating = officer_client.get("/?vai_tro=coordinating").context["groups"]
    assert sum(g.count for g in lead) == 1 and sum(g.count for g in coordinating) == 1
    assert [t.agency_role for g in coordinating for t in g.tasks] == ["Phối hợp"]


def test_inbox_shows_missing_periods_of_a_recurring_task(officer_client, health_dept):
    TaskFactory(
        lead=health_dept,
        action="Báo cáo hằng ngày tình hình dịch",
        deadline_kind="recurring",
        recurrence="daily",
        due_date=None,
        original_due_date=None,
    )
    page = officer_client.get("/").content.decode()
    assert "Kỳ chưa báo cáo: ngày 24/06/2021, ngày 25/06/2021, ngày 26/06/2021" in page


def test_office_lands_on_notices_and_leader_on_dashboard(client, office_clerk, leader):
    client.force_login(office_clerk)
    assert client.get("/")["Location"] == "/notices/"
    client.force_login(leader)
    assert client.get("/")["Location"] == "/dashboard/"


def test_bell_shows_unread_count(officer_client, health_dept_officer):
    Notification.objects.create(recipient=health_dept_officer, kind="task_returned", title="Bị trả lại", url="/")
    page = officer_client.get("/notifications/").content.decode()
    assert 'class="bell-count">1<' in page and "chưa đọc" in page


def test_opening_a_notification_marks_it_read_and_follows_it(officer_client, health_dept_officer, led):
    n = Notification.objects.create(
        recipient=health_dept_officer, kind="task_returned", title="Bị trả lại", url=f"/tasks/{led.pk}/"
    )
    response = officer_client.post(f"/notifications/{n.pk}/open/")
    assert response["Location"] == f"/tasks/{led.pk}/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_notification_to_another_site_is_not_followed(officer_client, health_dept_officer):
    n = Notification.objects.create(
        recipient=health_dept_officer, kind="reminder", title="x", url="https://evil.example/"
    )
    assert officer_client.post(f"/notifications/{n.pk}/open/")["Location"] == "/notifications/"


def test_publishing_tells_lead_and_coordinating_agencies(health_dept_officer, ict_dept_officer, health_dept, ict_dept):
    from directives.notices.services import notice_publish
    from directives.tasks.services import task_create
    from tests.factories import ConclusionFactory, NoticeFactory

    notice = NoticeFactory(status="draft")
    task_create(
        conclusion=ConclusionFactory(notice=notice),
        lead=health_dept,
        coordinating=[ict_dept],
        action="Ban hành kế hoạch",
        deadline_kind="date",
        due_date=dt.date(2021, 6, 30),
    )
    notice_publish(notice=notice, actor=None, warnings_confirmed=True)  # due in 2021, now past
    kinds = Notification.objects.filter(kind=Notification.Kind.TASK_ASSIGNED)
    assert set(kinds.values_list("recipient__username", flat=True)) == {"soyte", "sotttt"}
    assert Task.objects.get().published_at is not None


def test_leader_decides_from_the_task_page(client, leader, led, health_dept_officer):
    extension_request(task=led, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="Chờ số liệu")
    client.force_login(leader)
    page = client.get(f"/tasks/{led.pk}/").content.decode()
    assert "Ghi quyết định" in page and "Xác nhận hoàn thành</button>" not in page


def test_office_sees_verify_and_return_on_an_awaiting_task(client, office_clerk, led, health_dept_officer):
    task_submit_completion(task=led, actor=health_dept_officer, note="Xong")
    client.force_login(office_clerk)
    page = client.get(f"/tasks/{led.pk}/").content.decode()
    assert "Xác nhận hoàn thành</button>" in page and "Trả lại</button>" in page
    assert "Gửi báo cáo tiến độ" not in page


def test_coordinating_officer_sees_report_but_not_completion(client, ict_dept_officer, led):
    client.force_login(ict_dept_officer)
    page = client.get(f"/tasks/{led.pk}/").content.decode()
    assert "Gửi báo cáo tiến độ" in page and "Gửi báo cáo hoàn thành" not in page


def test_huge_request_is_refused_before_reading_it(officer_client, led, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    settings.ATTACHMENTS_PER_REPORT = 1
    response = _report(officer_client, led, [upload("rat-lon.pdf", pdf_bytes() + b"0" * (2 * 1024 * 1024))])
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()
