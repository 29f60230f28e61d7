"""Login throttling (django-axes): per account and per address, on the site's login page and the
admin's, a Vietnamese lockout page, and the office unlocking an account or an address."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from config.throttle import client_ip
from tests.factories import UserFactory, office_user

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory's
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _throttling_on(settings):
    # The test settings turn axes off for the rest of the suite (client.login has no request).
    settings.AXES_ENABLED = True


@pytest.fixture
def officer(db):
    return UserFactory(username="soyte")


def _login(client, username, password, *, path=LOGIN, ip="203.0.113.7"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _lock(client, username, *, path=LOGIN, ip="203.0.113.7"):
    responses = [_login(client, username, "sai-mat-khau", path=path, ip=ip) for _ in range(_account_limit())]
    return responses[-1]


def _account_limit() -> int:
    return django_settings.AXES_FAILURE_LIMIT


def _page(response) -> str:
    return response.content.decode()


def test_wrong_passwords_lock_the_account_then_the_right_one_is_refused(client, officer):
    for _ in range(_account_limit() - 1):
        response = _login(client, "soyte", "sai-mat-khau")
        assert response.status_code == 200 and not _signed_in(client)
    locked = _login(client, "soyte", "sai-mat-khau")
    assert locked.status_code == 429
    refused = _login(client, "soyte", PASSWORD)
    assert refused.status_code == 429 and not _signed_in(client)
    page = _page(refused)
    assert "Đăng nhập tạm thời bị khóa" in page
    assert "Văn phòng UBND tỉnh" in page and f"{django_settings.LOGIN_LOCKOUT_MINUTES} phút" in page
    assert "Account locked" not in page and "too many" not in page
    assert refused["Content-Type"].startswith("text/html")


def test_the_lock_follows_the_account_from_any_address(client, officer):
    for n in range(_account_limit()):
        _login(client, "soyte", "sai-mat-khau", ip=f"198.51.100.{n + 1}")
    assert _login(client, "soyte", PASSWORD, ip="192.0.2.200").status_code == 429
    assert not _signed_in(client)


def test_one_address_trying_many_accounts_is_locked(client, officer):
    limit = django_settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    assert limit > _account_limit()
    for n in range(limit):
        _login(client, f"khong-co-{n}", "sai-mat-khau", ip="203.0.113.50")
    assert _login(client, "soyte", PASSWORD, ip="203.0.113.50").status_code == 429
    # The account itself is not locked: from elsewhere it signs in.
    other = Client()
    assert _login(other, "soyte", PASSWORD, ip="192.0.2.9").status_code == 302 and _signed_in(other)


def test_a_few_mistakes_from_a_shared_address_lock_nobody_else(client, officer):
    UserFactory(username="sotttt")
    for _ in range(_account_limit()):
        _login(client, "sotttt", "sai-mat-khau", ip="203.0.113.60")
    # Same office network, another person: not locked.
    response = _login(Client(), "soyte", PASSWORD, ip="203.0.113.60")
    assert response.status_code == 302


def test_the_lock_ends_after_the_cool_off(client, officer):
    start = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _lock(client, "soyte")
        assert _login(client, "soyte", PASSWORD).status_code == 429
    later = start + dt.timedelta(minutes=django_settings.LOGIN_LOCKOUT_MINUTES, seconds=1)
    with time_machine.travel(later, tick=False):
        assert _login(client, "soyte", PASSWORD).status_code == 302 and _signed_in(client)


def test_a_successful_login_clears_the_accounts_earlier_mistakes(client, officer):
    for _ in range(_account_limit() - 1):
        _login(client, "soyte", "sai-mat-khau")
    assert _login(client, "soyte", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(_account_limit() - 1):
        assert _login(client, "soyte", "sai-mat-khau").status_code == 200


def test_the_admin_login_is_throttled_too(client):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    assert _lock(client, "quantri", path="/admin/login/").status_code == 429
    refused = _login(client, "quantri", PASSWORD, path="/admin/login/")
    assert refused.status_code == 429 and not _signed_in(client)
    assert "Đăng nhập tạm thời bị khóa" in _page(refused)


# --- Unlocking -------------------------------------------------------------------------------


@pytest.fixture
def office_client(db):
    client = Client()
    client.force_login(office_user(username="vanphong"))
    return client


def test_office_sees_and_unlocks_a_locked_account(client, officer, office_client):
    _lock(client, "soyte", ip="203.0.113.7")
    page = _page(office_client.get("/accounts/lockouts/"))
    assert "soyte" in page and "203.0.113.7" in page
    response = office_client.post("/accounts/lockouts/", {"username": "soyte"})
    assert response.status_code == 302
    assert _login(client, "soyte", PASSWORD).status_code == 302 and _signed_in(client)


def test_office_unlocks_an_address(client, officer, office_client):
    for n in range(django_settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS):
        _login(client, f"khong-co-{n}", "sai-mat-khau", ip="203.0.113.50")
    assert _login(client, "soyte", PASSWORD, ip="203.0.113.50").status_code == 429
    office_client.post("/accounts/lockouts/", {"ip_address": "203.0.113.50"})
    assert _login(client, "soyte", PASSWORD, ip="203.0.113.50").status_code == 302


def test_only_office_staff_may_unlock(client, officer):
    _lock(client, "soyte")
    agency_person = Client()
    agency_person.force_login(UserFactory(username="sotttt"))
    assert agency_person.get("/accounts/lockouts/").status_code == 403
    assert agency_person.post("/accounts/lockouts/", {"username": "soyte"}).status_code == 403
    assert _login(Client(), "soyte", PASSWORD, ip="192.0.2.1").status_code == 429
    anonymous = Client().get("/accounts/lockouts/")
    assert anonymous.status_code == 302 and LOGIN in anonymous["Location"]


# --- The client's address and the test settings ----------------------------------------------


def test_the_address_is_read_from_the_proxy_header_when_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.9")
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request) == "172.18.0.5"
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="172.18.0.5")) == "172.18.0.5"


def test_client_login_still_works_with_the_test_settings(settings, officer):
    settings.AXES_ENABLED = False  # as config.settings.test leaves it for the rest of the suite
    client = Client()
    assert client.login(username="soyte", password=PASSWORD)
    assert client.get("/").status_code == 200
