import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from directives.models import ExtensionRequest, Notification, ProgressReport, TaskCoordination, TaskEvent
from directives.reports.letters.content import build_letter
from directives.reports.letters.services import issue_letter
from directives.tasks.status import TaskStatus, compute_status
from directives.tasks.workflow import (
    extension_decide,
    extension_request,
    task_approve_submission,
    task_assign_handlers,
    task_cancel,
    task_reassign,
    task_report_progress,
    task_return,
    task_return_submission,
    task_submit_completion,
    task_supersede,
    task_verify,
)
from tests.directives.conftest import at
from tests.factories import AgencyFactory, TaskFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _submit(task, officer, day=28):
    with at(day):
        return task_submit_completion(task=task, actor=officer, note="Đã ban hành Kế hoạch số 99/KH-SYT")


def test_lead_progress_report_is_recorded_with_agency_snapshot(task, health_dept_officer):
    with at(25):
        report = task_report_progress(task=task, actor=health_dept_officer, text="Đang xây dựng", percent=40)
    assert (report.agency_name, report.is_lead, report.percent) == ("Sở Y tế", True, 40)
    event = task.events.get(kind=TaskEvent.Kind.REPORTED)
    assert event.data["agency"] == {"id": task.lead_id, "name": "Sở Y tế"} and event.data["role"] == "lead"


def test_coordinating_report_notifies_the_lead_agency(task, ict_dept_officer, health_dept_officer):
    with at(25):
        report = task_report_progress(task=task, actor=ict_dept_officer, text="Đã góp ý dự thảo")
    assert not report.is_lead
    assert Notification.objects.filter(
        recipient=health_dept_officer, kind=Notification.Kind.COORDINATOR_REPORTED, task=task
    ).exists()


def test_report_stores_checked_attachments(task, health_dept_officer, settings):
    with at(25):
        report = task_report_progress(
            task=task, actor=health_dept_officer, text="Kèm văn bản", files=[upload("kh.pdf", pdf_bytes())]
        )
    attachment = report.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes().startswith(b"%PDF-")


def test_bad_attachment_stores_nothing(task, health_dept_officer, settings):
    with pytest.raises(ValidationError), at(25):
        task_report_progress(task=task, actor=health_dept_officer, text="x", files=[upload("a.pdf", b"not a pdf")])
    assert not ProgressReport.objects.exists()
    assert not (settings.MEDIA_ROOT / "attachments").exists()


def test_unrelated_officer_cannot_report(task, unrelated_officer):
    with pytest.raises(PermissionDenied):
        task_report_progress(task=task, actor=unrelated_officer, text="x")
    assert not ProgressReport.objects.exists()


def test_submission_awaits_verification_and_tells_the_office(task, health_dept_officer, office_clerk):
    task = _submit(task, health_dept_officer)
    assert compute_status(task, dt.date(2021, 6, 28)) == TaskStatus.AWAITING_VERIFICATION
    assert Notification.objects.filter(recipient=office_clerk, kind=Notification.Kind.SUBMITTED).exists()
    assert task.events.get(kind=TaskEvent.Kind.SUBMITTED).data["submitted_at"] == task.submitted_at.isoformat()


def test_coordinating_agency_cannot_submit_completion(task, ict_dept_officer):
    with pytest.raises(PermissionDenied):
        _submit(task, ict_dept_officer)


def test_agency_head_acts_for_the_lead_agency(task, health_dept_head):
    assert _submit(task, health_dept_head).submitted_by == health_dept_head


def test_second_submission_is_refused(task, health_dept_officer):
    _submit(task, health_dept_officer)
    with pytest.raises(ValidationError, match="đang chờ xác nhận"):
        _submit(task, health_dept_officer)


def test_verify_defaults_to_the_submission_day_and_is_on_time(task, health_dept_officer, office_clerk):
    _submit(task, health_dept_officer, day=29)
    with at(2, 7):
        task = task_verify(task=task, actor=office_clerk)
    assert task.completed_on == dt.date(2021, 6, 29)
    assert compute_status(task, dt.date(2021, 7, 2)) == TaskStatus.COMPLETED_ON_TIME
    assert Notification.objects.filter(recipient=health_dept_officer, kind=Notification.Kind.TASK_VERIFIED).exists()


def test_verified_after_the_due_date_is_late(task, health_dept_officer, office_clerk):
    _submit(task, health_dept_officer, day=29)
    with at(3, 7):
        task = task_verify(task=task, actor=office_clerk, completed_on=dt.date(2021, 7, 1))
    assert compute_status(task, dt.date(2021, 7, 3)) == TaskStatus.COMPLETED_LATE


