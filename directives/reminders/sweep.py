"""The sweep: decide what is due now, claim it as rows, and hand the digests to delivery.

Open published tasks are streamed in batches by id (keyset pagination), a handful of queries
per batch whatever its size and none per task, so memory stays flat over 100,000 tasks. For each
batch, in one transaction: the day's digests are created (or found) with the unique constraint
doing the deduplication, locked while items are attached, and each item row is unique too. Two
sweeps at once (two beat processes, a cron and a beat) therefore write each reminder once.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directives.models import Digest, ReminderItem, SweepRun, Task, TaskCoordination
from directives.reminders import policy as p
from directives.tasks.periods import lead_reported_periods
from directives.tasks.status import OPEN_Q, TaskStatus, due_after_q, status_q

MISSED_REASON = "Không gửi bù: thời điểm nhắc ({when}) rơi vào lúc hệ thống gián đoạn và nay đã qua ngày."
LATE_REASON = "Bản tin ngày {day} đã gửi trước khi nhắc việc này phát sinh."
STUCK_ERROR = (
    "Tiến trình gửi dừng giữa chừng và không ghi lại được kết quả (tiến trình bị dừng, hoặc mất kết nối "
    "cơ sở dữ liệu quá lâu): không tự gửi lại để tránh gửi trùng. Các kênh đã ghi là đã gửi sẽ không gửi "
    "lại; kiểm tra hộp thư rồi bấm “Gửi lại” nếu cơ quan chưa nhận."
)


@dataclass
class SweepResult:
    at: dt.datetime
    tasks_seen: int = 0
    items: int = 0
    skipped: int = 0
    digest_ids: list[int] = field(default_factory=list)
    summary_id: int | None = None
    # (digest, queue) of hand-overs no worker of that queue took in time: queued again.
    handed_over: list[tuple[int, str]] = field(default_factory=list)


def _reported(occurrences: list[p.Occurrence]) -> set[tuple[int, dt.date]]:
    """(task, day) of the recurring occurrences whose period the lead already reported: one query."""
    recurring = [occ for occ in occurrences if occ.kind == p.RECURRING]
    if not recurring:
        return set()
    since = min(occ.period[0] for occ in recurring)
    reported = lead_reported_periods({occ.task_id for occ in recurring}, since=since)
    return {(occ.task_id, occ.day) for occ in recurring if occ.period[0] in reported.get(occ.task_id, ())}


def _open_tasks(today: dt.date, policy: p.ReminderPolicy):
    return (
        Task.objects.filter(OPEN_Q, published_at__isnull=False, superseded_by__isnull=True)
        # A dated task due after the window of the farthest "days before" has nothing due yet.
        .filter(Q(submitted_at__isnull=False) | ~Q(deadline_kind="date") | ~due_after_q(today, policy.horizon_days))
        .order_by("id")
        .values_list("id", "lead_id", "deadline_kind", "recurrence", "due_date", "published_at", "submitted_at")
    )


def _batches(today: dt.date, policy: p.ReminderPolicy, size: int):
    queryset = _open_tasks(today, policy)
    last_id = 0
    while True:
        rows = list(queryset.filter(id__gt=last_id)[:size])
        if not rows:
            return
        last_id = rows[-1][0]
        coordinating = defaultdict(list)
        for task_id, agency_id in TaskCoordination.objects.filter(task_id__in=[r[0] for r in rows]).values_list(
            "task_id", "agency_id"
        ):
            coordinating[task_id].append(agency_id)
        yield [
            p.TaskFacts(
                id=r[0],
                lead_id=r[1],
                coordinating_ids=tuple(coordinating[r[0]]),
                deadline_kind=r[2],
                recurrence=r[3],
                due_date=r[4],
                published_at=r[5],
                submitted_at=r[6],
            )
            for r in rows
        ]


def _item(occ: p.Occurrence, *, digest=None, reason: str = "") -> ReminderItem:
    return ReminderItem(
        task_id=occ.task_id,
        recipient_key=occ.recipient_key,
        agency_id=occ.agency_id,
        kind=occ.kind,
        day=occ.day,
        offset=occ.offset,
        role=occ.role,
        due_date=occ.due_date,
        digest=digest,
        skipped_reason=reason,
    )


@transaction.atomic
def _write_batch(due: list[p.Occurrence], missed: list[p.Occurrence], today: dt.date, result: SweepResult):
    local = timezone.localtime
    skipped = [_item(occ, reason=MISSED_REASON.format(when=f"{local(occ.send_at):%H:%M %d/%m/%Y}")) for occ in missed]
    # Sorted, so two sweeps at once insert and lock in the same order and never deadlock.
    keys = dict(sorted({occ.recipient_key: occ.agency_id for occ in due}.items()))
    if keys:
        Digest.objects.bulk_create(
            [
                Digest(
                    recipient_key=key,
                    agency_id=agency_id,
                    kind=Digest.Kind.AGENCY if agency_id is not None else Digest.Kind.VERIFICATION,
                    day=today,
                )
                for key, agency_id in keys.items()
            ],
            ignore_conflicts=True,
        )
    # Locked until this batch commits, so a worker cannot claim a digest while items are still
    # being attached to it (its claim waits, then reads the complete list).
    digests = {
        d.recipient_key: d
        for d in Digest.objects.select_for_update()
        .filter(recipient_key__in=list(keys), day=today, kind__in=[Digest.Kind.AGENCY, Digest.Kind.VERIFICATION])
        .order_by("recipient_key")
    }
    items = []
    for occ in due:
        digest = digests[occ.recipient_key]
        if digest.status == Digest.Status.PENDING:
            items.append(_item(occ, digest=digest))
        else:
            skipped.append(_item(occ, reason=LATE_REASON.format(day=f"{today:%d/%m/%Y}")))
    # Rows an earlier sweep already wrote are left alone (the unique constraint would ignore
    # them anyway); filtering here only keeps the counts printed by send_reminders honest.
    rows = items + skipped
    existing = set(
        ReminderItem.objects.filter(
            task_id__in={row.task_id for row in rows}, day__in={row.day for row in rows}
        ).values_list("task_id", "recipient_key", "kind", "day")
    )
    new = [row for row in rows if (row.task_id, row.recipient_key, row.kind, row.day) not in existing]
    ReminderItem.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    result.items += sum(1 for row in new if row.digest is not None)
    result.skipped += sum(1 for row in new if row.digest is None)
    result.digest_ids.extend(d.pk for d in digests.values() if d.status == Digest.Status.PENDING)


def _latest_summary_day(at: dt.datetime, policy: p.ReminderPolicy) -> dt.date:
    """The day of the latest weekly summary moment at or before `at` (moved past days off)."""
    scheduled = p.scheduled_summary_day(policy.local_day(at), policy)
    while True:
        day = p.summary_day(scheduled, policy)
        if policy.moment(day, policy.summary_time) <= at:
            return day
        scheduled -= dt.timedelta(days=7)


def _has_overdue(day: dt.date) -> bool:
    return Task.objects.filter(published_at__isnull=False).filter(status_q(TaskStatus.OVERDUE, day)).exists()


def summary_claim(
    *, at: dt.datetime, policy: p.ReminderPolicy | None = None, since: dt.datetime | None = None
) -> Digest | None:
    """Create the week's overdue summary for leaders and the office, once, if any task is late.

    With `since` (the last completed sweep, from the sweep), a summary whose moment fell in an
    outage is caught up: the latest one is sent late, as it is still this week's, when it is
    within REMINDER_CATCHUP_DAYS; it and any older one missed are otherwise recorded as skipped,
    with the reason, like the items of the agencies' digests.
    """
    policy = policy or p.ReminderPolicy.from_settings()
    today = policy.local_day(at)
    if p.summary_due(at, policy):
        day = today
    elif since is not None:
        day = _latest_summary_day(at, policy)
        if policy.moment(day, policy.summary_time) <= since:
            return None  # the sweep that followed it took care of it
        if (today - day).days > policy.catchup_days:
            _record_missed_summaries(before=day + dt.timedelta(days=1), since=since, policy=policy)
            return None
        _record_missed_summaries(before=day, since=since, policy=policy)
    else:
        return None
    if not _has_overdue(day):
        return None
    digest, _ = Digest.objects.get_or_create(recipient_key="leadership", kind=Digest.Kind.SUMMARY, day=day)
    return digest


def _record_missed_summaries(*, before: dt.date, since: dt.datetime, policy: p.ReminderPolicy) -> None:
    """Weekly summaries due before `before` whose moment fell after `since`: recorded skipped."""
    scheduled = p.scheduled_summary_day(before, policy)
    while True:
        day = p.summary_day(scheduled, policy)
        scheduled -= dt.timedelta(days=7)
        if day >= before:
            continue
        if policy.moment(day, policy.summary_time) <= since:
            break
        if _has_overdue(day):
            when = f"{timezone.localtime(policy.moment(day, policy.summary_time)):%H:%M %d/%m/%Y}"
            Digest.objects.get_or_create(
                recipient_key="leadership",
                kind=Digest.Kind.SUMMARY,
                day=day,
                defaults={"status": Digest.Status.SKIPPED, "last_error": MISSED_REASON.format(when=when)},
            )


def fail_stuck(*, now: dt.datetime) -> int:
    """Digests claimed by a worker that never came back are failed, not resent.

    The trade-off, chosen on purpose: a worker killed after claiming may or may not have sent
    the mail. Resending would risk a duplicate on every crash (and a resend storm if the crash
    repeats); not resending risks one lost digest, which the office sees at /reminders/ with
    this message and can send again by hand.
    """
    limit = now - dt.timedelta(minutes=settings.REMINDER_SENDING_TIMEOUT_MINUTES)
    # A digest handed to another queue and not taken yet was never started there: it is queued
    # again (requeue_lost_handoffs), not failed.
    return Digest.objects.filter(status=Digest.Status.SENDING, claimed_at__lt=limit, handed_to="").update(
        status=Digest.Status.FAILED, last_error=STUCK_ERROR
    )


def requeue_lost_handoffs(*, now: dt.datetime, everything: bool = False) -> list[tuple[int, str]]:
    """Hand-overs still waiting after REMINDER_REQUEUE_AFTER_MINUTES (or all, when the queues
    were found empty): queued again. Harmless if the first message is still there, as only one
    worker can take a hand-over (delivery.deliver_handed_over)."""
    waiting = Digest.objects.filter(status=Digest.Status.SENDING).exclude(handed_to="")
    if not everything:
        waiting = waiting.filter(claimed_at__lt=now - dt.timedelta(minutes=settings.REMINDER_REQUEUE_AFTER_MINUTES))
    return list(waiting.order_by("id").values_list("id", "handed_to"))


def requeue_due(*, now: dt.datetime, everything: bool = False) -> list[int]:
    """Pending digests whose (next) attempt has come and that are not already in the queue.

    One handed to the queue is not handed again for REMINDER_REQUEUE_AFTER_MINUTES, so a slow
    worker backlog does not fill the queue with copies (they would be harmless, only wasteful).
    With `everything` (the queue was found empty: Redis lost it), every pending digest whose
    attempt has come is handed over at once, however recently it was handed over before.
    """
    requeue_after = dt.timedelta(minutes=settings.REMINDER_REQUEUE_AFTER_MINUTES)
    pending = Digest.objects.filter(status=Digest.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    if not everything:
        pending = pending.filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - requeue_after))
    ids = list(pending.order_by("id").values_list("id", flat=True))
    Digest.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def sweep(
    *,
    at: dt.datetime | None = None,
    policy: p.ReminderPolicy | None = None,
    queue_lost: bool = False,
    handoffs_lost: bool = False,
) -> SweepResult:
    """Claim every reminder due at `at` (default now) and return the digests to deliver.

    Returns the ids of the pending digests ready to go; the caller delivers them (the Celery
    task enqueues one delivery task each after commit, the command delivers in the foreground).
    `queue_lost`, `handoffs_lost`: the caller found the delivery queue, or the queue of the
    hand-overs, empty, so what was handed to it recently is gone (Redis lost it) and goes again.
    """
    at = at or timezone.now()
    policy = policy or p.ReminderPolicy.from_settings()
    today = policy.local_day(at)
    result = SweepResult(at=at)
    since = SweepRun.objects.filter(at__lt=at).order_by("-at").values_list("at", flat=True).first()
    fail_stuck(now=at)
    for facts in _batches(today, policy, settings.REMINDER_BATCH_SIZE):
        result.tasks_seen += len(facts)
        due, missed = [], []
        for task in facts:
            task_due, task_missed = p.due_and_missed(task, at, since, policy)
            due += task_due
            missed += task_missed
        reported = _reported(due + missed)
        due = [occ for occ in due if (occ.task_id, occ.day) not in reported]
        missed = [occ for occ in missed if (occ.task_id, occ.day) not in reported]
        if due or missed:
            _write_batch(due, missed, today, result)
    summary = summary_claim(at=at, policy=policy, since=since)
    result.summary_id = summary.pk if summary else None
    SweepRun.objects.create(
        at=at,
        tasks_seen=result.tasks_seen,
        digests=len(set(result.digest_ids)),
        items=result.items,
        skipped=result.skipped,
    )
    # Only the latest run matters to the next catch-up; older ones would just pile up.
    SweepRun.objects.filter(at__lt=at - dt.timedelta(days=policy.catchup_days + 1)).delete()
    result.digest_ids = requeue_due(now=at, everything=queue_lost)
    result.handed_over = requeue_lost_handoffs(now=at, everything=handoffs_lost)
    return result
