"""Facts the reports read fast: the due date changes of each task.

Why a DueDateChange table: a report for a past day must use the due date *in force on that
day*. The history (TaskEvent "extension_decided", approved) is the source of truth, but reading
JSON out of millions of events on every dashboard request is slow. Each approved decision is
copied here, one narrow row per change, by a listener on TaskEvent (so it does not matter which
service writes the event) and by `due_date_changes_rebuild()` for events written in bulk. The
due date in force on day D is then the task's current due date, unless a change was decided
after D: then it is the `before` of the earliest such change (see directives.tasks.status.asof),
which `previous_decided_at` lets the database find with a plain join instead of a subquery per task.
"""

from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver

from directives.models.task import Task, TaskEvent


def _parse_date(value):
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class DueDateChange(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="due_date_changes")
    # One row per approved extension event; unique so the listener and the rebuild never double it.
    event = models.OneToOneField(TaskEvent, on_delete=models.CASCADE, related_name="due_date_change")
    decided_at = models.DateTimeField("quyết định lúc")
    before = models.DateField("hạn trước khi gia hạn", null=True, blank=True)
    after = models.DateField("hạn sau khi gia hạn", null=True, blank=True)
    # decided_at of the task's previous change (None for its first): the earliest change after day
    # D is then the only one with decided_at >= D's end > previous_decided_at, so the dashboard
    # joins at most one row per task instead of running a subquery per task.
    previous_decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "thay đổi hạn xử lý"
        verbose_name_plural = "thay đổi hạn xử lý"
        indexes = [
            # The dashboard asks "which tasks had their due date changed after day D" (a small set,
            # hashed once per query) and then "the earliest change after D" for those tasks only.
            models.Index(fields=["decided_at"], name="duechange_decided"),
            models.Index(fields=["task", "decided_at"], name="duechange_task_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"

    @classmethod
    def from_event(cls, event: TaskEvent) -> "DueDateChange | None":
        """The change an event stands for, or None (not an approved extension, or no dates)."""
        if event.kind != TaskEvent.Kind.EXTENSION_DECIDED:
            return None
        data = event.data or {}
        due = data.get("due_date")
        if data.get("decision") != "approved" or not isinstance(due, dict):
            return None
        after = _parse_date(due.get("after"))
        if after is None:
            return None
        return cls(
            task_id=event.task_id, event=event, decided_at=event.at, before=_parse_date(due.get("before")), after=after
        )


@receiver(post_save, sender=TaskEvent, dispatch_uid="due_date_change_from_event")
def _record_due_date_change(sender, instance: TaskEvent, created: bool, raw: bool = False, **kwargs):
    if raw or instance.kind != TaskEvent.Kind.EXTENSION_DECIDED:
        return
    change = DueDateChange.from_event(instance)
    if change is None:
        DueDateChange.objects.filter(event=instance).delete()
        _relink(instance.task_id)
        return
    DueDateChange.objects.update_or_create(
        event=instance,
        defaults={
            "task_id": change.task_id,
            "decided_at": change.decided_at,
            "before": change.before,
            "after": change.after,
        },
    )
    _relink(instance.task_id)


def _relink(task_id: int) -> None:
    """Point each change of a task at the one before it (events may arrive out of order)."""
    previous = None
    for change in DueDateChange.objects.filter(task_id=task_id).order_by("decided_at", "id"):
        if change.previous_decided_at != previous:
            DueDateChange.objects.filter(pk=change.pk).update(previous_decided_at=previous)
        previous = change.decided_at


def due_date_changes_rebuild(*, tasks=None) -> int:
    """Recreate the changes from the history (after a bulk load or a restore). Returns the count."""
    events = TaskEvent.objects.filter(kind=TaskEvent.Kind.EXTENSION_DECIDED)
    existing = DueDateChange.objects.all()
    if tasks is not None:
        events = events.filter(task__in=tasks)
        existing = existing.filter(task__in=tasks)
    existing.delete()
    rows = [
        change
        for event in events.order_by("task_id", "at", "id").iterator(chunk_size=2000)
        if (change := DueDateChange.from_event(event))
    ]
    previous: dict[int, object] = {}
    for change in rows:
        change.previous_decided_at = previous.get(change.task_id)
        previous[change.task_id] = change.decided_at
    DueDateChange.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
