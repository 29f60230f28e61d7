"""Reads of the reminder log: who may see which digests and which skipped reminders."""

from django.db.models import Count, Q, QuerySet

from agencies.roles import agency_ids, sees_everything
from directives.models import Digest, ReminderItem


def digests_visible_to(user) -> QuerySet[Digest]:
    """Office staff and leaders see every digest; an agency's people see their agency's."""
    qs = Digest.objects.select_related("agency").annotate(task_count=Count("items", filter=Q(items__skipped_reason="")))
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    ids = agency_ids(user)
    return qs.filter(agency_id__in=ids) if ids else qs.none()


def digest_items(digest: Digest) -> QuerySet[ReminderItem]:
    return digest.items.select_related("task__lead", "task__conclusion__notice").order_by("kind", "due_date", "task_id")


def skipped_items(user, *, day=None) -> QuerySet[ReminderItem]:
    """Reminders that were due and not sent, with why: office staff and leaders see all (the
    office's own included), an agency's people their agency's."""
    qs = (
        ReminderItem.objects.filter(digest__isnull=True)
        .select_related("task", "agency")
        .order_by("-day", "agency__name", "task_id")
    )
    if day:
        qs = qs.filter(day=day)
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    ids = agency_ids(user)
    return qs.filter(agency_id__in=ids) if ids else qs.none()
