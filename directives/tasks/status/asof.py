"""The status rules on a past day, from facts only, so a report for Q2/2021 is the same next year.

On day D (the whole day, in the office's time zone) a task:
- exists when it was published before the end of D;
- is cancelled when cancelled before the end of D;
- is complete when its completion was verified before the end of D (the completion date is the
  one the office recorded);
- awaits verification when its completion was submitted before the end of D, not verified yet,
  and not returned after that submission before the end of D;
- otherwise is open and not submitted ("working").
Those facts then go through the same rules as today's (today.day_rules), with the due date in
force on D in place of the due_date column.

The due date in force on D is the current due date unless an extension was decided after D: then
it is the `before` of the earliest such decision (directives.models.history.DueDateChange).
For today and for the many tasks never extended this is the due_date column itself; the rows of
changes decided after D are few and the database joins them by hash. The Python twin, from the
history alone, is `history.outcome_from_events`; the tests keep the two in agreement.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, FilteredRelation, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from directives.tasks.status.today import CURRENT_FACTS, TaskStatus, day_rules


def day_end(day: dt.date) -> dt.datetime:
    """The first instant after `day` in the office's time zone: facts strictly before it count."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)


def day_start(day: dt.date) -> dt.datetime:
    return day_end(day - dt.timedelta(days=1))


def is_present(day: dt.date) -> bool:
    """Today or later: no fact is dated after the end of today, so the current columns are the
    facts as of that day, and the plain (index-friendly) predicates are exact."""
    return day >= timezone.localdate()


def with_due_on(queryset, day: dt.date):
    """Annotate `due_on`, the due date in force at the end of `day`; the predicates below need it.

    A LEFT JOIN to the one change per task that was the earliest decided after `day` (the change
    whose previous one, if any, came before the end of the day); tasks never extended after `day`
    keep their due_date column.
    """
    if is_present(day):
        return queryset.annotate(due_on=F("due_date"))
    end = day_end(day)
    later = FilteredRelation(
        "due_date_changes",
        condition=Q(due_date_changes__decided_at__gte=end)
        & (Q(due_date_changes__previous_decided_at__isnull=True) | Q(due_date_changes__previous_decided_at__lt=end)),
    )
    return queryset.alias(change_after=later).annotate(
        due_on=Case(
            When(change_after__id__isnull=False, then=F("change_after__before")),
            default=F("due_date"),
            output_field=models.DateField(),
        )
    )


def due_on_between_q(day: dt.date, first: dt.date, last: dt.date) -> Q:
    """A superset of the tasks whose due date in force on `day` (`due_on`) lies in first..last,
    which the index on due_date serves: those due in the span by their column, plus those whose
    earliest extension decided after `day` had its date before in the span. The latter are read
    here (a handful of ids), so the database combines two index lookups instead of computing
    `due_on` for every task of a period. Exact only together with a filter on `due_on` itself."""
    from directives.models import DueDateChange

    if is_present(day):
        return Q(due_date__range=(first, last))
    end = day_end(day)
    changed = (
        DueDateChange.objects.filter(decided_at__gte=end, before__range=(first, last))
        .filter(Q(previous_decided_at__isnull=True) | Q(previous_decided_at__lt=end))
        .values_list("task_id", flat=True)
    )
    return Q(due_date__range=(first, last)) | Q(pk__in=sorted(set(changed)))


def _facts(day: dt.date) -> dict[str, Q]:
    if is_present(day):
        # The current columns: the same clauses as today's status_q, which the partial indexes serve.
        return CURRENT_FACTS
    end = day_end(day)
    not_cancelled = Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=end)
    completed = Q(completed_on__isnull=False, verified_at__lt=end)
    not_completed = Q(completed_on__isnull=True) | Q(verified_at__isnull=True) | Q(verified_at__gte=end)
    returned_since = Q(returned_at__gte=F("submitted_at"), returned_at__lt=end)
    submitted = Q(submitted_at__lt=end) & ~Q(returned_since)
    return {
        "cancelled": Q(cancelled_at__lt=end),
        "completed": not_cancelled & completed,
        "awaiting": not_cancelled & not_completed & submitted,
        "working": not_cancelled & not_completed & ~submitted,
    }


