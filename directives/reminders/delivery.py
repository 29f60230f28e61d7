"""Delivering one digest, at most once: claim the row, send on each channel, record the outcome.

The claim is a conditional UPDATE (pending -> sending) that exactly one caller can win, so a
retried Celery task, a second worker or a message redelivered after a crash finds nothing to do.
Each channel delivered is recorded at once, so a retry after one channel failed repeats none of
the others. A worker killed between sending and recording leaves the row "sending": it is never
resent on its own (see sweep.fail_stuck for why).

The channels themselves are in directives.reminders.channels. A channel with its own queue (the
webhook) is handed over: the worker of the default queue sends e-mail and the bell, marks the
digest handed to that queue and queues the rest; a worker of that queue takes the hand-over with
another conditional UPDATE, sends, and records the outcome of the whole digest.

Recording survives a database blip: each write is retried on a fresh connection, and a write that
still fails does not stop the other channels from going.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F, Q
from django.utils import timezone

from directives.models import Digest, ReminderChannel
from directives.reminders import channels as registry
from directives.reminders import content as contents
from directives.reminders.channels import ChannelError, Message, OutcomeUnknown

logger = logging.getLogger(__name__)

EMAIL = "email"
NOTIFICATION = "notification"
WEBHOOK = "webhook"

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"
NOT_CLAIMED = "not_claimed"
HANDED_OVER = "handed_over"

NOBODY = "Không có kênh hoặc người nhận nào (email, tài khoản) để gửi."
UNEXPECTED = "không gửi được (chi tiết trong nhật ký máy chủ)"
UNKNOWN_BEFORE = "lần gửi trước không rõ cổng đã nhận hay chưa; không tự gửi lại"
WRITE_TRIES = 5


@dataclass
class Outcome:
    result: str
    retry_in: int | None = None
    error: str = ""
    queue: str = ""


@dataclass
class Round:
    """What one pass over the channels did."""

    done: list[str]
    unknown: list[str]
    errors: list[str] = field(default_factory=list)
    delivered: int = 0
    handed_to: str = ""


def _retrying(write):
    """Run a database write, again on a fresh connection when the connection broke (a failover,
    a restarted PostgreSQL, a proxy that dropped it): what was sent must be recorded."""
    for attempt in range(WRITE_TRIES):
        try:
            return write()
        except (OperationalError, InterfaceError):
            if attempt == WRITE_TRIES - 1 or connection.in_atomic_block:
                raise
            logger.warning("reminder delivery: database write failed, retrying", exc_info=True)
            connection.close()
            time.sleep(0.2 * 2**attempt)
    return None


def _update(digest_id: int, **fields) -> int:
    return _retrying(lambda: Digest.objects.filter(pk=digest_id).update(**fields))


def claim(digest_id: int, *, now: dt.datetime) -> bool:
    """Take the digest for sending; True for exactly one caller."""
    return (
        _retrying(
            lambda: (
                Digest.objects.filter(pk=digest_id, status=Digest.Status.PENDING)
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
                .update(status=Digest.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now, handed_to="")
            )
        )
        == 1
    )


def _settings(digest: Digest) -> dict[str, ReminderChannel]:
    if not digest.agency_id:
        return {}
    return {row.channel: row for row in ReminderChannel.objects.filter(agency_id=digest.agency_id)}


def active_channels(digest: Digest) -> list[tuple[registry.Channel, dict]]:
    """The channels a digest goes out on, each with the agency's settings of it."""
    rows = _settings(digest)
    return [
        (channel, rows[channel.name].config if channel.name in rows else {})
        for channel in registry.all_channels()
        if channel.is_active(rows.get(channel.name), digest)
    ]


def channels_for(digest: Digest) -> list[str]:
    return [channel.name for channel, _ in active_channels(digest)]


def _send_one(channel, message: Message, digest_id: int, state: Round) -> None:
    try:
        delivered = channel.send(message)
    except OutcomeUnknown as exc:
        state.unknown.append(channel.name)
        state.errors.append(f"{channel.name}: {exc}")
        _save_progress(digest_id, channels_unknown=list(state.unknown))
        return
    except Exception as exc:  # noqa: BLE001 - any failure of a channel is recorded, then retried
        logger.warning("reminder digest %s: channel %s failed", digest_id, channel.name, exc_info=True)
        # People read the channel's own words; anything else (an SMTP server's answer) stays in the log.
        shown = str(exc) if isinstance(exc, ChannelError) else UNEXPECTED
        state.errors.append(f"{channel.name}: {shown}")
        return
    if delivered:
        logger.info("reminder digest %s: %s delivered to %s", digest_id, channel.name, ", ".join(delivered.to))
    state.done.append(channel.name)
    state.delivered += 1 if delivered else 0
    # Recorded at once: a later failure on another channel must not resend this one.
    _save_progress(digest_id, channels_done=list(state.done))


