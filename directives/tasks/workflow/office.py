"""What the office and leaders do on a task: verify or return a completion, decide extensions,
cancel, supersede, hand the task to another lead agency."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency
from directives.models import ExtensionRequest, Notification, Task, TaskCoordination, TaskEvent
from directives.tasks import notify
from directives.tasks.permissions import Action, require_action
from directives.tasks.services import task_event_record
from directives.tasks.workflow._common import lock_task, refuse


def task_verify(*, task: Task, actor, completed_on: dt.date | None = None) -> Task:
    """Accept a submitted completion. The completion date is the one the verifier confirms
    (default: the day it was submitted); on time or late then follows from the due date in force."""
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.VERIFY)
        today = timezone.localdate()
        completed_on = completed_on or timezone.localdate(task.submitted_at)
        if completed_on > today:
            refuse("Ngày hoàn thành không thể sau ngày hôm nay.", "future")
        if task.published_at and completed_on < timezone.localdate(task.published_at):
            refuse(f"Ngày hoàn thành không thể trước ngày giao nhiệm vụ ({task.published_at:%d/%m/%Y}).", "too_early")
        now = timezone.now()
        task.completed_on = completed_on
        task.verified_at = now
        task.verified_by = actor
        task.full_clean()
        task.save(update_fields=["completed_on", "verified_at", "verified_by", "updated_at"])
        task_event_record(
            task=task, kind=TaskEvent.Kind.VERIFIED, actor=actor, at=now, data={"completed_on": completed_on}
        )
        notify.notify_agency(
            agency=task.lead,
            kind=Notification.Kind.TASK_VERIFIED,
            title=f"Nhiệm vụ được xác nhận hoàn thành ngày {completed_on:%d/%m/%Y}",
            body=task.action[:300],
            task=task,
        )
    return task


def task_return(*, task: Task, actor, reason: str) -> Task:
    """Send a submitted completion back: the task is in progress again and the agency is told why."""
    reason = reason.strip()
    if not reason:
        refuse("Hãy ghi lý do trả lại.", "reason_required")
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.RETURN)
        now = timezone.now()
        task.submitted_at = None
        task.submitted_by = None
        task.returned_at = now
        task.return_reason = reason
        task.full_clean()
        task.save(update_fields=["submitted_at", "submitted_by", "returned_at", "return_reason", "updated_at"])
        task_event_record(task=task, kind=TaskEvent.Kind.RETURNED, actor=actor, at=now, data={"reason": reason})
        notify.notify_agency(
            agency=task.lead,
            kind=Notification.Kind.TASK_RETURNED,
            title="Báo cáo hoàn thành bị trả lại",
            body=reason[:300],
            task=task,
        )
    return task


def extension_decide(
    *, request: ExtensionRequest, actor, approve: bool, reason: str = "", approved_date: dt.date | None = None
) -> ExtensionRequest:
    """Approve or refuse. Approving grants the requested date, or an earlier one the decider
    chooses (`approved_date`: after the due date in force, not before today, not after the
    requested date, with a reason); it becomes the due date in force, the original stays."""
    reason = reason.strip()
    if not approve and not reason:
        refuse("Hãy ghi lý do không đồng ý gia hạn.", "reason_required")
    if not approve and approved_date is not None:
        refuse("Chỉ ghi hạn đồng ý khi đồng ý gia hạn.", "date_on_refusal")
    with transaction.atomic():
        # Lock the task first, then the request, in the same order as every other service.
        task = lock_task(request.task_id)
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        require_action(actor, task, Action.DECIDE_EXTENSION)
        if request.status != ExtensionRequest.Status.PENDING:
            refuse("Đề nghị gia hạn này đã được quyết định.", "decided")
        now = timezone.now()
        before = task.due_date
        granted = None
        if approve:
            granted = approved_date or request.requested_date
            _check_granted_date(task=task, request=request, granted=granted, reason=reason)
            task.due_date = granted
            task.full_clean()
            task.save(update_fields=["due_date", "updated_at"])
        request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
        request.decided_by = actor
        request.decided_at = now
        request.decision_reason = reason
        request.approved_date = granted
        request.full_clean()
        request.save()
        task_event_record(
            task=task,
            kind=TaskEvent.Kind.EXTENSION_DECIDED,
            actor=actor,
            at=now,
            changes={"due_date": (before, task.due_date)},
            data={
                "decision": request.status,
                "request_id": request.pk,
                "reason": reason,
                "requested_date": request.requested_date,
                "approved_date": granted,
            },
        )
        if not approve:
            title = f"Không đồng ý gia hạn; hạn vẫn là {task.due_date:%d/%m/%Y}"
        elif request.approved_other_date:
            title = f"Đồng ý gia hạn đến {granted:%d/%m/%Y} (đề nghị {request.requested_date:%d/%m/%Y})"
        else:
            title = f"Đồng ý gia hạn đến {granted:%d/%m/%Y}"
        notify.notify_agency(
            agency=task.lead, kind=Notification.Kind.EXTENSION_DECIDED, title=title, body=reason[:300], task=task
        )
    return request


def _check_granted_date(*, task: Task, request: ExtensionRequest, granted: dt.date, reason: str) -> None:
    if task.due_date is None:
        refuse("Nhiệm vụ không còn thời hạn để gia hạn.", "not_later")
    if granted <= task.due_date:
        if granted == request.requested_date:
            refuse("Hạn đề nghị không còn sau hạn hiện tại của nhiệm vụ.", "not_later")
        refuse(f"Hạn đồng ý phải sau hạn hiện tại ({task.due_date:%d/%m/%Y}).", "not_later")
    if granted == request.requested_date:
        return
    if granted > request.requested_date:
        refuse(
            f"Hạn đồng ý không được sau hạn cơ quan đề nghị ({request.requested_date:%d/%m/%Y}).",
            "later_than_requested",
        )
    today = timezone.localdate()
    if granted < today:
        refuse(f"Hạn đồng ý không được trước ngày hôm nay ({today:%d/%m/%Y}).", "past")
    if not reason:
        refuse("Hãy ghi lý do khi đồng ý gia hạn đến ngày khác ngày cơ quan đề nghị.", "reason_required")


def _close(*, task: Task, actor, reason: str, action: Action, kind: str, superseded_by: Task | None = None) -> Task:
    reason = reason.strip()
    if not reason:
        refuse("Hãy ghi lý do.", "reason_required")
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, action)
        if superseded_by is not None and superseded_by.pk == task.pk:
            refuse("Nhiệm vụ không thể thay thế chính nó.", "self")
        if superseded_by is not None and superseded_by.published_at is None:
            refuse("Nhiệm vụ thay thế chưa được giao (thông báo còn là dự thảo): hãy ban hành trước.", "draft")
        now = timezone.now()
        task.cancelled_at = now
        task.cancelled_by = actor
        task.cancel_reason = reason
        task.superseded_by = superseded_by
        task.full_clean()
        task.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "superseded_by", "updated_at"])
        data = {"reason": reason}
        if superseded_by is not None:
            data["superseded_by"] = superseded_by.pk
        task_event_record(task=task, kind=kind, actor=actor, at=now, data=data)
        # Pending extension requests die with the task: nobody is left to decide them.
        task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).update(
            status=ExtensionRequest.Status.REFUSED, decided_at=now, decided_by=actor, decision_reason=reason
        )
    return task


def task_cancel(*, task: Task, actor, reason: str) -> Task:
    return _close(task=task, actor=actor, reason=reason, action=Action.CANCEL, kind=TaskEvent.Kind.CANCELLED)


def task_supersede(*, task: Task, actor, reason: str, superseded_by: Task | None = None) -> Task:
    return _close(
        task=task,
        actor=actor,
        reason=reason,
        action=Action.SUPERSEDE,
        kind=TaskEvent.Kind.SUPERSEDED,
        superseded_by=superseded_by,
    )


def task_reassign(*, task: Task, actor, new_lead: Agency, reason: str = "") -> Task:
    """Give the task to another lead agency. The old lead's reports stay, under its name; if the
    new lead was coordinating, it stops coordinating (an agency is never both)."""
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.REASSIGN)
        if not new_lead.is_active:
            refuse(f"{new_lead.name} không còn hoạt động.", "inactive")
        old_lead = task.lead
        if new_lead.pk == old_lead.pk:
            refuse(f"{new_lead.name} đã là cơ quan chủ trì.", "same")
        TaskCoordination.objects.filter(task=task, agency=new_lead).delete()
        task.lead = new_lead
        task.full_clean()
        task.save(update_fields=["lead", "updated_at"])
        TaskCoordination.objects.filter(task=task).update(lead=new_lead)
        task_event_record(
            task=task,
            kind=TaskEvent.Kind.REASSIGNED,
            actor=actor,
            changes={"lead": (old_lead, new_lead)},
            data={"reason": reason.strip()},
            note=reason.strip(),
        )
        notify.notify_agency(
            agency=new_lead,
            kind=Notification.Kind.TASK_ASSIGNED,
            title="Nhiệm vụ được giao cho cơ quan bạn chủ trì",
            body=task.action[:300],
            task=task,
        )
    return task
