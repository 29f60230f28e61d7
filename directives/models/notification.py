"""In-product notifications (the bell): one row per person, read or not.

Written by the task workflow (a new task, returned, verified, extension decided, a coordinating
agency reported) and by reminders; shown by the bell in the top bar.
"""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    class Kind(models.TextChoices):
        TASK_ASSIGNED = "task_assigned", "Nhiệm vụ mới"
        TASK_RETURNED = "task_returned", "Nhiệm vụ bị trả lại"
        TASK_VERIFIED = "task_verified", "Đã xác nhận hoàn thành"
        EXTENSION_DECIDED = "extension_decided", "Kết quả đề nghị gia hạn"
        COORDINATOR_REPORTED = "coordinator_reported", "Cơ quan phối hợp báo cáo"
        SUBMITTED = "submitted", "Báo cáo hoàn thành chờ xác nhận"
        EXTENSION_REQUESTED = "extension_requested", "Đề nghị gia hạn"
        REMINDER = "reminder", "Nhắc việc"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    task = models.ForeignKey("directives.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [
            # The bell's unread count: partial, so it stays small however long the history grows.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return self.title
