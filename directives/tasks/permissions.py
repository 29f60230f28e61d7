"""Who may do what to a task they can see (seeing is `directives.tasks.access`).

Only roles here; whether the task's state allows the action is the services' business, so a
forbidden person gets 403 whatever the state, and an allowed person a clear message.
- agency people (officers and heads alike: a head acts on behalf of the officers) report on
  tasks their agency leads or coordinates; only the lead agency submits completion and asks
  for extensions;
- office staff verify, return, cancel, supersede and reassign;
- leaders decide extensions, and office staff too where OFFICE_DECIDES_EXTENSIONS allows.
"""

from django.conf import settings

from agencies.roles import agency_ids, is_leader, is_office_staff
from directives.models import Task


def acting_agency_id(user, task: Task) -> int | None:
    """The agency the user acts for on this task: the lead if they belong to it, else a coordinator."""
    ids = agency_ids(user)
    if task.lead_id in ids:
        return task.lead_id
    coordinating = task.coordinations.filter(agency_id__in=ids).values_list("agency_id", flat=True).first()
    return coordinating


def can_report(user, task: Task) -> bool:
    return task.published_at is not None and acting_agency_id(user, task) is not None


def can_act_as_lead(user, task: Task) -> bool:
    return task.published_at is not None and task.lead_id in agency_ids(user)


def can_verify(user) -> bool:
    return is_office_staff(user)


def can_manage(user) -> bool:
    """Cancel, supersede, reassign the lead."""
    return is_office_staff(user)


def can_decide_extensions(user) -> bool:
    return is_leader(user) or (settings.OFFICE_DECIDES_EXTENSIONS and is_office_staff(user))


def can_see_queues(user) -> bool:
    return is_office_staff(user) or is_leader(user)
