"""Who an agency's digest reaches once its head has assigned the tasks: the person in charge (and
the agency's address, as always); once a task is overdue, the agency's heads too. While a task
of the digest has nobody in charge, every person of the agency, as before assignment existed."""

import datetime as dt

import pytest
from django.core import mail

from agencies.models import Membership
from directives.models import Digest, Notification
from directives.reminders import delivery
from directives.reminders.sweep import sweep
from directives.tasks.workflow import task_assign_handlers
from tests.directives.reminders.conftest import local
from tests.factories import MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

EVE = local(2021, 6, 25)
OVERDUE = local(2021, 6, 28)


@pytest.fixture
def people(health_dept):
    def member(username, role=Membership.Role.OFFICER):
        user = UserFactory(username=username, email=f"{username}@soyte.example")
        MembershipFactory(user=user, agency=health_dept, role=role)
        return user

    return {
        "in_charge": member("chutri"),
        "assisting": member("phoihop"),
        "head": member("giamdoc", Membership.Role.HEAD),
        "deputy": member("phogiamdoc", Membership.Role.DEPUTY),
    }


@pytest.fixture
def plan(health_dept):
    return TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26), action="Ban hành kế hoạch của ngành")


def assign(task, people):
    task_assign_handlers(
        task=task, actor=people["head"], in_charge=people["in_charge"], assisting=[people["assisting"]]
    )


def delivered_to(agency, at) -> set[str]:
    sweep(at=at)
    digest = Digest.objects.get(agency=agency, day=at.date())
    assert delivery.deliver(digest.pk, now=at).result == delivery.SENT
    return set(mail.outbox[-1].to)


def test_before_assignment_everyone_of_the_agency_is_reminded(plan, health_dept, people):
    assert delivered_to(health_dept, EVE) == {health_dept.email} | {
        f"{u}@soyte.example" for u in ("chutri", "phoihop", "giamdoc", "phogiamdoc")
    }


def test_an_assigned_task_reminds_the_person_in_charge_and_the_agency_address(plan, health_dept, people):
    assign(plan, people)
    assert delivered_to(health_dept, EVE) == {health_dept.email, "chutri@soyte.example"}
    bells = set(Notification.objects.filter(kind="reminder").values_list("recipient__username", flat=True))
    assert bells == {"chutri"}


def test_once_overdue_the_heads_hear_too(plan, health_dept, people):
    assign(plan, people)
    assert delivered_to(health_dept, OVERDUE) == {
        health_dept.email,
        "chutri@soyte.example",
        "giamdoc@soyte.example",
        "phogiamdoc@soyte.example",
    }


def test_a_digest_with_a_task_nobody_handles_goes_to_everyone(plan, health_dept, people):
    assign(plan, people)
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26), action="Việc chưa phân công")
    assert "phoihop@soyte.example" in delivered_to(health_dept, EVE)


def test_a_reassigned_task_reminds_the_new_person_in_charge(plan, health_dept, people):
    assign(plan, people)
    task_assign_handlers(task=plan, actor=people["head"], in_charge=people["assisting"])
    assert delivered_to(health_dept, EVE) == {health_dept.email, "phoihop@soyte.example"}


def test_a_coordinating_agency_reminds_its_own_person_in_charge(plan, health_dept, ict_dept, people):
    ict_officer = UserFactory(username="tttt", email="tttt@tttt.example")
    MembershipFactory(user=ict_officer, agency=ict_dept)
    ict_head = UserFactory(username="gd-tttt", email="gd@tttt.example")
    MembershipFactory(user=ict_head, agency=ict_dept, role=Membership.Role.HEAD)
    task = TaskFactory(lead=health_dept, coordinating=[ict_dept], due_date=dt.date(2021, 6, 26))
    task_assign_handlers(task=task, actor=ict_head, in_charge=ict_officer)
    assert delivered_to(ict_dept, EVE) == {ict_dept.email, "tttt@tttt.example"}
