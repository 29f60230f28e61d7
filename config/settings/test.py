"""Tests: the same settings, with a fixed key, fast hashing and mail kept in memory."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from config.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Login throttling is off except where a test turns it on (tests/test_login_throttle.py): axes
# needs the request in authenticate(), which client.login() and direct calls do not pass.
AXES_ENABLED = False
