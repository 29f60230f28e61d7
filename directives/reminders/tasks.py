"""Celery tasks: thin wrappers that parse arguments and call the sweep or delivery.

Delivery tasks are queued only after the sweep's transaction commits, so a worker never looks
for a digest row that is not there yet.
"""

import datetime as dt

from celery import current_app, shared_task
from celery.signals import beat_init
from django.db import transaction
from django.utils import timezone

from directives.reminders import delivery
from directives.reminders.sweep import requeue_due, summary_claim, sweep


def _moment(at: str | None) -> dt.datetime:
    """The moment to decide for: an ISO datetime (tests, catch-up by hand) or now."""
    if not at:
        return timezone.now()
    moment = dt.datetime.fromisoformat(at)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _enqueue(digest_ids, at: str | None):
    for digest_id in digest_ids:
        transaction.on_commit(lambda digest_id=digest_id: deliver_digest.delay(digest_id, at=at))


def _empty_queues() -> set[str]:
    """The queues holding no message waiting. After Redis lost its data they are empty (or
    gone), while digests the database still calls pending wait for a message that will never
    come. When the broker cannot say, assume nothing: the time rule (REQUEUE_AFTER) applies."""
    empty = set()
    try:
        with current_app.connection_for_read() as conn:
            for queue in current_app.amqp.queues:
                try:
                    if conn.default_channel.queue_declare(queue=queue, passive=True).message_count == 0:
                        empty.add(queue)
                except conn.channel_errors:
                    empty.add(queue)  # not there at all: lost with the rest
    except Exception:  # noqa: BLE001 - the broker's state is a hint, never a reason to fail the sweep
        return set()
    return empty


@shared_task(name="directives.reminders.sweep", ignore_result=True)
def sweep_task(at: str | None = None) -> int:
    empty = _empty_queues()
    result = sweep(
        at=_moment(at),
        queue_lost=current_app.conf.task_default_queue in empty,
        handoffs_lost=bool(empty - {current_app.conf.task_default_queue}),
    )
    _enqueue(result.digest_ids, at)
    for digest_id, queue in result.handed_over:
        transaction.on_commit(
            lambda digest_id=digest_id, queue=queue: deliver_handed_over.apply_async(
                (digest_id,), {"queue": queue, "at": at}, queue=queue
            )
        )
    return len(result.digest_ids)


@shared_task(name="directives.reminders.weekly_summary", ignore_result=True)
def weekly_summary_task(at: str | None = None) -> None:
    moment = _moment(at)
    if summary_claim(at=moment):
        _enqueue(requeue_due(now=moment), at)


def _retry_later(digest_id: int, moment: dt.datetime, at: str | None, outcome: delivery.Outcome) -> None:
    # A run "as of" another moment (`at`) keeps its own clock for the retry too.
    retry_at = (moment + dt.timedelta(seconds=outcome.retry_in)).isoformat() if at else None
    deliver_digest.apply_async((digest_id,), {"at": retry_at}, countdown=outcome.retry_in)


@shared_task(name="directives.reminders.deliver", ignore_result=True)
def deliver_digest(digest_id: int, at: str | None = None) -> str:
    """E-mail and the bell here; channels with their own queue (the webhook) are handed over."""
    moment = _moment(at)
    outcome = delivery.deliver(digest_id, now=moment, hand_over=True)
    if outcome.result == delivery.HANDED_OVER:
        deliver_handed_over.apply_async((digest_id,), {"queue": outcome.queue, "at": at}, queue=outcome.queue)
    elif outcome.result == delivery.RETRY:
        _retry_later(digest_id, moment, at, outcome)
    return outcome.result


@shared_task(name="directives.reminders.deliver_handed_over", ignore_result=True)
def deliver_handed_over(digest_id: int, queue: str, at: str | None = None) -> str:
    moment = _moment(at)
    outcome = delivery.deliver_handed_over(digest_id, queue=queue, now=moment)
    if outcome.result == delivery.RETRY:
        _retry_later(digest_id, moment, at, outcome)
    return outcome.result


@beat_init.connect
def _sweep_when_beat_starts(sender=None, **kwargs):
    # Beat first fires an interval task one interval after it starts; sweeping at once means a
    # restart (or a first `make run`) catches up immediately instead of 15 minutes later.
    sweep_task.delay()
