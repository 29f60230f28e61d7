"""What must never happen is refused by the database itself, whatever code writes the row (and
what it derives, it keeps right the same way)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from agencies.models import Membership
from directives.models import Task, TaskCoordination
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_date_kind_needs_a_due_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(deadline_kind="date", due_date=None, original_due_date=None)


def test_recurring_needs_a_period():
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(deadline_kind="recurring", recurrence="", due_date=None, original_due_date=None)


def test_lead_cannot_also_coordinate():
    task = TaskFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskCoordination.objects.create(task=task, agency=task.lead, lead=task.lead)


def test_agency_coordinates_a_task_once():
    task = TaskFactory()
    other = AgencyFactory()
    TaskCoordination.objects.create(task=task, agency=other, lead=task.lead)
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskCoordination.objects.create(task=task, agency=other, lead=task.lead)


def test_one_membership_per_user_and_agency():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, agency=membership.agency, role=Membership.Role.HEAD)


def test_completion_needs_verification():
    import datetime as dt

    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(completed_on=dt.date(2021, 6, 30), verified_at=None)


def test_the_stored_due_month_follows_the_due_date_however_it_is_written():
    """Task.due_month (migration 0020) is computed by the database: a save, a queryset update
    and a task without a date all keep it right, on SQLite and on PostgreSQL."""
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    assert Task.objects.get(pk=task.pk).due_month == dt.date(2021, 6, 1)
    task.due_date = dt.date(2022, 1, 31)
    task.save()
    assert Task.objects.get(pk=task.pk).due_month == dt.date(2022, 1, 1)
    Task.objects.filter(pk=task.pk).update(due_date=dt.date(2024, 2, 29))
    assert Task.objects.get(pk=task.pk).due_month == dt.date(2024, 2, 1)
    Task.objects.filter(pk=task.pk).update(due_date=None, deadline_kind="none")
    assert Task.objects.get(pk=task.pk).due_month is None
