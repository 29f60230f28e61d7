"""Inside an agency: the head gives a task to its people, and signs off an officer's completion
before the office sees it, where the agency requires that. Through the real services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import Membership
from directives.models import Notification, Task, TaskAssignment, TaskEvent
from directives.tasks import status as st
from directives.tasks.inbox import tasks_awaiting_verification
from directives.tasks.status.asof import status_as_of_expression, with_due_on
from directives.tasks.status.history import outcome_from_events
from directives.tasks.workflow import (
    extension_request,
    task_approve_submission,
    task_assign_handlers,
    task_return_submission,
    task_submit_completion,
    task_verify,
)
from tests.directives.conftest import at
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_officer(health_dept):
    return MembershipFactory(user=UserFactory(username="soyte-2", first_name="Lan"), agency=health_dept).user


@pytest.fixture
def ict_head(ict_dept):
    return MembershipFactory(user=UserFactory(username="gd-tttt"), agency=ict_dept, role=Membership.Role.HEAD).user


@pytest.fixture
def signing_off(health_dept):
    health_dept.requires_head_approval = True
    health_dept.save()
    return health_dept


def name(user) -> str:
    return user.get_full_name() or user.username


def current(task):
    return {
        (row.user.username, row.role)
        for row in TaskAssignment.objects.filter(task=task, ended_at__isnull=True).select_related("user")
    }


# --- Assignment ------------------------------------------------------------------------------------


def test_the_head_assigns_one_in_charge_and_others_assisting(
    task, health_dept_head, health_dept_officer, second_officer
):
    with at(25):
        rows = task_assign_handlers(
            task=task,
            actor=health_dept_head,
            in_charge=health_dept_officer,
            assisting=[second_officer],
            note="Tham mưu dự thảo kế hoạch",
            internal_due_on=dt.date(2021, 6, 28),
        )
    assert {(r.user, r.role) for r in rows} == {
        (health_dept_officer, "in_charge"),
        (second_officer, "assisting"),
    }
    assert all(r.internal_due_on == dt.date(2021, 6, 28) and r.note == "Tham mưu dự thảo kế hoạch" for r in rows)
    event = task.events.get(kind=TaskEvent.Kind.HANDLERS_ASSIGNED)
    assert event.actor == health_dept_head
    assert event.data["in_charge"] == {
        "before": None,
        "after": {"id": health_dept_officer.pk, "name": name(health_dept_officer)},
    }
    assert event.data["agency"]["name"] == "Sở Y tế"
    assert Notification.objects.filter(recipient=health_dept_officer, kind="task_assigned", task=task).exists()
    assert Notification.objects.filter(recipient=second_officer, kind="task_assigned", task=task).exists()


def test_a_deputy_assigns_too(task, health_dept, health_dept_officer):
    deputy = MembershipFactory(user=UserFactory(username="pgd"), agency=health_dept, role=Membership.Role.DEPUTY).user
    with at(25):
        task_assign_handlers(task=task, actor=deputy, in_charge=health_dept_officer)
    assert current(task) == {("soyte", "in_charge")}


def test_reassigning_ends_the_old_rows_and_keeps_them(task, health_dept_head, health_dept_officer, second_officer):
    with at(25):
        task_assign_handlers(task=task, actor=health_dept_head, in_charge=health_dept_officer)
    with at(26):
        task_assign_handlers(
            task=task, actor=health_dept_head, in_charge=second_officer, assisting=[health_dept_officer]
        )
    assert current(task) == {("soyte-2", "in_charge"), ("soyte", "assisting")}
    ended = TaskAssignment.objects.get(task=task, ended_at__isnull=False)
    assert (ended.user, ended.role) == (health_dept_officer, "in_charge")
    assert ended.ended_at == dt.datetime(2021, 6, 26, 3, tzinfo=dt.UTC)
    last = task.events.filter(kind=TaskEvent.Kind.HANDLERS_ASSIGNED).last()
    assert last.data["in_charge"]["before"]["name"] == name(health_dept_officer)
    assert last.data["in_charge"]["after"]["name"] == name(second_officer)
    assert [p["name"] for p in last.data["assisting"]["after"]] == [name(health_dept_officer)]


def test_the_internal_due_date_may_not_pass_the_tasks(task, health_dept_head, health_dept_officer):
    with at(25), pytest.raises(ValidationError, match="không được sau hạn của nhiệm vụ \\(30/06/2021\\)"):
        task_assign_handlers(
            task=task, actor=health_dept_head, in_charge=health_dept_officer, internal_due_on=dt.date(2021, 7, 1)
        )
    assert not TaskAssignment.objects.exists()
    assert not task.events.filter(kind=TaskEvent.Kind.HANDLERS_ASSIGNED).exists()


def test_the_internal_due_date_may_be_the_tasks_own(task, health_dept_head, health_dept_officer):
    with at(25):
        task_assign_handlers(
            task=task, actor=health_dept_head, in_charge=health_dept_officer, internal_due_on=dt.date(2021, 6, 30)
        )
    assert TaskAssignment.objects.get().internal_due_on == dt.date(2021, 6, 30)


def test_only_the_agencys_people_may_be_assigned(task, health_dept_head, ict_dept_officer, health_dept_officer):
    with at(25), pytest.raises(ValidationError, match="không thuộc cơ quan"):
        task_assign_handlers(
            task=task, actor=health_dept_head, in_charge=health_dept_officer, assisting=[ict_dept_officer]
        )
    assert not TaskAssignment.objects.exists()


def test_the_coordinating_agencys_head_assigns_within_their_agency(task, ict_head, ict_dept_officer, ict_dept):
    with at(25):
        rows = task_assign_handlers(task=task, actor=ict_head, in_charge=ict_dept_officer)
    assert rows[0].agency == ict_dept


@pytest.mark.parametrize("who", ["health_dept_officer", "ict_dept_officer", "unrelated_head", "office_clerk"])
def test_no_one_but_a_head_of_the_tasks_agencies_assigns(request, task, health_dept_officer, who, unrelated_dept):
    if who == "unrelated_head":
        actor = MembershipFactory(user=UserFactory(), agency=unrelated_dept, role=Membership.Role.HEAD).user
    else:
        actor = request.getfixturevalue(who)
    with at(25), pytest.raises(PermissionDenied):
        task_assign_handlers(task=task, actor=actor, in_charge=health_dept_officer)
    assert not TaskAssignment.objects.exists()


def test_the_database_refuses_two_people_in_charge(task, health_dept, health_dept_officer, second_officer):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    TaskAssignment.objects.create(
        task=task, agency=health_dept, user=health_dept_officer, role="in_charge", assigned_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskAssignment.objects.create(
            task=task, agency=health_dept, user=second_officer, role="in_charge", assigned_at=timezone.now()
        )


# --- The head signs off ----------------------------------------------------------------------------


def test_without_the_setting_a_completion_goes_straight_to_the_office(task, health_dept_officer):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    task.refresh_from_db()
    assert task.submitted_at is not None and task.head_review_since is None
    assert list(tasks_awaiting_verification()) == [task]


def test_with_the_setting_an_officers_completion_waits_for_the_head(
    task, signing_off, health_dept_officer, health_dept_head, office_clerk
):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã ban hành kế hoạch")
    task.refresh_from_db()
    assert task.submitted_at is None
    assert task.head_review_since == dt.datetime(2021, 6, 29, 3, tzinfo=dt.UTC)
    assert task.head_review_by == health_dept_officer
    assert task.completion_note == "Đã ban hành kế hoạch"
    assert list(tasks_awaiting_verification()) == []
    assert task.events.last().kind == TaskEvent.Kind.HEAD_REVIEW_REQUESTED
    assert Notification.objects.filter(recipient=health_dept_head, task=task).exists()
    assert not Notification.objects.filter(recipient=office_clerk, kind="submitted").exists()


def test_the_head_approves_and_the_completion_reaches_the_office(
    task, signing_off, health_dept_officer, health_dept_head, office_clerk
):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    with at(30):
        task_approve_submission(task=task, actor=health_dept_head)
    task.refresh_from_db()
    assert task.submitted_at == dt.datetime(2021, 6, 30, 3, tzinfo=dt.UTC)
    assert task.submitted_by == health_dept_officer
    assert task.head_review_since is None
    assert list(tasks_awaiting_verification()) == [task]
    kinds = list(task.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["head_review_requested", "head_approved", "submitted"]
    assert Notification.objects.filter(recipient=office_clerk, kind="submitted", task=task).exists()
    with at(30):
        task_verify(task=task, actor=office_clerk)
    task.refresh_from_db()
    assert task.completed_on == dt.date(2021, 6, 30)


def test_the_head_sends_it_back_with_a_reason(task, signing_off, health_dept_officer, health_dept_head):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    with at(29, hour=5):
        task_return_submission(task=task, actor=health_dept_head, reason="Bổ sung số liệu quý II")
    task.refresh_from_db()
    assert task.head_review_since is None and task.submitted_at is None
    event = task.events.last()
    assert (event.kind, event.data, event.actor) == (
        "head_returned",
        {"reason": "Bổ sung số liệu quý II"},
        health_dept_head,
    )
    assert (
        Notification.objects.get(recipient=health_dept_officer, kind="task_returned").body == "Bổ sung số liệu quý II"
    )
    with at(30):  # the officer may submit again
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã bổ sung")
    task.refresh_from_db()
    assert task.head_review_since is not None


def test_sending_back_needs_a_reason(task, signing_off, health_dept_officer, health_dept_head):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        with pytest.raises(ValidationError, match="lý do"):
            task_return_submission(task=task, actor=health_dept_head, reason="  ")
    task.refresh_from_db()
    assert task.head_review_since is not None


def test_a_heads_own_completion_needs_no_sign_off(task, signing_off, health_dept_head):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_head, note="Xong")
    task.refresh_from_db()
    assert task.submitted_at is not None and task.head_review_since is None


@pytest.mark.parametrize("who", ["health_dept_officer", "ict_head", "office_clerk"])
def test_only_the_lead_agencys_head_signs_off(request, task, signing_off, health_dept_officer, who):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    actor = request.getfixturevalue(who)
    with at(29), pytest.raises(PermissionDenied):
        task_approve_submission(task=task, actor=actor)
    with at(29), pytest.raises(PermissionDenied):
        task_return_submission(task=task, actor=actor, reason="x")
    task.refresh_from_db()
    assert task.head_review_since is not None


def test_nothing_to_approve_without_a_completion_waiting(task, health_dept_head):
    with at(29), pytest.raises(ValidationError, match="không có báo cáo hoàn thành nào chờ"):
        task_approve_submission(task=task, actor=health_dept_head)


def test_while_waiting_for_the_head_no_second_completion_nor_extension(task, signing_off, health_dept_officer):
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        with pytest.raises(ValidationError, match="chờ lãnh đạo cơ quan duyệt"):
            task_submit_completion(task=task, actor=health_dept_officer, note="Lần hai")
        with pytest.raises(ValidationError):
            extension_request(task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 9), reason="x")


def test_the_database_refuses_a_completion_both_waiting_and_submitted(task):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(submitted_at=timezone.now(), head_review_since=timezone.now())


# --- The statuses stay coherent: waiting for the head is still work for the office's figures ----------


@pytest.mark.parametrize("day", [dt.date(2021, 6, 29), dt.date(2021, 7, 2)])
def test_a_completion_waiting_for_the_head_is_not_awaiting_verification_anywhere(
    task, signing_off, health_dept_officer, day
):
    """Today's predicate, its Python twin, the past-day predicate and the replayed history all
    agree: waiting for the head, the task is in progress (or overdue once past its date)."""
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    task.refresh_from_db()
    python = st.compute_status(task, day)
    sql = Task.objects.filter(pk=task.pk).annotate(s=st.status_expression(day)).values_list("s", flat=True).get()
    with at(day.day, day.month, hour=16):
        past = (
            with_due_on(Task.objects.filter(pk=task.pk), day)
            .annotate(s=status_as_of_expression(day))
            .values_list("s", flat=True)
            .get()
        )
    replayed = outcome_from_events(task.events.all(), on=day)
    assert python == sql == past == replayed
    assert python != st.TaskStatus.AWAITING_VERIFICATION
    assert python == (st.TaskStatus.OVERDUE if day > task.due_date else st.TaskStatus.DUE_SOON)
    assert not Task.objects.filter(pk=task.pk).filter(st.status_q(st.TaskStatus.AWAITING_VERIFICATION, day)).exists()
