"""Writes of meetings: validated, in one transaction."""

from collections.abc import Iterable

from django.db import transaction

from agencies.models import Agency, AgencyGroup
from agencies.selectors import agencies_in
from meetings.models import Meeting


@transaction.atomic
def meeting_save(*, meeting: Meeting, actor, attending: Iterable[Agency | AgencyGroup] | None = None) -> Meeting:
    """Create (when `meeting` is not saved yet) or update a meeting; `attending` replaces the
    attending agencies when given."""
    if meeting.pk is None and actor is not None and actor.is_authenticated:
        meeting.created_by = actor
    meeting.full_clean()
    meeting.save()
    if attending is not None:
        meeting.attending_agencies.set(agencies_in(attending))
    return meeting
