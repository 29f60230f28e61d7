"""The demo's present: on the day it is made, the dashboard looks like a working office's."""

import datetime as dt
import io
from collections import Counter

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from directives.models import ExtensionRequest, Task, TaskEvent
from directives.tasks.status import TaskStatus, compute_status
from directives.tasks.status.history import disagreements
from meetings.models import CONCLUSION_NOTICE, ConclusionNotice

pytestmark = pytest.mark.django_db

# A Wednesday: the week's deadlines fall on both sides of it.
DAY = dt.datetime(2026, 3, 11, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo():
    with time_machine.travel(DAY, tick=False):
        call_command("seed_demo", password="demo", stdout=io.StringIO())
        yield


def present_tasks():
    return Task.objects.filter(conclusion__notice__issued_on__gte=dt.date(2025, 1, 1))


def test_present_has_every_state_an_office_meets(demo):
    today = DAY.date()
    statuses = Counter(compute_status(task, today) for task in present_tasks())
    completed = statuses[TaskStatus.COMPLETED_ON_TIME] + statuses[TaskStatus.COMPLETED_LATE]
    assert statuses[TaskStatus.COMPLETED_ON_TIME] > statuses[TaskStatus.COMPLETED_LATE] > 0
    assert completed * 2 >= sum(statuses.values())  # most are done
    assert statuses[TaskStatus.OVERDUE] >= 2
    assert statuses[TaskStatus.AWAITING_VERIFICATION] >= 2
    week = present_tasks().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=6))
    assert week.count() >= 4
    assert ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING).count() == 1


def test_present_notices_are_numbered_and_dated_in_the_months_before_today(demo):
    notices = ConclusionNotice.objects.filter(issued_on__gte=dt.date(2025, 1, 1), kind__code=CONCLUSION_NOTICE)
    assert notices.count() >= 4
    for notice in notices:
        assert notice.number.endswith("/TB-UBND")
        assert dt.date(2025, 10, 1) <= notice.issued_on < DAY.date()
        assert notice.published_at.date() == notice.issued_on


def test_present_history_is_dated_when_it_happened(demo):
    # A completion is dated the day it was submitted, not the moment the demo was made.
    for task in present_tasks().filter(completed_on__isnull=False):
        submitted = TaskEvent.objects.get(task=task, kind=TaskEvent.Kind.SUBMITTED)
        assert submitted.at.date() == task.completed_on
    extended = present_tasks().exclude(original_due_date=None).exclude(due_date=F("original_due_date"))
    assert extended.count() == 1


def test_demo_officer_inbox_has_work_due_this_week(demo, client):
    client.force_login(get_user_model().objects.get(username="soyte"))
    with time_machine.travel(DAY, tick=False):
        page = client.get(reverse("home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Chờ xác nhận" in text or "chờ xác nhận" in text
    assert "Bảo đảm đủ thuốc" in text


@pytest.mark.parametrize("days_before", [0, 10, 40])
def test_present_figures_agree_with_the_history_on_past_days(demo, days_before):
    # What the dashboard counts for a past day is what the history replays for it.
    with time_machine.travel(DAY, tick=False):
        assert list(disagreements(DAY.date() - dt.timedelta(days=days_before))) == []


def test_the_head_of_so_y_te_has_given_two_tasks_to_its_officer(demo, client):
    """`soyte_truong` heads Sở Y tế; `soyte` finds what they were given under "Việc của tôi"."""
    from agencies.models import Membership
    from directives.models import TaskAssignment

    users = get_user_model().objects
    head, officer = users.get(username="soyte_truong"), users.get(username="soyte")
    assert head.memberships.get().role == Membership.Role.HEAD
    assert TaskAssignment.objects.filter(assigned_by=head, user=officer, ended_at__isnull=True).count() == 2
    with time_machine.travel(DAY, tick=False):
        client.force_login(officer)
        groups = client.get(reverse("my_tasks")).context["groups"]
        assert sum(group.count for group in groups) == 2
        call_command("seed_demo", password="demo", stdout=io.StringIO())  # idempotent
    assert TaskAssignment.objects.count() == 2


def test_present_has_a_plan_a_directive_and_a_letter_without_meetings_directed_by_the_demo_leader(demo):
    leader = get_user_model().objects.get(username="leader")
    documents = ConclusionNotice.objects.filter(meeting__isnull=True, issued_on__gte=dt.date(2025, 1, 1))
    assert sorted(documents.values_list("kind__name", flat=True)) == ["Chỉ thị", "Công văn", "Kế hoạch"]
    for document in documents:
        assert document.leader == leader
        assert document.status == ConclusionNotice.Status.PUBLISHED
        assert document.published_at.date() == document.issued_on < DAY.date()
        assert Task.objects.filter(conclusion__notice=document, published_at__isnull=False).exists()
    # The 2021 history and the present's conclusion notices are nobody's account: the chairs'
    # names are no demo user's.
    assert set(ConclusionNotice.objects.filter(leader=leader)) == set(documents)


def test_the_demo_leader_opens_on_their_own_directives(demo, client):
    leader = get_user_model().objects.get(username="leader")
    client.force_login(leader)
    own = set(Task.objects.filter(conclusion__notice__leader=leader).values_list("pk", flat=True))
    with time_machine.travel(DAY, tick=False):
        mine = client.get(reverse("my_directives"))
        dashboard = client.get(reverse("dashboard"))
        everyone = client.get(reverse("dashboard"), {"leader": ""})
    assert {task.pk for task in mine.context["page"].object_list} == own and len(own) == 7
    assert dashboard.context["mine_by_default"] and dashboard.context["totals"].assigned == 7
    assert everyone.context["totals"].assigned > 7
