"""The clerk imports a directive letter (no meeting) whose first task has a collective co-lead:
every agency named where work is given ends up in a proposed task or is flagged for checking,
with its sentence highlighted; none disappears. The letter is proposed as a công văn, saved and
published without a meeting, and listed under its kind."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.models import ConclusionNotice, Meeting

pytestmark = pytest.mark.django_db(transaction=True)

LETTER = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 2150 /UBND-KTN
V/v thu gom rác thải nhựa tại các khu dân cư

Bắc Giang, ngày 03/ 9/2025

Kính gửi:
- Sở Tài nguyên và Môi trường;
- UBND các huyện, thành phố.

Chủ tịch UBND tỉnh có ý kiến như sau:

1. Giao Sở Tài nguyên và Môi trường, UBND các huyện, thành phố chủ trì tổ chức phân loại, thu gom \
rác thải nhựa tại các khu dân cư. Yêu cầu gửi báo cáo kết quả về UBND tỉnh trước ngày 15/10/2025.

2. Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư thẩm định, tham mưu bố trí kinh phí \
thực hiện; hoàn thành trước ngày 30/9/2025.

Yêu cầu các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, KTN.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
"""

# Every agency named in a sentence that gives work.
NAMED = ["Sở Tài nguyên và Môi trường", "UBND các huyện, thành phố", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"]


def test_no_agency_of_a_letter_disappears_from_the_review(page, login):
    call_command("seed_demo", password="demo", verbosity=0)
    login("office", "demo")
    page.goto("/notices/import/")
    page.get_by_label("Dán toàn văn thông báo").fill(LETTER)
    page.get_by_role("button", name="Đọc thông báo").click()
    expect(page.get_by_role("heading", name="Kiểm tra thông báo đọc được")).to_be_visible()

    rows = page.locator("fieldset.task-row")
    # The collective co-lead is in the first task, as a picked group, not lost.
    first = rows.first
    expect(first.locator(".chip").filter(has_text="UBND các huyện, thành phố")).to_be_visible()
    expect(first.get_by_label("Hạn xử lý")).to_have_value("15/10/2025")

    in_tasks = " ".join(rows.locator(".chip").all_inner_texts())
    flagged = page.locator(".import-unassigned li").all_inner_texts()
    for name in NAMED:
        assert name in in_tasks or any(name in item for item in flagged), name

    # What no task carries is counted, listed and highlighted in the source for checking.
    count = int(page.locator("[data-unassigned-count]").inner_text())
    assert count == len(flagged) >= 1
    expect(page.locator("mark.source.flagged")).to_have_count(count)
    expect(page.locator("mark.source.flagged").first).to_contain_text("Cần kiểm tra")
    page.locator(".import-unassigned li a").first.click()
    assert page.url.endswith("#unassigned-1")


def test_a_letter_is_saved_and_published_as_a_letter_without_inventing_a_meeting(page, login):
    call_command("seed_demo", password="demo", verbosity=0)
    meetings = Meeting.objects.count()
    login("office", "demo")
    page.goto("/notices/import/")
    page.get_by_label("Dán toàn văn thông báo").fill(LETTER)
    page.get_by_role("button", name="Đọc thông báo").click()
    expect(page.get_by_role("heading", name="Kiểm tra thông báo đọc được")).to_be_visible()

    # The header says it is a letter: proposed as such, with no meeting to fill in.
    kind = page.get_by_label("Loại văn bản")
    expect(kind.locator("option:checked")).to_have_text("Công văn")
    expect(page.get_by_label("Không gắn với cuộc họp")).to_be_checked()
    expect(page.get_by_label("Tên cuộc họp")).to_be_hidden()
    expect(page.get_by_label("Trích yếu")).to_have_value("V/v thu gom rác thải nhựa tại các khu dân cư")
    expect(page.get_by_label("Người ký")).to_have_value("Nguyễn Văn Bình")

    # A conclusion notice needs its meeting: choosing that kind brings the meeting block back.
    kind.select_option(label="Thông báo kết luận")
    expect(page.get_by_label("Tên cuộc họp")).to_be_visible()
    expect(page.get_by_label("Không gắn với cuộc họp")).to_be_hidden()
    kind.select_option(label="Công văn")
    expect(page.get_by_label("Không gắn với cuộc họp")).to_be_checked()
    expect(page.get_by_label("Tên cuộc họp")).to_be_hidden()

    page.get_by_role("button", name="Lưu dự thảo").first.click()
    expect(page.get_by_role("heading", name=re.compile("Công văn"))).to_contain_text("Dự thảo")
    expect(page.locator("[data-no-meeting]")).to_have_text("Không gắn với cuộc họp")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ban hành").click()
    # A letter of 2025 published today: its past due dates are confirmed first.
    expect(page.locator("[data-deadline-warnings]")).to_contain_text("hạn xử lý 15/10/2025 đã qua")
    page.get_by_label("Tôi đã kiểm tra, vẫn ban hành").check()
    page.get_by_role("button", name="Xác nhận ban hành").click()
    expect(page.get_by_role("heading", name=re.compile("Công văn"))).to_contain_text("Đã ban hành")

    assert Meeting.objects.count() == meetings  # no "Cuộc họp" was invented
    letter = ConclusionNotice.objects.get(number="2150/UBND-KTN")
    assert letter.meeting is None and letter.kind.name == "Công văn"

    page.goto("/notices/?kind=" + str(letter.kind_id))
    row = page.locator("table.data tbody tr").filter(has_text="2150/UBND-KTN")
    expect(row.locator("[data-kind]")).to_have_text("Công văn")
    letters = ConclusionNotice.objects.filter(kind=letter.kind).count()  # the demo's own letter too
    expect(page.locator("table.data tbody tr [data-kind]")).to_have_text(["Công văn"] * letters)