def test_completion_date_in_the_future_is_refused(task, health_dept_officer, office_clerk):
    _submit(task, health_dept_officer)
    with pytest.raises(ValidationError, match="sau ngày hôm nay"), at(28):
        task_verify(task=task, actor=office_clerk, completed_on=dt.date(2021, 6, 29))


def test_officer_cannot_verify(task, health_dept_officer):
    _submit(task, health_dept_officer)
    with pytest.raises(PermissionDenied):
        task_verify(task=task, actor=health_dept_officer)


def test_return_sends_the_task_back_with_its_reason(task, health_dept_officer, office_clerk):
    _submit(task, health_dept_officer)
    with at(29):
        task = task_return(task=task, actor=office_clerk, reason="Thiếu văn bản kế hoạch")
    assert task.submitted_at is None and task.return_reason == "Thiếu văn bản kế hoạch"
    assert compute_status(task, dt.date(2021, 6, 29)) == TaskStatus.DUE_SOON
    assert Notification.objects.get(recipient=health_dept_officer, kind=Notification.Kind.TASK_RETURNED)


def test_return_without_reason_is_refused(task, health_dept_officer, office_clerk):
    _submit(task, health_dept_officer)
    with pytest.raises(ValidationError):
        task_return(task=task, actor=office_clerk, reason="  ")


def test_verify_of_a_task_not_submitted_is_refused(task, office_clerk):
    with pytest.raises(ValidationError, match="chờ xác nhận"):
        task_verify(task=task, actor=office_clerk)


def test_extension_request_before_due_date_is_not_late(task, health_dept_officer, leader):
    with at(27):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="Chờ số liệu"
        )
    assert (request.is_late, request.due_date_before) == (False, dt.date(2021, 6, 30))
    assert Notification.objects.filter(recipient=leader, kind=Notification.Kind.EXTENSION_REQUESTED).exists()


def test_extension_request_after_due_date_is_marked_late(task, health_dept_officer):
    with at(2, 7):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
    assert request.is_late
    assert task.events.get(kind=TaskEvent.Kind.EXTENSION_REQUESTED).data["late"] is True


def test_extension_to_an_earlier_date_is_refused(task, health_dept_officer):
    with pytest.raises(ValidationError, match="sau hạn hiện tại"), at(27):
        extension_request(task=task, actor=health_dept_officer, requested_date=dt.date(2021, 6, 30), reason="x")


def test_pending_extension_requests_are_capped(task, health_dept_officer, settings):
    settings.EXTENSION_MAX_PENDING = 1
    with at(27):
        extension_request(task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x")
        with pytest.raises(ValidationError, match="tối đa 1"):
            extension_request(task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 20), reason="y")
    assert ExtensionRequest.objects.count() == 1


def test_approved_extension_moves_due_date_and_keeps_the_original(task, health_dept_officer, leader):
    with at(27):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
        extension_decide(request=request, actor=leader, approve=True)
    task.refresh_from_db()
    assert (task.due_date, task.original_due_date) == (dt.date(2021, 7, 15), dt.date(2021, 6, 30))
    event = task.events.get(kind=TaskEvent.Kind.EXTENSION_DECIDED)
    assert event.data["decision"] == "approved"
    assert event.data["due_date"] == {"before": "2021-06-30", "after": "2021-07-15"}


def test_refused_extension_keeps_due_date_and_needs_a_reason(task, health_dept_officer, leader):
    with at(27):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
        with pytest.raises(ValidationError):
            extension_decide(request=request, actor=leader, approve=False)
        extension_decide(request=request, actor=leader, approve=False, reason="Đủ thời gian")
    task.refresh_from_db()
    assert task.due_date == dt.date(2021, 6, 30)
    assert Notification.objects.get(recipient=health_dept_officer, kind=Notification.Kind.EXTENSION_DECIDED)


def test_office_decides_extensions_only_when_the_setting_allows(task, health_dept_officer, office_clerk, settings):
    with at(27):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
        settings.OFFICE_DECIDES_EXTENSIONS = False
        with pytest.raises(PermissionDenied):
            extension_decide(request=request, actor=office_clerk, approve=True)
        settings.OFFICE_DECIDES_EXTENSIONS = True
        extension_decide(request=request, actor=office_clerk, approve=True)
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED


