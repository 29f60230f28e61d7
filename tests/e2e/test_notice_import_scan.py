"""The office clerk imports seed notice 000 as a scan and as a phone photo, in a real browser: the
upload goes to OCR, the page shows the progress, the real Tesseract reads the pages (called here
as the worker calls it: the worker itself is tested on Redis in test_ocr_worker_redis.py), the
page refreshes itself into the review with the OCR text, and the draft is saved."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from benchmarks import scans
from directives.demo.notices import SEEDS
from directives.models import OcrJob
from directives.notices.importing.jobs import ocr_job_run
from meetings.models import ConclusionNotice

pytestmark = pytest.mark.django_db(transaction=True)

SEED = next(seed for seed in SEEDS if seed.stem.startswith("000"))


@pytest.fixture(scope="module")
def seed_pages():
    return scans.page_images(scans.text_pdf(SEED.text), 300)


def _upload_and_read(page, login, name: str, mime: str, data: bytes):
    call_command("seed_demo", password="demo", verbosity=0)
    login("office", "demo")
    page.goto("/notices/import/")
    page.get_by_label("Hoặc tải tệp lên").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    page.get_by_role("button", name="Đọc thông báo").click()

    # The job's page: nothing read yet, and it says so while it refreshes itself.
    expect(page.get_by_role("heading", name="Nhận dạng chữ bản scan")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Đang chờ xử lý")
    job = OcrJob.objects.get()
    assert ocr_job_run(job.pk) == "done"

    # The page refreshes into the review, the OCR text beside the proposed tasks.
    expect(page.get_by_role("heading", name="Kiểm tra thông báo đọc được")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Văn bản nhận dạng (OCR)")).to_be_visible()
    expect(page.get_by_text(f"từ bản scan “{name}”")).to_be_visible()
    return job


def test_clerk_imports_a_scanned_pdf_of_a_seed_notice(page, login, seed_pages):
    _upload_and_read(page, login, "tb-000-scan.pdf", "application/pdf", scans.image_only_pdf(seed_pages, 300))
    expect(page.get_by_text("hệ thống đề xuất 12 nhiệm vụ")).to_be_visible()
    # The task sentences highlighted as when the text is pasted (two tasks share one sentence),
    # besides the marks of names the reader placed in no task ("Cần kiểm tra").
    labels = page.locator("mark.source > .mark-label").filter(has_text=re.compile(r"^\[Kết luận \d"))
    expect(labels).to_have_count(11)
    page.get_by_role("button", name="Lưu dự thảo").last.click()
    expect(page.get_by_text("Đã lưu dự thảo thông báo với 12 nhiệm vụ")).to_be_visible()
    notice = ConclusionNotice.objects.get(status="draft")
    assert "Giao Sở Y tế hằng ngày phải đánh giá" in notice.full_text


def test_clerk_imports_a_phone_photo_of_a_seed_notice(page, login, seed_pages):
    # A phone photo is one page: the first of the notice, with its first conclusions.
    _upload_and_read(page, login, "IMG_0424.jpg", "image/jpeg", scans.phone_photo(seed_pages[0]))
    source = page.locator("[data-import-source]")
    expect(source).to_contain_text("Giao Sở Y tế hằng ngày phải đánh giá")
    task = page.locator("fieldset.task-row").filter(has=page.locator('input[value="26/06/2021"]')).first
    expect(task).to_be_visible()
    page.get_by_role("button", name="Lưu dự thảo").last.click()
    expect(page.get_by_text("Đã lưu dự thảo thông báo với")).to_be_visible()
    assert ConclusionNotice.objects.filter(status="draft").count() == 1
