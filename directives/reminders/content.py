"""What a digest says, and to whom: the same words for every channel.

The templates are plain text where the text is plain (subjects, the webhook's `text`): they are
rendered without HTML escaping, so "Sở TT&TT" stays "Sở TT&TT" and not "Sở TT&amp;TT".
"""

from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string

from directives.models import Digest, ReminderItem, Task, TaskAssignment
from directives.tasks.inbox import overdue_tasks
from directives.tasks.notify import agency_heads, agency_people, leader_people, office_people
from directives.tasks.status import TaskStatus, days_overdue_on, status_q

# The order of the sections of an agency's digest: the most urgent first.
SECTIONS = [
    (ReminderItem.Kind.OVERDUE, "Quá hạn"),
    (ReminderItem.Kind.DUE_TODAY, "Đến hạn hôm nay"),
    (ReminderItem.Kind.BEFORE, "Sắp đến hạn"),
    (ReminderItem.Kind.RECURRING, "Chưa báo cáo kỳ này (định kỳ)"),
    (ReminderItem.Kind.ONGOING, "Nhiệm vụ thường xuyên: đề nghị báo cáo tiến độ"),
    (ReminderItem.Kind.VERIFICATION, "Chờ xác nhận quá hạn xử lý"),
]


def _task_url(task_id: int) -> str:
    return f"{settings.SITE_URL}/tasks/{task_id}/"


def _item_row(item: ReminderItem) -> dict:
    task = item.task
    return {
        "task_id": task.pk,
        "action": task.action,
        "url": _task_url(task.pk),
        "notice": task.conclusion.notice.number_display,
        "role": item.get_role_display(),
        "lead": task.lead.name,
        "due_date": item.due_date,
        "days_left": item.offset if item.kind == ReminderItem.Kind.BEFORE else None,
        "days_overdue": item.offset if item.kind == ReminderItem.Kind.OVERDUE else None,
        "submitted_at": task.submitted_at,
        "chased_today": item.kind == ReminderItem.Kind.OVERDUE,
    }


def _overdue_rows(digest: Digest, items: list[ReminderItem]) -> list[dict]:
    """Every overdue task of the agency, as its inbox's "Quá hạn" group lists them, the ones
    chased today marked: the chase of an overdue task thins out after a week, but the mail must
    not tell an agency it has one late task while its inbox shows five."""
    chased = {item.task_id: item for item in items if item.kind == ReminderItem.Kind.OVERDUE}
    rows = []
    for task in overdue_tasks([digest.agency_id], digest.day):
        item = chased.pop(task.pk, None)
        if item is not None:
            rows.append(_item_row(item))
            continue
        lead = task.lead_id == digest.agency_id
        role = ReminderItem.Role.LEAD if lead else ReminderItem.Role.COORDINATING
        rows.append(
            {
                "task_id": task.pk,
                "action": task.action,
                "url": _task_url(task.pk),
                "notice": task.conclusion.notice.number_display,
                "role": role.label,
                "lead": task.lead.name,
                "due_date": task.due_date,
                "days_left": None,
                "days_overdue": days_overdue_on(task.due_date, digest.day),
                "submitted_at": task.submitted_at,
                "chased_today": False,
            }
        )
    # A task chased today that the inbox shows in another group (sent back by the office) is
    # still said, after the others.
    return rows + [_item_row(item) for item in chased.values()]


def _summary(digest: Digest, context: dict) -> dict:
    overdue = (
        Task.objects.filter(published_at__isnull=False)
        .filter(status_q(TaskStatus.OVERDUE, digest.day))
        .select_related("lead", "conclusion__notice")
        .order_by("lead__name", "due_date", "id")
    )
    agencies = defaultdict(list)
    for task in overdue:
        agencies[task.lead.name].append(
            {
                "task_id": task.pk,
                "action": task.action,
                "url": _task_url(task.pk),
                "notice": task.conclusion.notice.number_display,
                "due_date": task.due_date,
                "days_overdue": days_overdue_on(task.due_date, digest.day),
            }
        )
    context["agencies"] = [{"name": name, "tasks": tasks} for name, tasks in agencies.items()]
    context["count"] = sum(len(tasks) for tasks in agencies.values())
    return context


def digest_content(digest: Digest) -> dict:
    """Everything the templates and the channels say about a digest."""
    context = {"digest": digest, "day": digest.day, "recipient": digest.recipient_label, "site_url": settings.SITE_URL}
    if digest.kind == Digest.Kind.SUMMARY:
        return _summary(digest, context)
    items = list(digest.items.select_related("task__lead", "task__conclusion__notice").order_by("due_date", "task_id"))
    by_kind = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(_item_row(item))
    if digest.kind == Digest.Kind.AGENCY:
        by_kind[ReminderItem.Kind.OVERDUE] = _overdue_rows(digest, items)
    context["sections"] = [
        {"kind": kind, "title": title, "rows": by_kind[kind]} for kind, title in SECTIONS if by_kind[kind]
    ]
    context["count"] = len({row["task_id"] for section in context["sections"] for row in section["rows"]})
    return context


def template_name(digest: Digest) -> str:
    return f"emails/reminder_{digest.kind}"


def subject(digest: Digest, content: dict) -> str:
    """The one-line title of a digest, as plain text (the subject templates turn escaping off)."""
    return " ".join(render_to_string(f"{template_name(digest)}.subject.txt", content).split())


def people(digest: Digest) -> list:
    """Who a digest reaches (the e-mail adds the agency's own address; the bell rings for them)."""
    if digest.kind == Digest.Kind.AGENCY:
        return _agency_people(digest)
    if digest.kind == Digest.Kind.VERIFICATION:
        return list(office_people())
    return list({user.pk: user for user in [*leader_people(), *office_people()]}.values())


def _agency_people(digest: Digest) -> list:
    """An agency's digest goes to the person in charge of each of its tasks, and once a task is
    overdue to the agency's heads as well. While any task of the digest has nobody in charge in
    the agency, it goes to all the agency's people, as before tasks were assigned inside agencies."""
    items = list(digest.items.values_list("task_id", "kind"))
    task_ids = {task_id for task_id, _ in items}
    in_charge = (
        TaskAssignment.objects.filter(
            task_id__in=task_ids,
            agency_id=digest.agency_id,
            role=TaskAssignment.Role.IN_CHARGE,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("assigned_at", "id")
    )
    handlers = {row.task_id: row.user for row in in_charge}
    if not task_ids or set(handlers) != task_ids:
        return list(agency_people(digest.agency))
    people = {user.pk: user for user in handlers.values()}
    if any(kind == ReminderItem.Kind.OVERDUE for _, kind in items):
        people |= {user.pk: user for user in agency_heads(digest.agency_id)}
    return list(people.values())
