"""Webhooks that cannot be turned against the server's own network, nor hold a worker.

Every receiver is a real HTTP server on 127.0.0.1. Loopback is refused like any internal address
unless the operator's allow-list permits it: the refusals are proved with the list empty, the
deliveries with 127.0.0.0/8 allowed (the folder's default, see conftest).
"""

import datetime as dt
import json
import logging
import socket
import time

import pytest
from django.core import mail

from directives.models import Digest, ReminderChannel
from directives.reminders import delivery
from directives.reminders.sweep import requeue_due, sweep
from tests.directives.reminders.conftest import local
from tests.directives.reminders.gateways import Receiver
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db

PLAN_EVE = local(2021, 6, 25)
INTERNAL = [
    "http://127.0.0.1:5432/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/",
    "10.0.0.1:8080",
    "http://192.168.1.10/sms",
    "http://172.16.5.4/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://localhost:6379/",
    "https://127.0.0.1/",
]


@pytest.fixture
def no_allow_list(settings):
    settings.REMINDER_WEBHOOK_ALLOWED_NETWORKS = []


def _webhook(agency, url, secret="k"):
    return ReminderChannel.objects.create(agency=agency, channel="webhook", config={"url": url, "secret": secret})


def _digest(agency) -> int:
    TaskFactory(lead=agency, due_date=dt.date(2021, 6, 26))
    return sweep(at=PLAN_EVE).digest_ids[0]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_address_is_refused_at_save(client, office_clerk, health_dept, no_allow_list, url):
    client.force_login(office_clerk)
    page = client.post(f"/reminders/channels/{health_dept.pk}/", {"webhook_url": url, "webhook_secret": "k"})
    assert page.status_code == 200 and "trỏ vào mạng nội bộ" in page.content.decode()
    assert not ReminderChannel.objects.exists()


@pytest.mark.parametrize("url", ["ftp://sms.example.vn/hook", "file:///etc/passwd", "gopher://10.0.0.1:70/"])
def test_a_scheme_other_than_http_is_refused_at_save(client, office_clerk, health_dept, url):
    client.force_login(office_clerk)
    page = client.post(f"/reminders/channels/{health_dept.pk}/", {"webhook_url": url, "webhook_secret": "k"})
    assert "Địa chỉ webhook phải là một URL hợp lệ" in page.content.decode()
    assert not ReminderChannel.objects.exists()


def test_an_allowed_internal_gateway_is_stored(client, office_clerk, health_dept, settings):
    settings.REMINDER_WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    client.force_login(office_clerk)
    client.post(
        f"/reminders/channels/{health_dept.pk}/", {"webhook_url": "http://10.20.1.5/sms", "webhook_secret": "k"}
    )
    assert ReminderChannel.objects.get(channel="webhook").config["url"] == "http://10.20.1.5/sms"


def test_a_stored_internal_address_is_refused_again_at_send(health_dept, no_allow_list):
    with Receiver() as gateway:
        _webhook(health_dept, gateway.url)  # stored before the check existed, or by hand
        delivery.deliver(_digest(health_dept), now=PLAN_EVE)
    assert gateway.received == []
    digest = Digest.objects.get()
    assert digest.channels_done == ["email", "notification"]
    assert digest.last_error == "webhook: địa chỉ webhook trỏ vào mạng nội bộ, không được phép"


def test_a_name_is_checked_on_the_address_it_resolves_to(health_dept, no_allow_list):
    with Receiver() as gateway:
        _webhook(health_dept, gateway.url.replace("127.0.0.1", "localhost"))
        delivery.deliver(_digest(health_dept), now=PLAN_EVE)
    assert gateway.received == [] and "mạng nội bộ" in Digest.objects.get().last_error


def test_a_redirect_is_not_followed_and_the_digest_is_not_marked_sent(health_dept):
    with Receiver() as inside, Receiver("redirect", location="") as outside:
        outside.server.location = inside.url
        _webhook(health_dept, outside.url)
        outcome = delivery.deliver(_digest(health_dept), now=PLAN_EVE)
    assert len(outside.received) == 1 and inside.received == []
    assert outcome.result == delivery.RETRY and Digest.objects.get().status == Digest.Status.PENDING
    assert "302" in outcome.error and "chuyển hướng" in outcome.error


