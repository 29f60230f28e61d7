"""What an agency's head (or deputy) does on a task: give it to the agency's people, and sign off
an officer's completion before it reaches the office, where the agency requires it.

Both follow every workflow service: lock the task, ask `require_action`, check the input, write in
one transaction, record the event, notify.
"""

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Membership
from directives.models import Notification, Task, TaskAssignment, TaskEvent
from directives.tasks import notify
from directives.tasks.permissions import Action, headed_agency_id, require_action
from directives.tasks.services import task_event_record
from directives.tasks.workflow._common import lock_task, refuse


def _person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def assignable_people(user, task: Task):
    """Whom the user (a head) may choose on this task: the active people of the agency they head."""
    agency_id = headed_agency_id(user, task)
    return (
        get_user_model()
        .objects.filter(memberships__agency_id=agency_id, is_active=True)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def task_assign_handlers(
    *,
    task: Task,
    actor,
    in_charge,
    assisting: Sequence = (),
    note: str = "",
    internal_due_on: dt.date | None = None,
) -> list[TaskAssignment]:
    """Give the task, inside the head's agency, to one person in charge and others assisting.

    The agency's current handlers are ended and the new ones recorded, so the rows and the
    `handlers_assigned` event keep who handled the task before."""
    note = note.strip()
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.ASSIGN)
        agency = Agency.objects.get(pk=headed_agency_id(actor, task))
        assisting = [user for user in dict.fromkeys(assisting) if user.pk != in_charge.pk]
        people = [in_charge, *assisting]
        members = set(
            Membership.objects.filter(agency=agency, user__in=people, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
        strangers = [user for user in people if user.pk not in members]
        if strangers:
            names = ", ".join(_person(user)["name"] for user in strangers)
            refuse(f"Chỉ phân công được cho người của {agency.name}: {names} không thuộc cơ quan.", "not_member")
        if internal_due_on is not None:
            if task.due_date is not None and internal_due_on > task.due_date:
                refuse(
                    f"Hạn xử lý trong cơ quan không được sau hạn của nhiệm vụ ({task.due_date:%d/%m/%Y}).",
                    "after_due_date",
                )
            if internal_due_on < timezone.localdate():
                refuse("Hạn xử lý trong cơ quan không được trước ngày hôm nay.", "past")
        now = timezone.now()
        current = list(
            TaskAssignment.objects.select_for_update()
            .filter(task=task, agency=agency, ended_at__isnull=True)
            .select_related("user")
        )
        before_in_charge = next((row.user for row in current if row.role == TaskAssignment.Role.IN_CHARGE), None)
        before_assisting = [row.user for row in current if row.role == TaskAssignment.Role.ASSISTING]
        TaskAssignment.objects.filter(pk__in=[row.pk for row in current]).update(ended_at=now)
        rows = []
        for user, role in [(in_charge, TaskAssignment.Role.IN_CHARGE)] + [
            (user, TaskAssignment.Role.ASSISTING) for user in assisting
        ]:
            row = TaskAssignment(
                task=task,
                agency=agency,
                user=user,
                role=role,
                note=note,
                internal_due_on=internal_due_on,
                assigned_by=actor,
                assigned_at=now,
            )
            row.full_clean(validate_constraints=False)
            rows.append(row)
        TaskAssignment.objects.bulk_create(rows)
        task_event_record(
            task=task,
            kind=TaskEvent.Kind.HANDLERS_ASSIGNED,
            actor=actor,
            at=now,
            changes={
                "in_charge": (_person(before_in_charge), _person(in_charge)),
                "assisting": ([_person(u) for u in before_assisting], [_person(u) for u in assisting]),
            },
            data={"agency": agency, "internal_due_on": internal_due_on, "note": note},
            note=note[:500],
        )
        due = f", hạn trong cơ quan {internal_due_on:%d/%m/%Y}" if internal_due_on else ""
        notify.notify_users(
            users=[in_charge],
            kind=Notification.Kind.TASK_ASSIGNED,
            title=f"Bạn được giao chủ trì xử lý nhiệm vụ{due}",
            body=task.action[:300],
            task=task,
        )
        notify.notify_users(
            users=assisting,
            kind=Notification.Kind.TASK_ASSIGNED,
            title=f"Bạn được giao phối hợp xử lý nhiệm vụ{due}",
            body=task.action[:300],
            task=task,
        )
    return rows


def submit_for_head_review(*, task: Task, actor, now: dt.datetime, report_id: int, attachments: int) -> None:
    """An officer's completion where the lead agency requires its head's sign-off: it waits for the
    head, and the office does not see it yet (called by task_submit_completion, task locked)."""
    task.head_review_since = now
    task.head_review_by = actor
    task.full_clean()
    task.save(update_fields=["head_review_since", "head_review_by", "completion_note", "updated_at"])
    task_event_record(
        task=task,
        kind=TaskEvent.Kind.HEAD_REVIEW_REQUESTED,
        actor=actor,
        at=now,
        data={"report_id": report_id, "attachments": attachments},
        note=task.completion_note[:500],
    )
    notify.notify_users(
        users=notify.agency_heads(task.lead_id),
        kind=Notification.Kind.SUBMITTED,
        title="Báo cáo hoàn thành chờ lãnh đạo cơ quan duyệt",
        body=task.action[:300],
        task=task,
    )


def record_submission(*, task: Task, actor, submitted_by, now: dt.datetime, data: dict) -> None:
    """The completion reaches the office's queue: the `submitted` event the history replays."""
    task.submitted_at = now
    task.submitted_by = submitted_by
    task.full_clean()
    task.save(
        update_fields=[
            "submitted_at",
            "submitted_by",
            "completion_note",
            "head_review_since",
            "head_review_by",
            "updated_at",
        ]
    )
    task_event_record(
        task=task,
        kind=TaskEvent.Kind.SUBMITTED,
        actor=actor,
        at=now,
        data={"submitted_at": now, **data},
        note=task.completion_note[:500],
    )
    notify.notify_users(
        users=notify.office_people(),
        kind=Notification.Kind.SUBMITTED,
        title=f"{task.lead.name} báo cáo hoàn thành, chờ xác nhận",
        body=task.action[:300],
        task=task,
    )


def task_approve_submission(*, task: Task, actor) -> Task:
    """The head signs off the officer's completion: it goes to the office's verification queue."""
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.APPROVE_SUBMISSION)
        now = timezone.now()
        officer = task.head_review_by
        task_event_record(
            task=task, kind=TaskEvent.Kind.HEAD_APPROVED, actor=actor, at=now, data={"submitted_by": _person(officer)}
        )
        task.head_review_since = None
        task.head_review_by = None
        record_submission(task=task, actor=actor, submitted_by=officer, now=now, data={"approved_by": _person(actor)})
    return task


def task_return_submission(*, task: Task, actor, reason: str) -> Task:
    """The head sends the officer's completion back with a reason; the office never saw it."""
    reason = reason.strip()
    if not reason:
        refuse("Hãy ghi lý do trả lại.", "reason_required")
    with transaction.atomic():
        task = lock_task(task)
        require_action(actor, task, Action.RETURN_SUBMISSION)
        officer = task.head_review_by
        now = timezone.now()
        task.head_review_since = None
        task.head_review_by = None
        task.full_clean()
        task.save(update_fields=["head_review_since", "head_review_by", "updated_at"])
        task_event_record(task=task, kind=TaskEvent.Kind.HEAD_RETURNED, actor=actor, at=now, data={"reason": reason})
        notify.notify_users(
            users=[officer] if officer is not None else notify.agency_people(task.lead),
            kind=Notification.Kind.TASK_RETURNED,
            title="Lãnh đạo cơ quan trả lại báo cáo hoàn thành",
            body=reason[:300],
            task=task,
        )
    return task