def test_an_extension_is_decided_once(task, health_dept_officer, leader):
    with at(27):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
        extension_decide(request=request, actor=leader, approve=True)
        with pytest.raises(ValidationError, match="đã được quyết định"):
            extension_decide(request=request, actor=leader, approve=False, reason="đổi ý")


def test_cancel_closes_the_task_with_its_reason(task, office_clerk):
    task = task_cancel(task=task, actor=office_clerk, reason="Không còn phù hợp")
    assert compute_status(task) == TaskStatus.CANCELLED
    assert task.events.get(kind=TaskEvent.Kind.CANCELLED).data == {"reason": "Không còn phù hợp"}


def test_supersede_links_the_later_directive(task, office_clerk):
    later = TaskFactory(lead=task.lead)
    task = task_supersede(task=task, actor=office_clerk, reason="Thay bằng chỉ đạo mới", superseded_by=later)
    assert task.superseded_by == later
    assert task.events.get(kind=TaskEvent.Kind.SUPERSEDED).data["reason"] == "Thay bằng chỉ đạo mới"


def test_officer_cannot_cancel(task, health_dept_officer):
    with pytest.raises(PermissionDenied):
        task_cancel(task=task, actor=health_dept_officer, reason="x")


def test_reassign_keeps_coordination_lead_in_sync_and_history(task, office_clerk, health_dept_officer, ict_dept):
    with at(25):
        task_report_progress(task=task, actor=health_dept_officer, text="Phần của Sở Y tế")
    new_lead = AgencyFactory(name="Sở Kế hoạch và Đầu tư")
    task = task_reassign(task=task, actor=office_clerk, new_lead=new_lead, reason="Đúng chức năng")
    assert set(TaskCoordination.objects.filter(task=task).values_list("lead_id", flat=True)) == {new_lead.pk}
    assert task.reports.get().agency_name == "Sở Y tế"
    event = task.events.get(kind=TaskEvent.Kind.REASSIGNED)
    assert event.data["lead"]["before"]["name"] == "Sở Y tế"
    assert event.data["lead"]["after"] == {"id": new_lead.pk, "name": "Sở Kế hoạch và Đầu tư"}


def test_reassign_to_a_coordinator_removes_its_coordination(task, office_clerk, ict_dept):
    task = task_reassign(task=task, actor=office_clerk, new_lead=ict_dept)
    assert task.lead == ict_dept
    assert not TaskCoordination.objects.filter(task=task).exists()


def test_nothing_is_done_on_a_cancelled_task(task, office_clerk, health_dept_officer):
    task_cancel(task=task, actor=office_clerk, reason="x")
    with pytest.raises(ValidationError, match="đã bị hủy"):
        task_report_progress(task=task, actor=health_dept_officer, text="x")


def test_every_kind_of_event_is_written_by_a_service(
    task, health_dept_officer, ict_dept_officer, office_clerk, leader, ict_dept, health_dept, health_dept_head
):
    """A kind that nothing writes is a promise the history cannot keep: each one has its writer."""
    with at(25):
        task_report_progress(task=task, actor=health_dept_officer, text="Đang xây dựng")
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="x"
        )
        extension_decide(request=request, actor=leader, approve=True)
    _submit(task, health_dept_officer)
    with at(28):
        task_return(task=task, actor=office_clerk, reason="Thiếu minh chứng")
        task = task_reassign(task=task, actor=office_clerk, new_lead=ict_dept)
    with at(29):
        task_submit_completion(task=task, actor=ict_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    task_cancel(task=TaskFactory(lead=task.lead), actor=office_clerk, reason="Không còn phù hợp")
    task_supersede(task=TaskFactory(lead=task.lead), actor=office_clerk, reason="Thay bằng chỉ đạo mới")
    chased = TaskFactory(lead=task.lead, due_date=dt.date(2021, 6, 30))
    issue_letter(letter=build_letter([chased.lead], dt.date(2021, 7, 5)), actor=office_clerk)
    signed_off = TaskFactory(lead=health_dept)
    health_dept.requires_head_approval = True
    health_dept.save()
    task_assign_handlers(task=signed_off, actor=health_dept_head, in_charge=health_dept_officer)
    task_submit_completion(task=signed_off, actor=health_dept_officer, note="Xong")
    task_return_submission(task=signed_off, actor=health_dept_head, reason="Bổ sung số liệu")
    task_submit_completion(task=signed_off, actor=health_dept_officer, note="Đã bổ sung")
    task_approve_submission(task=signed_off, actor=health_dept_head)
    assert set(TaskEvent.objects.values_list("kind", flat=True)) == set(TaskEvent.Kind.values)
