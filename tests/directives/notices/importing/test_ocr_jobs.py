"""directives/notices/importing/jobs.py: storing a scan for the worker, reading it page by page
(the task's function called in the test, with the real Tesseract), and what a stalled job
becomes. The real worker on Redis is in test_ocr_worker_redis.py."""

import datetime as dt

import pytest
from django.utils import timezone

from directives.models import OcrJob
from directives.notices.importing.files import NeedsOcr
from directives.notices.importing.jobs import job_stalled, ocr_job_create, ocr_job_fail_stalled, ocr_job_run
from directives.notices.importing.scan import OcrError
from tests.directives.notices.importing.scans import blank_pages_pdf, fake_tesseract, scanned_notice_pdf

pytestmark = pytest.mark.django_db


def _scan(data=None, name="scan.pdf", kind="pdf") -> NeedsOcr:
    return NeedsOcr("", name=name, kind=kind, data=data if data is not None else scanned_notice_pdf())


def test_a_job_stores_the_scan_and_its_page_count(office_clerk):
    job = ocr_job_create(actor=office_clerk, scan=_scan())
    job.refresh_from_db()
    assert (job.status, job.pages_done, job.pages_total, job.file_name) == ("pending", 0, 1, "scan.pdf")
    assert bytes(job.data) == scanned_notice_pdf()


def test_running_a_job_reads_every_page_and_keeps_only_the_text(office_clerk):
    job = ocr_job_create(actor=office_clerk, scan=_scan())
    assert ocr_job_run(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.pages_done, job.pages_total, job.error) == ("done", 1, 1, "")
    assert "Giao Sở Y tế chủ trì" in job.text and job.finished_at is not None
    assert bytes(job.data) == b""  # the scan is not kept once read


def test_a_job_is_read_once_even_when_its_task_comes_twice(office_clerk):
    job = ocr_job_create(actor=office_clerk, scan=_scan())
    assert ocr_job_run(job.pk) == "done"
    finished = OcrJob.objects.get(pk=job.pk).finished_at
    assert ocr_job_run(job.pk) == "skipped"
    assert OcrJob.objects.get(pk=job.pk).finished_at == finished


def test_nothing_is_stored_where_the_engine_is_missing(office_clerk, settings):
    settings.OCR_TESSERACT_CMD = "tesseract-not-installed-here"
    with pytest.raises(OcrError, match="apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"):
        ocr_job_create(actor=office_clerk, scan=_scan())
    assert not OcrJob.objects.exists()


def test_nothing_is_stored_for_too_many_pages(office_clerk, settings):
    settings.OCR_MAX_PAGES = 2
    with pytest.raises(OcrError, match="vượt giới hạn 2 trang"):
        ocr_job_create(actor=office_clerk, scan=_scan(blank_pages_pdf(3)))
    assert not OcrJob.objects.exists()


def test_a_page_over_its_time_limit_fails_the_job_with_the_message(office_clerk, settings, tmp_path):
    job = ocr_job_create(actor=office_clerk, scan=_scan())
    settings.OCR_TESSERACT_CMD = fake_tesseract(tmp_path, then="sleep 30")
    settings.OCR_PAGE_TIMEOUT = 1
    assert ocr_job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and "nhận dạng chữ quá 1 giây" in job.error and bytes(job.data) == b""


def test_a_running_job_whose_progress_stopped_is_stalled_and_failed_once(office_clerk, settings):
    settings.OCR_PAGE_TIMEOUT = 10
    job = ocr_job_create(actor=office_clerk, scan=_scan())
    OcrJob.objects.filter(pk=job.pk).update(status="running")
    job.refresh_from_db()
    assert not job_stalled(job, now=job.updated_at + dt.timedelta(seconds=79))
    assert job_stalled(job, now=job.updated_at + dt.timedelta(seconds=81))
    OcrJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=5))
    job.refresh_from_db()
    job = ocr_job_fail_stalled(job)
    assert job.status == "failed" and "bị gián đoạn" in job.error
