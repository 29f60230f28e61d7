"""The OpenAPI schema validates, and its Swagger UI and ReDoc pages load nothing from outside:
every script, stylesheet and icon comes from our own static files (drf-spectacular-sidecar)."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
STATIC_IN_SCRIPT = re.compile(r"""["'](/static/[^"']+)["']""")


def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=io.StringIO())
    text = target.read_text()
    assert "/api/v1/tasks/{id}/reports/" in text and "Idempotency-Key" in text


def test_the_schema_names_the_key_scheme(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert schema["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["apiKey"]["description"],
    }


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_load_every_asset_from_our_static_files(client, url):
    page = client.get(url).content.decode()
    assert not re.search(r"https?://", page), re.findall(r"https?://\S+", page)
    assets = ASSET.findall(page) + STATIC_IN_SCRIPT.findall(page)
    static = [a for a in assets if a.startswith("/static/")]
    assert static, "the page names no asset"
    for asset in static:
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
