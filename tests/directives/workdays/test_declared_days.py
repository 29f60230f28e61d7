"""The office declares days off and days worked; every rule reads them at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directives import workdays
from directives.models import DeclaredDay
from directives.workdays.services import declare_day, remove_day

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_declared_day_changes_the_calendar_at_once(office_clerk):
    assert workdays.add_working_days(D(2026, 10, 15), 1) == D(2026, 10, 16)
    declared = declare_day(day=D(2026, 10, 16), kind=DeclaredDay.Kind.DAY_OFF, note="Nghỉ bù", actor=office_clerk)
    assert not workdays.is_working_day(D(2026, 10, 16))
    assert workdays.add_working_days(D(2026, 10, 15), 1) == D(2026, 10, 19)
    remove_day(declared=declared)
    assert workdays.is_working_day(D(2026, 10, 16))


def test_a_declared_saturday_is_counted(office_clerk):
    assert workdays.working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1
    declare_day(day=D(2026, 3, 7), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)
    assert workdays.working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 2


@pytest.mark.parametrize(
    "day, kind, message",
    [
        (D(2026, 2, 17), DeclaredDay.Kind.DAY_OFF, "đã là ngày lễ"),
        (D(2026, 3, 7), DeclaredDay.Kind.DAY_OFF, "ngày nghỉ cuối tuần"),
        (D(2026, 3, 9), DeclaredDay.Kind.WORKED, "đã là ngày làm việc"),
    ],
)
def test_a_declaration_that_changes_nothing_is_refused(office_clerk, day, kind, message):
    with pytest.raises(ValidationError, match=message):
        declare_day(day=day, kind=kind, actor=office_clerk)
    assert not DeclaredDay.objects.exists()


def test_a_day_is_declared_once(office_clerk):
    declare_day(day=D(2026, 3, 7), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)
    with pytest.raises(ValidationError, match="đã được khai báo"):
        declare_day(day=D(2026, 3, 7), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)


def test_another_process_sees_an_edit_through_the_shared_version(office_clerk, monkeypatch):
    assert workdays.is_working_day(D(2026, 10, 16))
    # Another process declares the day: the row and the version bump, not this process's copy.
    DeclaredDay.objects.create(day=D(2026, 10, 16), kind=DeclaredDay.Kind.DAY_OFF)
    workdays.bump_version()
    assert workdays.is_working_day(D(2026, 10, 16))  # still within CACHE_SECONDS
    monkeypatch.setattr(workdays, "CACHE_SECONDS", 0)
    assert not workdays.is_working_day(D(2026, 10, 16))


# --- The page ---------------------------------------------------------------------------------------


def test_the_page_lists_the_years_days_and_holidays(client, office_clerk):
    declare_day(day=D(2026, 3, 7), kind=DeclaredDay.Kind.WORKED, note="Làm bù cho ngày 02/01", actor=office_clerk)
    client.force_login(office_clerk)
    page = client.get("/working-days/?year=2026").content.decode()
    assert "07/03/2026" in page and "Làm bù cho ngày 02/01" in page
    assert "Tết Nguyên đán" in page and "17/02/2026" in page
    assert "Giỗ Tổ Hùng Vương" in page


def test_the_page_adds_and_deletes_a_day(client, office_clerk):
    client.force_login(office_clerk)
    response = client.post("/working-days/", {"day": "16/10/2026", "kind": "day_off", "note": "Nghỉ bù"})
    assert response.status_code == 302 and response["Location"] == "/working-days/?year=2026"
    declared = DeclaredDay.objects.get()
    assert declared.created_by == office_clerk
    assert not workdays.is_working_day(D(2026, 10, 16))
    response = client.post(f"/working-days/{declared.pk}/delete/")
    assert response.status_code == 302
    assert not DeclaredDay.objects.exists()
    assert workdays.is_working_day(D(2026, 10, 16))


@pytest.mark.parametrize(
    "data, message",
    [
        ({"day": "17/02/2026", "kind": "day_off"}, "đã là ngày lễ"),
        ({"day": "31/02/2026", "kind": "day_off"}, "Không có ngày 31/02/2026"),
        ({"day": "16/10/9999", "kind": "day_off"}, ""),
        ({"day": "16/10/2026", "kind": "holiday"}, "Loại ngày không hợp lệ"),
        ({"day": "", "kind": "day_off"}, "Hãy nhập ngày"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, office_clerk, data, message):
    client.force_login(office_clerk)
    response = client.post("/working-days/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DeclaredDay.objects.exists()


def test_a_bad_year_shows_this_year(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get("/working-days/?year=99999").status_code == 200
    assert client.get("/working-days/?year=abc").status_code == 200
