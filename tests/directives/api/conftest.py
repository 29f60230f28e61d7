"""API keys for the people of the story, and a client that sends one."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIClient

from directives.api.auth import api_key_create


def key_for(user, name="Hệ thống quản lý văn bản") -> str:
    return api_key_create(user=user, name=name, actor=None)[1]


def key_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key_for(user)}")
    return client


def _clear_local_counts() -> None:
    # Throttle counts live in the cache: local memory in tests (a Redis one is never flushed here).
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    _clear_local_counts()
    yield
    _clear_local_counts()


@pytest.fixture
def office_api(office_clerk):
    return key_client(office_clerk)


@pytest.fixture
def leader_api(leader):
    return key_client(leader)


@pytest.fixture
def lead_api(health_dept_officer):
    return key_client(health_dept_officer)


@pytest.fixture
def coordinating_api(ict_dept_officer):
    return key_client(ict_dept_officer)


@pytest.fixture
def unrelated_api(unrelated_officer):
    return key_client(unrelated_officer)
