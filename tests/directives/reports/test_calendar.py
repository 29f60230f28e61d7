"""Calendar feeds (.ics) per agency, behind a private token."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from directives.models import CalendarToken, Task
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 6, 25, 9, tzinfo=HCM), tick=False):
        yield


def feed(client, agency):
    token = CalendarToken.objects.get_or_create(agency=agency)[0]
    return client.get(f"/calendar/{token.token}.ics")


def test_feed_needs_no_login_and_lists_the_agency_deadlines(client, health_dept):
    TaskFactory(lead=health_dept, action="Xây dựng kế hoạch tiêm chủng", due_date=dt.date(2021, 6, 30))
    response = feed(client, health_dept)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20210630" in body
    assert "Xây dựng kế hoạch tiêm chủng" in body


def test_feed_includes_coordinated_tasks(client, health_dept):
    TaskFactory(coordinating=[health_dept], due_date=dt.date(2021, 7, 2))
    assert "DTSTART;VALUE=DATE:20210702" in feed(client, health_dept).content.decode()


def test_feed_leaves_out_other_agencies_and_finished_tasks(client, health_dept, unrelated_dept):
    TaskFactory(lead=unrelated_dept, due_date=dt.date(2021, 7, 3))
    done = TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 4))
    Task.objects.filter(pk=done.pk).update(
        completed_on=dt.date(2021, 6, 24), verified_at=dt.datetime(2021, 6, 24, tzinfo=HCM)
    )
    body = feed(client, health_dept).content.decode()
    assert "VEVENT" not in body


def test_feed_lines_are_folded_at_75_octets(client, health_dept):
    TaskFactory(lead=health_dept, action="Nhiệm vụ rất dài " * 20)
    body = feed(client, health_dept).content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_wrong_token_is_404(client, health_dept):
    CalendarToken.objects.create(agency=health_dept)
    assert client.get("/calendar/khong-dung.ics").status_code == 404


def test_renewed_token_makes_the_old_url_404(client, office_clerk, health_dept):
    old = CalendarToken.objects.create(agency=health_dept).token
    client.force_login(office_clerk)
    client.post(f"/calendar/{health_dept.pk}/issue/", {"renew": "1"})
    client.logout()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert feed(client, health_dept).status_code == 200


def test_officer_cannot_issue_a_token_for_another_agency(client, health_dept_officer, unrelated_dept):
    client.force_login(health_dept_officer)
    response = client.post(f"/calendar/{unrelated_dept.pk}/issue/")
    assert response.status_code == 403
    assert not CalendarToken.objects.exists()


def test_officer_issues_the_token_of_own_agency(client, health_dept_officer, health_dept):
    client.force_login(health_dept_officer)
    client.post(f"/calendar/{health_dept.pk}/issue/")
    assert CalendarToken.objects.filter(agency=health_dept).exists()
    assert "/calendar/" in client.get("/calendar/").content.decode()
