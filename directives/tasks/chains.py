"""Follow-ups across documents: a task that carries on an earlier document's task.

A later document often says "tiếp tục thực hiện nhiệm vụ tại Thông báo số …". The clerk links
the new task to the earlier one (`Task.continues`, set from the entry form). The earlier task
stays open, with its own history; once the later one is published the figures count the chain
through it (`directives.tasks.status.asof.continued_q`), so a leader never sees one directive
twice. The task page shows the whole chain: `task_chain` reads it, oldest first.
"""

from dataclasses import dataclass

from directives.models import Task
from directives.tasks.access import tasks_visible_to
from directives.tasks.status import TaskStatus, compute_status

# Far beyond any real chain; a bound keeps a page from walking forever on corrupt data.
MAX_LINKS = 50


@dataclass
class ChainLink:
    task: Task
    status: TaskStatus
    is_current: bool


def task_chain(user, task: Task) -> list[ChainLink]:
    """The chain `task` belongs to, oldest first: the tasks it continues, itself, and the
    published tasks that continue it (several when a follow-up went to several agencies). Only
    the tasks `user` may see are listed. Empty when the task is linked to nothing."""
    visible = tasks_visible_to(user).select_related("lead", "conclusion__notice")
    earlier: list[Task] = []
    cursor = task
    seen = {task.pk}
    while cursor.continues_id is not None and cursor.continues_id not in seen and len(earlier) < MAX_LINKS:
        seen.add(cursor.continues_id)
        previous = Task.objects.filter(pk=cursor.continues_id).only("pk", "continues_id").first()
        if previous is None:
            break
        earlier.insert(0, previous)
        cursor = previous
    later: list[Task] = []
    frontier = [task.pk]
    while frontier and len(later) < MAX_LINKS:
        found = [
            pk
            for pk in Task.objects.published().filter(continues__in=frontier).values_list("pk", flat=True)
            if pk not in seen
        ]
        seen.update(found)
        later.extend(found)
        frontier = found
    ids = [t.pk for t in earlier] + later
    if not ids:
        return []
    shown = {t.pk: t for t in visible.filter(pk__in=ids)}
    members = [shown[t.pk] for t in earlier if t.pk in shown] + [task] + [shown[pk] for pk in later if pk in shown]
    return [ChainLink(task=t, status=compute_status(t), is_current=t.pk == task.pk) for t in members]
