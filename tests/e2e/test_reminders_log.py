"""The reminder log in Chromium: the office finds a failed digest with the keyboard-reachable
filters, reads why it failed, and sends it again."""

import datetime as dt

import pytest

from directives.models import Digest

pytestmark = pytest.mark.django_db(transaction=True)


def test_office_filters_failed_digests_and_resends_one(page, office_clerk, health_dept, ict_dept):
    Digest.objects.create(
        recipient_key=f"agency:{health_dept.pk}",
        agency=health_dept,
        kind="agency",
        day=dt.date(2021, 6, 25),
        status="sent",
    )
    failed = Digest.objects.create(
        recipient_key=f"agency:{ict_dept.pk}",
        agency=ict_dept,
        kind="agency",
        day=dt.date(2021, 6, 25),
        status="failed",
        attempts=5,
        last_error="webhook: webhook trả về mã lỗi HTTP 500",
    )
    # Straight to the log after signing in (the office lands on the notices).
    page.goto("/accounts/login/?next=/reminders/")
    page.get_by_label("Tên đăng nhập").fill("office")
    page.get_by_label("Mật khẩu").fill("matkhau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/reminders/")
    page.get_by_label("Trạng thái").select_option("failed")
    page.get_by_label("Từ ngày").fill("25/06/2021")
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("table.reminders-log tbody tr")
    assert rows.count() == 1
    assert "Sở Thông tin và Truyền thông" in rows.first.inner_text()
    assert "Gửi lỗi" in rows.first.inner_text() and "mã lỗi HTTP 500" in rows.first.inner_text()
    rows.first.get_by_role("link", name="25/06/2021").click()
    page.get_by_role("button", name="Gửi lại").click()
    assert "Đã xếp bản tin vào hàng đợi gửi lại" in page.locator(".messages").inner_text()
    failed.refresh_from_db()
    assert failed.status in {"pending", "sending", "sent", "skipped"}
