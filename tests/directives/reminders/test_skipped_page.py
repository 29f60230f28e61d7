"""Skipped reminders at /reminders/?tab=skipped: who sees which, the filters by day and reason."""

import datetime as dt

import pytest

from directives.models import ReminderItem
from directives.reminders.sweep import LATE_REASON, MISSED_REASON
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def _skipped(agency, *, day, reason, action):
    task = TaskFactory(lead=agency, due_date=day + dt.timedelta(days=1), action=action)
    return ReminderItem.objects.create(
        task=task,
        recipient_key=f"agency:{agency.pk}",
        agency=agency,
        kind="before",
        day=day,
        offset=1,
        role="lead",
        due_date=task.due_date,
        skipped_reason=reason,
    )


@pytest.fixture
def skipped(health_dept, ict_dept):
    _skipped(
        health_dept,
        day=dt.date(2021, 6, 29),
        reason=MISSED_REASON.format(when="07:00 29/06/2021"),
        action="Kế hoạch tiêm chủng",
    )
    _skipped(
        ict_dept, day=dt.date(2021, 6, 25), reason=LATE_REASON.format(day="25/06/2021"), action="Phần mềm nhắc việc"
    )


def test_office_sees_every_skipped_reminder_with_its_reason(client, office_clerk, skipped):
    client.force_login(office_clerk)
    page = client.get("/reminders/", {"tab": "skipped"}).content.decode()
    assert "Kế hoạch tiêm chủng" in page and "Phần mềm nhắc việc" in page
    assert "rơi vào lúc hệ thống gián đoạn" in page and "2 nhắc việc bị bỏ qua" in page


def test_filter_by_reason(client, office_clerk, skipped):
    client.force_login(office_clerk)
    page = client.get("/reminders/", {"tab": "skipped", "reason": "outage"}).content.decode()
    assert "Kế hoạch tiêm chủng" in page and "Phần mềm nhắc việc" not in page


def test_filter_by_day(client, office_clerk, skipped):
    client.force_login(office_clerk)
    page = client.get("/reminders/", {"tab": "skipped", "day_from": "25/06/2021", "day_to": "25/06/2021"})
    assert "Phần mềm nhắc việc" in page.content.decode() and "Kế hoạch tiêm chủng" not in page.content.decode()


def test_officer_sees_only_their_agencys_skipped_reminders(client, health_dept_officer, skipped):
    client.force_login(health_dept_officer)
    page = client.get("/reminders/", {"tab": "skipped"}).content.decode()
    assert "Kế hoạch tiêm chủng" in page and "Phần mềm nhắc việc" not in page


def test_bad_filter_input_is_a_message_not_an_error(client, office_clerk, skipped):
    client.force_login(office_clerk)
    response = client.get("/reminders/", {"tab": "skipped", "day_from": "31/02/2021", "reason": "x"})
    assert response.status_code == 200 and "Điều kiện lọc chưa hợp lệ" in response.content.decode()
