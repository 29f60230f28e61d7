"""What agency people do on a task: report progress, submit completion, ask for more time."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency
from agencies.roles import head_agency_ids
from directives.models import ExtensionRequest, Notification, ProgressReport, Task, TaskEvent
from directives.models.task import DeadlineKind
from directives.tasks import notify
from directives.tasks.periods import period_start
from directives.tasks.permissions import Action, acting_agency_id, require_action
from directives.tasks.services import task_event_record
from directives.tasks.uploads import check_uploads
from directives.tasks.workflow._common import files_removed_on_error, lock_task, refuse, store_attachments
from directives.tasks.workflow.head import record_submission, submit_for_head_review

EVIDENCE_REQUIRED = (
    "Hãy đính kèm ít nhất một tệp minh chứng (văn bản, biên bản, ảnh…): "
    "Văn phòng UBND tỉnh yêu cầu minh chứng khi báo cáo hoàn thành."
)


def task_report_progress(
    *,
    task: Task,
    actor,
    text: str,
    document_number: str = "",
    document_date: dt.date | None = None,
    percent: int | None = None,
    files: Sequence = (),
) -> ProgressReport:
    """A progress report of the lead or of a coordinating agency, with its attachments."""
    checked = check_uploads(files)
    with files_removed_on_error() as stored, transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.REPORT)
        agency = Agency.objects.get(pk=acting_agency_id(actor, task))
        today = timezone.localdate()
        report = ProgressReport(
            task=task,
            kind=ProgressReport.Kind.PROGRESS,
            agency=agency,
            agency_name=agency.name,
            is_lead=agency.pk == task.lead_id,
            author=actor,
            text=text.strip(),
            document_number=document_number.strip(),
            document_date=document_date,
            percent=percent,
            period=period_start(today, task.recurrence) if task.deadline_kind == DeadlineKind.RECURRING else None,
        )
        report.full_clean()
        report.save()
        store_attachments(report=report, files=checked, actor=actor, stored=stored)
        task_event_record(
            task=task,
            kind=TaskEvent.Kind.REPORTED,
            actor=actor,
            data={
                "report_id": report.pk,
                "agency": {"id": agency.pk, "name": agency.name},
                "role": "lead" if report.is_lead else "coordinating",
                "percent": percent,
                "attachments": len(checked),
                "document_number": report.document_number,
            },
            note=report.text[:500],
        )
        if not report.is_lead:
            notify.notify_agency(
                agency=task.lead,
                kind=Notification.Kind.COORDINATOR_REPORTED,
                title=f"{agency.name} đã báo cáo phần phối hợp",
                body=task.action[:300],
                task=task,
            )
    return report


def task_submit_completion(*, task: Task, actor, note: str, files: Sequence = ()) -> Task:
    """The lead agency says the task is done, with its result and evidence: awaiting verification.
    When the office requires evidence (REQUIRE_COMPLETION_EVIDENCE), at least one file.

    Where the lead agency requires its head's sign-off, an officer's completion waits for the head
    first (`head.submit_for_head_review`); a head's own goes straight to the office."""
    checked = check_uploads(files)
    with files_removed_on_error() as stored, transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.SUBMIT)
        if settings.REQUIRE_COMPLETION_EVIDENCE and not checked:
            refuse(EVIDENCE_REQUIRED, "evidence_required")
        now = timezone.now()
        report = ProgressReport(
            task=task,
            kind=ProgressReport.Kind.COMPLETION,
            agency=task.lead,
            agency_name=task.lead.name,
            is_lead=True,
            author=actor,
            text=note.strip(),
            percent=100,
        )
        report.full_clean()
        report.save()
        store_attachments(report=report, files=checked, actor=actor, stored=stored)
        task.completion_note = note.strip()
        if task.lead.requires_head_approval and task.lead_id not in head_agency_ids(actor):
            submit_for_head_review(task=task, actor=actor, now=now, report_id=report.pk, attachments=len(checked))
        else:
            record_submission(
                task=task,
                actor=actor,
                submitted_by=actor,
                now=now,
                data={"report_id": report.pk, "attachments": len(checked)},
            )
    return task


def extension_request(*, task: Task, actor, requested_date: dt.date, reason: str) -> ExtensionRequest:
    """The lead agency asks for a later due date; asked after the due date it is marked late."""
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.REQUEST_EXTENSION)
        if requested_date <= task.due_date:
            refuse(f"Hạn đề nghị phải sau hạn hiện tại ({task.due_date:%d/%m/%Y}).", "not_later")
        request = ExtensionRequest(
            task=task,
            agency=task.lead,
            agency_name=task.lead.name,
            requested_by=actor,
            due_date_before=task.due_date,
            requested_date=requested_date,
            reason=reason.strip(),
            is_late=timezone.localdate() > task.due_date,
        )
        request.full_clean()
        request.save()
        task_event_record(
            task=task,
            kind=TaskEvent.Kind.EXTENSION_REQUESTED,
            actor=actor,
            data={
                "request_id": request.pk,
                "requested_date": requested_date,
                "due_date": task.due_date,
                "late": request.is_late,
                "reason": request.reason,
            },
        )
        deciders = list(notify.leader_people())
        if settings.OFFICE_DECIDES_EXTENSIONS:
            deciders += list(notify.office_people())
        notify.notify_users(
            users=deciders,
            kind=Notification.Kind.EXTENSION_REQUESTED,
            title=f"{task.lead.name} đề nghị gia hạn đến {requested_date:%d/%m/%Y}",
            body=request.reason[:300],
            task=task,
        )
    return request
