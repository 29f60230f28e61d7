"""Delivering one digest, at most once: claim the row, send on each channel, record the outcome.

The claim is a conditional UPDATE (pending -> sending) that exactly one caller can win, so a
retried Celery task, a second worker or a message redelivered after a crash finds nothing to do.
Each channel delivered is recorded at once, so a retry after one channel failed repeats none of
the others. A worker killed between sending and recording leaves the row "sending": it is never
resent on its own (see sweep.fail_stuck for why).
"""

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from agencies.models import Agency
from directives.models import Digest, Notification, ReminderItem, ReminderSettings, Task
from directives.tasks.notify import agency_people, leader_people, notify_users, office_people
from directives.tasks.status import TaskStatus, days_overdue_on, status_q

EMAIL = "email"
NOTIFICATION = "notification"
WEBHOOK = "webhook"

SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"
NOT_CLAIMED = "not_claimed"

# The order of the sections of an agency's digest: the most urgent first.
SECTIONS = [
    (ReminderItem.Kind.OVERDUE, "Quá hạn"),
    (ReminderItem.Kind.DUE_TODAY, "Đến hạn hôm nay"),
    (ReminderItem.Kind.BEFORE, "Sắp đến hạn"),
    (ReminderItem.Kind.RECURRING, "Chưa báo cáo kỳ này (định kỳ)"),
    (ReminderItem.Kind.ONGOING, "Nhiệm vụ thường xuyên: đề nghị báo cáo tiến độ"),
    (ReminderItem.Kind.VERIFICATION, "Chờ xác nhận quá hạn xử lý"),
]


@dataclass
class Outcome:
    result: str
    retry_in: int | None = None
    error: str = ""


