"""What agencies send back on a task: progress reports (with attachments) and extension requests.

Names are snapshots: an agency renamed or merged later must not rewrite who reported what.
Attachments live under MEDIA_ROOT and are only ever served by a view that checks the reader.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from agencies.models import Agency
from directives.models.task import Task


class ProgressReport(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", "Báo cáo tiến độ"
        COMPLETION = "completion", "Báo cáo hoàn thành"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PROGRESS)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan báo cáo")
    agency_name = models.CharField("tên cơ quan khi báo cáo", max_length=255)
    is_lead = models.BooleanField("báo cáo của cơ quan chủ trì", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField("nội dung báo cáo")
    document_number = models.CharField("số văn bản báo cáo", max_length=64, blank=True)
    document_date = models.DateField("ngày văn bản báo cáo", null=True, blank=True)
    percent = models.PositiveSmallIntegerField(
        "tỷ lệ hoàn thành (%)", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # For a recurring task: the first day of the period (day, week, month) this report covers.
    period = models.DateField("kỳ báo cáo", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="report_percent_0_100"
            ),
        ]
        indexes = [models.Index(fields=["task", "period"], name="report_task_period")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.agency_name}"


def _attachment_path(instance, filename: str) -> str:
    # The stored name never reuses what the user typed: the original name is kept in a column.
    return f"attachments/{instance.task_id}/{instance.token}{instance.extension}"


class Attachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="attachments")
    # Repeated from the report so the download view checks access with one query.
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=255)
    token = models.CharField(max_length=32, unique=True)
    extension = models.CharField(max_length=8)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ quyết định"
        APPROVED = "approved", "Đồng ý gia hạn"
        REFUSED = "refused", "Không đồng ý"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="extension_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    agency_name = models.CharField("cơ quan đề nghị", max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField("đề nghị lúc", auto_now_add=True)
    due_date_before = models.DateField("hạn khi đề nghị")
    requested_date = models.DateField("hạn đề nghị")
    reason = models.TextField("lý do đề nghị")
    # Asked after the due date in force had passed: allowed, but the office sees it marked.
    is_late = models.BooleanField("đề nghị sau hạn", default=False)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("quyết định lúc", null=True, blank=True)
    decision_reason = models.TextField("ý kiến / lý do", blank=True)
    # The due date granted: the requested one, or an earlier one the leader chose (with a reason).
    approved_date = models.DateField("hạn được đồng ý", null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = "đề nghị gia hạn"
        verbose_name_plural = "đề nghị gia hạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="extension_decided_iff_not_pending",
            ),
            models.CheckConstraint(
                condition=Q(requested_date__gt=models.F("due_date_before")), name="extension_moves_due_date_later"
            ),
            models.CheckConstraint(
                condition=(Q(status="approved") & Q(approved_date__isnull=False))
                | (~Q(status="approved") & Q(approved_date__isnull=True)),
                name="extension_approved_date_iff_approved",
            ),
            models.CheckConstraint(
                condition=Q(approved_date__isnull=True) | Q(approved_date__lte=models.F("requested_date")),
                name="extension_approved_no_later_than_requested",
            ),
        ]
        indexes = [
            # The leaders' extension queue reads only the pending ones.
            models.Index(fields=["requested_at"], condition=Q(status="pending"), name="extension_pending"),
        ]

    def __str__(self) -> str:
        return f"Gia hạn đến {self.requested_date:%d/%m/%Y} ({self.get_status_display()})"

    @property
    def approved_other_date(self) -> bool:
        """Approved, but to a date other than the one the agency asked for."""
        return self.approved_date is not None and self.approved_date != self.requested_date
