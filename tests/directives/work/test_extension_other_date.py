"""A leader may approve an extension to an earlier date than the one requested, with a reason
that the history, the task page and the agency's notification all carry."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from directives.models import DueDateChange, ExtensionRequest, Notification, Task, TaskEvent
from directives.tasks.workflow import extension_decide, extension_request
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
DUE = dt.date(2021, 6, 30)
REQUESTED = dt.date(2021, 7, 31)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def pending(health_dept, health_dept_officer):
    task = TaskFactory(lead=health_dept, due_date=DUE)
    return extension_request(task=task, actor=health_dept_officer, requested_date=REQUESTED, reason="Chờ số liệu")


def test_leader_approves_an_earlier_date_with_a_reason(pending, leader, health_dept_officer):
    extension_decide(
        request=pending, actor=leader, approve=True, approved_date=dt.date(2021, 7, 15), reason="Đủ để tổng hợp"
    )
    pending.refresh_from_db()
    task = Task.objects.get(pk=pending.task_id)
    assert task.due_date == dt.date(2021, 7, 15) and task.original_due_date == DUE
    assert pending.status == ExtensionRequest.Status.APPROVED
    assert pending.approved_date == dt.date(2021, 7, 15) and pending.decision_reason == "Đủ để tổng hợp"
    event = task.events.get(kind=TaskEvent.Kind.EXTENSION_DECIDED)
    assert event.data["due_date"] == {"before": "2021-06-30", "after": "2021-07-15"}
    assert event.data["requested_date"] == "2021-07-31" and event.data["approved_date"] == "2021-07-15"
    assert event.data["reason"] == "Đủ để tổng hợp"
    # The reports' copy of due date changes follows the approved date, not the requested one.
    assert DueDateChange.objects.get(task=task).after == dt.date(2021, 7, 15)
    note = Notification.objects.get(recipient=health_dept_officer, kind=Notification.Kind.EXTENSION_DECIDED)
    assert "15/07/2021" in note.title and "31/07/2021" in note.title
    assert note.body == "Đủ để tổng hợp"


def test_approving_without_a_date_grants_the_requested_one(pending, leader):
    extension_decide(request=pending, actor=leader, approve=True)
    pending.refresh_from_db()
    assert pending.approved_date == REQUESTED
    assert Task.objects.get(pk=pending.task_id).due_date == REQUESTED


def test_approving_the_requested_date_needs_no_reason(pending, leader):
    extension_decide(request=pending, actor=leader, approve=True, approved_date=REQUESTED)
    assert Task.objects.get(pk=pending.task_id).due_date == REQUESTED


@pytest.mark.parametrize(
    ("approved", "reason", "message"),
    [
        (dt.date(2021, 8, 1), "Lý do", "không được sau hạn cơ quan đề nghị (31/07/2021)"),
        (DUE, "Lý do", "phải sau hạn hiện tại (30/06/2021)"),
        (dt.date(2021, 6, 29), "Lý do", "phải sau hạn hiện tại (30/06/2021)"),
        (dt.date(2021, 7, 15), "  ", "Hãy ghi lý do khi đồng ý gia hạn đến ngày khác ngày cơ quan đề nghị."),
    ],
)
def test_refusals_change_nothing(pending, leader, approved, reason, message):
    with pytest.raises(ValidationError) as refused:
        extension_decide(request=pending, actor=leader, approve=True, approved_date=approved, reason=reason)
    assert message in refused.value.messages[0]
    pending.refresh_from_db()
    assert pending.status == ExtensionRequest.Status.PENDING and pending.approved_date is None
    assert Task.objects.get(pk=pending.task_id).due_date == DUE
    assert not TaskEvent.objects.filter(kind=TaskEvent.Kind.EXTENSION_DECIDED).exists()


def test_a_date_already_past_is_refused(health_dept, health_dept_officer, leader):
    # Asked late: the due date in force (20/06) has passed; a date before today is no extension.
    task = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20))
    pending = extension_request(task=task, actor=health_dept_officer, requested_date=REQUESTED, reason="Chậm")
    with pytest.raises(ValidationError) as refused:
        extension_decide(request=pending, actor=leader, approve=True, approved_date=dt.date(2021, 6, 25), reason="x")
    assert "không được trước ngày hôm nay (27/06/2021)" in refused.value.messages[0]


# --- Through the pages ---------------------------------------------------------------------------


def _decide(client, extension, **fields):
    data = {"decision-decision": "approve", "decision-reason": "", "next": "task"}
    data.update({f"decision-{k}": v for k, v in fields.items()})
    return client.post(f"/tasks/extensions/{extension.pk}/decide/", data, follow=True)


def test_the_form_offers_another_date(client, leader, pending):
    client.force_login(leader)
    for url in (f"/tasks/{pending.task_id}/", "/tasks/extensions/"):
        page = client.get(url).content.decode()
        assert 'name="decision-approved_date"' in page and "Hạn đồng ý" in page


def test_leader_approves_an_earlier_date_from_the_page(client, leader, pending, health_dept_officer):
    client.force_login(leader)
    response = _decide(client, pending, approved_date="15/07/2021", reason="Đủ để tổng hợp")
    page = response.content.decode()
    assert "Đã ghi quyết định gia hạn." in page
    assert "Đồng ý gia hạn đến 15/07/2021 (đề nghị 31/07/2021)" in page
    assert "Đồng ý: hạn 30/06/2021 → 15/07/2021 (đề nghị 31/07/2021): Đủ để tổng hợp" in page
    client.force_login(health_dept_officer)
    bell = client.get("/notifications/").content.decode()
    assert "Đồng ý gia hạn đến 15/07/2021 (đề nghị 31/07/2021)" in bell and "Đủ để tổng hợp" in bell


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"approved_date": "31/02/2026", "reason": "x"}, "Không có ngày 31/02/2026"),
        ({"approved_date": "15-07-2021", "reason": "x"}, "Ngày không hợp lệ"),
        ({"approved_date": "01/08/2021", "reason": "x"}, "không được sau hạn cơ quan đề nghị"),
        ({"approved_date": "30/06/2021", "reason": "x"}, "phải sau hạn hiện tại (30/06/2021)"),
        ({"approved_date": "15/07/2021"}, "Hãy ghi lý do khi đồng ý gia hạn đến ngày khác"),
        ({"decision": "refuse", "approved_date": "15/07/2021", "reason": "x"}, "Chỉ ghi hạn đồng ý khi đồng ý"),
    ],
)
def test_bad_input_from_the_page_changes_nothing(client, leader, pending, fields, message):
    client.force_login(leader)
    response = _decide(client, pending, **fields)
    assert message in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ExtensionRequest.Status.PENDING
    assert Task.objects.get(pk=pending.task_id).due_date == DUE


def test_api_approves_an_earlier_date(leader, pending):
    from tests.directives.api.conftest import key_client

    api = key_client(leader)
    response = api.post(
        f"/api/v1/extensions/{pending.pk}/decision/",
        {"decision": "approve", "approved_date": "2021-07-15", "reason": "Đủ để tổng hợp"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["approved_date"] == "2021-07-15"
    assert Task.objects.get(pk=pending.task_id).due_date == dt.date(2021, 7, 15)
