"""Every view and action of the agency workflow × every kind of person: the expected answer, and
for every refused write, proof that nothing changed.

To add another branch's pages at merge, append rows to ACTIONS: a URL (built from the `world`),
the method, the form data a permitted person would send, and the expected code per person.
Codes: 200 page, 302 done (or, for anonymous, sent to the login page), 403 forbidden action on a
task the person may see, 404 a task (or file, or notification) the person may not see.
"""

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from directives.models import (
    Attachment,
    ExtensionRequest,
    Notification,
    ProgressReport,
    Task,
    TaskCoordination,
    TaskEvent,
)
from directives.workflow import extension_request, task_report_progress, task_submit_completion
from tests.factories import AgencyFactory, TaskFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "lead_officer", "coordinating_officer", "unrelated_officer", "agency_head", "office", "leader"]
NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)


def codes(anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader):
    return dict(
        zip(
            PEOPLE,
            (anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader),
            strict=True,
        )
    )


@dataclass
class Row:
    name: str
    method: str
    url: object  # world -> str
    expected: dict
    data: object = field(default=lambda w: {})  # world -> dict
    # A permitted write must visibly change something (so a 302 is never a silent no-op).
    changes: bool = True


ACTIONS = [
    Row("home", "get", lambda w: "/", codes(302, 200, 200, 200, 200, 302, 302)),
    Row("task_detail", "get", lambda w: f"/tasks/{w.task.pk}/", codes(302, 200, 200, 404, 200, 200, 200)),
    Row("task_detail_awaiting", "get", lambda w: f"/tasks/{w.awaiting.pk}/", codes(302, 200, 200, 404, 200, 200, 200)),
    Row(
        "report",
        "post",
        lambda w: f"/tasks/{w.task.pk}/report/",
        codes(302, 302, 302, 404, 302, 403, 403),
        lambda w: {
            "report-text": "Đang triển khai",
            "report-percent": "50",
            "report-files": upload("bc.pdf", pdf_bytes()),
        },
    ),
    Row(
        "submit",
        "post",
        lambda w: f"/tasks/{w.task.pk}/submit/",
        codes(302, 302, 403, 404, 302, 403, 403),
        lambda w: {"completion-note": "Đã hoàn thành"},
    ),
    Row(
        "extension_request",
        "post",
        lambda w: f"/tasks/{w.task.pk}/extension/",
        codes(302, 302, 403, 404, 302, 403, 403),
        lambda w: {"extension-requested_date": "15/07/2021", "extension-reason": "Chờ số liệu"},
    ),
    Row(
        "verify",
        "post",
        lambda w: f"/tasks/{w.awaiting.pk}/verify/",
        codes(302, 403, 403, 404, 403, 302, 403),
        lambda w: {"verify-completed_on": "26/06/2021"},
    ),
    Row(
        "return",
        "post",
        lambda w: f"/tasks/{w.awaiting.pk}/return/",
        codes(302, 403, 403, 404, 403, 302, 403),
        lambda w: {"return-reason": "Thiếu minh chứng"},
    ),
    Row(
        "close",
        "post",
        lambda w: f"/tasks/{w.task.pk}/close/",
        codes(302, 403, 403, 404, 403, 302, 403),
        lambda w: {"close-action": "cancel", "close-reason": "Không còn phù hợp"},
    ),
    Row(
        "reassign",
        "post",
        lambda w: f"/tasks/{w.task.pk}/reassign/",
        codes(302, 403, 403, 404, 403, 302, 403),
        lambda w: {"reassign-new_lead": str(w.other_agency.pk), "reassign-reason": "Đúng chức năng"},
    ),
    Row(
        "extension_decide",
        "post",
        lambda w: f"/tasks/extensions/{w.extension.pk}/decide/",
        codes(302, 403, 403, 404, 403, 403, 302),
        lambda w: {"decision-decision": "approve", "decision-reason": ""},
    ),
    Row("verification_queue", "get", lambda w: "/tasks/verification/", codes(302, 403, 403, 403, 403, 200, 200)),
    Row("extension_queue", "get", lambda w: "/tasks/extensions/", codes(302, 403, 403, 403, 403, 200, 200)),
    Row("attachment", "get", lambda w: f"/attachments/{w.attachment.pk}/", codes(302, 200, 200, 404, 200, 200, 200)),
    Row("notifications", "get", lambda w: "/notifications/", codes(302, 200, 200, 200, 200, 200, 200)),
    Row(
        "notification_open_of_lead_officer",
        "post",
        lambda w: f"/notifications/{w.notification.pk}/open/",
        codes(302, 302, 404, 404, 404, 404, 404),
    ),
    Row(
        "notifications_read_all",
        "post",
        lambda w: "/notifications/read-all/",
        codes(302, 302, 302, 302, 302, 302, 302),
        changes=False,
    ),
]
# Rows to add when other branches land (their views are placeholders here, never asserted):
# the task list /tasks/ and its export, the dashboard, the notice pages, the reminders log.