def test_the_error_shown_to_people_says_nothing_of_the_network(health_dept, caplog):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _webhook(health_dept, f"http://127.0.0.1:{port}/hook")
    with caplog.at_level(logging.WARNING, logger="directives.reminders"):
        delivery.deliver(_digest(health_dept), now=PLAN_EVE)
    shown = Digest.objects.get().last_error
    assert shown == "webhook: không kết nối được webhook (chi tiết trong nhật ký máy chủ)"
    assert "refused" in caplog.text.lower() and str(port) in caplog.text


def test_a_receiver_dripping_its_answer_is_cut_off_at_the_deadline(health_dept, settings):
    settings.REMINDER_WEBHOOK_TIMEOUT = 1
    with Receiver("drip", delay=0.5) as gateway:
        _webhook(health_dept, gateway.url)
        digest_id = _digest(health_dept)
        started = time.monotonic()
        outcome = delivery.deliver(digest_id, now=PLAN_EVE)
        elapsed = time.monotonic() - started
    # Per read, 0.5 s between bytes never trips a 1 s timeout: the whole answer would take 19 s.
    assert elapsed < 3
    assert outcome.result == delivery.FAILED and "không rõ đã nhận" in outcome.error


def test_a_slow_gateway_that_took_the_body_gets_it_once(health_dept, settings):
    settings.REMINDER_WEBHOOK_TIMEOUT = 1
    with Receiver("slow", delay=3) as gateway:
        _webhook(health_dept, gateway.url)
        digest_id = _digest(health_dept)
        outcomes = [delivery.deliver(digest_id, now=PLAN_EVE + dt.timedelta(minutes=m)).result for m in (0, 1, 3, 7)]
        for minutes in (15, 30, 60):
            sweep(at=PLAN_EVE + dt.timedelta(minutes=minutes))
        assert requeue_due(now=PLAN_EVE + dt.timedelta(hours=2)) == []
    assert outcomes == [delivery.FAILED] + [delivery.NOT_CLAIMED] * 3
    assert len(gateway.received) == 1
    digest = Digest.objects.get()
    assert digest.channels_unknown == ["webhook"] and digest.channels_done == ["email", "notification"]
    assert "không tự gửi lại" in digest.last_error and len(mail.outbox) == 1


def test_the_offices_resend_tries_the_unknown_webhook_again_and_nothing_else(
    client, office_clerk, health_dept, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_WEBHOOK_TIMEOUT = 1
    with Receiver("slow", delay=2) as gateway:
        _webhook(health_dept, gateway.url)
        digest_id = _digest(health_dept)
        delivery.deliver(digest_id, now=PLAN_EVE)
        gateway.server.behaviour = "ok"
        client.force_login(office_clerk)
        with django_capture_on_commit_callbacks(execute=False):
            client.post(f"/reminders/{digest_id}/resend/")
        assert delivery.deliver(digest_id, now=PLAN_EVE + dt.timedelta(hours=1)).result == delivery.SENT
    assert len(gateway.received) == 2 and len(mail.outbox) == 1
    assert {headers["x-theodoi-digest-id"] for headers, _, _ in gateway.received} == {str(digest_id)}


def test_subject_and_webhook_text_are_plain_text(settings):
    agency = AgencyFactory(name='Sở "Giao thông" & <Xây dựng>')
    with Receiver() as gateway:
        _webhook(agency, gateway.url)
        delivery.deliver(_digest(agency), now=PLAN_EVE)
    assert mail.outbox[0].subject == '[Nhắc việc] Sở "Giao thông" & <Xây dựng>: 1 nhiệm vụ cần lưu ý ngày 25/06/2021'
    text = json.loads(gateway.received[0][1])["text"]
    assert text == mail.outbox[0].subject
