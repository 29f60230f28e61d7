"""The real thing: two `celery worker` processes on Redis, the sweep sent twice (two beats),
and each digest found in the mailbox exactly once.

PostgreSQL only, on purpose: the workers are other processes and must see the test's database.
pytest-django's SQLite test database lives in memory and is invisible to them; a file-based
SQLite shared by three processes writing at once is not a setup production ever runs. CI runs
`redis` tests on PostgreSQL (its SQLite pass excludes them).
"""

import datetime as dt
import email
import os
import signal
import subprocess
import sys
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest
import redis
from django.db import connection
from kombu import Connection

from directives.models import Digest
from directives.reminders.tasks import sweep_task
from tests.conftest import REDIS_TEST_URL
from tests.factories import AgencyFactory, TaskFactory

CELERY = Path(sys.executable).parent / "celery"
ROOT = Path(__file__).resolve().parents[3]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(name: str, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / f"{name}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "worker-test-key",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": REDIS_TEST_URL,
        "EMAIL_HOST": "",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "VAR_DIR": str(tmp_path / "var"),
    }
    process = subprocess.Popen(
        [
            str(CELERY),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-n",
            f"{name}@%h",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, log


def _wait_for(predicate, timeout: float, what: str, logs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    output = "\n".join(log.read_text(errors="replace")[-3000:] for log in logs if log.exists())
    pytest.fail(f"Timed out waiting for {what}.\n{output}")


def _mailed_digests(mail_dir: Path) -> list[tuple[str, str]]:
    """(digest id, subject) of every message the file backend wrote."""
    found = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for chunk in path.read_text(encoding="utf-8").split("-" * 79):
            if "X-Reminder-Digest" in chunk:
                message = email.message_from_string(chunk.strip())
                found.append((message["X-Reminder-Digest"], str(make_header(decode_header(message["Subject"])))))
    return found


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_redis_mail_each_digest_exactly_once(tmp_path, health_dept, ict_dept):
    district = AgencyFactory(name="UBND huyện Lục Ngạn")
    for agency in (health_dept, ict_dept, district):
        TaskFactory(lead=agency, due_date=dt.date(2021, 6, 26))
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    workers = [_start_worker(name, tmp_path) for name in ("w1", "w2")]
    logs = [log for _, log in workers]
    try:
        _wait_for(lambda: all("ready." in log.read_text() for log in logs), 60, "the workers to start", logs)
        # Two beat processes both firing the 07:00 sweep of 25/6/2021.
        with Connection(REDIS_TEST_URL) as broker:
            for _ in range(2):
                sweep_task.apply_async(kwargs={"at": "2021-06-25T07:00:00+07:00"}, connection=broker)
        _wait_for(lambda: Digest.objects.filter(status=Digest.Status.SENT).count() == 3, 60, "three digests sent", logs)
        time.sleep(3)  # room for a duplicate to show up, if there were one
        mailed = _mailed_digests(tmp_path / "mail")
    finally:
        for process, _ in workers:
            os.killpg(process.pid, signal.SIGTERM)
        for process, _ in workers:
            process.wait(30)
    assert sorted(digest_id for digest_id, _ in mailed) == sorted(
        str(pk) for pk in Digest.objects.values_list("pk", flat=True)
    )
    subjects = sorted(subject for _, subject in mailed)
    assert subjects == [
        "[Nhắc việc] Sở Thông tin và Truyền thông: 1 nhiệm vụ cần lưu ý ngày 25/06/2021",
        "[Nhắc việc] Sở Y tế: 1 nhiệm vụ cần lưu ý ngày 25/06/2021",
        "[Nhắc việc] UBND huyện Lục Ngạn: 1 nhiệm vụ cần lưu ý ngày 25/06/2021",
    ]
