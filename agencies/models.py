"""Agencies, the many ways their names are written, collective names, and who works where.

Levels (province, district, commune) and the list of agencies are data, never code: an agency
has a kind (itself a row), may sit under a parent, and may be merged into a successor.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from agencies.names import normalize


class AgencyKind(models.Model):
    """What sort of body an agency is: sở, UBND cấp huyện, ban, đoàn thể, báo đài..."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên loại", max_length=120)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại cơ quan"
        verbose_name_plural = "loại cơ quan"

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=80, blank=True)
    kind = models.ForeignKey(AgencyKind, on_delete=models.PROTECT, related_name="agencies", verbose_name="loại")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="cơ quan cấp trên",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)
    email = models.EmailField("email nhận thông báo", blank=True)
    # Set when the agency is merged into another: from then on its names (in the picker and in
    # pasted notices) stand for the successor in force (`agencies.selectors.successor_in_force`),
    # so new work goes there. Its existing tasks do not move by themselves: office staff reassign
    # the open ones, and the history records each reassignment.
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="cơ quan kế thừa",
    )
    closed_on = models.DateField("ngày giải thể/sáp nhập", null=True, blank=True)
    # Set by the office: an officer's completion waits for the agency's head (or deputy) to
    # approve it before it reaches the office's verification queue. Off: today's flow.
    requires_head_approval = models.BooleanField(
        "lãnh đạo cơ quan duyệt báo cáo hoàn thành trước khi gửi Văn phòng", default=False
    )
    name_normalized = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind__order", "name"]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        constraints = [
            models.CheckConstraint(condition=~Q(successor=models.F("id")), name="agency_not_own_successor"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="agency_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_normalized = normalize(self.name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class AgencyGroup(models.Model):
    """A collective name: "UBND các huyện, thành phố" means each of its member agencies.

    Members are every active agency of `kind` (so a new or merged district follows by itself)
    plus those listed explicitly.
    """

    name = models.CharField("tên nhóm", max_length=255, unique=True)
    kind = models.ForeignKey(
        AgencyKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name="gồm mọi cơ quan thuộc loại",
    )
    members = models.ManyToManyField(Agency, blank=True, related_name="agency_groups", verbose_name="thành viên thêm")
    name_normalized = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "nhóm cơ quan"
        verbose_name_plural = "nhóm cơ quan"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_normalized = normalize(self.name)
        super().save(*args, **kwargs)

    def member_agencies(self):
        condition = Q(pk__in=self.members.values("pk"))
        if self.kind_id:
            condition |= Q(kind_id=self.kind_id)
        return Agency.objects.filter(condition, is_active=True).order_by("name")


class AgencyAlias(models.Model):
    """Another way a name is written ("Sở TT&TT"), pointing at one agency or one group."""

    name = models.CharField("cách viết", max_length=255)
    name_normalized = models.CharField(max_length=255, editable=False, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="aliases")
    group = models.ForeignKey(AgencyGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="aliases")

    class Meta:
        ordering = ["name"]
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False, group__isnull=True) | Q(agency__isnull=True, group__isnull=False)),
                name="alias_points_to_agency_or_group",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_normalized = normalize(self.name)
        super().save(*args, **kwargs)


class Membership(models.Model):
    class Role(models.TextChoices):
        OFFICER = "officer", "Chuyên viên"
        HEAD = "head", "Lãnh đạo cơ quan"
        DEPUTY = "deputy", "Phó thủ trưởng"

    # The roles that lead the agency's work: they assign tasks inside it and sign off completions.
    HEAD_ROLES = (Role.HEAD, Role.DEPUTY)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.OFFICER)

    class Meta:
        verbose_name = "thành viên cơ quan"
        verbose_name_plural = "thành viên cơ quan"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="membership_unique_user_agency")]

    def __str__(self) -> str:
        return f"{self.user} – {self.agency} ({self.get_role_display()})"
