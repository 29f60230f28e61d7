"""A task's outcome recomputed from its history alone.

Leaders rank agencies on figures that must be reproducible from the TaskEvent rows, so this
replays the events (as the data contract in directives/models/task.py writes them) into the
facts that decide a status, then applies the same rules as directives.tasks.status. Pure: it takes
event-like objects (kind, at, data) and never queries the database.
"""

import datetime as dt
from collections.abc import Iterable
from types import SimpleNamespace

from django.utils import timezone

from directives.tasks.status.today import TaskStatus, compute_status


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _moves_due_date(kind: str, data: dict) -> bool:
    """An office edit of the due date, or an approved extension: {"due_date": {"before", "after"}}."""
    if kind == "updated":
        return isinstance(data.get("due_date"), dict)
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
