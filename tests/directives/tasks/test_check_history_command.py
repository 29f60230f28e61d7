"""manage.py check_history: the figures of a day recomputed from the history alone."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directives.models import DueDateChange, Task
from directives.tasks.workflow import extension_decide, extension_request, task_submit_completion, task_verify
from tests.directives.conftest import at

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("check_history", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def extended_and_verified(task, health_dept_officer, leader, office_clerk):
    """Due 30/06, extended on 28/06 to 15/07, completed and verified on 10/07."""
    with at(26):
        request = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 15), reason="Chờ số liệu"
        )
    with at(28):
        extension_decide(request=request, actor=leader, approve=True)
    with at(10, 7):
        task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
        task_verify(task=task, actor=office_clerk)
    return task


@pytest.mark.parametrize("day", ["27/06/2021", "01/07/2021", "31/12/2021"])
def test_tasks_made_through_the_services_agree_with_their_history(extended_and_verified, day):
    assert "khớp với lịch sử" in run("--on", day)


def test_a_fact_changed_without_history_is_reported_and_fails(extended_and_verified):
    Task.objects.filter(pk=extended_and_verified.pk).update(completed_on=dt.date(2021, 7, 20))
    with pytest.raises(CommandError, match="1 nhiệm vụ"):
        run("--on", "31/12/2021")


def test_lost_due_date_changes_are_rebuilt_from_the_history(extended_and_verified):
    DueDateChange.objects.all().delete()
    # On 27/06 the due date in force was 30/06: without the change the report reads 15/07.
    with pytest.raises(CommandError):
        run("--on", "27/06/2021")
    output = run("--on", "27/06/2021", "--rebuild-due-date-changes")
    assert "Đã dựng lại 1 thay đổi hạn xử lý" in output and "khớp với lịch sử" in output
    assert DueDateChange.objects.get().after == dt.date(2021, 7, 15)


def test_a_bad_date_gets_a_clear_message():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        run("--on", "32/13/2021")
