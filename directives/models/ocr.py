"""A scanned notice waiting for, or read by, OCR (the import page's background step)."""

from django.conf import settings
from django.db import models


class OcrJob(models.Model):
    """One upload of a scan or photo, read page by page by a Celery worker.

    The file's bytes live in the row, not in MEDIA_ROOT: web and workers share the database,
    not necessarily a disk. They are dropped once the text is read (or reading failed); the
    text stays until the clerk has used it, like the text a pasted import carries in its form.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang nhận dạng"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không đọc được"

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF scan"
        IMAGE = "image", "Ảnh chụp hoặc ảnh scan"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ocr_jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    data = models.BinaryField(blank=True, default=b"", editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    pages_done = models.PositiveSmallIntegerField(default=0)
    pages_total = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(blank=True, default="")
    error = models.TextField(blank=True, default="")
    # Moved on every page: a job "running" whose progress stalls far beyond the page time limit
    # lost its worker (see jobs.job_stalled).
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt nhận dạng chữ (OCR)"
        verbose_name_plural = "lượt nhận dạng chữ (OCR)"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pages_done__lte=models.F("pages_total")), name="ocrjob_pages_done_lte_total"
            ),
        ]

    def __str__(self) -> str:
        return f"OCR {self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
