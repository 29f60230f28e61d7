"""The agency workflow in a real browser, on the demo data.

Officer `soyte` logs in on 24/06/2021, sees the Sở Y tế plan due 26/06/2021 among the tasks due
soon, reports progress with a real PDF attached, submits completion with the plan as evidence;
`office` reads the report and its file in the queue, opens the task from there, verifies it and is
brought back to the queue; the officer then sees it completed on time, and the timeline shows each
step. A leader approves an extension to an earlier date than the one asked, with a reason.

Time: the live server answers from another thread of this same process, and time_machine moves
the clock of the whole process, so `travel(..., tick=True)` around the test makes the server
believe it is 24/06/2021 while time still flows (sessions, timeouts). The browser keeps its own,
real clock: a cookie expiring in 2021 would be dropped at once, so session and CSRF cookies are
made browser-session cookies (no expiry date) for this test.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from directives.models import Task
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

MONDAY_MORNING = dt.datetime(2021, 6, 24, 1, 30, tzinfo=dt.UTC)  # 08:30 in Bắc Giang


@pytest.fixture
def june_2021(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(MONDAY_MORNING, tick=True):
        yield


def test_officer_reports_and_completes_office_verifies(june_2021, page, login, tmp_path):
    call_command("seed_demo", password="demo", verbosity=0)
    task = Task.objects.get(lead__name="Sở Y tế", due_date=dt.date(2021, 6, 26), action__startswith="Ban hành Kế hoạch")
    evidence = tmp_path / "ke-hoach-so-y-te.pdf"
    evidence.write_bytes(pdf_bytes("Ke hoach khoi phuc hoat dong kinh te - xa hoi"))

    # The officer's inbox: the plan is due soon.
    login("soyte", "demo")
    expect(page.get_by_role("heading", name="Việc của cơ quan")).to_be_visible()
    due_soon = page.locator("#nhom-due_soon")
    row = due_soon.locator("tr", has=page.locator(f'a[href="/tasks/{task.pk}/"]'))
    expect(row.get_by_text("Sắp đến hạn")).to_be_visible()
    row.locator(f'a[href="/tasks/{task.pk}/"]').click()

    # A progress report with the PDF attached.
    expect(page.get_by_role("heading", name=f"Nhiệm vụ #{task.pk}")).to_be_visible()
    page.locator("summary", has_text="Báo cáo tiến độ").click()
    page.get_by_label("Nội dung báo cáo").fill("Đã xây dựng dự thảo Kế hoạch, đang lấy ý kiến các đơn vị.")
    page.get_by_label("Số văn bản báo cáo").fill("125/BC-SYT")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    page.get_by_label("Tệp đính kèm").first.set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo tiến độ").click()
    expect(page.get_by_text("Đã gửi báo cáo tiến độ.")).to_be_visible()
    expect(page.get_by_role("link", name="ke-hoach-so-y-te.pdf")).to_be_visible()

    # Completion, with the result.
    page.locator("summary", has_text="Báo cáo hoàn thành").click()
    page.get_by_label("Kết quả thực hiện").fill("Đã ban hành Kế hoạch số 99/KH-SYT ngày 24/6/2021.")
    completion = page.locator("details", has=page.locator("summary", has_text="Báo cáo hoàn thành"))
    completion.get_by_label("Tệp đính kèm").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo hoàn thành").click()
    expect(page.locator(".task-status").get_by_text("Chờ xác nhận")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    # The office reads the report and its evidence in the queue, verifies from the task page,
    # and is brought back to the queue.
    login("office", "demo")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Chờ xác nhận").click()
    from_queue = f"/tasks/{task.pk}/?next=/tasks/verification/"
    queued = page.locator("tr", has=page.locator(f'a[href="{from_queue}"]'))
    expect(queued.get_by_text("Đã ban hành Kế hoạch số 99/KH-SYT")).to_be_visible()
    expect(queued.get_by_role("link", name="ke-hoach-so-y-te.pdf")).to_be_visible()
    expect(queued.get_by_text("1 tệp", exact=True)).to_be_visible()
    expect(queued.get_by_role("button")).to_have_count(0)  # no verifying in one click from the list
    queued.get_by_role("link", name="Xem và xác nhận").click()
    expect(page.get_by_role("heading", name=f"Nhiệm vụ #{task.pk}")).to_be_visible()
    expect(page.get_by_text("Báo cáo hoàn thành kèm 1 tệp minh chứng")).to_be_visible()
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(page).to_have_url(re.compile(r"/tasks/verification/$"))
    expect(page.get_by_text(f"Đã xác nhận hoàn thành nhiệm vụ #{task.pk}.")).to_be_visible()
    expect(page.locator(f'a[href="{from_queue}"]')).to_have_count(0)
    page.get_by_role("button", name="Đăng xuất").click()

    # The officer sees it completed on time, told by the bell, and every step in the timeline.
    login("soyte", "demo")
    completed = page.locator("#nhom-completed").locator("tr", has=page.locator(f'a[href="/tasks/{task.pk}/"]'))
    expect(completed.get_by_text("Hoàn thành đúng hạn")).to_be_visible()
    expect(page.locator(".bell-count")).to_have_text(re.compile(r"\d+"))
    completed.locator(f'a[href="/tasks/{task.pk}/"]').click()
    expect(page.locator(".task-status").get_by_text("Hoàn thành đúng hạn")).to_be_visible()
    timeline = page.locator("ol.timeline")
    for step in ("Giao nhiệm vụ", "Báo cáo tiến độ", "Báo cáo hoàn thành", "Xác nhận hoàn thành"):
        expect(timeline.get_by_text(step, exact=True)).to_be_visible()
    expect(timeline.get_by_text("Ngày hoàn thành: 24/06/2021")).to_be_visible()


def test_bad_upload_is_refused_then_leader_approves_an_extension(june_2021, page, login, tmp_path):
    call_command("seed_demo", password="demo", verbosity=0)
    task = Task.objects.get(lead__name="Sở Y tế", due_date=dt.date(2021, 6, 26), action__startswith="Ban hành Kế hoạch")
    fake = tmp_path / "bao-cao.pdf"
    fake.write_bytes(b"MZ" + b"\x00" * 512)  # a program renamed .pdf

    login("soyte", "demo")
    page.goto(f"/tasks/{task.pk}/")
    page.locator("summary", has_text="Báo cáo tiến độ").click()
    page.get_by_label("Nội dung báo cáo").fill("Kèm báo cáo")
    page.get_by_label("Tệp đính kèm").first.set_input_files(str(fake))
    page.get_by_role("button", name="Gửi báo cáo tiến độ").click()
    expect(page.get_by_text("không đúng định dạng cho phép")).to_be_visible()
    expect(page.get_by_text("Chưa có báo cáo nào.")).to_be_visible()

    page.locator("summary", has_text="Đề nghị gia hạn").click()
    page.get_by_label("Hạn đề nghị").fill("05/07/2021")
    page.get_by_label("Lý do đề nghị gia hạn").fill("Chờ ý kiến góp ý của các huyện.")
    page.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(page.get_by_text("Đã gửi đề nghị gia hạn.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    login("leader", "demo")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đề nghị gia hạn").click()
    row = page.locator("tr", has=page.locator(f'a[href="/tasks/{task.pk}/"]'))
    row.get_by_label("Đồng ý gia hạn").check()
    row.get_by_label("Hạn đồng ý").fill("01/07/2021")
    row.get_by_label("Ý kiến / lý do").fill("Đủ thời gian lấy ý kiến các huyện.")
    row.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_text("Đã ghi quyết định gia hạn.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    login("soyte", "demo")
    page.goto(f"/tasks/{task.pk}/")
    expect(page.get_by_text("01/07/2021 (đã gia hạn; hạn ban đầu 26/06/2021)")).to_be_visible()
    expect(page.get_by_text("Đồng ý gia hạn đến 01/07/2021 (đề nghị 05/07/2021)")).to_be_visible()
    expect(
        page.locator("ol.timeline").get_by_text(
            "Đồng ý: hạn 26/06/2021 → 01/07/2021 (đề nghị 05/07/2021): Đủ thời gian lấy ý kiến các huyện."
        )
    ).to_be_visible()
