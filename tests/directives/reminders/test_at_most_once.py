"""At most once: the same digest is never delivered twice, whatever runs it again.

Retried tasks, messages redelivered after a worker died (acks_late), two workers and two beat
processes at the same moment. The concurrent cases need PostgreSQL's row locks and a
transactional test, each thread on its own connection.
"""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from directives.models import Digest, ReminderItem
from directives.reminders import delivery
from directives.reminders.sweep import fail_stuck, requeue_due, sweep
from tests.directives.reminders.conftest import local
from tests.factories import AgencyFactory, TaskFactory

PLAN_EVE = local(2021, 6, 25)


@pytest.fixture
def digest(db, health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    sweep(at=PLAN_EVE)
    return Digest.objects.get()


def test_retried_delivery_task_sends_once(digest):
    assert delivery.deliver(digest.pk, now=PLAN_EVE).result == delivery.SENT
    assert delivery.deliver(digest.pk, now=PLAN_EVE).result == delivery.NOT_CLAIMED
    assert len(mail.outbox) == 1


def test_worker_killed_between_sending_and_recording_is_not_sent_again(digest):
    # What a worker does before it dies: claim, send, and never record the outcome.
    assert delivery.claim(digest.pk, now=PLAN_EVE)
    delivery.send_claimed(digest.pk)
    # The broker redelivers the unacknowledged message to another worker; beats keep sweeping.
    assert delivery.deliver(digest.pk, now=PLAN_EVE).result == delivery.NOT_CLAIMED
    assert sweep(at=local(2021, 6, 25, 7, 15)).digest_ids == []
    fail_stuck(now=local(2021, 6, 25, 8))
    assert sweep(at=local(2021, 6, 25, 8, 15)).digest_ids == []
    assert len(mail.outbox) == 1
    assert Digest.objects.get().status == Digest.Status.FAILED


def test_worker_killed_after_claiming_before_sending_is_listed_failed_not_resent(digest):
    assert delivery.claim(digest.pk, now=PLAN_EVE)
    fail_stuck(now=local(2021, 6, 25, 8))
    assert requeue_due(now=local(2021, 6, 25, 8)) == []
    assert mail.outbox == [] and Digest.objects.get().status == Digest.Status.FAILED


def test_pending_digest_is_handed_to_the_queue_again_only_after_a_while(digest):
    assert requeue_due(now=local(2021, 6, 25, 7, 1)) == []  # just handed over by the sweep
    assert requeue_due(now=local(2021, 6, 25, 7, 11)) == [digest.pk]


def _in_threads(count: int, work):
    """Run work(i) in `count` threads released together; each closes its own connection."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_digest_deliver_it_once(health_dept):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    outcomes = _in_threads(4, lambda i: delivery.deliver(digest_id, now=PLAN_EVE).result)
    assert sorted(outcomes) == [delivery.NOT_CLAIMED] * 3 + [delivery.SENT]
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_beats_sweeping_at_once_claim_each_reminder_once():
    agencies = [AgencyFactory() for _ in range(6)]
    for i in range(40):
        TaskFactory(lead=agencies[i % 6], due_date=dt.date(2021, 6, 26), coordinating=[agencies[(i + 1) % 6]])
    results = _in_threads(2, lambda i: sweep(at=PLAN_EVE).digest_ids)
    assert Digest.objects.count() == 6
    assert ReminderItem.objects.count() == 80
    for digest_id in {digest_id for ids in results for digest_id in ids}:
        delivery.deliver(digest_id, now=PLAN_EVE)
        delivery.deliver(digest_id, now=PLAN_EVE)
    assert sorted(m.extra_headers["X-Reminder-Digest"] for m in mail.outbox) == sorted(
        str(pk) for pk in Digest.objects.values_list("pk", flat=True)
    )
