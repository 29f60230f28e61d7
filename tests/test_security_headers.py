"""Response headers: a strict Content-Security-Policy, Permissions-Policy, no caching of what a
signed-in person sees, HSTS from settings, and oversized bodies refused before they are read."""

import base64
import hashlib
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from directives.models import Attachment
from tests.factories import TaskFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(django_settings.BASE_DIR) / "templates"


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def officer_client(client, health_dept_officer):
    client.force_login(health_dept_officer)
    return client


# --- Content-Security-Policy -----------------------------------------------------------------


def test_login_page_has_a_strict_content_security_policy(client):
    policy = _directives(client.get("/accounts/login/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    everything = " ".join(word for words in policy.values() for word in words)
    assert "'unsafe-inline'" not in everything and "'unsafe-eval'" not in everything
    assert "http:" not in everything and "https:" not in everything and "*" not in everything


def test_pages_after_login_have_the_policy_too(officer_client):
    response = officer_client.get("/")
    assert response.status_code == 200
    assert _directives(response)["default-src"] == ["'self'"]


def _inline_handlers() -> list[tuple[Path, str]]:
    handlers = []
    for path in TEMPLATES_DIR.rglob("*.html"):
        if "emails" in path.parts:
            continue  # mail bodies are read in a mail client, never served under this policy
        for code in re.findall(r"""\son[a-z]+="([^"]*)\"""", path.read_text(encoding="utf-8")):
            handlers.append((path, code))
    return handlers


def test_every_inline_event_handler_is_allowed_by_its_hash(client):
    """An inline handler (onclick="...") runs only when its hash is listed with 'unsafe-hashes'."""
    script_src = _directives(client.get("/accounts/login/"))["script-src"]
    for path, code in _inline_handlers():
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src, f"{path.name}: {code}"
    if _inline_handlers():
        assert "'unsafe-hashes'" in script_src


def test_served_templates_have_no_inline_script_or_style_without_a_nonce():
    for path in TEMPLATES_DIR.rglob("*.html"):
        if "emails" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "csp_nonce" in tag, f"{path.name}: {tag}"
        assert not re.search(r"<style\b", text), path.name
        assert not re.search(r"\sstyle=", text), path.name


# --- Permissions-Policy ----------------------------------------------------------------------


def test_permissions_policy_turns_off_device_features(client):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


# --- Cache-Control ---------------------------------------------------------------------------


def test_pages_after_login_are_never_stored(officer_client):
    response = officer_client.get("/")
    assert response["Cache-Control"] == "private, no-store"


def test_exports_are_never_stored(officer_client):
    response = officer_client.get("/tasks/export.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_attachments_are_never_stored(officer_client, health_dept):
    task = TaskFactory(lead=health_dept)
    officer_client.post(
        f"/tasks/{task.pk}/report/", {"report-text": "Kèm tệp", "report-files": [upload("Kế hoạch.pdf", pdf_bytes())]}
    )
    response = officer_client.get(f"/attachments/{Attachment.objects.get().pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_cache_control_set_by_the_view_is_kept(officer_client):
    # The admin marks its pages never_cache itself; that header is left as it is.
    officer_client.logout()
    response = officer_client.get("/admin/login/")
    assert "no-store" in response["Cache-Control"] and response["Cache-Control"] != "private, no-store"


def test_static_files_keep_their_caching(officer_client, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = officer_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- HSTS ------------------------------------------------------------------------------------


def test_hsts_follows_its_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- Request size ----------------------------------------------------------------------------


def test_max_request_body_is_a_little_above_the_largest_upload():
    largest = django_settings.UPLOAD_MAX_BYTES * django_settings.ATTACHMENTS_PER_REPORT
    assert largest < django_settings.MAX_REQUEST_BODY_BYTES <= largest + 4 * 1024 * 1024


class _CountingBody:
    """A request body that records how much of it was read."""

    def __init__(self, data: bytes):
        self.stream = io.BytesIO(data)
        self.read_bytes = 0

    def read(self, *args):
        chunk = self.stream.read(*args)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, *args):
        chunk = self.stream.readline(*args)
        self.read_bytes += len(chunk)
        return chunk


def _post_file(client, path: str, size: int):
    payload = encode_multipart(BOUNDARY, {"report-text": "x", "report-files": upload("lon.pdf", b"0" * size)})
    body = _CountingBody(payload)
    response = client.generic("POST", path, data=payload, content_type=MULTIPART_CONTENT, **{"wsgi.input": body})
    return response, body


def test_oversized_anonymous_post_is_refused_before_reading_the_body(settings):
    # With CSRF checks on and a CSRF cookie, as in a browser, the CSRF check reads the form (and
    # so the whole body) before the login check: the limit comes before both.
    settings.MAX_REQUEST_BODY_BYTES = 50_000
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response, body = _post_file(client, "/tasks/1/report/", 60_000)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_the_default_limit_refuses_sixty_megabytes(client):
    response = client.generic(
        "POST", "/tasks/1/report/", content_type=MULTIPART_CONTENT, CONTENT_LENGTH=str(60 * 1024 * 1024)
    )
    assert response.status_code == 413


def test_oversized_post_after_login_is_refused_too(officer_client, health_dept, settings):
    task = TaskFactory(lead=health_dept)
    settings.MAX_REQUEST_BODY_BYTES = 50_000
    response, body = _post_file(officer_client, f"/tasks/{task.pk}/report/", 60_000)
    assert response.status_code == 413 and body.read_bytes == 0


def test_a_body_within_the_limit_reaches_the_view(client):
    # An anonymous POST under the limit gets the usual answer: the login page.
    response = client.post("/tasks/1/report/", {"report-text": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
