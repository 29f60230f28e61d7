"""The office's verification queue shows the evidence of each completion, never verifies in one
click, and brings the office back to it after verifying or returning a task; the office may
require evidence with every completion (REQUIRE_COMPLETION_EVIDENCE)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives.models import Notification, ProgressReport, Task
from directives.tasks.workflow import task_submit_completion
from tests.factories import TaskFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
QUEUE = "/tasks/verification/"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def office_client(client, office_clerk):
    client.force_login(office_clerk)
    return client


def _submitted(agency, officer, *, note="Đã ban hành Kế hoạch số 99/KH-SYT", files=()):
    task = TaskFactory(lead=agency, due_date=dt.date(2021, 6, 30))
    task_submit_completion(task=task, actor=officer, note=note, files=list(files))
    return Task.objects.get(pk=task.pk)


def test_queue_shows_the_completion_report_and_its_attachments(office_client, health_dept, health_dept_officer):
    task = _submitted(
        health_dept,
        health_dept_officer,
        files=[upload("ke-hoach-99.pdf", pdf_bytes()), upload("bien-ban.pdf", pdf_bytes("Bien ban"))],
    )
    page = office_client.get(QUEUE).content.decode()
    attachments = task.attachments.order_by("id")
    assert "Minh chứng" in page
    assert "Đã ban hành Kế hoạch số 99/KH-SYT" in page
    for attachment in attachments:
        assert f'href="/attachments/{attachment.pk}/"' in page
        assert attachment.original_name in page
    assert "2 tệp" in page


def test_queue_marks_a_completion_without_evidence(office_client, health_dept, health_dept_officer):
    _submitted(health_dept, health_dept_officer)
    page = office_client.get(QUEUE).content.decode()
    assert "Không có tệp minh chứng" in page


def test_queue_shows_the_latest_completion_after_a_return(
    office_client, health_dept, health_dept_officer, office_clerk
):
    from directives.tasks.workflow import task_return

    task = _submitted(health_dept, health_dept_officer, note="Lần đầu", files=[upload("cu.pdf", pdf_bytes())])
    task_return(task=task, actor=office_clerk, reason="Thiếu biên bản")
    task_submit_completion(
        task=task, actor=health_dept_officer, note="Lần hai, đủ biên bản", files=[upload("moi.pdf", pdf_bytes())]
    )
    page = office_client.get(QUEUE).content.decode()
    assert "Lần hai, đủ biên bản" in page and "moi.pdf" in page
    assert "cu.pdf" not in page


def test_queue_query_count_does_not_grow_with_the_tasks(office_client, health_dept, health_dept_officer):
    _submitted(health_dept, health_dept_officer, files=[upload("a.pdf", pdf_bytes())])
    with CaptureQueriesContext(connection) as one:
        assert office_client.get(QUEUE).status_code == 200
    for i in range(3):
        _submitted(
            health_dept, health_dept_officer, files=[upload(f"b{i}.pdf", pdf_bytes()), upload("c.pdf", pdf_bytes())]
        )
    with CaptureQueriesContext(connection) as four:
        assert office_client.get(QUEUE).status_code == 200
    assert len(four) == len(one)


def test_queue_offers_no_one_click_verify(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    page = office_client.get(QUEUE).content.decode()
    assert f'action="/tasks/{task.pk}/verify/"' not in page
    # The way to verify is the task page, which remembers to come back here.
    assert f'href="/tasks/{task.pk}/?next=/tasks/verification/"' in page


def test_task_page_opened_from_the_queue_carries_the_way_back(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    page = office_client.get(f"/tasks/{task.pk}/", {"next": QUEUE}).content.decode()
    assert page.count(f'<input type="hidden" name="next" value="{QUEUE}">') == 2  # verify and return
    assert "Quay lại danh sách chờ xác nhận" in page


def test_task_page_drops_an_unsafe_next(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    page = office_client.get(f"/tasks/{task.pk}/", {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in page


def test_verifying_returns_to_the_queue_with_a_message(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    response = office_client.post(f"/tasks/{task.pk}/verify/", {"verify-completed_on": "", "next": QUEUE}, follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    page = response.content.decode()
    assert f"Đã xác nhận hoàn thành nhiệm vụ #{task.pk}." in page
    task.refresh_from_db()
    assert task.verified_at is not None


def test_returning_returns_to_the_queue_with_a_message(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    response = office_client.post(
        f"/tasks/{task.pk}/return/", {"return-reason": "Thiếu minh chứng", "next": QUEUE}, follow=True
    )
    assert response.redirect_chain == [(QUEUE, 302)]
    assert f"Đã trả lại báo cáo hoàn thành nhiệm vụ #{task.pk}" in response.content.decode()
    task.refresh_from_db()
    assert task.submitted_at is None and task.return_reason == "Thiếu minh chứng"


@pytest.mark.parametrize(
    "target", ["https://evil.example/tasks/verification/", "//evil.example/", "javascript:alert(1)"]
)
def test_an_unsafe_next_goes_to_the_task_page(office_client, health_dept, health_dept_officer, target):
    task = _submitted(health_dept, health_dept_officer)
    response = office_client.post(f"/tasks/{task.pk}/verify/", {"verify-completed_on": "", "next": target})
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/"


def test_a_refused_verification_keeps_the_way_back(office_client, health_dept, health_dept_officer):
    task = _submitted(health_dept, health_dept_officer)
    response = office_client.post(f"/tasks/{task.pk}/verify/", {"verify-completed_on": "31/02/2021", "next": QUEUE})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Không có ngày 31/02/2021" in page
    assert f'<input type="hidden" name="next" value="{QUEUE}">' in page
    task.refresh_from_db()
    assert task.verified_at is None


# --- Requiring evidence ------------------------------------------------------------------------


def test_without_the_setting_a_completion_needs_no_attachment(health_dept, health_dept_officer, settings):
    settings.REQUIRE_COMPLETION_EVIDENCE = False
    task = _submitted(health_dept, health_dept_officer)
    assert task.submitted_at is not None


def test_with_the_setting_a_completion_without_attachment_is_refused(health_dept, health_dept_officer, settings):
    settings.REQUIRE_COMPLETION_EVIDENCE = True
    task = TaskFactory(lead=health_dept)
    with pytest.raises(ValidationError) as refused:
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã xong", files=[])
    assert "tệp minh chứng" in refused.value.messages[0]
    task.refresh_from_db()
    assert task.submitted_at is None
    assert not ProgressReport.objects.exists()
    assert not Notification.objects.filter(kind=Notification.Kind.SUBMITTED).exists()


def test_with_the_setting_a_completion_with_evidence_is_accepted(health_dept, health_dept_officer, settings):
    settings.REQUIRE_COMPLETION_EVIDENCE = True
    task = _submitted(health_dept, health_dept_officer, files=[upload("ke-hoach.pdf", pdf_bytes())])
    assert task.submitted_at is not None and task.attachments.count() == 1


def test_with_the_setting_the_page_refuses_with_a_vietnamese_message(
    client, health_dept, health_dept_officer, settings
):
    settings.REQUIRE_COMPLETION_EVIDENCE = True
    task = TaskFactory(lead=health_dept)
    client.force_login(health_dept_officer)
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Bắt buộc đính kèm ít nhất một tệp minh chứng" in page
    response = client.post(f"/tasks/{task.pk}/submit/", {"completion-note": "Đã xong"})
    assert response.status_code == 400
    assert "Hãy đính kèm ít nhất một tệp minh chứng" in response.content.decode()
    task.refresh_from_db()
    assert task.submitted_at is None


def test_task_page_tells_the_verifier_about_the_evidence(office_client, health_dept, health_dept_officer):
    bare = _submitted(health_dept, health_dept_officer)
    proven = _submitted(health_dept, health_dept_officer, files=[upload("ke-hoach.pdf", pdf_bytes())])
    assert "Không có tệp minh chứng" in office_client.get(f"/tasks/{bare.pk}/").content.decode()
    page = office_client.get(f"/tasks/{proven.pk}/").content.decode()
    assert "Báo cáo hoàn thành kèm 1 tệp minh chứng" in page and "Không có tệp minh chứng" not in page


def test_with_the_setting_the_api_refuses_a_completion_without_evidence(health_dept, health_dept_officer, settings):
    from tests.directives.api.conftest import key_client

    settings.REQUIRE_COMPLETION_EVIDENCE = True
    task = TaskFactory(lead=health_dept)
    response = key_client(health_dept_officer).post(f"/api/v1/tasks/{task.pk}/completion/", {"note": "Đã xong"})
    assert response.status_code == 400
    assert "tệp minh chứng" in response.content.decode()
    task.refresh_from_db()
    assert task.submitted_at is None


def test_a_long_queue_comes_a_page_at_a_time_oldest_first(office_client, health_dept, health_dept_officer, settings):
    settings.TASKS_PER_PAGE = 2
    tasks = []
    for minutes in range(3):
        with time_machine.travel(NOW + dt.timedelta(minutes=minutes), tick=False):
            tasks.append(_submitted(health_dept, health_dept_officer))
    first = office_client.get(QUEUE)
    assert [t.pk for t in first.context["tasks"]] == [tasks[0].pk, tasks[1].pk]
    assert "3 nhiệm vụ chờ xác nhận" in first.content.decode()
    second = office_client.get(QUEUE, {"page": 2})
    assert [t.pk for t in second.context["tasks"]] == [tasks[2].pk]
    # Back to this page after verifying one of its tasks.
    assert f"?next={QUEUE}%3Fpage%3D2" in second.content.decode()
    assert office_client.get(QUEUE, {"page": "x"}).context["page"].number == 1
