"""The background step of importing a scan: store the upload, read it page by page, record the
outcome. The Celery task (tasks.py) only calls `ocr_job_run`; `manage.py extract_notice` reads
a scan in the foreground with scan.read_scan instead, without any job.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from directives.models import OcrJob
from directives.notices.importing.files import ImportFileError, NeedsOcr
from directives.notices.importing.scan import check_ready, page_count, read_scan

log = logging.getLogger(__name__)

MSG_UNEXPECTED = (
    "Có lỗi không lường trước khi nhận dạng chữ “{name}”; quản trị viên đã được ghi nhận lỗi. "
    "Hãy thử tải lên lại, hoặc dán nội dung vào ô văn bản."
)
MSG_STALLED = "Việc nhận dạng chữ “{name}” bị gián đoạn (tiến trình xử lý nền đã dừng giữa chừng). Hãy tải tệp lên lại."
# A pending job nobody took within this time means no worker is running: the page says so.
WORKER_WAIT = dt.timedelta(minutes=2)


def ocr_job_create(*, actor, scan: NeedsOcr) -> OcrJob:
    """Store a scan for the worker; refuse at once (OcrError) when this machine cannot read it
    or it has too many pages, so nothing is stored for an upload that cannot succeed."""
    check_ready(scan.name, scan.kind)
    pages = page_count(scan.name, scan.kind, scan.data)
    job = OcrJob(created_by=actor, file_name=scan.name, kind=scan.kind, data=scan.data, pages_total=pages)
    job.full_clean(exclude=["data", "created_by"])
    job.save()
    return job


def ocr_job_run(job_id: int) -> str:
    """Read a pending job's scan, recording progress after each page; returns the final status.

    The job is claimed by a conditional UPDATE first, so a redelivered task (acks_late) or a
    second worker never reads the same scan twice.
    """
    now = timezone.now()
    claimed = OcrJob.objects.filter(pk=job_id, status=OcrJob.Status.PENDING).update(
        status=OcrJob.Status.RUNNING, updated_at=now
    )
    if claimed != 1:
        return "skipped"
    job = OcrJob.objects.get(pk=job_id)

    def progress(done: int, total: int) -> None:
        OcrJob.objects.filter(pk=job_id).update(pages_done=done, pages_total=total, updated_at=timezone.now())

    try:
        text = read_scan(job.file_name, job.kind, bytes(job.data), on_page=progress)
    except ImportFileError as exc:
        return _finish(job_id, status=OcrJob.Status.FAILED, error=str(exc))
    except Exception:
        log.exception("OCR job %s failed", job_id)
        _finish(job_id, status=OcrJob.Status.FAILED, error=MSG_UNEXPECTED.format(name=job.file_name))
        raise
    return _finish(job_id, status=OcrJob.Status.DONE, text=text)


def _finish(job_id: int, *, status: str, text: str = "", error: str = "") -> str:
    with transaction.atomic():
        OcrJob.objects.filter(pk=job_id).update(
            status=status, text=text, error=error, data=b"", finished_at=timezone.now(), updated_at=timezone.now()
        )
    return status


def job_stalled(job: OcrJob, *, now: dt.datetime | None = None) -> bool:
    """A running job whose progress has not moved for longer than a page may take (rendering
    and reading, each with its limit) lost its worker: it will never finish by itself."""
    now = now or timezone.now()
    limit = dt.timedelta(seconds=2 * settings.OCR_PAGE_TIMEOUT + 60)
    return job.status == OcrJob.Status.RUNNING and now - job.updated_at > limit


def waiting_for_worker(job: OcrJob, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return job.status == OcrJob.Status.PENDING and now - job.created_at > WORKER_WAIT


def ocr_job_fail_stalled(job: OcrJob) -> OcrJob:
    """Record a stalled job as failed (only if it is still the same stalled run)."""
    OcrJob.objects.filter(pk=job.pk, status=OcrJob.Status.RUNNING, updated_at=job.updated_at).update(
        status=OcrJob.Status.FAILED,
        error=MSG_STALLED.format(name=job.file_name),
        data=b"",
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
