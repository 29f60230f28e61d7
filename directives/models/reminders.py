"""Reminders (nhắc việc): what was decided, claimed and delivered, so nothing goes twice.

A Digest is one message to one recipient (an agency, the office, the leaders) for one day and
one kind; its row is created before anything is sent, and the unique constraint on
(recipient, kind, day) is what makes two sweeps, two beats or two workers harmless. Each task a
digest mentions is a ReminderItem, itself unique on (task, recipient, kind, day); an item that
was due but not sent (missed during an outage, or too late for the day's digest) is kept with
the reason it was skipped.
"""

from django.db import models
from django.db.models import Q

from agencies.models import Agency
from directives.models.task import Task


class ReminderChannel(models.Model):
    """One delivery channel of one agency: switched on or off, with the channel's own settings.

    `channel` names a module of directives.reminders.channels (its registry key); `config` holds
    what that channel needs (a webhook's address and secret), checked by the channel's form and
    again by the channel itself before sending. Without a row, a channel uses its default (e-mail
    and the bell on, the webhook off), so a new agency needs no setup and a new channel needs no
    column.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="reminder_channels", verbose_name="cơ quan"
    )
    channel = models.CharField("kênh", max_length=32)
    enabled = models.BooleanField("bật", default=True)
    config = models.JSONField("cấu hình", default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency_id", "channel"]
        verbose_name = "kênh nhắc việc"
        verbose_name_plural = "kênh nhắc việc"
        constraints = [models.UniqueConstraint(fields=["agency", "channel"], name="reminder_channel_once")]

    def __str__(self) -> str:
        return f"Kênh nhắc việc {self.channel} – {self.agency}"


class SweepRun(models.Model):
    """One completed sweep: the moment it decided for. The next sweep looks back to it to find
    what an outage made it miss."""

    at = models.DateTimeField("thời điểm quét", db_index=True)
    finished_at = models.DateTimeField(auto_now_add=True)
    tasks_seen = models.PositiveIntegerField(default=0)
    digests = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = "lượt quét nhắc việc"
        verbose_name_plural = "lượt quét nhắc việc"

    def __str__(self) -> str:
        return f"Quét nhắc việc {self.at:%d/%m/%Y %H:%M}"


class Digest(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "Bản tin nhắc việc của cơ quan"
        VERIFICATION = "verification", "Nhắc xác nhận hoàn thành (Văn phòng)"
        SUMMARY = "summary", "Tổng hợp nhiệm vụ quá hạn hằng tuần"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi lỗi"
        SKIPPED = "skipped", "Bỏ qua"

    # "agency:<id>", "office" or "leadership": one text key so the unique constraint also holds
    # for digests without an agency (NULLs are never equal in a unique index).
    recipient_key = models.CharField(max_length=40)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cơ quan"
    )
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    day = models.DateField("ngày nhắc")
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    # Channels already delivered ("email", "notification", "webhook"): a retry after a failure
    # on one channel never repeats the others.
    channels_done = models.JSONField(default=list, blank=True)
    # Channels whose outcome is unknown (a webhook that took the body and never answered): no
    # automatic retry sends them again; the office's "Gửi lại" does, on purpose.
    channels_unknown = models.JSONField(default=list, blank=True)
    # The queue the rest of a claimed digest was handed to ("webhooks"), until a worker of that
    # queue takes it: a digest left "sending" with it set was never started there, so it can be
    # handed over again safely (see sweep.requeue_lost_handoffs).
    handed_to = models.CharField(max_length=32, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "kind", "recipient_key"]
        verbose_name = "bản tin nhắc việc"
        verbose_name_plural = "bản tin nhắc việc"
        constraints = [
            models.UniqueConstraint(fields=["recipient_key", "kind", "day"], name="digest_once_per_recipient_day"),
            models.CheckConstraint(
                condition=Q(kind="agency", agency__isnull=False) | ~Q(kind="agency"), name="digest_agency_has_agency"
            ),
        ]
        indexes = [
            # Read by directives.reminders.sweep.requeue_due (every sweep): the digests still to
            # send. Partial, so it stays as small as the backlog however long the log grows.
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="digest_pending"),
            # Read by directives.reminders.sweep.fail_stuck: digests a killed worker left claimed.
            models.Index(fields=["claimed_at"], condition=Q(status="sending"), name="digest_sending"),
            models.Index(fields=["agency", "-day"], name="digest_agency_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.recipient_label} – {self.day:%d/%m/%Y}"

    @property
    def recipient_label(self) -> str:
        if self.agency_id:
            return self.agency.name
        return {"office": "Văn phòng UBND tỉnh", "leadership": "Lãnh đạo UBND tỉnh và Văn phòng"}.get(
            self.recipient_key, self.recipient_key
        )


class ReminderItem(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", "Sắp đến hạn"
        DUE_TODAY = "due_today", "Đến hạn hôm nay"
        OVERDUE = "overdue", "Quá hạn"
        RECURRING = "recurring", "Báo cáo định kỳ"
        ONGOING = "ongoing", "Báo cáo nhiệm vụ thường xuyên"
        VERIFICATION = "verification", "Chờ xác nhận"

    class Role(models.TextChoices):
        LEAD = "lead", "Cơ quan chủ trì"
        COORDINATING = "coordinating", "Cơ quan phối hợp"
        OFFICE = "office", "Văn phòng"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminder_items", verbose_name="nhiệm vụ")
    recipient_key = models.CharField(max_length=40)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    day = models.DateField("ngày nhắc")
    # Days before the due date (before), or days overdue (overdue); 0 otherwise.
    offset = models.SmallIntegerField(default=0)
    role = models.CharField(max_length=16, choices=Role.choices)
    due_date = models.DateField(null=True, blank=True)
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, null=True, blank=True, related_name="items")
    skipped_reason = models.TextField("lý do bỏ qua", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "kind", "due_date", "task_id"]
        verbose_name = "nhắc việc theo nhiệm vụ"
        verbose_name_plural = "nhắc việc theo nhiệm vụ"
        constraints = [
            models.UniqueConstraint(fields=["task", "recipient_key", "kind", "day"], name="reminder_item_once"),
            models.CheckConstraint(
                condition=Q(digest__isnull=False) | ~Q(skipped_reason=""), name="reminder_item_sent_or_skipped"
            ),
        ]
        indexes = [models.Index(fields=["day", "task"], name="reminder_item_day_task")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.task_id} – {self.day:%d/%m/%Y}"
