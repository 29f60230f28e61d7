"""Rate limits: each key has its own count; beyond it, 429 in Vietnamese with Retry-After."""

import pytest
from rest_framework.test import APIClient

from tests.directives.api.conftest import key_client

pytestmark = pytest.mark.django_db


def test_a_key_beyond_its_rate_gets_429(settings, health_dept_officer):
    settings.API_RATE_LIMIT = "3/minute"
    client = key_client(health_dept_officer)
    codes = [client.get("/api/v1/agencies/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/agencies/")
    assert "Quá nhiều yêu cầu" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_each_key_counts_on_its_own(settings, health_dept_officer, ict_dept_officer):
    settings.API_RATE_LIMIT = "2/minute"
    first, second = key_client(health_dept_officer), key_client(health_dept_officer)
    assert [first.get("/api/v1/agencies/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/agencies/").status_code == 200


def test_the_public_schema_is_counted_by_address(settings, db):
    settings.API_ANON_RATE_LIMIT = "2/minute"
    client = APIClient()
    assert [client.get("/api/schema/").status_code for _ in range(3)] == [200, 200, 429]
