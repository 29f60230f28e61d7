"""The API's writes go through the pages' services: the same history and notifications, and
every refusal a 400 with Vietnamese field errors that changed nothing."""

import datetime as dt

import pytest

from directives.models import Attachment, ExtensionRequest, Notification, ProgressReport, Task, TaskEvent
from directives.tasks.workflow import extension_request, task_submit_completion
from tests.directives.conftest import at
from tests.files import docx_bytes, pdf_bytes, upload
from tests.matrix import fingerprint

pytestmark = pytest.mark.django_db


def test_a_report_with_an_attachment_is_stored_with_its_history(lead_api, task):
    with at(27):
        response = lead_api.post(
            f"/api/v1/tasks/{task.pk}/reports/",
            {
                "text": "Đã ban hành kế hoạch",
                "percent": "60",
                "document_number": "12/SYT",
                "files": [upload("kh.pdf", pdf_bytes())],
            },
            format="multipart",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["percent"] == 60 and body["attachments"][0]["original_name"] == "kh.pdf"
    assert TaskEvent.objects.filter(task=task, kind=TaskEvent.Kind.REPORTED).count() == 1
    assert lead_api.get(body["attachments"][0]["url"]).status_code == 200


def test_a_coordinating_report_tells_the_lead_agency(coordinating_api, task, health_dept_officer):
    with at(27):
        response = coordinating_api.post(f"/api/v1/tasks/{task.pk}/reports/", {"text": "Phần phối hợp xong"})
    assert response.status_code == 201
    assert Notification.objects.filter(recipient=health_dept_officer, kind="coordinator_reported").exists()


def test_a_disguised_attachment_is_refused_in_vietnamese_and_nothing_is_stored(lead_api, task):
    before = fingerprint()
    response = lead_api.post(
        f"/api/v1/tasks/{task.pk}/reports/",
        {"text": "Kèm tệp", "files": [upload("bao-cao.pdf", b"MZ\x90\x00 not a pdf")]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "không đúng định dạng" in response.json()["files"][0]
    assert fingerprint() == before and not Attachment.objects.exists()


def test_field_errors_are_vietnamese(lead_api, task):
    response = lead_api.post(f"/api/v1/tasks/{task.pk}/reports/", {"percent": 500, "document_date": "31/02/2021"})
    assert response.status_code == 400
    errors = response.json()
    assert errors["text"] == ["Hãy nhập nội dung báo cáo."]
    assert errors["percent"] == ["Tỷ lệ hoàn thành phải từ 0 đến 100."]
    assert errors["document_date"][0].startswith("Ngày không hợp lệ")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [('{"text": ', "application/json"), ("text=a", "text/plain"), ('{"text": "a\\u0000b"}', "application/json")],
)
def test_what_drf_words_in_english_comes_back_in_vietnamese(lead_api, task, body, content_type):
    response = lead_api.generic("POST", f"/api/v1/tasks/{task.pk}/reports/", body, content_type=content_type)
    assert response.status_code in (400, 415)
    messages = [m for value in response.json().values() for m in (value if isinstance(value, list) else [value])]
    assert messages and all(not m.isascii() for m in messages), messages
    assert not ProgressReport.objects.exists()


def test_a_service_refusal_is_a_400_with_its_message(lead_api, task, health_dept_officer):
    with at(27):
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã xong")
        before = fingerprint()
        response = lead_api.post(f"/api/v1/tasks/{task.pk}/completion/", {"note": "Lần nữa"})
    assert response.status_code == 400
    assert "đang chờ xác nhận" in response.json()["non_field_errors"][0]
    assert fingerprint() == before


def test_an_extension_not_later_than_the_due_date_is_refused(lead_api, task):
    with at(27):
        response = lead_api.post(
            f"/api/v1/tasks/{task.pk}/extensions/", {"requested_date": "2021-06-29", "reason": "Chờ số liệu"}
        )
    assert response.status_code == 400
    assert "Hạn đề nghị phải sau hạn hiện tại (30/06/2021)" in response.json()["non_field_errors"][0]
    assert not ExtensionRequest.objects.exists()


def test_the_whole_path_submit_verify(lead_api, office_api, task):
    with at(27):
        assert lead_api.post(f"/api/v1/tasks/{task.pk}/completion/", {"note": "Đã xong"}).json()["status"] == (
            "awaiting_verification"
        )
        response = office_api.post(f"/api/v1/tasks/{task.pk}/verify/", {"completed_on": "26/06/2021"})
    assert response.status_code == 200
    assert response.json()["status"] == "completed_on_time"
    assert Task.objects.get(pk=task.pk).completed_on == dt.date(2021, 6, 26)


def test_a_return_needs_a_reason(office_api, task, health_dept_officer):
    with at(27):
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã xong")
        response = office_api.post(f"/api/v1/tasks/{task.pk}/return/", {"reason": "   "})
    assert response.status_code == 400
    assert Task.objects.get(pk=task.pk).submitted_at is not None


def test_a_leader_approves_an_extension(leader_api, task, health_dept_officer):
    with at(27):
        extension = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="Chờ số liệu"
        )
        refused = leader_api.post(f"/api/v1/extensions/{extension.pk}/decision/", {"decision": "refuse"})
        approved = leader_api.post(f"/api/v1/extensions/{extension.pk}/decision/", {"decision": "approve"})
    assert refused.status_code == 400 and refused.json()["reason"] == ["Hãy ghi lý do không đồng ý gia hạn."]
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    task.refresh_from_db()
    assert (task.due_date, task.original_due_date) == (dt.date(2021, 7, 15), dt.date(2021, 6, 30))


# --- A draft from a document -----------------------------------------------------------------------------

NOTICE = (
    "Số: /TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
    "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban ngày 23/6/2021\n\n"
    "Ngày 23/6/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban.\n\n"
    "1. Giao Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông hoàn thành phần mềm truy vết "
    "trước ngày 30/6/2021.\n"
)


def test_a_document_becomes_a_draft_never_published(office_api, health_dept, ict_dept):
    response = office_api.post("/api/v1/documents/", {"text": NOTICE}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["review_url"] == f"/notices/{body['id']}/"
    [task] = body["conclusions"][0]["tasks"]
    assert task["lead"]["name"] == "Sở Y tế" and task["due_date"] == "2021-06-30"
    assert task["coordinating"][0]["name"] == "Sở Thông tin và Truyền thông"
    assert Task.objects.get().published_at is None


def test_a_document_may_come_as_a_word_file(office_api, health_dept):
    from tests.files import make_docx

    data = make_docx(paragraphs=NOTICE.replace(", phối hợp với Sở Thông tin và Truyền thông", "").split("\n"))
    response = office_api.post("/api/v1/documents/", {"file": upload("tb.docx", data)}, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["conclusions"][0]["tasks"][0]["lead"]["name"] == "Sở Y tế"


def test_a_name_the_directory_does_not_know_comes_back_for_review(office_api, health_dept):
    response = office_api.post("/api/v1/documents/", {"text": NOTICE}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    [task] = body["conclusions"][0]["tasks"]
    assert task["lead"]["name"] == "Sở Y tế" and task["coordinating"] == []
    [unknown] = body["unresolved"]
    assert (unknown["name"], unknown["role"], unknown["task_left_out"]) == (
        "Sở Thông tin và Truyền thông",
        "cơ quan phối hợp",
        False,
    )
    assert "Sở Thông tin và Truyền thông" in Task.objects.get().source_text


def test_a_task_whose_lead_is_unknown_is_left_for_the_office(office_api, ict_dept):
    response = office_api.post("/api/v1/documents/", {"text": NOTICE}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["conclusions"][0]["tasks"] == []
    assert body["unresolved"][0]["task_left_out"] is True
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"text": "Xin chào"}, "text", "thông báo kết luận"),
        ({"text": ""}, "text", "Chưa có nội dung"),
        ({"file": "old.doc"}, "file", ".docx"),
        ({"text": NOTICE, "file": "tb.docx"}, "text", "Chỉ gửi một trong hai"),
    ],
)
def test_what_is_not_a_notice_is_refused_and_nothing_is_stored(office_api, health_dept, data, field, words):
    if "file" in data:
        data = {
            **data,
            "file": upload(
                data["file"], b"\xd0\xcf\x11\xe0 old word" if data["file"].endswith(".doc") else docx_bytes()
            ),
        }
    before = fingerprint()
    response = office_api.post("/api/v1/documents/", data, format="multipart")
    assert response.status_code == 400, response.content
    assert words in response.json()[field][0]
    assert fingerprint() == before
