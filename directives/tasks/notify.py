"""Creating in-product notifications for the people of an agency, or of the office."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import Agency, Membership
from agencies.roles import LEADERS_GROUP, OFFICE_STAFF_GROUP
from directives.models import Notification, Task


def notify_users(*, users: Iterable, kind: str, title: str, body: str = "", task: Task | None = None, url: str = ""):
    if task is not None and not url:
        url = reverse("task_detail", args=[task.pk])
    rows = [
        Notification(recipient=user, kind=kind, task=task, title=title[:255], body=body, url=url)
        for user in dict.fromkeys(users)
    ]
    return Notification.objects.bulk_create(rows)


def agency_people(agency: Agency):
    return get_user_model().objects.filter(memberships__agency=agency, is_active=True).distinct()


def agency_heads(agency_id: int):
    """The active heads and deputies of an agency: they sign off, and hear of overdue work."""
    return (
        get_user_model()
        .objects.filter(memberships__agency_id=agency_id, memberships__role__in=Membership.HEAD_ROLES, is_active=True)
        .distinct()
    )


def office_people():
    return get_user_model().objects.filter(groups__name=OFFICE_STAFF_GROUP, is_active=True).distinct()


def leader_people():
    return get_user_model().objects.filter(groups__name=LEADERS_GROUP, is_active=True).distinct()


def notify_agency(*, agency: Agency, kind: str, title: str, body: str = "", task: Task | None = None, url: str = ""):
    """Tell every officer and head of an agency."""
    return notify_users(users=agency_people(agency), kind=kind, title=title, body=body, task=task, url=url)
