"""A meeting, the directive documents (a conclusion notice after a meeting, a letter, a directive,
a plan...) and their numbered conclusions.

The document model keeps its historical name, ConclusionNotice: a conclusion notice was the first
kind the product followed up, and the name runs through the code, the API and the migrations.
Its `kind` (DocumentKind, a reference table the office extends) says what it is; only the kinds
that need a meeting (the conclusion notice) must have one."""

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


# The kinds every office starts with (code, name, needs a meeting, order); the office adds others in
# the admin. Seeded by migration 0004 and again after a flush (meetings.apps), like the role groups.
CONCLUSION_NOTICE = "thong_bao_ket_luan"
LETTER = "cong_van"
DEFAULT_KINDS = (
    (CONCLUSION_NOTICE, "Thông báo kết luận", True, 10),
    ("thong_bao_y_kien_chi_dao", "Thông báo ý kiến chỉ đạo", False, 20),
    (LETTER, "Công văn", False, 30),
    ("chi_thi", "Chỉ thị", False, 40),
    ("ke_hoach", "Kế hoạch", False, 50),
    ("quyet_dinh", "Quyết định", False, 60),
    ("y_kien_chi_dao_truc_tiep", "Ý kiến chỉ đạo trực tiếp", False, 70),
)
# Who issues a document when the clerk does not say: the provincial People's Committee.
DEFAULT_ISSUER = "UBND tỉnh"


class DocumentKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên loại văn bản", max_length=120, unique=True)
    needs_meeting = models.BooleanField(
        "gắn với cuộc họp", default=False, help_text="Văn bản loại này phải ghi cuộc họp (như thông báo kết luận)."
    )
    order = models.PositiveIntegerField("thứ tự", default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại văn bản chỉ đạo"
        verbose_name_plural = "loại văn bản chỉ đạo"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def conclusion_notice(cls) -> "DocumentKind":
        return ensure_document_kinds()[CONCLUSION_NOTICE]


def ensure_document_kinds() -> dict[str, DocumentKind]:
    """The office's starting kinds, created when missing (idempotent); returns them by code."""
    kinds = {kind.code: kind for kind in DocumentKind.objects.filter(code__in=[row[0] for row in DEFAULT_KINDS])}
    for code, name, needs_meeting, order in DEFAULT_KINDS:
        if code not in kinds:
            kinds[code], _ = DocumentKind.objects.get_or_create(
                code=code, defaults={"name": name, "needs_meeting": needs_meeting, "order": order}
            )
    return kinds


def kind_word(kind_name: str | None) -> str:
    """How a reference starts: "Thông báo" for the notices (as before the kinds), else the kind."""
    name = kind_name or "Thông báo"
    return "Thông báo" if name.startswith("Thông báo") else name


def notice_reference(number: str, title: str, issued_on, kind_name: str | None) -> str:
    """ConclusionNotice.reference from the columns alone, for menus that read a hundred notices
    as plain values."""
    if number:
        return number
    title = title if len(title) <= 60 else title[:59].rstrip() + "…"
    date = f"ngày {issued_on:%d/%m/%Y}" if issued_on else "chưa có số"
    return f"{kind_word(kind_name)} {date} – {title}"


class ConclusionNotice(models.Model):
    """A directive document of any kind (văn bản chỉ đạo); see the module's docstring."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        PUBLISHED = "published", "Đã ban hành"

    kind = models.ForeignKey(
        DocumentKind, on_delete=models.PROTECT, related_name="documents", verbose_name="loại văn bản"
    )
    # Only the kinds that need one (DocumentKind.needs_meeting) must have a meeting.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="notices", verbose_name="cuộc họp", null=True, blank=True
    )
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True, default=DEFAULT_ISSUER)
    # The leader who directed: the meeting's chair, or the one who signed ("KT. CHỦ TỊCH / PHÓ CHỦ
    # TỊCH ..."). `leader` is their account (a user of the leaders group), which "Chỉ đạo của tôi"
    # matches on; `leader_name` is the name as written, kept when no account matches.
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directed_documents",
        verbose_name="lãnh đạo chỉ đạo",
    )
    leader_name = models.CharField("lãnh đạo chỉ đạo (như ghi trên văn bản)", max_length=255, blank=True)
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
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="notice_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_display} – {self.title[:80]}"

    def save(self, *args, **kwargs):
        if self.kind_id is None:
            # Code that predates the kinds (and the admin's older forms) made conclusion notices.
            self.kind = DocumentKind.conclusion_notice()
        _save_with_search_text(self, kwargs)
        super().save(*args, **kwargs)

    def search_key(self) -> str:
        # Not the issuer: nearly every document is the UBND tỉnh's, so it would match them all.
        return _search_key(self.number, self.title, self.place, self.issued_on_text, self.signer_name, self.leader_name)

    @property
    def kind_word(self) -> str:
        """How a reference starts: "Thông báo" for the notices (as before the kinds), else the kind."""
        return kind_word(self.kind.name if self.kind_id else None)

    @property
    def leader_display(self) -> str:
        if self.leader_name:
            return self.leader_name
        if self.leader_id:
            return self.leader.get_full_name() or self.leader.get_username()
        return self.meeting.chair_name if self.meeting_id else ""

    @property
    def reference(self) -> str:
        """How menus, lists and exports name the notice: its number, or while it has none (a
        draft, or a notice entered without it) its date and the start of its title, so two
        notices without a number can still be told apart."""
        return notice_reference(self.number, self.title, self.issued_on, self.kind.name if self.kind_id else None)

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
