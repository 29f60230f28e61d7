"""A bad value in the environment stops start-up with a message naming the variable."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int


def test_env_bool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("DUE_SOON_DAYS", "ba")
    with pytest.raises(ImproperlyConfigured, match="DUE_SOON_DAYS"):
        env_int("DUE_SOON_DAYS", 3)


def _start(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
    )


def test_missing_secret_key_stops_start_up_when_debug_is_off(tmp_path):
    result = _start({"VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_database_url_stops_start_up(tmp_path):
    result = _start({"VAR_DIR": str(tmp_path), "DEBUG": "1", "DATABASE_URL": "nosuchdb://x"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_defaults_start_with_debug(tmp_path):
    result = _start({"VAR_DIR": str(tmp_path), "DEBUG": "1"})
    assert result.returncode == 0, result.stderr
