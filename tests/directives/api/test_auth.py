"""API keys: made by the office (page or command), shown once, stored hashed, revocable, their
last use recorded; a request acts as the key's user."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from directives.api.auth import api_key_create, api_key_revoke
from directives.models import ApiKey
from tests.directives.api.conftest import key_for

pytestmark = pytest.mark.django_db


def _get(raw, url="/api/v1/tasks/"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client.get(url)


def test_a_key_is_stored_only_as_its_hash(health_dept_officer):
    key, raw = api_key_create(user=health_dept_officer, name="Cổng báo cáo", actor=None)
    stored = ApiKey.objects.values_list("lookup", "key_hash").get(pk=key.pk)
    assert raw not in "".join(stored)
    assert raw.startswith(f"tdkl_{key.lookup}_")


def test_a_valid_key_acts_as_its_user(task, health_dept_officer):
    response = _get(key_for(health_dept_officer), f"/api/v1/tasks/{task.pk}/")
    assert response.status_code == 200
    assert response.json()["lead"]["name"] == "Sở Y tế"


@pytest.mark.parametrize(
    "header",
    ["Bearer tdkl_00000000_not-a-real-key", "Bearer garbage", "Bearer a b", "Bearer"],
)
def test_a_wrong_key_is_401_in_vietnamese(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/tasks/")
    assert response.status_code == 401
    assert "Authorization" in response.json()["detail"] or "Khóa API" in response.json()["detail"]


def test_a_key_with_the_right_lookup_and_a_wrong_secret_is_refused(health_dept_officer):
    raw = key_for(health_dept_officer)
    assert _get(raw[:-4] + "AAAA").status_code == 401


def test_no_credentials_is_401_with_a_challenge_not_the_login_page():
    response = APIClient().get("/api/v1/tasks/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Chưa xác thực" in response.json()["detail"]


def test_a_revoked_key_stops_working(health_dept_officer, office_clerk):
    key, raw = api_key_create(user=health_dept_officer, name="Cổng báo cáo", actor=office_clerk)
    assert _get(raw).status_code == 200
    api_key_revoke(key=key, actor=office_clerk)
    assert _get(raw).status_code == 401
    assert ApiKey.objects.get(pk=key.pk).revoked_by == office_clerk


def test_a_key_of_a_deactivated_user_stops_working(health_dept_officer):
    raw = key_for(health_dept_officer)
    health_dept_officer.is_active = False
    health_dept_officer.save()
    assert _get(raw).status_code == 401


def test_last_use_is_recorded_to_the_minute(health_dept_officer):
    key, raw = api_key_create(user=health_dept_officer, name="Cổng báo cáo", actor=None)
    first = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(first, tick=False):
        _get(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first
    with time_machine.travel(first + dt.timedelta(seconds=30), tick=False):
        _get(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first
    with time_machine.travel(first + dt.timedelta(minutes=2), tick=False):
        _get(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first + dt.timedelta(minutes=2)


def test_the_command_prints_a_working_key_once(health_dept_officer):
    out = io.StringIO()
    call_command("create_api_key", "soyte", "--name", "Hệ thống văn bản", stdout=out)
    raw = out.getvalue().strip()
    assert _get(raw).status_code == 200
    assert ApiKey.objects.get().name == "Hệ thống văn bản"


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("create_api_key", "nobody", stdout=io.StringIO())
    assert not ApiKey.objects.exists()


# --- The office's page ---------------------------------------------------------------------------------


def test_the_page_shows_a_new_key_once(client, office_clerk, health_dept_officer):
    client.force_login(office_clerk)
    response = client.post("/api-keys/", {"name": "Hệ thống văn bản", "user": health_dept_officer.pk})
    raw = response.context["new_key"]
    assert response.status_code == 200 and raw in response.content.decode()
    assert _get(raw).status_code == 200
    assert raw not in client.get("/api-keys/").content.decode()


def test_the_page_refuses_a_key_without_a_name_and_makes_none(client, office_clerk, health_dept_officer):
    client.force_login(office_clerk)
    response = client.post("/api-keys/", {"name": "", "user": health_dept_officer.pk})
    assert response.status_code == 400
    assert "Hãy nhập tên hệ thống." in response.content.decode()
    assert not ApiKey.objects.exists()


def test_the_page_revokes_a_key(client, office_clerk, health_dept_officer):
    key, raw = api_key_create(user=health_dept_officer, name="Cổng báo cáo", actor=office_clerk)
    client.force_login(office_clerk)
    response = client.post(f"/api-keys/{key.pk}/revoke/")
    assert response.status_code == 302
    assert _get(raw).status_code == 401
