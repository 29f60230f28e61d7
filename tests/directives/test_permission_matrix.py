"""Every view and action on tasks (the task page, its workflow, the office's queues, files and
notifications, assignment inside an agency and the head's sign-off) × every kind of person: the
expected answer, and for every refused write, proof that nothing changed. The other pages
(notices, meetings, agencies, lists, dashboard, exports, calendar, reminders) are in
tests/test_permission_matrix_pages.py; the machinery in tests/matrix.py.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from agencies.models import Membership
from directives.models import Notification
from directives.tasks.workflow import (
    extension_request,
    task_assign_handlers,
    task_report_progress,
    task_submit_completion,
)
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory, UserFactory
from tests.files import pdf_bytes, upload
from tests.matrix import HANDLING_PEOPLE, PEOPLE, Row, check_row, codes, handling_codes, the_people

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)


ACTIONS = [
    Row("home", "get", lambda w: "/", codes(302, 200, 200, 200, 200, 302, 302)),
    Row("task_detail", "get", lambda w: f"/tasks/{w.task.pk}/", codes(302, 200, 200, 404, 200, 200, 200)),
    Row("task_detail_awaiting", "get", lambda w: f"/tasks/{w.awaiting.pk}/", codes(302, 200, 200, 404, 200, 200, 200)),
    # A task of a notice not yet published is the office's draft: no agency sees or touches it.
    Row(
        "task_detail_unpublished",
        "get",
        lambda w: f"/tasks/{w.unpublished.pk}/",
        codes(302, 404, 404, 404, 404, 200, 200),
    ),
    Row(
        "report_on_unpublished",
        "post",
        lambda w: f"/tasks/{w.unpublished.pk}/report/",
        codes(302, 404, 404, 404, 404, 403, 403),
        lambda w: {"report-text": "Đang triển khai", "report-percent": "50"},
    ),
    Row("task_detail_unknown_id", "get", lambda w: "/tasks/999999/", codes(302, 404, 404, 404, 404, 404, 404)),
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
    # Verified from the task page opened from the queue: back to the queue, same rights.
    Row(
        "verify_back_to_queue",
        "post",
        lambda w: f"/tasks/{w.awaiting.pk}/verify/",
        codes(302, 403, 403, 404, 403, 302, 403),
        lambda w: {"verify-completed_on": "26/06/2021", "next": "/tasks/verification/"},
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
    # An earlier date than the one requested, with its reason: the same decision, the same rights.
    Row(
        "extension_decide_earlier_date",
        "post",
        lambda w: f"/tasks/extensions/{w.extension.pk}/decide/",
        codes(302, 403, 403, 404, 403, 403, 302),
        lambda w: {"decision-decision": "approve", "decision-approved_date": "05/07/2021", "decision-reason": "Đủ"},
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


# Assignment inside the agency and the head's sign-off: only a head of the task's agencies assigns
# (each within their own agency: choosing someone of another agency is a form error, 400), and
# only the lead agency's head approves or sends back a completion waiting for them.
_OFFICERS_REFUSED = dict(lead_officer=403, assigned_officer=403, coordinating_officer=403, unrelated_officer=404)
_OUTSIDERS = dict(unrelated_head=404, office=403, leader=403)
HANDLING = [
    Row(
        "my_tasks",
        "get",
        lambda w: "/my-tasks/",
        handling_codes(
            lead_officer=200,
            assigned_officer=200,
            coordinating_officer=200,
            unrelated_officer=200,
            agency_head=200,
            coordinating_head=200,
            unrelated_head=200,
            office=403,
            leader=403,
        ),
    ),
    Row(
        "task_detail_awaiting_head",
        "get",
        lambda w: f"/tasks/{w.awaiting_head.pk}/",
        handling_codes(
            lead_officer=200,
            assigned_officer=200,
            coordinating_officer=200,
            unrelated_officer=404,
            agency_head=200,
            coordinating_head=200,
            unrelated_head=404,
            office=200,
            leader=200,
        ),
    ),
    Row(
        "assign_in_the_lead_agency",
        "post",
        lambda w: f"/tasks/{w.task.pk}/assign/",
        handling_codes(**_OFFICERS_REFUSED, **_OUTSIDERS, agency_head=302, coordinating_head=400),
        lambda w: {"assign-in_charge": str(w.people["lead_officer"].pk), "assign-note": "Chủ trì tham mưu"},
    ),
    Row(
        "assign_in_the_coordinating_agency",
        "post",
        lambda w: f"/tasks/{w.task.pk}/assign/",
        handling_codes(**_OFFICERS_REFUSED, **_OUTSIDERS, agency_head=400, coordinating_head=302),
        lambda w: {"assign-in_charge": str(w.people["coordinating_officer"].pk)},
    ),
    Row(
        "approve_submission",
        "post",
        lambda w: f"/tasks/{w.awaiting_head.pk}/approve-submission/",
        handling_codes(**_OFFICERS_REFUSED, **_OUTSIDERS, agency_head=302, coordinating_head=403),
    ),
    Row(
        "return_submission",
        "post",
        lambda w: f"/tasks/{w.awaiting_head.pk}/return-submission/",
        handling_codes(**_OFFICERS_REFUSED, **_OUTSIDERS, agency_head=302, coordinating_head=403),
        lambda w: {"return_submission-reason": "Bổ sung số liệu"},
    ),
]


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
    assigned = MembershipFactory(user=UserFactory(username="soyte-2"), agency=health_dept).user
    ict_head = MembershipFactory(user=UserFactory(username="gd-tttt"), agency=ict_dept, role=Membership.Role.HEAD).user
    unrelated_head = MembershipFactory(
        user=UserFactory(username="gd-tuphap"), agency=unrelated_officer.memberships.get().agency, role="head"
    ).user
    with time_machine.travel(NOW, tick=False):
        task = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        task_assign_handlers(task=task, actor=health_dept_head, in_charge=assigned)
        awaiting_head = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        task_assign_handlers(task=awaiting_head, actor=health_dept_head, in_charge=assigned)
        health_dept.requires_head_approval = True
        health_dept.save()
        task_submit_completion(task=awaiting_head, actor=assigned, note="Đã xong")
        health_dept.requires_head_approval = False
        health_dept.save()
        awaiting = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        task_submit_completion(task=awaiting, actor=health_dept_officer, note="Đã xong")
        report = task_report_progress(
            task=task, actor=health_dept_officer, text="Kèm kế hoạch", files=[upload("kh.pdf", pdf_bytes())]
        )
        pending = TaskFactory(lead=health_dept, coordinating=[ict_dept])
        unpublished = TaskFactory(lead=health_dept, coordinating=[ict_dept], published_at=None)
        extension = extension_request(
            task=pending, actor=health_dept_officer, requested_date=dt.date(2021, 7, 10), reason="Chờ số liệu"
        )
    return SimpleNamespace(
        task=task,
        unpublished=unpublished,
        awaiting=awaiting,
        extension=extension,
        attachment=report.attachments.get(),
        notification=Notification.objects.filter(recipient=health_dept_officer).first()
        or Notification.objects.create(recipient=health_dept_officer, kind="reminder", title="Nhắc việc", url="/"),
        other_agency=AgencyFactory(name="Sở Kế hoạch và Đầu tư"),
        awaiting_head=awaiting_head,
        people={
            **the_people(
                health_dept_officer, ict_dept_officer, unrelated_officer, health_dept_head, office_clerk, leader
            ),
            "assigned_officer": assigned,
            "coordinating_head": ict_head,
            "unrelated_head": unrelated_head,
        },
    )


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("row", ACTIONS, ids=lambda r: r.name)
def test_permission_matrix(client, world, row, person):
    check_row(client, world, row, person, NOW)


@pytest.mark.parametrize("person", HANDLING_PEOPLE)
@pytest.mark.parametrize("row", HANDLING, ids=lambda r: r.name)
def test_permission_matrix_of_handling(client, world, row, person):
    check_row(client, world, row, person, NOW)