@pytest.fixture
def world(
    health_dept,
    ict_dept,
    health_dept_officer,
    ict_dept_officer,
    unrelated_officer,
    health_dept_head,
    office_clerk,
    leader,
):
    with time_machine.travel(NOW, tick=False):
        task = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        awaiting = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        task_submit_completion(task=awaiting, actor=health_dept_officer, note="Đã xong")
        report = task_report_progress(
            task=task, actor=health_dept_officer, text="Kèm kế hoạch", files=[upload("kh.pdf", pdf_bytes())]
        )
        pending = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        extension = extension_request(
            task=pending, actor=health_dept_officer, requested_date=dt.date(2021, 7, 10), reason="Chờ số liệu"
        )
    return SimpleNamespace(
        task=task,
        awaiting=awaiting,
        extension=extension,
        attachment=report.attachments.get(),
        notification=Notification.objects.filter(recipient=health_dept_officer).first()
        or Notification.objects.create(recipient=health_dept_officer, kind="reminder", title="Nhắc việc", url="/"),
        other_agency=AgencyFactory(name="Sở Kế hoạch và Đầu tư"),
        people={
            "anonymous": AnonymousUser(),
            "lead_officer": health_dept_officer,
            "coordinating_officer": ict_dept_officer,
            "unrelated_officer": unrelated_officer,
            "agency_head": health_dept_head,
            "office": office_clerk,
            "leader": leader,
        },
    )


def fingerprint():
    """Everything a write could change, as plain values."""
    return (
        list(Task.objects.order_by("pk").values()),
        list(TaskCoordination.objects.order_by("pk").values()),
        list(ProgressReport.objects.order_by("pk").values()),
        list(Attachment.objects.order_by("pk").values()),
        list(ExtensionRequest.objects.order_by("pk").values()),
        TaskEvent.objects.count(),
        list(Notification.objects.order_by("pk").values("pk", "read_at")),
    )


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("row", ACTIONS, ids=lambda r: r.name)
def test_permission_matrix(client, world, row, person):
    user = world.people[person]
    if user.is_authenticated:
        client.force_login(user)
    before = fingerprint()
    with time_machine.travel(NOW, tick=False):
        call = getattr(client, row.method)
        response = call(row.url(world), row.data(world)) if row.method == "post" else call(row.url(world))
    expected = row.expected[person]
    assert response.status_code == expected, (row.name, person, response.status_code)
    if person == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if row.method == "post" and (expected in (403, 404) or person == "anonymous"):
        assert fingerprint() == before, f"{row.name} by {person} changed something"
    if row.method == "post" and expected == 302 and person != "anonymous":
        assert "/accounts/login/" not in response["Location"]
        assert not row.changes or fingerprint() != before, f"{row.name} by {person} changed nothing"
