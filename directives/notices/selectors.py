"""Reads of notices: who may see which, the list, one notice with its tasks, a draft as data.

Office staff and leaders see every notice (drafts too); an agency's officers see the published
notices that give their agency a task (as lead or coordinating), and only those tasks.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import AgencyGroup
from agencies.roles import agency_ids, sees_everything
from directives.models import Task, TaskCoordination
from directives.notices.services import NOTICE_FIELDS, ConclusionInput, NoticeDraft, TaskInput
from directives.tasks.access import tasks_visible_to
from directives.tasks.status import status_expression
from meetings.models import Conclusion, ConclusionNotice


def notices_visible_to(user) -> QuerySet[ConclusionNotice]:
    qs = ConclusionNotice.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    if not agency_ids(user):
        return qs.none()
    own_tasks = tasks_visible_to(user).filter(conclusion__notice=OuterRef("pk"))
    return qs.filter(status=ConclusionNotice.Status.PUBLISHED).filter(Exists(own_tasks))


def get_notice_for_user(user, pk) -> ConclusionNotice:
    """The notice, if this user may see it; 404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("Không tìm thấy thông báo.") from None
    return get_object_or_404(
        notices_visible_to(user).select_related("meeting", "published_by", "kind", "leader"), pk=pk
    )


def notices_for_list(user) -> QuerySet[ConclusionNotice]:
    """Visible notices, newest first, with `task_count` (the tasks this user may see) and
    `sort_date` (the issue date, or the meeting's while the draft has none)."""
    if sees_everything(user):
        task_count = Count("conclusions__tasks", distinct=True)
    else:
        ids = agency_ids(user)
        task_count = Count(
            "conclusions__tasks",
            filter=Q(conclusions__tasks__lead_id__in=ids) | Q(conclusions__tasks__coordinations__agency_id__in=ids),
            distinct=True,
        )
    return (
        notices_visible_to(user)
        .select_related("meeting", "kind")
        .annotate(task_count=task_count, sort_date=Coalesce("issued_on", "meeting__held_on"))
        .order_by("-sort_date", "-id")
    )


def notice_years(user) -> list[int]:
    """The years the user's notices fall in, newest first (the list's year filter)."""
    years = (
        notices_visible_to(user)
        .annotate(year=ExtractYear(Coalesce("issued_on", "meeting__held_on")))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted({year for year in years if year}, reverse=True)


def notice_issuers(user) -> list[str]:
    """The issuers of the user's documents, by name (the list's issuer filter)."""
    names = notices_visible_to(user).exclude(issuer="").values_list("issuer", flat=True).distinct()
    return sorted(set(names))


def notice_conclusions_for(user, notice: ConclusionNotice) -> list[Conclusion]:
    """The notice's conclusions in order, each with `visible_tasks`: its tasks this user may see,
    with their status, lead and coordinating agencies."""
    tasks = (
        tasks_visible_to(user, Task.objects.filter(conclusion__notice=notice))
        .annotate(status=status_expression())
        .select_related("lead", "assignment")
        .prefetch_related("coordinating")
        .order_by("id")
    )
    visible_tasks = Prefetch("tasks", queryset=tasks, to_attr="visible_tasks")
    return list(notice.conclusions.order_by("order").prefetch_related(visible_tasks))


def notice_draft_of(notice: ConclusionNotice) -> NoticeDraft:
    """A saved notice as the entry form's data, so a draft can be edited and saved again.

    The tasks one directive gave to several agencies (a group or co-leads) share an Assignment:
    they come back as one task input naming the group (or the first lead) and the co-leads.
    """
    fields = {name: getattr(notice, name) for name in NOTICE_FIELDS}
    conclusions = []
    for conclusion in notice.conclusions.order_by("order"):
        coordinations = TaskCoordination.objects.select_related("agency").order_by("id")
        tasks = list(
            conclusion.tasks.select_related("lead", "assignment__group")
            .prefetch_related(Prefetch("coordinations", queryset=coordinations))
            .order_by("id")
        )
        conclusions.append(ConclusionInput(label=conclusion.label, text=conclusion.text, tasks=_task_inputs(tasks)))
    return NoticeDraft(fields=fields, meeting=notice.meeting, conclusions=conclusions)


def _task_inputs(tasks: list[Task]) -> list[TaskInput]:
    batches: dict[object, list[Task]] = {}
    for task in tasks:
        batches.setdefault(task.assignment_id or f"task-{task.pk}", []).append(task)
    inputs = []
    for batch in batches.values():
        first = batch[0]
        assignment = first.assignment
        group: AgencyGroup | None = assignment.group if assignment else None
        leads_in_batch = [task.lead for task in batch]
        if group is not None:
            members = set(group.member_agencies().values_list("pk", flat=True))
            leads = [group]
            co_leads = [lead for lead in leads_in_batch if lead.pk not in members]
        else:
            leads, co_leads = leads_in_batch[:1], leads_in_batch[1:]
        lead_ids = {lead.pk for lead in leads_in_batch}
        coordinating = {}
        for task in batch:
            for coordination in task.coordinations.all():
                if coordination.agency_id not in lead_ids:
                    coordinating.setdefault(coordination.agency_id, coordination.agency)
        span = (first.source_start, first.source_end) if first.source_start is not None else None
        inputs.append(
            TaskInput(
                leads=leads,
                co_leads=co_leads,
                coordinating=list(coordinating.values()),
                action=first.action,
                deadline_kind=first.deadline_kind,
                due_date=first.due_date,
                recurrence=first.recurrence,
                continues=first.continues_id,
                source_text=first.source_text,
                span=span,
                lead_text=assignment.lead_text if assignment else "",
            )
        )
    return inputs
