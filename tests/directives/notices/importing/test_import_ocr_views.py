"""The import page with a scan or a photo: the upload is stored as an OCR job and the clerk is
sent to its page, which shows the progress until the pages are read, then the same review as a
text import with the OCR text beside the tasks. The job is run here by calling the task's
function (the real Tesseract); the real worker is in test_ocr_worker_redis.py."""

import datetime as dt
import html

import pytest

from directives.models import OcrJob
from directives.notices.importing.jobs import ocr_job_run
from meetings.models import ConclusionNotice
from tests.directives.notices.importing.scans import blank_pages_pdf, photo_of_notice, scanned_notice_pdf
from tests.files import upload

pytestmark = pytest.mark.django_db

IMPORT = "/notices/import/"


@pytest.fixture
def clerk(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    return client


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _upload_scan(clerk, name="scan.pdf", data=None, content_type="application/pdf"):
    return clerk.post(IMPORT, {"file": upload(name, data if data is not None else scanned_notice_pdf(), content_type)})


def test_a_scanned_pdf_becomes_a_job_and_the_clerk_goes_to_its_page(clerk, office_clerk):
    response = _upload_scan(clerk)
    job = OcrJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/notices/import/ocr/{job.pk}/"
    assert (job.created_by, job.kind, job.pages_total, job.status) == (office_clerk, "pdf", 1, "pending")
    assert not ConclusionNotice.objects.exists()


def test_the_job_page_shows_progress_and_refreshes_itself_until_done(clerk):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    OcrJob.objects.filter(pk=job.pk).update(status="running", pages_done=1, pages_total=3)
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Đã đọc 1/3 trang" in page and '<progress id="ocr-progress" max="3" value="1">' in page
    assert "Chưa có gì được lưu" in page


def test_a_read_scan_shows_the_review_with_the_ocr_text_beside_the_tasks(clerk):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    ocr_job_run(job.pk)
    response = clerk.get(f"/notices/import/ocr/{job.pk}/")
    page = _page(response)
    assert response.status_code == 200 and "http-equiv" not in page
    assert "Kiểm tra thông báo đọc được" in page and "Văn bản nhận dạng (OCR)" in page
    assert "hệ thống đề xuất 2 nhiệm vụ" in page
    assert "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính" in " ".join(page.split())
    entry = response.context["entry"]
    due_dates = [t["due_date"].value() for c in entry.conclusions.forms for t in c.tasks.forms]
    assert due_dates == [dt.date(2021, 6, 30), dt.date(2021, 7, 15)]


def test_a_photo_is_read_the_same_way(clerk):
    response = _upload_scan(clerk, "anh-chup.jpg", photo_of_notice(), "image/jpeg")
    job = OcrJob.objects.get()
    assert response.status_code == 302 and job.kind == "image"
    assert ocr_job_run(job.pk) == "done"
    assert "hệ thống đề xuất 2 nhiệm vụ" in _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))


def test_a_failed_job_says_why_and_stops_refreshing(clerk):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    OcrJob.objects.filter(pk=job.pk).update(status="failed", error="Trang 1 của “scan.pdf” nhận dạng chữ quá 60 giây")
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert "Chưa đọc được bản scan" in page and "quá 60 giây" in page and "http-equiv" not in page


def test_ocr_text_that_is_no_notice_comes_back_in_the_text_box_to_correct(clerk):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    OcrJob.objects.filter(pk=job.pk).update(status="done", text="Danh sách mua sắm: gạo, muối.")
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert "Văn bản không phải là thông báo kết luận" in page
    assert "Danh sách mua sắm: gạo, muối.</textarea>" in page
    assert f'action="{IMPORT}"' in page


def test_another_clerks_job_is_not_found(clerk, client, django_user_model):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    from tests.factories import office_user

    client.force_login(office_user(username="office2"))
    assert client.get(f"/notices/import/ocr/{job.pk}/").status_code == 404


def test_where_the_engine_is_missing_the_upload_is_refused_with_what_to_install(clerk, settings):
    settings.OCR_TESSERACT_CMD = "tesseract-not-installed-here"
    response = _upload_scan(clerk, "anh.jpg", photo_of_notice(), "image/jpeg")
    page = _page(response)
    assert response.status_code == 400
    assert "chưa cài công cụ nhận dạng chữ (OCR)" in page and "apt-get install tesseract-ocr tesseract-ocr-vie" in page
    assert not OcrJob.objects.exists()


def test_too_many_pages_are_refused_at_once(clerk, settings):
    settings.OCR_MAX_PAGES = 2
    response = _upload_scan(clerk, data=blank_pages_pdf(3))
    assert response.status_code == 400 and "có 3 trang, vượt giới hạn 2 trang" in _page(response)
    assert not OcrJob.objects.exists()


def test_the_form_says_scans_and_photos_are_read(clerk):
    page = _page(clerk.get(IMPORT))
    assert ".jpg, .png, .tif" in page and "nhận dạng chữ (OCR)" in page and ".jpg,.jpeg,.png" in page


def test_a_job_nobody_took_for_minutes_says_the_worker_may_be_down(clerk):
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert "Đang chờ xử lý" in page and "Celery worker" not in page
    OcrJob.objects.filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(minutes=3))
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert "Celery worker" in page and "http-equiv" in page


def test_a_running_job_that_stopped_moving_is_shown_as_interrupted(clerk, settings):
    settings.OCR_PAGE_TIMEOUT = 5
    _upload_scan(clerk)
    job = OcrJob.objects.get()
    OcrJob.objects.filter(pk=job.pk).update(status="running")
    OcrJob.objects.filter(pk=job.pk).update(updated_at=job.created_at - dt.timedelta(minutes=3))
    page = _page(clerk.get(f"/notices/import/ocr/{job.pk}/"))
    assert "bị gián đoạn" in page and "http-equiv" not in page
    assert OcrJob.objects.get(pk=job.pk).status == "failed"
