"""The office clerk enters a notice in the browser, saves it as a draft and publishes it."""

import re

import pytest
from playwright.sync_api import expect

from agencies.models import AgencyAlias, AgencyGroup
from directives.models import Task
from meetings.models import ConclusionNotice, DocumentKind
from tests.factories import AgencyFactory, AgencyKindFactory

DISTRICTS = ("Lục Ngạn", "Tân Yên", "Yên Thế")


@pytest.fixture
def agencies(db):
    ict = AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    AgencyAlias.objects.create(name="Sở TTTT", agency=ict)
    health = AgencyFactory(name="Sở Y tế")
    justice = AgencyFactory(name="Sở Tư pháp")
    kind = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    for name in DISTRICTS:
        AgencyFactory(name=f"UBND huyện {name}", kind=kind)
    group = AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=kind)
    return {"ict": ict, "health": health, "justice": justice, "group": group}


def _pick(row, label, typed, option_text):
    """Type in an agency picker and choose from its dropdown."""
    box = row.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(typed, delay=20)
    option = row.get_by_role("option").filter(has_text=option_text).first
    expect(option).to_be_visible()
    option.click()
    expect(row.locator(".chip").filter(has_text=option_text)).to_be_visible()


def test_clerk_enters_saves_and_publishes_a_notice(page, login, office_clerk, agencies):
    login("office")
    expect(page).to_have_url(re.compile(r"/notices/$"))
    page.get_by_role("link", name="Nhập văn bản mới").click()
    expect(page.get_by_role("heading", name="Nhập văn bản chỉ đạo")).to_be_visible()
    expect(page.get_by_label("Loại văn bản")).to_have_value(str(DocumentKind.conclusion_notice().pk))

    page.get_by_label("Địa danh").fill("Bắc Giang")
    page.get_by_label("Ngày ban hành", exact=True).fill("24/06/2021")
    page.get_by_label("Trích yếu").fill("Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến")
    page.get_by_label("Nhập cuộc họp mới").check()
    page.get_by_label("Tên cuộc họp").fill("Hội nghị giao ban trực tuyến về phòng, chống dịch Covid-19")
    page.get_by_label("Ngày họp").fill("24/06/2021")
    page.get_by_label("Người chủ trì", exact=True).fill("Chủ tịch UBND tỉnh")

    # Conclusion 1: one task to an agency with two coordinating agencies, due 30/06/2021.
    first = page.locator("fieldset.conclusion-row").nth(0)
    first.get_by_label("Số mục").fill("1.")
    first.get_by_label("Nội dung kết luận").fill("Về ứng dụng công nghệ thông tin trong phòng, chống dịch.")
    task = first.locator("fieldset.task-row").nth(0)
    task.get_by_label("Nội dung nhiệm vụ").fill("Hoàn thành triển khai phần mềm quản lý, truy vết")
    _pick(task, "Cơ quan chủ trì", "tttt", "Sở Thông tin và Truyền thông")
    _pick(task, "Cơ quan phối hợp", "y te", "Sở Y tế")
    _pick(task, "Cơ quan phối hợp", "tu phap", "Sở Tư pháp")
    task.get_by_label("Loại thời hạn").select_option(label="Có thời hạn")
    task.get_by_label("Hạn xử lý").fill("30/06/2021")

    # Conclusion 2, added in place: a task to the district group, and an ongoing one.
    page.get_by_role("button", name="Thêm kết luận").click()
    second = page.locator("fieldset.conclusion-row").nth(1)
    second.get_by_label("Số mục").fill("2.")
    second.get_by_label("Nội dung kết luận").fill("Về khôi phục các hoạt động kinh tế - xã hội.")
    group_task = second.locator("fieldset.task-row").nth(0)
    group_task.get_by_label("Nội dung nhiệm vụ").fill("Ban hành Kế hoạch khôi phục hoạt động, báo cáo UBND tỉnh")
    _pick(group_task, "Cơ quan chủ trì", "cac huyen", "UBND các huyện, thành phố")
    group_task.get_by_label("Hạn xử lý").fill("27/06/2021")
    second.get_by_role("button", name="Thêm nhiệm vụ").click()
    ongoing = second.locator("fieldset.task-row").nth(1)
    ongoing.get_by_label("Nội dung nhiệm vụ").fill("Thường xuyên kiểm tra việc lồng ghép nhiệm vụ phòng, chống dịch")
    _pick(ongoing, "Cơ quan chủ trì", "so y", "Sở Y tế")
    ongoing.get_by_label("Loại thời hạn").select_option(label="Thường xuyên")
    expect(ongoing.get_by_label("Hạn xử lý")).to_be_hidden()

    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã lưu dự thảo thông báo.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Thông báo kết luận"))).to_contain_text("Dự thảo")
    expect(page.get_by_text("(chưa có số)")).to_be_visible()
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(1 + len(DISTRICTS) + 1)
    expect(page.locator(".badge", has_text="Chưa giao")).to_have_count(5)
    first_task = rows.filter(has_text="Hoàn thành triển khai phần mềm")
    expect(first_task).to_contain_text("Sở Thông tin và Truyền thông")
    expect(first_task).to_contain_text("Sở Y tế")
    expect(first_task).to_contain_text("Sở Tư pháp")
    expect(first_task).to_contain_text("30/06/2021")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ban hành").click()
    # Entered today, the notice of 2021 gives dates long past: publishing asks the clerk first.
    warnings = page.locator("[data-deadline-warnings]")
    expect(warnings).to_contain_text("Chưa ban hành.")
    expect(warnings).to_contain_text("hạn xử lý 30/06/2021 đã qua")
    assert ConclusionNotice.objects.get().status == "draft"
    page.get_by_label("Tôi đã kiểm tra, vẫn ban hành").check()
    page.get_by_role("button", name="Xác nhận ban hành").click()
    expect(page.get_by_text("Đã ban hành thông báo: 5 nhiệm vụ đã được giao cho các cơ quan.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Thông báo kết luận"))).to_contain_text("Đã ban hành")
    expect(page.get_by_role("link", name="Sửa dự thảo")).to_have_count(0)
    expect(page.get_by_role("link", name="Xóa dự thảo")).to_have_count(0)
    for name in DISTRICTS:
        row = rows.filter(has_text=f"UBND huyện {name}")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("27/06/2021")
        expect(row.locator(".badge")).to_have_text("Quá hạn")  # the dates of 2021 are long past
    expect(first_task.locator(".badge")).to_have_text("Quá hạn")
    expect(rows.filter(has_text="Thường xuyên kiểm tra").locator(".badge")).to_have_text("Thường xuyên")

    notice = ConclusionNotice.objects.get()
    assert notice.status == "published"
    assert Task.objects.filter(published_at__isnull=False).count() == 5
    assert Task.objects.filter(lead__kind__code="district", assignment__group=agencies["group"]).count() == 3
