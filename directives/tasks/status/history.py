"""A task's outcome recomputed from its history alone: the Python twin of the past-day rules.

Leaders rank agencies on figures that must be reproducible from the TaskEvent rows, so this
replays the events (as the data contract in directives/models/task.py writes them) into the
facts that decide a status, then applies the same rules (today.compute_status). The replay is
pure: it takes event-like objects (kind, at, data) and never queries the database.
`disagreements` runs it over the database against the predicates the reports count with
(`manage.py check_history`).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

from django.utils import timezone

from directives.models import Task, TaskEvent
from directives.tasks.status.asof import published_as_of_q, status_as_of_expression, with_due_on
from directives.tasks.status.today import TaskStatus, compute_status


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moves_due_date(kind: str, data: dict) -> bool:
    """An approved extension, the one event that moves a due date: {"due_date": {"before", "after"}}."""
    return kind == "extension_decided" and data.get("decision") == "approved"


def facts_from_events(events: Iterable, on: dt.date | None = None) -> SimpleNamespace:
    """The status-deciding facts as they stood at the end of day `on` (default: all events)."""
    facts = SimpleNamespace(due_date=None, submitted_at=None, completed_on=None, cancelled_at=None)
    for event in sorted(events, key=lambda e: (e.at, getattr(e, "id", 0) or 0)):
        if on is not None and timezone.localdate(event.at) > on:
            break
        data = event.data or {}
        kind = event.kind
        if kind in ("created", "published") and "due_date" in data:
            facts.due_date = _date(data["due_date"])
        elif _moves_due_date(kind, data):
            facts.due_date = _date(data["due_date"]["after"])
        elif kind == "submitted":
            facts.submitted_at = dt.datetime.fromisoformat(data["submitted_at"])
        elif kind == "returned":
            facts.submitted_at = None
        elif kind == "verified":
            facts.completed_on = _date(data["completed_on"])
        elif kind in ("cancelled", "superseded"):
            facts.cancelled_at = event.at
    return facts


def outcome_from_events(events: Iterable, on: dt.date | None = None) -> TaskStatus:
    """The task's status on day `on` (default today), from its events only."""
    return compute_status(facts_from_events(events, on), on)


def disagreements(day: dt.date, *, batch_size: int = 2000) -> Iterator[tuple[int, str, TaskStatus]]:
    """(task id, status from the stored facts, status from the history) of every task published by
    `day` whose two statuses on `day` differ. Streams by id in batches: two queries per batch."""
    stored = (
        with_due_on(Task.objects.filter(published_as_of_q(day)), day)
        .annotate(stored=status_as_of_expression(day))
        .order_by("id")
        .values_list("id", "stored")
    )
    last_id = 0
    while rows := list(stored.filter(id__gt=last_id)[:batch_size]):
        last_id = rows[-1][0]
        events = defaultdict(list)
        for event in TaskEvent.objects.filter(task_id__in=[pk for pk, _ in rows]).only("task_id", "kind", "at", "data"):
            events[event.task_id].append(event)
        for task_id, status in rows:
            replayed = outcome_from_events(events[task_id], on=day)
            if replayed != status:
                yield task_id, status, replayed
