"""The outcome recomputed from history alone equals the status of the stored facts, on every path.

After each step of each path, the task is read back and `outcome_from_events` (history only) is
compared with `compute_status` (stored facts) on that day and on later days, and with the
database's status as of that day (the past-day predicates the dashboard counts with).
"""

import datetime as dt

import pytest

from directives.models import Task
from directives.tasks.status import (
    TaskStatus,
    compute_status,
    published_as_of_q,
    status_as_of_expression,
    with_due_on,
)
from directives.tasks.status.history import outcome_from_events
from directives.tasks.workflow import (
    extension_decide,
    extension_request,
    task_cancel,
    task_reassign,
    task_report_progress,
    task_return,
    task_submit_completion,
    task_supersede,
    task_verify,
)
from tests.directives.conftest import at
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def assert_history_agrees(task, *days: dt.date) -> TaskStatus:
    task.refresh_from_db()
    events = list(task.events.all())
    for day in days:
        assert outcome_from_events(events, on=day) == compute_status(task, day), day
        assert status_as_of(task, day) == compute_status(task, day), day
    return compute_status(task, days[0])


def status_as_of(task, day: dt.date) -> str | None:
    rows = with_due_on(Task.objects.filter(published_as_of_q(day), pk=task.pk), day)
    return rows.annotate(s=status_as_of_expression(day)).values_list("s", flat=True).first()


def d(day, month=6):
    return dt.date(2021, month, day)


def test_open_task_in_progress_then_due_soon_then_overdue(task):
    assert assert_history_agrees(task, d(24)) == TaskStatus.IN_PROGRESS
    assert assert_history_agrees(task, d(28), d(30)) == TaskStatus.DUE_SOON
    assert assert_history_agrees(task, d(1, 7), d(20, 7)) == TaskStatus.OVERDUE


def test_reported_then_submitted_awaits(task, health_dept_officer):
    with at(25):
        task_report_progress(task=task, actor=health_dept_officer, text="40%")
    assert_history_agrees(task, d(25))
    with at(28):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    assert assert_history_agrees(task, d(28), d(5, 7)) == TaskStatus.AWAITING_VERIFICATION


def test_verified_on_time(task, health_dept_officer, office_clerk):
    with at(28):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    with at(2, 7):
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(2, 7), d(31, 12)) == TaskStatus.COMPLETED_ON_TIME


def test_verified_late(task, health_dept_officer, office_clerk):
    with at(3, 7):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(3, 7)) == TaskStatus.COMPLETED_LATE


def test_returned_then_resubmitted_then_verified(task, health_dept_officer, office_clerk):
    with at(27):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    with at(28):
        task_return(task=task, actor=office_clerk, reason="Thiếu văn bản")
    assert assert_history_agrees(task, d(28)) == TaskStatus.DUE_SOON
    with at(29):
        task_submit_completion(task=task, actor=health_dept_officer, note="Bổ sung văn bản")
    assert_history_agrees(task, d(29))
    with at(1, 7):
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(1, 7)) == TaskStatus.COMPLETED_ON_TIME


def test_extension_approved_then_completed_after_the_original_date_is_on_time(
    task, health_dept_officer, leader, office_clerk
):
    with at(27):
        request = extension_request(task=task, actor=health_dept_officer, requested_date=d(15, 7), reason="x")
    assert_history_agrees(task, d(27))
    with at(28):
        extension_decide(request=request, actor=leader, approve=True)
    assert assert_history_agrees(task, d(28), d(5, 7)) == TaskStatus.IN_PROGRESS
    with at(10, 7):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(10, 7)) == TaskStatus.COMPLETED_ON_TIME


def test_extension_refused_then_completed_late(task, health_dept_officer, leader, office_clerk):
    with at(27):
        request = extension_request(task=task, actor=health_dept_officer, requested_date=d(15, 7), reason="x")
        extension_decide(request=request, actor=leader, approve=False, reason="Không")
    assert_history_agrees(task, d(27))
    with at(10, 7):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(10, 7)) == TaskStatus.COMPLETED_LATE


def test_late_extension_request_approved_brings_task_back_within_deadline(task, health_dept_officer, leader):
    with at(2, 7):
        request = extension_request(task=task, actor=health_dept_officer, requested_date=d(20, 7), reason="x")
    assert assert_history_agrees(task, d(2, 7)) == TaskStatus.OVERDUE
    with at(3, 7):
        extension_decide(request=request, actor=leader, approve=True)
    assert assert_history_agrees(task, d(3, 7)) == TaskStatus.IN_PROGRESS


def test_cancelled(task, office_clerk):
    with at(26):
        task_cancel(task=task, actor=office_clerk, reason="Không còn phù hợp")
    assert assert_history_agrees(task, d(26), d(1, 8)) == TaskStatus.CANCELLED


def test_superseded(task, office_clerk):
    with at(26):
        task_supersede(task=task, actor=office_clerk, reason="Chỉ đạo mới")
    assert assert_history_agrees(task, d(26)) == TaskStatus.CANCELLED


def test_reassigned_then_verified(task, office_clerk):
    new_lead = AgencyFactory()
    with at(26):
        task_reassign(task=task, actor=office_clerk, new_lead=new_lead)
    assert_history_agrees(task, d(26))
    officer = new_lead.memberships.create(user=office_clerk.__class__.objects.create(username="moi")).user
    with at(29):
        task_submit_completion(task=task, actor=officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    assert assert_history_agrees(task, d(29)) == TaskStatus.COMPLETED_ON_TIME


def test_history_on_a_past_day_ignores_later_events(task, health_dept_officer, office_clerk):
    with at(3, 7):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    assert outcome_from_events(task.events.all(), on=d(1, 7)) == TaskStatus.OVERDUE


def test_ongoing_task_without_deadline(ongoing_task, office_clerk, health_dept_officer):
    assert assert_history_agrees(ongoing_task, d(1, 9)) == TaskStatus.NO_DEADLINE
    with at(1, 9):
        task_submit_completion(task=ongoing_task, actor=health_dept_officer, note="Đã làm")
        task_verify(task=ongoing_task, actor=office_clerk)
    assert assert_history_agrees(ongoing_task, d(1, 9)) == TaskStatus.COMPLETED_ON_TIME
