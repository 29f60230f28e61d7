"""The Celery task that reads a scanned notice: thin, the work is jobs.ocr_job_run."""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from directives.notices.importing.jobs import ocr_job_run

# Every page may take its rendering and its reading time; the whole job stops a minute after.
_SOFT_LIMIT = settings.OCR_MAX_PAGES * 2 * settings.OCR_PAGE_TIMEOUT + 60


@shared_task(
    name="directives.notices.ocr",
    ignore_result=True,
    soft_time_limit=_SOFT_LIMIT,
    time_limit=_SOFT_LIMIT + 30,
)
def ocr_job_task(job_id: int) -> str:
    return ocr_job_run(job_id)


def ocr_job_enqueue(job_id: int) -> None:
    """Queue the job once its row is committed, so the worker never looks for a row not there yet."""
    transaction.on_commit(lambda: ocr_job_task.delay(job_id))