def status_as_of_q(status: str, day: dt.date) -> Q:
    """The WHERE clause selecting tasks in `status` (a TaskStatus value or a combined figure)
    on `day`. The queryset must carry `due_on` (with_due_on) and be limited to published_as_of_q."""
    rules = day_rules(_facts(day), "due_on", day)
    return rules[status] if status in rules else rules[TaskStatus(status)]


def published_as_of_q(day: dt.date) -> Q:
    # Bounded even today: demo data and imports may carry publication times ahead of the clock.
    return Q(published_at__lt=day_end(day))


# A task is closed by its cancellation or its verified completion, whichever came first; open
# tasks sort after every date. PostgreSQL indexes exactly this expression (migration
# 0004_dashboard, index task_closed_cover), so a period's scope is a range scan of that index.
FAR_FUTURE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


def closed_at_expression():
    cancelled_first = Q(cancelled_at__isnull=False) & (
        Q(verified_at__isnull=True) | Q(cancelled_at__lt=F("verified_at"))
    )
    return Coalesce(
        Case(When(cancelled_first, then=F("cancelled_at")), default=F("verified_at")),
        Value(FAR_FUTURE),
        output_field=models.DateTimeField(),
    )


# Up to this many tasks carried on, their ids are read first and left out by id.
CONTINUED_IDS_LIMIT = 2000


def continued_q(queryset, end: dt.date | None) -> Q | Exists:
    """Tasks carried on by a later document's task (`continues`) published before the end of
    `end` (any published one when None): a chain is counted once, through its latest member.

    Follow-ups are few, so their ids are read first (from the index on continues_id) and left out
    by id; with none, the clause disappears. Checking every task of a period for a follow-up
    instead cost a page ~15 % of its figures query at a million tasks. Past the limit, the
    database checks each task (NOT EXISTS) rather than receive a long list."""
    later = queryset.model.objects.filter(continues__isnull=False, published_at__isnull=False)
    if end is not None:
        later = later.filter(published_at__lt=day_end(end))
    ids = list(later.order_by().values_list("continues_id", flat=True).distinct()[: CONTINUED_IDS_LIMIT + 1])
    if len(ids) <= CONTINUED_IDS_LIMIT:
        return Q(pk__in=ids)
    return Exists(later.filter(continues=OuterRef("pk")))


def active_in_period_q(queryset, start: dt.date | None, end: dt.date | None, day: dt.date | None = None):
    """Tasks that belong to a period's report: assigned before its end, not already closed
    (verified complete or cancelled) before its start, and not carried on by a task published
    by the end of the report day `day` (or of the period): the chain counts once, through the
    later task."""
    until = min((d for d in (end, day) if d is not None), default=None)
    queryset = queryset.filter(published_at__isnull=False).exclude(continued_q(queryset, until))
    if end is not None:
        queryset = queryset.filter(published_at__lt=day_end(end))
    if start is not None:
        queryset = queryset.alias(closed_at=closed_at_expression()).filter(closed_at__gte=day_start(start))
    return queryset


def status_as_of_expression(day: dt.date) -> Case:
    """The status of each row on `day` (needs `due_on`)."""
    order = [
        TaskStatus.CANCELLED,
        TaskStatus.COMPLETED_ON_TIME,
        TaskStatus.COMPLETED_LATE,
        TaskStatus.AWAITING_VERIFICATION,
        TaskStatus.NO_DEADLINE,
        TaskStatus.OVERDUE,
        TaskStatus.DUE_SOON,
    ]
    return Case(
        *(When(status_as_of_q(status, day), then=Value(status.value)) for status in order),
        default=Value(TaskStatus.IN_PROGRESS.value),
        output_field=models.CharField(),
    )
