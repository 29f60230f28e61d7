"""Helpers of the reminder tests: run a sweep at a moment and deliver what it claimed, as the
beat and the workers would, in the test's process."""

import datetime as dt
import socket
import zoneinfo

import pytest

from directives.reminders import delivery
from directives.reminders.sweep import sweep

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LOOPBACK = ["127.0.0.0/8", "::1/128"]


@pytest.fixture(autouse=True)
def loopback_gateways_allowed(settings):
    """The gateways the tests start listen on 127.0.0.1, which the product refuses unless an
    operator allows it: allowed here, as an operator would for a gateway inside the office. The
    tests of the refusal set the allow-list back to empty."""
    settings.REMINDER_WEBHOOK_ALLOWED_NETWORKS = LOOPBACK


@pytest.fixture(autouse=True)
def no_outside_dns(monkeypatch):
    """No test sends anything beyond 127.0.0.1, not even a DNS query: names other than
    "localhost" (an address in /etc/hosts) do not resolve."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name in (None, "localhost"):
            return real(host, *args, **kwargs)
        try:
            return real(host, args[0] if args else kwargs.get("port"), flags=socket.AI_NUMERICHOST)
        except socket.gaierror:
            raise socket.gaierror(socket.EAI_NONAME, f"{name}: no outside DNS in tests") from None

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


def local(year, month, day, hour=7, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def run_reminders():
    """run_reminders(at) -> the delivery outcomes of a sweep at `at`, delivered in order."""

    def _run(at: dt.datetime):
        result = sweep(at=at)
        return [delivery.deliver(digest_id, now=at) for digest_id in result.digest_ids]

    return _run
