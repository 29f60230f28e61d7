"""The reminder log at /reminders/: who sees what, the filters, bad input, resending."""

import datetime as dt

import pytest
from django.core import mail

from directives.models import Digest
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _rows(response) -> str:
    """The log's table body, without the filter's list of agencies."""
    return response.content.decode().split("<tbody>")[1].split("</tbody>")[0]


def _digest(agency, *, day=dt.date(2021, 6, 25), status=Digest.Status.SENT, **kwargs) -> Digest:
    return Digest.objects.create(
        recipient_key=f"agency:{agency.pk}", agency=agency, kind=Digest.Kind.AGENCY, day=day, status=status, **kwargs
    )


def test_office_sees_every_digest_with_status_word_and_error(client, office_clerk, health_dept, ict_dept):
    _digest(health_dept)
    _digest(ict_dept, status=Digest.Status.FAILED, attempts=5, last_error="webhook: webhook trả về mã lỗi HTTP 500")
    client.force_login(office_clerk)
    page = client.get("/reminders/").content.decode()
    assert "Sở Y tế" in page and "Sở Thông tin và Truyền thông" in page
    assert "Gửi lỗi" in page and "mã lỗi HTTP 500" in page and "25/06/2021" in page
    assert "2 bản tin" in page


def test_filter_by_status_keeps_only_failed_digests(client, office_clerk, health_dept, ict_dept):
    _digest(health_dept)
    _digest(ict_dept, status=Digest.Status.FAILED)
    client.force_login(office_clerk)
    page = _rows(client.get("/reminders/", {"status": "failed"}))
    assert "Sở Thông tin và Truyền thông" in page and "Sở Y tế" not in page


def test_filter_by_dates_typed_dd_mm_yyyy(client, office_clerk, health_dept):
    _digest(health_dept, day=dt.date(2021, 6, 25))
    _digest(health_dept, day=dt.date(2021, 7, 2))
    client.force_login(office_clerk)
    page = client.get("/reminders/", {"day_from": "01/07/2021", "day_to": "31/07/2021"}).content.decode()
    assert "02/07/2021" in page and "25/06/2021" not in page


def test_malformed_date_gets_a_vietnamese_message_not_an_error(client, office_clerk, health_dept):
    _digest(health_dept)
    client.force_login(office_clerk)
    response = client.get("/reminders/", {"day_from": "31/02/2021'--"})
    assert response.status_code == 200
    assert "ngày phải có dạng dd/mm/yyyy" in response.content.decode()


def test_officer_sees_only_their_agencys_digests(client, health_dept_officer, health_dept, ict_dept):
    _digest(health_dept)
    _digest(ict_dept)
    client.force_login(health_dept_officer)
    response = client.get("/reminders/")
    assert "Sở Y tế" in _rows(response) and "Sở Thông tin và Truyền thông" not in response.content.decode()


def test_another_agencys_digest_is_404_for_an_officer(client, health_dept_officer, ict_dept):
    other = _digest(ict_dept)
    client.force_login(health_dept_officer)
    assert client.get(f"/reminders/{other.pk}/").status_code == 404


def test_officer_may_not_resend(client, health_dept_officer, health_dept):
    failed = _digest(health_dept, status=Digest.Status.FAILED)
    client.force_login(health_dept_officer)
    assert client.post(f"/reminders/{failed.pk}/resend/").status_code == 403
    assert Digest.objects.get().status == Digest.Status.FAILED


def test_office_resends_a_failed_digest(client, office_clerk, health_dept, django_capture_on_commit_callbacks):
    failed = _digest(health_dept, status=Digest.Status.FAILED, attempts=5)
    client.force_login(office_clerk)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/reminders/{failed.pk}/resend/")
    assert response.status_code == 302 and len(callbacks) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Digest.Status.PENDING, 0)


def test_resending_a_sent_digest_is_refused_with_a_message(client, office_clerk, health_dept):
    sent = _digest(health_dept)
    client.force_login(office_clerk)
    page = client.post(f"/reminders/{sent.pk}/resend/", follow=True).content.decode()
    assert "Chỉ gửi lại được bản tin đang ở trạng thái" in page
    assert Digest.objects.get().status == Digest.Status.SENT and mail.outbox == []


def test_forged_digest_id_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get("/reminders/999999/").status_code == 404
    assert client.get("/reminders/abc/").status_code == 404


def test_log_needs_a_login(client):
    response = client.get("/reminders/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filter_by_unknown_agency_is_a_message_not_an_error(client, office_clerk):
    AgencyFactory()
    client.force_login(office_clerk)
    response = client.get("/reminders/", {"agency": "99999999"})
    assert response.status_code == 200 and "Điều kiện lọc chưa hợp lệ" in response.content.decode()