def claim(digest_id: int, *, now: dt.datetime) -> bool:
    """Take the digest for sending; True for exactly one caller."""
    return (
        Digest.objects.filter(pk=digest_id, status=Digest.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=Digest.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
        == 1
    )


def _task_url(task_id: int) -> str:
    return f"{settings.SITE_URL}/tasks/{task_id}/"


def _item_row(item: ReminderItem) -> dict:
    task = item.task
    return {
        "task_id": task.pk,
        "action": task.action,
        "url": _task_url(task.pk),
        "notice": task.conclusion.notice.number_display,
        "role": item.get_role_display(),
        "lead": task.lead.name,
        "due_date": item.due_date,
        "days_left": item.offset if item.kind == ReminderItem.Kind.BEFORE else None,
        "days_overdue": item.offset if item.kind == ReminderItem.Kind.OVERDUE else None,
        "submitted_at": task.submitted_at,
    }


def digest_content(digest: Digest) -> dict:
    """Everything the templates and the webhook say about a digest."""
    context = {"digest": digest, "day": digest.day, "recipient": digest.recipient_label, "site_url": settings.SITE_URL}
    if digest.kind == Digest.Kind.SUMMARY:
        overdue = (
            Task.objects.filter(published_at__isnull=False)
            .filter(status_q(TaskStatus.OVERDUE, digest.day))
            .select_related("lead", "conclusion__notice")
            .order_by("lead__name", "due_date", "id")
        )
        agencies = defaultdict(list)
        for task in overdue:
            agencies[task.lead.name].append(
                {
                    "task_id": task.pk,
                    "action": task.action,
                    "url": _task_url(task.pk),
                    "notice": task.conclusion.notice.number_display,
                    "due_date": task.due_date,
                    "days_overdue": days_overdue_on(task.due_date, digest.day),
                }
            )
        context["agencies"] = [{"name": name, "tasks": tasks} for name, tasks in agencies.items()]
        context["count"] = sum(len(tasks) for tasks in agencies.values())
        return context
    items = list(digest.items.select_related("task__lead", "task__conclusion__notice").order_by("due_date", "task_id"))
    by_kind = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(_item_row(item))
    context["sections"] = [
        {"kind": kind, "title": title, "rows": by_kind[kind]} for kind, title in SECTIONS if by_kind[kind]
    ]
    context["count"] = len(items)
    return context


def _template_name(digest: Digest) -> str:
    return f"emails/reminder_{digest.kind}"


def _people(digest: Digest):
    if digest.kind == Digest.Kind.AGENCY:
        return list(agency_people(digest.agency))
    if digest.kind == Digest.Kind.VERIFICATION:
        return list(office_people())
    return list({user.pk: user for user in [*leader_people(), *office_people()]}.values())


def _channel_settings(agency: Agency | None) -> ReminderSettings:
    if agency is None:
        return ReminderSettings()
    return ReminderSettings.objects.filter(agency=agency).first() or ReminderSettings(agency=agency)


def channels_for(digest: Digest) -> list[str]:
    switches = _channel_settings(digest.agency)
    channels = []
    if switches.email_enabled:
        channels.append(EMAIL)
    if switches.notification_enabled:
        channels.append(NOTIFICATION)
    if digest.agency_id and switches.webhook_url:
        channels.append(WEBHOOK)
    return channels


def send_email(digest: Digest, content: dict, people) -> bool:
    addresses = [digest.agency.email] if digest.agency_id and digest.agency.email else []
    addresses += [user.email for user in people if user.email]
    addresses = list(dict.fromkeys(addresses))
    if not addresses:
        return False
    name = _template_name(digest)
    subject = " ".join(render_to_string(f"{name}.subject.txt", content).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{name}.txt", content),
        to=addresses,
        # Lets a mailbox (and the tests) recognise the same digest: it must never arrive twice.
        headers={"X-Reminder-Digest": str(digest.pk)},
    )
    message.attach_alternative(render_to_string(f"{name}.html", content), "text/html")
    message.send()
    return True


def send_notification(digest: Digest, content: dict, people) -> bool:
    if not people:
        return False
    title = f"Nhắc việc ngày {digest.day:%d/%m/%Y}: {content['count']} nhiệm vụ"
    if digest.kind == Digest.Kind.SUMMARY:
        title = f"Tổng hợp quá hạn ngày {digest.day:%d/%m/%Y}: {content['count']} nhiệm vụ"
    body = "; ".join(f"{s['title']}: {len(s['rows'])}" for s in content.get("sections", []))
    notify_users(users=people, kind=Notification.Kind.REMINDER, title=title, body=body, url="/reminders/")
    return True


def webhook_payload(digest: Digest, content: dict) -> bytes:
    payload = {
        "digest_id": digest.pk,
        "kind": digest.kind,
        "day": digest.day.isoformat(),
        "agency": {"id": digest.agency_id, "name": digest.recipient_label},
        "text": render_to_string(f"{_template_name(digest)}.subject.txt", content).strip(),
        "tasks": [
            {
                "id": row["task_id"],
                "section": section["kind"],
                "action": row["action"],
                "url": row["url"],
                "role": row["role"],
                "due_date": row["due_date"].isoformat() if row["due_date"] else None,
                "days_overdue": row["days_overdue"],
            }
            for section in content.get("sections", [])
            for row in section["rows"]
        ],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send_webhook(digest: Digest, content: dict) -> bool:
    switches = _channel_settings(digest.agency)
    body = webhook_payload(digest, content)
    request = urllib.request.Request(
        switches.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-TheoDoi-Signature": signature(switches.webhook_secret, body),
            # The gateway can drop a repeat with this key, whatever happens on our side.
            "X-TheoDoi-Digest-Id": str(digest.pk),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.REMINDER_WEBHOOK_TIMEOUT) as response:
            response.read(1024)
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"webhook trả về mã lỗi HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RuntimeError(f"không kết nối được webhook: {reason}") from None
    return True


def send(digest: Digest, channel: str, content: dict, people) -> bool:
    """Send on one channel; False when the channel has nobody to reach (not an error)."""
    if channel == EMAIL:
        return send_email(digest, content, people)
    if channel == NOTIFICATION:
        return send_notification(digest, content, people)
    return send_webhook(digest, content)


def _record(digest_id: int, *, now: dt.datetime, errors: list[str], delivered: int) -> Outcome:
    digest = Digest.objects.get(pk=digest_id)
    if not errors:
        status = Digest.Status.SENT if delivered else Digest.Status.SKIPPED
        Digest.objects.filter(pk=digest_id).update(
            status=status,
            sent_at=now if delivered else None,
            last_error="" if delivered else "Không có kênh hoặc người nhận nào (email, tài khoản) để gửi.",
        )
        return Outcome(SENT if delivered else SKIPPED)
    error = "; ".join(errors)[:2000]
    if digest.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        Digest.objects.filter(pk=digest_id).update(status=Digest.Status.FAILED, last_error=error)
        return Outcome(FAILED, error=error)
    delay = settings.REMINDER_RETRY_BACKOFF_SECONDS * 2 ** (digest.attempts - 1)
    Digest.objects.filter(pk=digest_id).update(
        status=Digest.Status.PENDING,
        last_error=error,
        next_attempt_at=now + dt.timedelta(seconds=delay),
        enqueued_at=now,
    )
    return Outcome(RETRY, retry_in=delay, error=error)


def send_claimed(digest_id: int) -> tuple[list[str], int]:
    """Send a claimed digest on each channel not yet done; return (errors, channels delivered)."""
    digest = Digest.objects.select_related("agency").get(pk=digest_id)
    content = digest_content(digest)
    if not content["count"]:
        return [], 0
    people = _people(digest)
    done = list(digest.channels_done)
    errors = []
    delivered = len(done)
    for channel in channels_for(digest):
        if channel in done:
            continue
        try:
            if send(digest, channel, content, people):
                delivered += 1
        except Exception as exc:  # noqa: BLE001 - any failure of a channel is recorded, then retried
            errors.append(f"{channel}: {exc}")
            continue
        done.append(channel)
        # Recorded at once: a later failure on another channel must not resend this one.
        Digest.objects.filter(pk=digest_id).update(channels_done=done)
    return errors, delivered


def deliver(digest_id: int, *, now: dt.datetime | None = None) -> Outcome:
    """Claim, send, record. Anything but the single winner of the claim returns NOT_CLAIMED."""
    now = now or timezone.now()
    if not claim(digest_id, now=now):
        return Outcome(NOT_CLAIMED)
    errors, delivered = send_claimed(digest_id)
    return _record(digest_id, now=now, errors=errors, delivered=delivered)
