"""Details of the notice entry form in a real browser: a field reached with the keyboard is never
hidden under the sticky save bar (or the top bar), and a name suggested for an unknown agency
fills the box when clicked."""

import re

import pytest
from playwright.sync_api import expect

from directives.models import Task
from tests.factories import AgencyFactory

# Where the focused element is, and the two sticky bars it must not sit under.
FOCUS_BOX = """() => {
  const el = document.activeElement;
  const form = document.querySelector("form[data-notice-entry]");
  if (!el || !form || !form.contains(el)) { return null; }
  const bar = form.querySelector(".form-actions");
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height) { return null; }
  return {
    name: el.name || el.id || el.textContent.trim().slice(0, 30),
    top: r.top, bottom: r.bottom,
    inBar: bar.contains(el),
    barTop: bar.getBoundingClientRect().top,
    topBarBottom: document.querySelector(".topbar").getBoundingClientRect().bottom,
  };
}"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 640}, {"width": 1024, "height": 560}])
def test_tabbing_never_leaves_the_focused_field_under_the_sticky_bars(page, login, office_clerk, viewport):
    page.set_viewport_size(viewport)
    login("office")
    page.goto("/notices/new/")
    page.get_by_label("Số, ký hiệu").focus()
    seen = 0
    for _ in range(45):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUS_BOX)
        if box is None or box["inBar"]:
            continue
        seen += 1
        assert box["bottom"] <= box["barTop"] + 0.5, f"{box['name']} is under the save bar: {box}"
        assert box["top"] >= box["topBarBottom"] - 0.5, f"{box['name']} is under the top bar: {box}"
    # And back up with Shift+Tab: the top bar is sticky too.
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate(FOCUS_BOX)
        if box is None or box["inBar"]:
            continue
        assert box["top"] >= box["topBarBottom"] - 0.5, f"{box['name']} is under the top bar: {box}"
    assert seen > 20


def test_a_suggested_name_fills_the_box_when_clicked(page, login, office_clerk):
    justice = AgencyFactory(name="Sở Tư pháp")
    login("office")
    page.goto("/notices/new/")
    page.get_by_label("Trích yếu").fill("Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban")
    page.get_by_label("Ngày ban hành", exact=True).fill("24/06/2021")
    page.get_by_label("Nhập cuộc họp mới").check()
    page.get_by_label("Tên cuộc họp").fill("Hội nghị giao ban")
    page.get_by_label("Ngày họp").fill("24/06/2021")
    page.get_by_label("Người chủ trì", exact=True).fill("Chủ tịch UBND tỉnh")
    conclusion = page.locator("fieldset.conclusion-row").nth(0)
    conclusion.get_by_label("Nội dung kết luận").fill("Về cải cách hành chính.")
    task = conclusion.locator("fieldset.task-row").nth(0)
    task.get_by_label("Nội dung nhiệm vụ").fill("Rà soát thủ tục hành chính")
    lead = task.get_by_label("Cơ quan chủ trì", exact=True)
    lead.fill("Sở Tư Phápp")
    lead.press("Escape")
    task.get_by_label("Hạn xử lý").fill("30/06/2021")
    page.get_by_role("button", name="Lưu dự thảo").click()

    expect(page.get_by_text("Chưa lưu.")).to_be_visible()
    task = page.locator("fieldset.task-row").nth(0)
    suggestion = task.get_by_role("button", name="Sở Tư pháp", exact=True)
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(task.get_by_label("Cơ quan chủ trì", exact=True)).to_have_value("Sở Tư pháp")
    expect(suggestion).to_have_count(0)
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã lưu dự thảo thông báo.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/notices/\d+/$"))
    assert list(Task.objects.values_list("lead", flat=True)) == [justice.pk]
