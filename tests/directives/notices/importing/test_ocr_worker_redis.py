"""The real thing: a `celery worker` process on Redis reads an uploaded scan with the real
Tesseract, moving the job's progress page by page, and the import page then shows the review.

PostgreSQL only, for the reason test_worker_redis.py gives: the worker is another process and
must see the test's database.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from kombu import Connection

from directives.models import OcrJob
from directives.notices.importing.tasks import ocr_job_task
from tests.conftest import REDIS_TEST_URL
from tests.directives.notices.importing.scans import scanned_notice_pdf
from tests.directives.reminders.test_worker_redis import _database_url
from tests.files import upload

CELERY = Path(sys.executable).parent / "celery"
ROOT = Path(__file__).resolve().parents[4]


def _start_worker(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "worker-test-key",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": REDIS_TEST_URL,
        "VAR_DIR": str(tmp_path / "var"),
    }
    command = [str(CELERY), "-A", "config", "worker", "--pool=solo", "-n", "ocr@%h", "--loglevel=INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, log


def _wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"Timed out waiting for {what}.\n{log.read_text(errors='replace')[-3000:] if log.exists() else ''}")


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_reads_an_uploaded_scan_and_the_review_follows(client, office_clerk, health_dept, tmp_path):
    client.force_login(office_clerk)
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    # The upload as the clerk makes it; the web process's own broker is not this test's Redis,
    # so the job is sent to the worker here, as the page's on_commit hook would send it.
    response = client.post("/notices/import/", {"file": upload("scan.pdf", scanned_notice_pdf(), "application/pdf")})
    job = OcrJob.objects.get()
    assert response["Location"] == f"/notices/import/ocr/{job.pk}/"
    worker, log = _start_worker(tmp_path)
    try:
        _wait_for(lambda: "ready." in log.read_text(), 60, "the worker to start", log)
        with Connection(REDIS_TEST_URL) as broker:
            ocr_job_task.apply_async((job.pk,), connection=broker)
        _wait_for(lambda: OcrJob.objects.get(pk=job.pk).finished, 180, "the scan to be read", log)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    job.refresh_from_db()
    assert (job.status, job.pages_done, job.pages_total, job.error) == ("done", 1, 1, "")
    assert bytes(job.data) == b""
    page = client.get(f"/notices/import/ocr/{job.pk}/").content.decode()
    assert "Văn bản nhận dạng (OCR)" in page and "hệ thống đề xuất 2 nhiệm vụ" in page
