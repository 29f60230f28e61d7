"""The production settings with docker-compose.yml's defaults pass `manage.py check --deploy`, and
the compose file puts the proxy, and only the proxy, in front of gunicorn."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
NGINX = ROOT / "deploy" / "nginx.conf.template"


def _block(text: str, header: str) -> list[str]:
    """The lines indented under the first line equal to `header` (a YAML mapping key)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip() == header)
    indent = len(header) - len(header.lstrip())
    block = []
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    return block


def _resolve(value: str, required: dict[str, str]) -> str:
    """Compose's ${NAME:-default} and ${NAME:?message} with nothing set in the shell."""

    def one(match: re.Match) -> str:
        name, op, rest = match.group(1), match.group(2), match.group(3)
        if op == ":-":
            return rest
        if op == ":?":
            return required[name]
        return ""

    return re.sub(r"\$\{(\w+)(:-|:\?)?([^}]*)\}", one, value)


def _service_env(required: dict[str, str]) -> dict[str, str]:
    env = {}
    for line in _block(COMPOSE, "  environment:"):
        if not line.strip() or line.strip().startswith("#"):
            continue
        key, _, value = line.strip().partition(":")
        env[key] = _resolve(value.strip(), required)
    return env


def _service(name: str) -> str:
    return "\n".join(_block(COMPOSE, f"  {name}:"))


def _run(code_or_args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *code_or_args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env, "VAR_DIR": str(tmp_path / "var"), "STATIC_ROOT": str(tmp_path / "s")},
    )


@pytest.fixture
def compose_env():
    return _service_env({"SECRET_KEY": get_random_secret_key()})


def test_compose_defaults_pass_the_deploy_check(compose_env, tmp_path):
    assert compose_env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], compose_env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def _production(env: dict[str, str], tmp_path, expression: str) -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    return _run(["-c", code], {"DJANGO_SETTINGS_MODULE": "config.settings.production", **env}, tmp_path)


def test_production_defaults_are_secure_without_any_environment(tmp_path):
    expression = (
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD"
    )
    result = _production({"SECRET_KEY": get_random_secret_key()}, tmp_path, expression)
    assert result.stdout.strip() == "True True True 31536000 True False", result.stderr


def test_hsts_is_configurable(tmp_path):
    env = {
        "SECRET_KEY": get_random_secret_key(),
        "SECURE_HSTS_SECONDS": "3600",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "SECURE_HSTS_PRELOAD": "1",
    }
    expression = "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD"
    result = _production(env, tmp_path, expression)
    assert result.stdout.strip() == "3600 False True", result.stderr


def test_production_keeps_database_connections_and_compiled_templates(tmp_path):
    # Under load every request paid for a new PostgreSQL connection or a template parse otherwise.
    env = {"SECRET_KEY": get_random_secret_key(), "DATABASE_URL": "postgres://u@db.example:5432/theodoi"}
    expression = (
        "s.DATABASES['default']['CONN_MAX_AGE'], "
        "__import__('django.template').template.engines['django'].engine.template_loaders[0].__module__"
    )
    result = _production(env, tmp_path, expression)
    assert result.stdout.strip() == "60 django.template.loaders.cached", result.stderr


def test_production_refuses_an_http_origin_for_csrf(tmp_path):
    env = {"SECRET_KEY": get_random_secret_key(), "CSRF_TRUSTED_ORIGINS": "https://theodoi.example,http://x.example"}
    result = _production(env, tmp_path, "s.CSRF_TRUSTED_ORIGINS")
    assert result.returncode != 0
    assert "CSRF_TRUSTED_ORIGINS" in result.stderr and "http://x.example" in result.stderr


def test_compose_trusts_no_plain_http_origin(compose_env):
    assert "http://" not in compose_env["CSRF_TRUSTED_ORIGINS"]
    assert compose_env["SITE_URL"].startswith("https://")
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        assert compose_env[name] == "1", name
    assert int(compose_env["SECURE_HSTS_SECONDS"]) >= 31536000


# --- The proxy -------------------------------------------------------------------------------


def test_gunicorn_is_reachable_only_through_the_proxy():
    web = _service("web")
    assert "ports:" not in web
    # The worker model the load benchmark chose, the same in the image and in its default run.
    assert "--worker-class sync --workers 4 " in web
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert '"--worker-class", "sync", "--workers", "4"' in dockerfile
    proxy = _service("proxy")
    assert re.search(r"image: nginx:1\.27-alpine", proxy)
    assert re.search(r'"\$\{HTTP_PORT:-80\}:80"', proxy) and re.search(r'"\$\{HTTPS_PORT:-443\}:443"', proxy)
    assert "./deploy/nginx.conf.template:/etc/nginx/templates/default.conf.template:ro" in proxy
    assert "/etc/nginx/certs:ro" in proxy


def test_proxy_body_limit_matches_django(compose_env, settings):
    proxy_env = {
        line.strip().partition(":")[0]: _resolve(line.strip().partition(":")[2].strip(), {})
        for line in _block(_service("proxy"), "    environment:")
        if line.strip()
    }
    # The same default reaches Django and nginx, and it is Django's own default.
    assert proxy_env["MAX_REQUEST_BODY_BYTES"] == compose_env["MAX_REQUEST_BODY_BYTES"]
    assert int(compose_env["MAX_REQUEST_BODY_BYTES"]) == settings.MAX_REQUEST_BODY_BYTES
    assert "client_max_body_size ${MAX_REQUEST_BODY_BYTES};" in NGINX.read_text(encoding="utf-8")


def test_proxy_tells_django_the_scheme_and_the_client():
    config = NGINX.read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-Proto https;" in config
    assert "proxy_set_header X-Real-IP $remote_addr;" in config
    assert "proxy_pass http://web:8000;" in config
    assert re.search(r"listen 443 ssl;", config) and "ssl_certificate /etc/nginx/certs/fullchain.pem;" in config
    assert "return 301 https://$host$request_uri;" in config


def test_compose_gives_every_process_one_shared_cache(compose_env):
    # The kept menus and working-day calendar follow a version in the cache: shared, every
    # process sees a change at once (README, Design).
    assert compose_env["CACHE_URL"] == "redis://redis:6379/1"
    assert compose_env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
