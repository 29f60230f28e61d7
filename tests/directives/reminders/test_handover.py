"""E-mail and the bell go from the default queue; the webhook is handed to its own queue, taken by
exactly one worker there, and a hand-over lost with Redis is queued again, never failed."""

import datetime as dt

import pytest
from django.core import mail

from directives.models import Digest, ReminderChannel
from directives.reminders import delivery
from directives.reminders.sweep import fail_stuck, requeue_due, requeue_lost_handoffs, sweep
from tests.directives.reminders.conftest import local
from tests.directives.reminders.gateways import Receiver
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

PLAN_EVE = local(2021, 6, 25)


@pytest.fixture
def gateway(health_dept):
    with Receiver() as receiver:
        ReminderChannel.objects.create(
            agency=health_dept, channel="webhook", config={"url": receiver.url, "secret": "k"}
        )
        TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
        yield receiver


def test_the_default_queue_sends_mail_and_hands_the_webhook_over(gateway):
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    outcome = delivery.deliver(digest_id, now=PLAN_EVE, hand_over=True)
    digest = Digest.objects.get()
    assert (outcome.result, outcome.queue) == (delivery.HANDED_OVER, "webhooks")
    assert (digest.status, digest.handed_to, digest.channels_done) == ("sending", "webhooks", ["email", "notification"])
    assert len(mail.outbox) == 1 and gateway.received == []


def test_one_worker_of_the_webhook_queue_takes_the_hand_over(gateway):
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    delivery.deliver(digest_id, now=PLAN_EVE, hand_over=True)
    first = delivery.deliver_handed_over(digest_id, queue="webhooks", now=PLAN_EVE)
    again = delivery.deliver_handed_over(digest_id, queue="webhooks", now=PLAN_EVE)
    assert (first.result, again.result) == (delivery.SENT, delivery.NOT_CLAIMED)
    assert len(gateway.received) == 1 and len(mail.outbox) == 1
    assert Digest.objects.get().status == Digest.Status.SENT


def test_a_hand_over_never_taken_is_queued_again_not_failed(gateway, settings):
    settings.REMINDER_REQUEUE_AFTER_MINUTES = 10
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    delivery.deliver(digest_id, now=PLAN_EVE, hand_over=True)
    assert requeue_lost_handoffs(now=PLAN_EVE + dt.timedelta(minutes=5)) == []
    assert requeue_lost_handoffs(now=PLAN_EVE + dt.timedelta(minutes=5), everything=True) == [(digest_id, "webhooks")]
    assert fail_stuck(now=PLAN_EVE + dt.timedelta(hours=2)) == 0
    assert sweep(at=local(2021, 6, 25, 7, 15)).handed_over == [(digest_id, "webhooks")]


def test_requeue_waits_the_setting_unless_the_queue_was_found_empty(gateway, settings):
    settings.REMINDER_REQUEUE_AFTER_MINUTES = 3
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    assert requeue_due(now=local(2021, 6, 25, 7, 2)) == []
    assert requeue_due(now=local(2021, 6, 25, 7, 2), everything=True) == [digest_id]
    assert requeue_due(now=local(2021, 6, 25, 7, 6)) == [digest_id]
