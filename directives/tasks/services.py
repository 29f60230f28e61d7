"""Writes of the core: creating tasks (one per agency, even for collective names), recording
history, and telling listeners when a notice's tasks go live. Each service validates, writes in
one transaction and leaves a TaskEvent behind."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, AgencyGroup
from agencies.selectors import agencies_in
from directives.models import Assignment, Task, TaskCoordination, TaskEvent
from meetings.models import Conclusion, ConclusionNotice


def actor_agency_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return ""
    membership = actor.memberships.select_related("agency").first()
    return membership.agency.name if membership else ""


def jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Agency):
        return {"id": value.pk, "name": value.name}
    return value


def task_event_record(
    *,
    task: Task,
    kind: str,
    actor=None,
    changes: dict | None = None,
    data: dict | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> TaskEvent:
    """Append one event to a task's history.

    `changes` maps a field to (before, after); `data` holds kind-specific facts. Dates are kept
    as ISO strings so the history alone is enough to recompute the outcome.
    """
    payload = {key: jsonable(value) for key, value in (data or {}).items()}
    for field, (before, after) in (changes or {}).items():
        payload[field] = {"before": jsonable(before), "after": jsonable(after)}
    return TaskEvent.objects.create(
        task=task,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_agency=actor_agency_name(actor),
        at=at or timezone.now(),
        data=payload,
        note=note,
    )


def _task_facts(task: Task) -> dict:
    return {
        "lead": task.lead,
        "coordinating": [a.name for a in task.coordinating.all()],
        "deadline_kind": task.deadline_kind,
        "recurrence": task.recurrence,
        "due_date": task.due_date,
        "action": task.action,
    }


@transaction.atomic
def task_create(
    *,
    conclusion: Conclusion,
    lead: Agency,
    action: str,
    deadline_kind: str,
    due_date: dt.date | None = None,
    recurrence: str = "",
    coordinating: Iterable[Agency] = (),
    source_text: str = "",
    span: tuple[int, int] | None = None,
    assignment: Assignment | None = None,
    created_by=None,
) -> Task:
    task = Task(
        conclusion=conclusion,
        assignment=assignment,
        lead=lead,
        action=action.strip(),
        deadline_kind=deadline_kind,
        due_date=due_date,
        original_due_date=due_date,
        recurrence=recurrence or "",
        source_text=source_text,
        source_start=span[0] if span else None,
        source_end=span[1] if span else None,
        created_by=created_by,
    )
    if conclusion.notice.status == ConclusionNotice.Status.PUBLISHED:
        task.published_at = timezone.now()
    task.full_clean()
    task.save()
    coordinating = [agency for agency in dict.fromkeys(coordinating) if agency.pk != lead.pk]
    TaskCoordination.objects.bulk_create(
        TaskCoordination(task=task, agency=agency, lead=lead) for agency in coordinating
    )
    task_event_record(task=task, kind=TaskEvent.Kind.CREATED, actor=created_by, data=_task_facts(task))
    if task.published_at:
        task_event_record(task=task, kind=TaskEvent.Kind.PUBLISHED, actor=created_by, data={"due_date": due_date})
    return task


@transaction.atomic
def tasks_assign(
    *,
    conclusion: Conclusion,
    leads: Sequence[Agency | AgencyGroup],
    action: str,
    deadline_kind: str,
    due_date: dt.date | None = None,
    recurrence: str = "",
    coordinating: Iterable[Agency | AgencyGroup] = (),
    lead_text: str = "",
    source_text: str = "",
    span: tuple[int, int] | None = None,
    created_by=None,
) -> list[Task]:
    """Give one action to one or more leads (agencies or groups): one task per agency.

    When the action goes to more than one agency the tasks are linked as one Assignment, so the
    office sees them together while each agency reports, and is late, on its own.
    """
    if not leads:
        raise ValidationError({"lead": "Chọn cơ quan chủ trì."})
    agencies = agencies_in(leads)
    if not agencies:
        raise ValidationError({"lead": "Nhóm cơ quan được chọn chưa có cơ quan nào."})
    coordinating_agencies = agencies_in(coordinating)
    assignment = None
    if len(agencies) > 1 or any(isinstance(lead, AgencyGroup) for lead in leads):
        group = next((lead for lead in leads if isinstance(lead, AgencyGroup)), None)
        assignment = Assignment.objects.create(
            conclusion=conclusion, group=group, lead_text=lead_text or ", ".join(str(lead) for lead in leads)
        )
    return [
        task_create(
            conclusion=conclusion,
            lead=agency,
            action=action,
            deadline_kind=deadline_kind,
            due_date=due_date,
            recurrence=recurrence,
            coordinating=coordinating_agencies,
            source_text=source_text,
            span=span,
            assignment=assignment,
            created_by=created_by,
        )
        for agency in agencies
    ]


# Hooks other parts of directives register to react to publishing (notifications, reminders),
# so this core service does not import them.
_publish_listeners: list = []


def on_notice_published(listener):
    _publish_listeners.append(listener)
    return listener


def notice_published(notice, tasks):
    """Called by the notices' publish service once the tasks are live."""
    for listener in _publish_listeners:
        listener(notice=notice, tasks=tasks)
