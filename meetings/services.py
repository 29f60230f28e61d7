"""Writes of meetings: validated, in one transaction."""

from collections.abc import Iterable

from django.db import transaction

from agencies.models import Agency, AgencyGroup
from meetings.models import Meeting


def _agencies(items: Iterable[Agency | AgencyGroup]) -> list[Agency]:
    """Each agency once; a group stands for each of its members."""
    agencies: dict[int, Agency] = {}
    for item in items:
        for agency in item.member_agencies() if isinstance(item, AgencyGroup) else [item]:
            agencies.setdefault(agency.pk, agency)
    return list(agencies.values())


@transaction.atomic
def meeting_save(*, meeting: Meeting, actor, attending: Iterable[Agency | AgencyGroup] | None = None) -> Meeting:
    """Create (when `meeting` is not saved yet) or update a meeting; `attending` replaces the
    attending agencies when given."""
    if meeting.pk is None and actor is not None and actor.is_authenticated:
        meeting.created_by = actor
    meeting.full_clean()
    meeting.save()
    if attending is not None:
        meeting.attending_agencies.set(_agencies(attending))
    return meeting
