"""Two people acting on the same task at the same moment, each on their own PostgreSQL connection.

Each pair starts together at a barrier; the services lock the task row, so the second one waits
for the first to commit, then sees its result. Whatever the order, no update is lost and the
stored facts always agree with what the history says.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from directives.models import ExtensionRequest, Task, TaskEvent
from directives.tasks.status import compute_status
from directives.tasks.status.history import outcome_from_events
from directives.tasks.workflow import (
    extension_decide,
    extension_request,
    task_return,
    task_submit_completion,
    task_verify,
)
from tests.directives.conftest import published_task

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 5


def race(*actions):
    """Run the actions at once, each in its own thread (and so its own database connection)."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = ("ok", action())
        except ValidationError as error:
            results[index] = ("refused", error)
        except Exception as error:  # anything else is a failure the test reports
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(r is not None and r[0] != "error" for r in results), results
    return [r[0] for r in results]


def assert_history_agrees(task: Task) -> None:
    task.refresh_from_db()
    assert outcome_from_events(task.events.all()) == compute_status(task)


def test_two_verifications_one_wins(health_dept, health_dept_officer, office_clerk, leader):
    other_clerk = type(office_clerk).objects.create(username="office2")
    other_clerk.groups.set(office_clerk.groups.all())
    for _ in range(ROUNDS):
        task = published_task(lead=health_dept, due_date=dt.date(2099, 6, 30))
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        outcomes = race(
            lambda t=task: task_verify(task=t, actor=office_clerk),
            lambda t=task: task_verify(task=t, actor=other_clerk),
        )
        assert sorted(outcomes) == ["ok", "refused"]
        assert task.events.filter(kind=TaskEvent.Kind.VERIFIED).count() == 1
        assert_history_agrees(task)


def test_submission_and_return_leave_a_consistent_task(health_dept, health_dept_officer, office_clerk):
    for _ in range(ROUNDS):
        task = published_task(lead=health_dept, due_date=dt.date(2099, 6, 30))
        task_submit_completion(task=task, actor=health_dept_officer, note="Lần 1")
        outcomes = race(
            lambda t=task: task_submit_completion(task=t, actor=health_dept_officer, note="Lần 2"),
            lambda t=task: task_return(task=t, actor=office_clerk, reason="Thiếu minh chứng"),
        )
        task.refresh_from_db()
        # The return always lands; the resubmission lands only if it came after the return.
        assert outcomes[1] == "ok"
        submissions = task.events.filter(kind=TaskEvent.Kind.SUBMITTED).count()
        assert submissions == (2 if outcomes[0] == "ok" else 1)
        assert (task.submitted_at is not None) == (outcomes[0] == "ok")
        assert_history_agrees(task)


def test_two_extension_decisions_one_wins(health_dept, health_dept_officer, leader):
    other_leader = type(leader).objects.create(username="leader2")
    other_leader.groups.set(leader.groups.all())
    for _ in range(ROUNDS):
        task = published_task(lead=health_dept, due_date=dt.date(2099, 6, 30))
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2099, 7, 15), reason="Chờ số liệu"
        )
        outcomes = race(
            lambda r=request: extension_decide(request=r, actor=leader, approve=True),
            lambda r=request: extension_decide(request=r, actor=other_leader, approve=False, reason="Không"),
        )
        assert sorted(outcomes) == ["ok", "refused"]
        request.refresh_from_db()
        task.refresh_from_db()
        approved = request.status == ExtensionRequest.Status.APPROVED
        assert approved == (outcomes[0] == "ok")
        assert task.due_date == (dt.date(2099, 7, 15) if approved else dt.date(2099, 6, 30))
        assert task.events.filter(kind=TaskEvent.Kind.EXTENSION_DECIDED).count() == 1
        assert_history_agrees(task)
