"""Reads of meetings for the pages."""

from django.db.models import Count, Q, QuerySet

from agencies.names import normalize
from meetings.models import Meeting


def meetings_search(*, query: str = "") -> QuerySet[Meeting]:
    """Meetings, newest first, whose title, chair or place holds every word of the query
    (accents and case ignored), each with `notice_count`."""
    qs = Meeting.objects.annotate(notice_count=Count("notices"))
    for token in normalize(query).split():
        qs = qs.filter(Q(search_text__contains=token))
    return qs.order_by("-held_on", "-id")
