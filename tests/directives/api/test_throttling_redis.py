"""With CACHE_URL pointing at Redis, rate counts live there: every web process counts against
the same limit. Uses the real Redis server."""

import pytest
import redis

from tests.conftest import REDIS_TEST_URL
from tests.directives.api.conftest import key_client

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


PREFIX = "api-throttle-test"


def _forget(server) -> None:
    # Only this test's keys: the Redis database may hold other tests' data (never FLUSHDB).
    for key in server.scan_iter(f"{PREFIX}:*"):
        server.delete(key)


@pytest.fixture
def redis_server(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": PREFIX,
        }
    }
    server = redis.Redis.from_url(REDIS_TEST_URL)
    _forget(server)
    yield server
    _forget(server)


def test_the_count_is_shared_through_redis(settings, redis_server, health_dept_officer):
    settings.API_RATE_LIMIT = "2/minute"
    client = key_client(health_dept_officer)
    assert [client.get("/api/v1/agencies/").status_code for _ in range(2)] == [200, 200]
    # The count is in Redis itself, where every web process reads it.
    stored = list(redis_server.scan_iter(f"{PREFIX}:*throttle_api_key:*"))
    assert len(stored) == 1
    assert client.get("/api/v1/agencies/").status_code == 429
