"""Delivering a digest: e-mail (subject, text, HTML), the bell, the signed webhook; failures,
retries with backoff and the final "failed"."""

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.test import override_settings

from directives.models import Digest, Notification
from directives.reminders import delivery
from directives.reminders.sweep import sweep
from tests.directives.reminders.conftest import local
from tests.directives.reminders.legacy_settings import ReminderSettings
from tests.factories import MembershipFactory, TaskFactory, leader_user, office_user

pytestmark = pytest.mark.django_db

PLAN_EVE = local(2021, 6, 25)


class _Gateway(BaseHTTPRequestHandler):
    """A webhook receiver (SMS or chat gateway) answering with the server's `status`."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    server.received, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}/hook"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def plan(health_dept):
    return TaskFactory(
        lead=health_dept, due_date=dt.date(2021, 6, 26), action="Ban hành Kế hoạch khôi phục hoạt động của ngành"
    )


def _digest(agency) -> Digest:
    sweep(at=PLAN_EVE)
    return Digest.objects.get(agency=agency)


def test_email_has_vietnamese_subject_text_and_html_linking_each_task(plan, health_dept):
    outcome = delivery.deliver(_digest(health_dept).pk, now=PLAN_EVE)
    assert outcome.result == delivery.SENT
    message = mail.outbox[0]
    assert message.subject == "[Nhắc việc] Sở Y tế: 1 nhiệm vụ cần lưu ý ngày 25/06/2021"
    assert "Ban hành Kế hoạch khôi phục" in message.body and "Hạn xử lý: 26/06/2021" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="http://127.0.0.1:8000/tasks/{plan.pk}/"' in html
    assert "Sắp đến hạn" in html


def test_email_goes_to_the_agency_address_and_its_officers(plan, health_dept):
    MembershipFactory(agency=health_dept, user__email="chuyenvien@soyte.example")
    delivery.deliver(_digest(health_dept).pk, now=PLAN_EVE)
    assert mail.outbox[0].to == [health_dept.email, "chuyenvien@soyte.example"]


def test_agency_people_get_a_bell_notification(plan, health_dept_officer, health_dept):
    delivery.deliver(_digest(health_dept).pk, now=PLAN_EVE)
    note = Notification.objects.get(recipient=health_dept_officer)
    assert note.kind == Notification.Kind.REMINDER and note.title == "Nhắc việc ngày 25/06/2021: 1 nhiệm vụ"


def test_email_switched_off_for_an_agency_sends_no_mail(plan, health_dept_officer, health_dept):
    ReminderSettings.objects.create(agency=health_dept, email_enabled=False)
    assert delivery.deliver(_digest(health_dept).pk, now=PLAN_EVE).result == delivery.SENT
    assert mail.outbox == [] and Notification.objects.filter(recipient=health_dept_officer).exists()


def test_webhook_receives_json_signed_with_hmac_sha256(plan, health_dept, gateway):
    ReminderSettings.objects.create(agency=health_dept, webhook_url=gateway.url, webhook_secret="bi-mat")
    digest = _digest(health_dept)
    delivery.deliver(digest.pk, now=PLAN_EVE)
    headers, body = gateway.received[0]
    expected = "sha256=" + hmac.new(b"bi-mat", body, hashlib.sha256).hexdigest()
    assert headers["x-theodoi-signature"] == expected
    payload = json.loads(body)
    assert payload["agency"]["name"] == "Sở Y tế" and payload["day"] == "2021-06-25"
    assert payload["tasks"][0]["id"] == plan.pk and payload["tasks"][0]["due_date"] == "2021-06-26"
    assert headers["x-theodoi-digest-id"] == str(digest.pk)


@override_settings(REMINDER_RETRY_BACKOFF_SECONDS=60)
def test_webhook_failure_is_recorded_and_retried_with_backoff(plan, health_dept, gateway):
    gateway.status = 500
    ReminderSettings.objects.create(agency=health_dept, webhook_url=gateway.url, webhook_secret="k")
    digest = _digest(health_dept)
    first = delivery.deliver(digest.pk, now=PLAN_EVE)
    digest.refresh_from_db()
    assert (first.result, first.retry_in) == (delivery.RETRY, 60)
    assert digest.status == Digest.Status.PENDING and digest.attempts == 1
    assert digest.last_error == "webhook: webhook trả về mã lỗi HTTP 500"
    assert digest.next_attempt_at == PLAN_EVE + dt.timedelta(seconds=60)
    assert delivery.deliver(digest.pk, now=PLAN_EVE + dt.timedelta(seconds=30)).result == delivery.NOT_CLAIMED
    second = delivery.deliver(digest.pk, now=PLAN_EVE + dt.timedelta(seconds=60))
    assert second.retry_in == 120


@override_settings(REMINDER_MAX_ATTEMPTS=3, REMINDER_RETRY_BACKOFF_SECONDS=1)
def test_digest_marked_failed_after_the_last_try(plan, health_dept, gateway):
    gateway.status = 503
    ReminderSettings.objects.create(agency=health_dept, webhook_url=gateway.url, webhook_secret="k")
    digest = _digest(health_dept)
    outcomes = [delivery.deliver(digest.pk, now=PLAN_EVE + dt.timedelta(minutes=i)).result for i in range(4)]
    digest.refresh_from_db()
    assert outcomes == [delivery.RETRY, delivery.RETRY, delivery.FAILED, delivery.NOT_CLAIMED]
    assert (digest.status, digest.attempts, len(gateway.received)) == (Digest.Status.FAILED, 3, 3)


def test_retry_after_a_webhook_failure_does_not_mail_again(plan, health_dept, gateway):
    gateway.status = 500
    ReminderSettings.objects.create(agency=health_dept, webhook_url=gateway.url, webhook_secret="k")
    digest = _digest(health_dept)
    delivery.deliver(digest.pk, now=PLAN_EVE)
    gateway.status = 200
    assert delivery.deliver(digest.pk, now=PLAN_EVE + dt.timedelta(hours=1)).result == delivery.SENT
    assert len(mail.outbox) == 1 and len(gateway.received) == 2


def test_unreachable_webhook_error_names_the_cause(plan, health_dept):
    ReminderSettings.objects.create(agency=health_dept, webhook_url="http://127.0.0.1:9/hook", webhook_secret="k")
    delivery.deliver(_digest(health_dept).pk, now=PLAN_EVE)
    assert Digest.objects.get().last_error.startswith("webhook: không kết nối được webhook")


def test_weekly_summary_lists_each_agency_overdue_tasks_with_days_overdue(health_dept, ict_dept):
    office_user(username="vanphong", email="vanphong@bacgiang.example")
    leader_user(username="chutich", email="chutich@bacgiang.example")
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    TaskFactory(lead=ict_dept, due_date=dt.date(2021, 6, 21))
    monday = local(2021, 6, 28, 7, 30)
    summary = Digest.objects.get(pk=sweep(at=monday).summary_id)
    delivery.deliver(summary.pk, now=monday)
    message = next(m for m in mail.outbox if m.extra_headers["X-Reminder-Digest"] == str(summary.pk))
    assert sorted(message.to) == ["chutich@bacgiang.example", "vanphong@bacgiang.example"]
    assert "Sở Y tế: 1 nhiệm vụ quá hạn" in message.body and "quá hạn 2 ngày" in message.body
    assert "Sở Thông tin và Truyền thông: 1 nhiệm vụ quá hạn" in message.body and "quá hạn 7 ngày" in message.body
