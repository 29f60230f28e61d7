"""Real `celery worker` processes for the fault tests: on Redis, against the test's PostgreSQL
database (the workers are other processes, so it cannot be SQLite's in-memory one)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import REDIS_TEST_URL

CELERY = Path(sys.executable).parent / "celery"
ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, name: str, tmp_path: Path, *, queues: str = "", env: dict | None = None):
        self.log = tmp_path / f"{name}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "SECRET_KEY": "worker-test-key",
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": REDIS_TEST_URL,
            "EMAIL_HOST": "",
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "VAR_DIR": str(tmp_path / "var"),
            # The tests' gateways listen on 127.0.0.1: allowed as an operator would allow one.
            "REMINDER_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
            **(env or {}),
        }
        command = [str(CELERY), "-A", "config", "worker", "--pool=solo", "-n", f"{name}@%h", "--loglevel=INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        command += ["-Q", queues] if queues else []
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ready(self) -> bool:
        return self.log.exists() and "ready." in self.log.read_text(errors="replace")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


def wait_for(predicate, timeout: float, what: str, workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    output = "\n".join(w.log.read_text(errors="replace")[-3000:] for w in workers if w.log.exists())
    pytest.fail(f"Timed out waiting for {what}.\n{output}")


def start(workers: list[Worker]) -> list[Worker]:
    wait_for(lambda: all(w.ready() for w in workers), 60, "the workers to start", workers)
    return workers
