"""The API's settings fail loudly on a bad value, naming the variable."""

import pytest

from tests.test_settings_env import _start


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("API_RATE_LIMIT", "lots"),
        ("API_RATE_LIMIT", "0/minute"),
        ("API_ANON_RATE_LIMIT", "5/week"),
        ("CACHE_URL", "memcached://x"),
    ],
)
def test_a_bad_api_setting_stops_start_up(tmp_path, name, value):
    result = _start({"VAR_DIR": str(tmp_path), "DEBUG": "1", name: value})
    assert result.returncode != 0
    assert name in result.stderr
