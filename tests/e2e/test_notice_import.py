"""The office clerk imports seed notice 000 in a real browser: pastes its text, checks the review
beside the highlighted source, changes one coordinating agency, saves, publishes, and the
tasks are live for the agencies.

Time is 24/06/2021 (the notice's day) for the server, as in test_agency_workflow: the software
task due 30/06/2021 is then in progress, not overdue.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from directives.demo.notices import SEEDS
from directives.models import Task
from meetings.models import ConclusionNotice
from meetings.reader import read_notice

pytestmark = pytest.mark.django_db(transaction=True)

NOTICE_DAY = dt.datetime(2021, 6, 24, 2, 0, tzinfo=dt.UTC)  # 09:00 in Bắc Giang
SEED = next(seed for seed in SEEDS if seed.stem.startswith("000"))


@pytest.fixture
def on_notice_day(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(NOTICE_DAY, tick=True):
        yield


def _software_task_start() -> int:
    """Where the sentence giving Sở TT&TT the software (due 30/06/2021) starts in the text."""
    draft = read_notice(SEED.text)
    task = next(t for t in draft.tasks if t.due_date == dt.date(2021, 6, 30) and t.coordinating)
    return task.span[0]


def test_clerk_imports_fixes_an_agency_saves_and_publishes(on_notice_day, page, login):
    call_command("seed_demo", password="demo", verbosity=0)
    start = _software_task_start()

    login("office", "demo")
    page.goto("/notices/import/")
    expect(page.get_by_role("heading", name="Nhập thông báo từ văn bản")).to_be_visible()
    page.get_by_label("Dán toàn văn thông báo").fill(SEED.text)
    page.get_by_role("button", name="Đọc thông báo").click()

    # The review: the proposed tasks beside the source, each sentence highlighted.
    expect(page.get_by_role("heading", name="Kiểm tra thông báo đọc được")).to_be_visible()
    expect(page.get_by_text("hệ thống đề xuất 12 nhiệm vụ")).to_be_visible()
    # Two tasks share one sentence; highlights that only flag a name for checking hold no task.
    expect(page.locator("mark.source > .mark-label").filter(has_text=re.compile(r"^\[Kết luận \d"))).to_have_count(11)
    task = page.locator("fieldset.task-row", has=page.locator(f'input[name$="-source_start"][value="{start}"]'))
    expect(task).to_have_count(1)
    expect(task.get_by_label("Hạn xử lý")).to_have_value("30/06/2021")
    expect(task.locator(".chip").filter(has_text="Sở Thông tin và Truyền thông")).to_be_visible()

    # Focusing the task brings its sentence into view in the source pane.
    task.get_by_label("Nội dung nhiệm vụ").focus()
    sentence = page.locator(f'mark.source[data-start="{start}"]')
    expect(sentence).to_have_class(re.compile(r"\bactive\b"))
    expect(sentence).to_be_in_viewport()

    # The clerk swaps one coordinating agency: the industrial zones board out, Sở Công Thương in.
    task.locator(".chip", has_text="Ban Quản lý các Khu công nghiệp").locator("input").click()
    expect(task.locator(".chip", has_text="Ban Quản lý các Khu công nghiệp")).to_have_count(0)
    box = task.get_by_label("Cơ quan phối hợp", exact=True)
    box.click()
    box.press_sequentially("cong thuong", delay=20)
    option = task.get_by_role("option").filter(has_text="Sở Công Thương").first
    expect(option).to_be_visible()
    option.click()
    expect(task.locator(".chip").filter(has_text="Sở Công Thương")).to_be_visible()

    page.get_by_role("button", name="Lưu dự thảo").last.click()
    # 99: the office itself is no member of the collective "Các sở, ban, ngành tỉnh" it follows up.
    saved = "Đã lưu dự thảo thông báo với 12 nhiệm vụ (99 nhiệm vụ cho từng cơ quan)."
    expect(page.get_by_text(saved)).to_be_visible()
    notice = ConclusionNotice.objects.filter(status="draft").get()
    software = Task.objects.get(
        conclusion__notice=notice,
        lead__name="Sở Thông tin và Truyền thông",
        # The notice stores its text stripped; the saved spans moved with it.
        source_start=start - (len(SEED.text) - len(SEED.text.lstrip())),
    )
    coordinating = {agency.name for agency in software.coordinating.all()}
    assert "Sở Công Thương" in coordinating and "UBND huyện Lục Ngạn" in coordinating
    assert not any(name.startswith("Ban Quản lý") for name in coordinating)

    # Publishing: the tasks are given to the agencies, with their status shown as words.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_text(re.compile(r"Đã ban hành thông báo: \d+ nhiệm vụ đã được giao"))).to_be_visible()
    row = page.locator("table.data tbody tr", has=page.locator(f'a[href="/tasks/{software.pk}/"]'))
    expect(row.locator(".badge")).to_have_text("Đang thực hiện (trong hạn)")
    expect(row).to_contain_text("Sở Công Thương")
    assert Task.objects.filter(conclusion__notice=notice, published_at__isnull=True).count() == 0

    # An officer of the lead agency opens the task.
    page.context.clear_cookies()
    login("sotttt", "demo")
    page.goto(f"/tasks/{software.pk}/")
    expect(page.get_by_role("heading", name=f"Nhiệm vụ #{software.pk}")).to_be_visible()
    expect(page.get_by_text("30/06/2021").first).to_be_visible()
