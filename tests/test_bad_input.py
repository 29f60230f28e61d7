"""No server error on anything a person can send: each defect the security test of the production
settings found, as the request that found it. Run them with DATABASE_URL pointing at PostgreSQL
too: NUL bytes and out-of-range dates only failed there (the `postgres` tests say so)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from agencies.inputs import DATE_OUT_OF_RANGE, clean_text
from directives.models import CalendarToken, ExtensionRequest, Task
from meetings.models import Meeting
from tests.directives.conftest import at, published_task
from tests.directives.notices.notice_entry_data import entry_post, ref
from tests.factories import AgencyFactory, MeetingFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

FAR_DATES = [
    "/tasks/?on=31/12/9999",
    "/tasks/?active_from=01/01/0001",
    "/tasks/?due_from=01/01/0001&due_to=31/12/9999",
    "/tasks/export.xlsx?on=31/12/9999",
    "/tasks/export.xlsx?active_from=01/01/0001&active_to=31/12/9999",
    "/dashboard/?period=custom&start=01/01/0001&end=31/12/9999",
    "/dashboard/report/?period=custom&start=01/01/0001&end=31/12/9999",
    "/dashboard/agencies.xlsx?period=custom&start=01/01/0001&end=31/12/9999",
    "/reminders/?day_from=01/01/0001&day_to=31/12/9999",
    "/tasks/?on=31/12/99999999999999999999",
]


@pytest.fixture
def client_of(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def _errors(response) -> str:
    return response.content.decode() if not response.streaming else ""


# --- Dates far out of range -------------------------------------------------------------------------


@pytest.mark.parametrize("url", FAR_DATES)
def test_far_dates_in_filters_get_a_vietnamese_message(client_of, office_clerk, url):
    TaskFactory()
    response = client_of(office_clerk).get(url)
    assert response.status_code in (200, 400)
    if not response.streaming and "xlsx" not in url and "/report/" not in url:
        assert DATE_OUT_OF_RANGE in _errors(response) or "Ngày không hợp lệ" in _errors(response)


@pytest.mark.postgres
@pytest.mark.parametrize("url", FAR_DATES)
def test_far_dates_in_filters_on_postgresql(client_of, office_clerk, url):
    TaskFactory()
    assert client_of(office_clerk).get(url).status_code in (200, 400)


def test_extension_to_year_9999_is_refused(client_of, health_dept, health_dept_officer):
    with at(24):
        task = published_task(lead=health_dept)
    with at(26):
        response = client_of(health_dept_officer).post(
            f"/tasks/{task.pk}/extension/",
            {"extension-requested_date": "31/12/9999", "extension-reason": "Cần thêm thời gian"},
        )
    assert DATE_OUT_OF_RANGE in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_a_stored_due_date_on_the_last_day_python_knows_does_not_break_the_feed(client, health_dept):
    # Data from before dates were bounded: the feed must still answer for the agency.
    TaskFactory(lead=health_dept, due_date=dt.date(9999, 12, 31))
    token = CalendarToken.objects.create(agency=health_dept)
    with time_machine.travel(dt.datetime(2021, 6, 25, tzinfo=dt.UTC), tick=False):
        response = client.get(f"/calendar/{token.token}.ics")
    assert response.status_code == 200 and "DTSTART;VALUE=DATE:99991231" in response.content.decode()


def test_a_due_date_in_year_9999_is_refused_on_the_entry_form(client_of, office_clerk, health_dept):
    post = entry_post(
        conclusions=[
            {"label": "1.", "text": "Về dịch.", "tasks": [{"lead": ref(health_dept), "due_date": "31/12/9999"}]}
        ]
    )
    response = client_of(office_clerk).post("/notices/new/", post)
    assert response.status_code == 200 and DATE_OUT_OF_RANGE in response.content.decode()
    assert not Task.objects.exists()


def test_a_meeting_in_year_1_is_refused(client_of, office_clerk):
    post = {"title": "Họp", "kind": "giao_ban", "held_on": "01/01/0001", "chair_name": "Chủ tịch"}
    response = client_of(office_clerk).post("/meetings/new/", post)
    assert response.status_code == 200 and DATE_OUT_OF_RANGE in response.content.decode()


def test_a_meeting_in_year_9999_is_refused_in_the_admin_too(client_of):
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    post = {"title": "Họp", "kind": "giao_ban", "held_on": "31/12/9999", "chair_name": "Chủ tịch"}
    response = client_of(superuser).post("/admin/meetings/meeting/add/", post)
    assert response.status_code == 200 and DATE_OUT_OF_RANGE in response.content.decode()
    assert not Meeting.objects.exists()
    post["held_on"] = "24/06/2021"
    assert client_of(superuser).post("/admin/meetings/meeting/add/", post).status_code == 302
    assert Meeting.objects.get().held_on == dt.date(2021, 6, 24)


# --- NUL bytes and control characters ---------------------------------------------------------------


NUL_URLS = [
    "/agencies/?q=a%00b",
    "/agencies/search/?q=a%00b",
    "/tasks/?q=a%00b",
    "/notices/?q=a%00b",
    "/notices/?kind=a%00b&leader=1e309&issuer=a%00b&year=99999999999",
    "/tasks/?doc_kind=a%00b&leader=-1",
    "/dashboard/?doc_kind=1e309&leader=a%00b",
    "/meetings/?q=a%00b",
    "/admin/agencies/agency/?q=a%00b",
    "/admin/autocomplete/?app_label=agencies&model_name=agency&field_name=parent&term=a%00b",
    "/admin/meetings/meeting/?held_on__year=99999999999",
    "/admin/meetings/meeting/?held_on__year=9999&held_on__month=12&held_on__day=31",
    # Found by tests/test_fuzz_urls.py: the add page's initial values come from the query string.
    "/admin/agencies/agencyalias/add/?agency=a%00b&group=-1",
    "/admin/agencies/membership/add/?agency=1e309&user=x",
    "/admin/meetings/conclusionnotice/add/?meeting=abc",
    "/admin/meetings/conclusionnotice/add/?kind=a%00b&leader=1e309",
    "/admin/meetings/documentkind/?q=a%00b",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_bytes_and_forged_years_never_reach_the_database(client_of, url):
    AgencyFactory(name="Sở Y tế")
    MeetingFactory()
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    assert client_of(superuser).get(url).status_code in (200, 302)


@pytest.mark.postgres
@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_bytes_on_postgresql(client_of, url):
    AgencyFactory(name="Sở Y tế")
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    assert client_of(superuser).get(url).status_code in (200, 302)


@pytest.mark.postgres
def test_a_nul_calendar_token_or_session_cookie_is_a_plain_answer(db):
    anonymous = Client()
    assert anonymous.get("/calendar/%00.ics").status_code == 404
    anonymous.cookies["sessionid"] = "\x00" * 32
    assert anonymous.get("/accounts/login/").status_code == 200


def test_control_characters_typed_in_a_task_are_not_stored(client_of, office_clerk, health_dept):
    post = entry_post(
        conclusions=[
            {
                "label": "1.",
                "text": "Về\x01 dịch.",
                "tasks": [{"lead": ref(health_dept), "action": "Lập\x0b kế\x01 hoạch"}],
            }
        ]
    )
    assert client_of(office_clerk).post("/notices/new/", post).status_code == 302
    assert Task.objects.get().action == "Lập\n kế hoạch"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b", "ab"),
        ("a\x0bb\x0cc", "a\nb\nc"),
        ("dòng 1\r\ndòng 2\tcột", "dòng 1\r\ndòng 2\tcột"),
        ("\x7f\x85", ""),
    ],
)
def test_clean_text_keeps_tabs_and_line_ends_only(raw, clean):
    assert clean_text(raw) == clean


# --- Bodies Django refuses --------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1258", "no-such-charset"])
def test_a_form_in_another_charset_gets_the_vietnamese_400_page(db, charset):
    anonymous = Client(enforce_csrf_checks=True)
    anonymous.get("/accounts/login/")  # the CSRF cookie, so the check reads the body
    response = anonymous.generic(
        "POST",
        "/accounts/login/",
        b"username=a&password=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code in (400, 403)
    assert "Yêu cầu không hợp lệ" in response.content.decode() or "Không gửi được biểu mẫu" in response.content.decode()


def test_a_failed_csrf_check_is_explained_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403 and "Hãy tải lại trang" in response.content.decode()


def test_too_many_fields_gets_the_vietnamese_400_page(client_of, office_clerk, settings):
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client_of(office_clerk).post("/notices/new/", data)
    assert response.status_code == 400
    assert "quá nhiều ô" in response.content.decode()


def test_a_plan_of_300_tasks_saves_on_one_page(client_of, office_clerk, health_dept):
    tasks = [{"lead": ref(health_dept), "action": f"Nhiệm vụ {i}"} for i in range(300)]
    post = entry_post(conclusions=[{"label": "1.", "text": "Kế hoạch.", "tasks": tasks}])
    assert sum(len(values) for values in post.values()) > 1000  # past Django's default limit
    assert client_of(office_clerk).post("/notices/new/", post).status_code == 302
    assert Task.objects.count() == 300
