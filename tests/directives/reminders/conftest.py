"""Helpers of the reminder tests: run a sweep at a moment and deliver what it claimed, as the
beat and the workers would, in the test's process."""

import datetime as dt
import zoneinfo

import pytest

from directives.reminders import delivery
from directives.reminders.sweep import sweep

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def local(year, month, day, hour=7, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def run_reminders():
    """run_reminders(at) -> the delivery outcomes of a sweep at `at`, delivered in order."""

    def _run(at: dt.datetime):
        result = sweep(at=at)
        return [delivery.deliver(digest_id, now=at) for digest_id in result.digest_ids]

    return _run
