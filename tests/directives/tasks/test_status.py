"""The derived status at every boundary, computed the same way in SQL and in Python."""

import datetime as dt

import pytest
from django.utils import timezone

from directives.models import Task
from directives.tasks.status import (
    DUE_WINDOW,
    OPEN_Q,
    TaskStatus,
    compute_status,
    days_overdue,
    due_after_q,
    due_within_q,
    is_due_within,
    is_open,
    status_expression,
    status_q,
)
from tests.factories import TaskFactory

TODAY = dt.date(2021, 6, 26)
pytestmark = pytest.mark.django_db


def db_status(task, today=TODAY):
    return Task.objects.annotate(status=status_expression(today)).get(pk=task.pk).status


def assert_status(task, expected, today=TODAY):
    assert compute_status(task, today) == expected
    assert db_status(task, today) == expected
    assert list(Task.objects.filter(status_q(expected, today)).values_list("pk", flat=True)) == [task.pk]


def test_due_today_is_due_soon_not_overdue():
    assert_status(TaskFactory(due_date=TODAY), TaskStatus.DUE_SOON)


def test_due_yesterday_is_overdue():
    task = TaskFactory(due_date=TODAY - dt.timedelta(days=1))
    assert_status(task, TaskStatus.OVERDUE)
    assert days_overdue(task, TODAY) == 1


def test_due_in_three_days_is_due_soon():
    assert_status(TaskFactory(due_date=TODAY + dt.timedelta(days=3)), TaskStatus.DUE_SOON)


def test_due_in_four_days_is_in_progress():
    assert_status(TaskFactory(due_date=TODAY + dt.timedelta(days=4)), TaskStatus.IN_PROGRESS)


def test_completed_on_the_due_date_is_on_time():
    task = TaskFactory(due_date=TODAY, completed_on=TODAY, verified_at=timezone.now(), submitted_at=timezone.now())
    assert_status(task, TaskStatus.COMPLETED_ON_TIME, today=TODAY + dt.timedelta(days=10))


def test_completed_the_day_after_is_late():
    task = TaskFactory(due_date=TODAY, completed_on=TODAY + dt.timedelta(days=1), verified_at=timezone.now())
    assert_status(task, TaskStatus.COMPLETED_LATE)


def test_submitted_not_verified_awaits_verification_even_past_due():
    task = TaskFactory(due_date=TODAY - dt.timedelta(days=5), submitted_at=timezone.now())
    assert_status(task, TaskStatus.AWAITING_VERIFICATION)


@pytest.mark.parametrize("kind,recurrence", [("ongoing", ""), ("none", ""), ("recurring", "daily")])
def test_task_without_due_date_is_never_overdue(kind, recurrence):
    task = TaskFactory(deadline_kind=kind, recurrence=recurrence, due_date=None, original_due_date=None)
    assert_status(task, TaskStatus.NO_DEADLINE, today=dt.date(2030, 1, 1))
    assert days_overdue(task, dt.date(2030, 1, 1)) == 0


def test_cancelled_wins_over_everything():
    task = TaskFactory(due_date=TODAY - dt.timedelta(days=30), cancelled_at=timezone.now(), cancel_reason="Thay thế")
    assert_status(task, TaskStatus.CANCELLED)
    assert days_overdue(task, TODAY) == 0


def test_completed_without_due_date_is_on_time():
    task = TaskFactory(
        deadline_kind="ongoing", due_date=None, original_due_date=None, completed_on=TODAY, verified_at=timezone.now()
    )
    assert_status(task, TaskStatus.COMPLETED_ON_TIME)


def test_extended_due_date_is_the_one_in_force():
    task = TaskFactory(due_date=TODAY + dt.timedelta(days=10), original_due_date=TODAY - dt.timedelta(days=2))
    assert_status(task, TaskStatus.IN_PROGRESS)


def test_status_annotation_aggregates():
    TaskFactory(due_date=TODAY - dt.timedelta(days=1))
    TaskFactory(due_date=TODAY - dt.timedelta(days=2))
    TaskFactory(due_date=TODAY + dt.timedelta(days=30))
    from django.db.models import Count

    counts = dict(Task.objects.annotate(status=status_expression(TODAY)).values_list("status").annotate(n=Count("id")))
    assert counts == {TaskStatus.OVERDUE: 2, TaskStatus.IN_PROGRESS: 1}


def test_search_key_ignores_accents_and_case():
    task = TaskFactory(action="Ban hành Kế hoạch khôi phục hoạt động")
    assert Task.objects.filter(search_key__contains="ke hoach").get() == task


@pytest.mark.parametrize("offset,inside", [(-1, False), (0, True), (1, True), (7, True), (8, False)])
def test_due_within_7_days_is_today_through_today_plus_7(offset, inside):
    task = TaskFactory(due_date=TODAY + dt.timedelta(days=offset))
    assert is_due_within(task.due_date, TODAY, 7) is inside
    assert Task.objects.filter(due_within_q(TODAY, 7), pk=task.pk).exists() is inside
    assert Task.objects.filter(status_q(DUE_WINDOW, TODAY), pk=task.pk).exists() is inside
    assert Task.objects.filter(due_after_q(TODAY, 7), pk=task.pk).exists() is (offset > 7)


def test_the_model_s_is_open_agrees_with_the_rule():
    now = timezone.now()
    tasks = [
        TaskFactory(),
        TaskFactory(submitted_at=now),
        TaskFactory(due_date=TODAY, completed_on=TODAY, verified_at=now, submitted_at=now),
        TaskFactory(cancelled_at=now, cancel_reason="Thay thế"),
    ]
    open_ids = set(Task.objects.filter(OPEN_Q).values_list("pk", flat=True))
    assert [t.is_open for t in tasks] == [is_open(t) for t in tasks] == [t.pk in open_ids for t in tasks]
    assert [is_open(t) for t in tasks] == [True, True, False, False]
