"""A meeting, the conclusion notice issued after it, and the notice's numbered conclusions."""

from django.conf import settings
from django.db import models

from agencies.models import Agency
from agencies.names import normalize


def _search_key(*parts: str) -> str:
    """What the lists search in: the parts normalised like agency names (no accents, lower case)."""
    return normalize(" ".join(part for part in parts if part))


def _save_with_search_text(instance, kwargs) -> None:
    instance.search_text = instance.search_key()
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        kwargs["update_fields"] = {*update_fields, "search_text"}


class Meeting(models.Model):
    class Kind(models.TextChoices):
        GIAO_BAN = "giao_ban", "Hội nghị giao ban"
        HOP = "hop", "Cuộc họp"
        HOI_NGHI = "hoi_nghi", "Hội nghị"
        LAM_VIEC = "lam_viec", "Buổi làm việc"
        KHAC = "khac", "Khác"

    title = models.CharField("tên cuộc họp", max_length=500)
    kind = models.CharField("hình thức", max_length=16, choices=Kind.choices, default=Kind.GIAO_BAN)
    held_on = models.DateField("ngày họp")
    chair_name = models.CharField("người chủ trì", max_length=255)
    chair_title = models.CharField("chức vụ người chủ trì", max_length=255, blank=True)
    is_online = models.BooleanField("họp trực tuyến", default=False)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    attending_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="meetings_attended", verbose_name="cơ quan tham dự"
    )
    attendees_note = models.TextField("thành phần tham dự", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title, chair and place without accents, so "hoi nghi giao ban" finds "Hội nghị giao ban".
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        _save_with_search_text(self, kwargs)
        super().save(*args, **kwargs)

    def search_key(self) -> str:
        return _search_key(self.title, self.chair_name, self.chair_title, self.place)

    @property
    def chair_display(self) -> str:
        return ", ".join(part for part in (self.chair_name, self.chair_title) if part)


class ConclusionNotice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        PUBLISHED = "published", "Đã ban hành"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notices", verbose_name="cuộc họp")
    # Blank while a draft: "Số: /TB-UBND". The number as it must be printed, e.g. "123/TB-UBND".
    number = models.CharField("số, ký hiệu", max_length=64, blank=True)
    place = models.CharField("địa danh", max_length=120, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    # As written when day or month is still blank: "ngày   tháng 5 năm 2021".
    issued_on_text = models.CharField("ngày ban hành (như ghi trên văn bản)", max_length=120, blank=True)
    title = models.TextField("trích yếu")
    signer_name = models.CharField("người ký", max_length=255, blank=True)
    signing_formula = models.CharField("thẩm quyền ký", max_length=255, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    full_text = models.TextField("toàn văn", blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Number, title, place and signer without accents, for the notice list's search.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo kết luận"
        verbose_name_plural = "thông báo kết luận"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="notice_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_display} – {self.title[:80]}"

    def save(self, *args, **kwargs):
        _save_with_search_text(self, kwargs)
        super().save(*args, **kwargs)

    def search_key(self) -> str:
        return _search_key(self.number, self.title, self.place, self.issued_on_text, self.signer_name)

    @property
    def reference(self) -> str:
        """How menus, lists and exports name the notice: its number, or while it has none (a
        draft, or a notice entered without it) its date and the start of its title, so two
        notices without a number can still be told apart."""
        if self.number:
            return self.number
        title = self.title if len(self.title) <= 60 else self.title[:59].rstrip() + "…"
        date = f"ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else "chưa có số"
        return f"Thông báo {date} – {title}"

    @property
    def number_display(self) -> str:
        return f"Số: {self.number}" if self.number else "Số: (chưa có số)"

    @property
    def date_display(self) -> str:
        """Place and date as written: "Bắc Giang, ngày 24/06/2021" or the partial text."""
        date = f"ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else self.issued_on_text
        return ", ".join(part for part in (self.place, date) if part)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Conclusion(models.Model):
    notice = models.ForeignKey(ConclusionNotice, on_delete=models.CASCADE, related_name="conclusions")
    label = models.CharField("số mục", max_length=20, blank=True)
    text = models.TextField("nội dung kết luận")
    order = models.PositiveIntegerField("thứ tự")

    class Meta:
        ordering = ["notice", "order"]
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"
        constraints = [models.UniqueConstraint(fields=["notice", "order"], name="conclusion_unique_order")]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}".strip()