def _save_progress(digest_id: int, **fields) -> None:
    try:
        _update(digest_id, **fields)
    except (OperationalError, InterfaceError):
        # Kept in memory and written with the outcome; the other channels still go meanwhile.
        logger.exception("reminder digest %s: could not record progress", digest_id)


def send_claimed(digest_id: int, *, hand_over: bool = False) -> Round:
    """Send a claimed digest on each channel not yet done (nor of unknown outcome).

    With `hand_over`, channels that have their own queue are left for it (Round.handed_to).
    """
    digest = _retrying(lambda: Digest.objects.select_related("agency").get(pk=digest_id))
    state = Round(done=list(digest.channels_done), unknown=list(digest.channels_unknown))
    state.delivered = len(state.done)
    content = contents.digest_content(digest)
    if not content["count"]:
        return state
    people = contents.people(digest)
    for channel, config in active_channels(digest):
        if channel.name in state.done or channel.name in state.unknown:
            continue
        if hand_over and channel.queue:
            state.handed_to = state.handed_to or channel.queue
            continue
        _send_one(channel, Message(digest, content, people, config), digest_id, state)
    return state


def _record(digest_id: int, *, now: dt.datetime, state: Round) -> Outcome:
    digest = _retrying(lambda: Digest.objects.get(pk=digest_id))
    named = {e.split(":", 1)[0] for e in state.errors}
    # A channel left unknown by an earlier round keeps the digest out of "sent": someone must look.
    state.errors += [f"{name}: {UNKNOWN_BEFORE}" for name in state.unknown if name not in named]
    progress = {"channels_done": state.done, "channels_unknown": state.unknown, "handed_to": ""}
    retryable = [e for e in state.errors if e.split(":", 1)[0] not in state.unknown]
    if not state.errors:
        _update(
            digest_id,
            status=Digest.Status.SENT if state.delivered else Digest.Status.SKIPPED,
            sent_at=now if state.delivered else None,
            last_error="" if state.delivered else NOBODY,
            **progress,
        )
        return Outcome(SENT if state.delivered else SKIPPED)
    error = "; ".join(state.errors)[:2000]
    # A channel of unknown outcome is never resent automatically; the office decides.
    if not retryable or digest.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        _update(digest_id, status=Digest.Status.FAILED, last_error=error, **progress)
        return Outcome(FAILED, error=error)
    delay = settings.REMINDER_RETRY_BACKOFF_SECONDS * 2 ** (digest.attempts - 1)
    _update(
        digest_id,
        status=Digest.Status.PENDING,
        last_error=error,
        next_attempt_at=now + dt.timedelta(seconds=delay),
        enqueued_at=now,
        **progress,
    )
    return Outcome(RETRY, retry_in=delay, error=error)


def deliver(digest_id: int, *, now: dt.datetime | None = None, hand_over: bool = False) -> Outcome:
    """Claim, send, record. Anything but the single winner of the claim returns NOT_CLAIMED.

    With `hand_over` (the Celery worker of the default queue), channels with their own queue are
    handed over: the digest stays "sending" and the caller queues deliver_handed_over.
    """
    now = now or timezone.now()
    if not claim(digest_id, now=now):
        return Outcome(NOT_CLAIMED)
    state = send_claimed(digest_id, hand_over=hand_over)
    if state.handed_to:
        # The errors so far travel with the row, so the worker of that queue records them all.
        _update(
            digest_id,
            handed_to=state.handed_to,
            last_error="; ".join(state.errors)[:2000],
            channels_done=state.done,
            channels_unknown=state.unknown,
        )
        return Outcome(HANDED_OVER, queue=state.handed_to)
    return _record(digest_id, now=now, state=state)


def deliver_handed_over(digest_id: int, *, queue: str, now: dt.datetime | None = None) -> Outcome:
    """Take a digest handed to `queue` (exactly one caller does), send its channels, record."""
    now = now or timezone.now()
    taken = _retrying(
        lambda: Digest.objects.filter(pk=digest_id, status=Digest.Status.SENDING, handed_to=queue).update(
            handed_to="", claimed_at=now
        )
    )
    if taken != 1:
        return Outcome(NOT_CLAIMED)
    earlier = _retrying(lambda: Digest.objects.values_list("last_error", flat=True).get(pk=digest_id))
    state = send_claimed(digest_id)
    state.errors = [e for e in earlier.split("; ") if e] + state.errors
    return _record(digest_id, now=now, state=state)
