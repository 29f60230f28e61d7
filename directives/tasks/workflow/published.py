"""Tell each agency about its new tasks when a notice is published (the bell's "Nhiệm vụ mới")."""

from collections import defaultdict

from directives.models import Notification, TaskCoordination
from directives.tasks import notify
from directives.tasks.services import on_notice_published


@on_notice_published
def notify_new_tasks(*, notice, tasks) -> None:
    # One notification per person and task; a notice of 500 tasks makes one INSERT per agency.
    by_agency = defaultdict(list)
    for task in tasks:
        by_agency[task.lead].append((task, "chủ trì"))
    for coordination in TaskCoordination.objects.filter(task__in=tasks).select_related("agency", "task"):
        by_agency[coordination.agency].append((coordination.task, "phối hợp"))
    for agency, items in by_agency.items():
        people = list(notify.agency_people(agency))
        if not people:
            continue
        for task, role in items:
            notify.notify_users(
                users=people,
                kind=Notification.Kind.TASK_ASSIGNED,
                title=f"Nhiệm vụ mới ({role}) – Thông báo {notice.number or 'chưa có số'}",
                body=task.action[:300],
                task=task,
            )
