"""Tasks: what a conclusion asks one agency to do, by when, and everything that happened to it.

Only facts are stored (due date in force, submission, verification, cancellation). Labels such
as "Quá hạn" are derived from them and today's date in `directives.tasks.status`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from agencies.models import Agency, AgencyGroup
from agencies.names import normalize
from directives.models.reach import FACTS, KeepsAgencyRows, KeepsAgencyRowsModel
from meetings.models import Conclusion


class DeadlineKind(models.TextChoices):
    DATE = "date", "Có thời hạn"
    RECURRING = "recurring", "Định kỳ"
    ONGOING = "ongoing", "Thường xuyên"
    NONE = "none", "Không thời hạn"


class Recurrence(models.TextChoices):
    DAILY = "daily", "Hằng ngày"
    WEEKLY = "weekly", "Hằng tuần"
    MONTHLY = "monthly", "Hằng tháng"


class MonthStart(models.Func):
    """The first day of a date's month, with each database's own functions (deterministic, so it
    can define a stored column). On PostgreSQL truncated as a plain timestamp: the default
    date_trunc goes through timestamptz and pays a time zone conversion per row for a date that
    has no time zone."""

    output_field = models.DateField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return connection.ops.date_trunc_sql("month", sql, tuple(params))

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"DATE_TRUNC('month', ({sql})::timestamp)::date", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"DATE({sql}, 'start of month')", params


class Assignment(models.Model):
    """One directive given to several agencies at once (a collective name, or co-leads).

    Each agency gets its own Task, followed up and late on its own; the assignment keeps them
    together and remembers how the notice named them.
    """

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="assignments")
    lead_text = models.CharField("giao cho (như ghi trên văn bản)", max_length=500)
    group = models.ForeignKey(AgencyGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "giao việc chung"
        verbose_name_plural = "giao việc chung"

    def __str__(self) -> str:
        return self.lead_text


class TaskQuerySet(KeepsAgencyRows):
    task_field = "pk"
    row_fields = frozenset({*FACTS, "lead", "lead_id", "action", "search_key"})

    # Statuses ("open", "overdue", ...) are not here: they are rules about facts and a day, and
    # their only home is directives.tasks.status, which depends on this module, never the reverse.
    def published(self):
        return self.filter(published_at__isnull=False)


class Task(KeepsAgencyRowsModel):
    conclusion = models.ForeignKey(Conclusion, on_delete=models.PROTECT, related_name="tasks", verbose_name="kết luận")
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="giao việc chung",
    )
    action = models.TextField("nội dung nhiệm vụ")
    # normalize(action): what the text search compares, so "ke hoach" finds "Kế hoạch" on any database.
    search_key = models.TextField(editable=False, blank=True)
    lead = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="led_tasks", verbose_name="cơ quan chủ trì")
    # The lead agency's name, kept here so that the list sorted by lead agency reads a page from
    # an index (task_lead_sort) instead of sorting every task; Task.save and the agency's rename
    # (the receiver below) keep it in step.
    lead_sort = models.CharField(max_length=255, editable=False, blank=True)
    coordinating = models.ManyToManyField(
        Agency,
        through="TaskCoordination",
        through_fields=("task", "agency"),
        related_name="coordinated_tasks",
        blank=True,
        verbose_name="cơ quan phối hợp",
    )
    deadline_kind = models.CharField(
        "loại thời hạn", max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    recurrence = models.CharField("chu kỳ", max_length=16, choices=Recurrence.choices, blank=True)
    due_date = models.DateField("hạn xử lý", null=True, blank=True)
    # The month of due_date, kept by the database itself: today's dashboard counts every task of
    # the year per (lead agency, month), and reading the month from the index that serves the
    # period (task_closed_cover) costs less than computing it for each of the rows.
    due_month = models.GeneratedField(
        expression=MonthStart("due_date"), output_field=models.DateField(), db_persist=True
    )
    # The date the notice gave; extensions move due_date only, reports show both.
    original_due_date = models.DateField("hạn ban đầu", null=True, blank=True)
    # A term as the notice words it ("trong 05 ngày làm việc kể từ ngày 20/01/2025"): the due
    # date was computed from it on the working-day calendar, and the wording is kept beside it.
    due_term = models.CharField("thời hạn theo văn bản", max_length=255, blank=True)
    # Where the notice text assigns it (sentence and offsets), when it was read from the text.
    source_text = models.TextField("trích văn bản", blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)

    published_at = models.DateTimeField("giao lúc", null=True, blank=True)
    submitted_at = models.DateTimeField("báo cáo hoàn thành lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completion_note = models.TextField("kết quả thực hiện", blank=True)
    # Where the lead agency requires its head's approval: an officer's completion waits here, not
    # yet submitted to the office (submitted_at stays empty until the head approves).
    head_review_since = models.DateTimeField("chờ lãnh đạo cơ quan duyệt từ", null=True, blank=True)
    head_review_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField("trả lại lúc", null=True, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    verified_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField("hủy lúc", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField("lý do hủy", blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes", verbose_name="thay thế bởi"
    )
    # A later document's task that carries this earlier one on ("tiếp tục thực hiện nhiệm vụ tại
    # Thông báo số ..."): set on the later task, pointing back. The earlier task stays open; once
    # the later one is published, the figures count the chain through it (directives.tasks.chains).
    continues = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name="tiếp tục nhiệm vụ",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_kind=DeadlineKind.DATE) | Q(due_date__isnull=False),
                name="task_date_kind_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(deadline_kind=DeadlineKind.DATE) | Q(due_date__isnull=True),
                name="task_only_date_kind_has_due_date",
            ),
            models.CheckConstraint(
                condition=(Q(deadline_kind=DeadlineKind.RECURRING) & ~Q(recurrence=""))
                | (~Q(deadline_kind=DeadlineKind.RECURRING) & Q(recurrence="")),
                name="task_recurrence_iff_recurring",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(verified_at__isnull=False),
                name="task_completion_is_verified",
            ),
            models.CheckConstraint(
                condition=Q(head_review_since__isnull=True) | Q(submitted_at__isnull=True),
                name="task_head_review_before_submission",
            ),
            models.CheckConstraint(
                condition=Q(source_start__isnull=True) | Q(source_end__gte=F("source_start")),
                name="task_source_span_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["lead", "due_date"], name="task_lead_due"),
            models.Index(fields=["due_date"], name="task_due"),
            models.Index(fields=["lead_sort", "id"], name="task_lead_sort"),
            # The verification queue (completions awaiting the office, oldest first) and its
            # count: a few hundred tasks of a million, read in order from this index alone.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(cancelled_at__isnull=True, completed_on__isnull=True, submitted_at__isnull=False),
                name="task_awaiting_verification",
            ),
        ]

    def __str__(self) -> str:
        return self.action[:100]

    def save(self, *args, **kwargs):
        self.search_key = normalize(self.action)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "lead" in update_fields or "lead_id" in update_fields:
            self.lead_sort = self.lead.name
        if update_fields is not None:
            derived = {"action": "search_key", "lead": "lead_sort", "lead_id": "lead_sort"}
            kwargs["update_fields"] = {*update_fields, *(derived[f] for f in update_fields if f in derived)}
        super().save(*args, **kwargs)

    def _agency_rows_task_id(self) -> int:
        return self.pk

    @property
    def is_open(self) -> bool:
        # For templates and permission checks. The rule is directives.tasks.status.is_open, which
        # this module may not import; test_status checks that the two agree.
        return self.cancelled_at is None and self.completed_on is None


@receiver(post_save, sender=Agency, dispatch_uid="task_lead_sort_follows_agency_name")
def _lead_sort_follows_the_agency_name(sender, instance: Agency, raw=False, **kwargs) -> None:
    if not raw:
        Task.objects.filter(lead=instance).exclude(lead_sort=instance.name).update(lead_sort=instance.name)


class TaskCoordination(KeepsAgencyRowsModel):
    """A coordinating agency (cơ quan phối hợp) of a task.

    `lead` repeats the task's lead so that the database itself refuses a lead listed as
    coordinating too; the services that change a task's lead update it in the same transaction.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="coordinations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="coordinations")
    lead = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    objects = KeepsAgencyRows.as_manager()

    class Meta:
        verbose_name = "cơ quan phối hợp"
        verbose_name_plural = "cơ quan phối hợp"
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="coordination_unique_agency"),
            models.CheckConstraint(condition=~Q(agency=F("lead")), name="coordination_not_lead"),
        ]

    def __str__(self) -> str:
        return str(self.agency)


class TaskEvent(models.Model):
    """One change in a task's life: who, when, what, with the values before and after."""

    class Kind(models.TextChoices):
        CREATED = "created", "Tạo nhiệm vụ"
        PUBLISHED = "published", "Giao nhiệm vụ"
        REPORTED = "reported", "Báo cáo tiến độ"
        SUBMITTED = "submitted", "Báo cáo hoàn thành"
        VERIFIED = "verified", "Xác nhận hoàn thành"
        RETURNED = "returned", "Trả lại"
        EXTENSION_REQUESTED = "extension_requested", "Đề nghị gia hạn"
        EXTENSION_DECIDED = "extension_decided", "Quyết định gia hạn"
        REASSIGNED = "reassigned", "Đổi cơ quan chủ trì"
        CANCELLED = "cancelled", "Hủy nhiệm vụ"
        SUPERSEDED = "superseded", "Thay thế bằng chỉ đạo khác"
        CHASING_LETTER = "chasing_letter", "Văn bản đôn đốc"
        HANDLERS_ASSIGNED = "handlers_assigned", "Phân công xử lý trong cơ quan"
        HEAD_REVIEW_REQUESTED = "head_review_requested", "Báo cáo hoàn thành, chờ lãnh đạo cơ quan duyệt"
        HEAD_APPROVED = "head_approved", "Lãnh đạo cơ quan duyệt báo cáo hoàn thành"
        HEAD_RETURNED = "head_returned", "Lãnh đạo cơ quan trả lại báo cáo hoàn thành"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The actor's agency name at the time, so renames never rewrite history.
    actor_agency = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # {"field": {"before": ..., "after": ...}, ...} plus kind-specific facts, dates as ISO strings.
    # The history alone must be enough to recompute a task's outcome on any past day, so:
    # - published: {"due_date": "2021-06-30"|null}
    # - extension_decided: {"decision": "approved"|"refused", "due_date": {"before": ..., "after": ...},
    #   "requested_date": ..., "approved_date": ...|null, "reason": "..."}; the approved date may be
    #   earlier than the requested one (the reason says why)
    # - submitted: {"submitted_at": iso datetime}
    # - verified: {"completed_on": "2021-06-29"}; returned: {"reason": "..."}
    # - reassigned: {"lead": {"before": {"id", "name"}, "after": {"id", "name"}}}
    # - cancelled / superseded: {"reason": "..."}
    # - chasing_letter: {"agency": {"id", "name"}, "due_date": "2026-06-30"|null, "letter_date": "2026-07-02"}
    # - handlers_assigned: {"agency": {"id", "name"}, "in_charge": {"before", "after"} as
    #   {"id", "name"}|null, "assisting": {"before", "after"} as lists of {"id", "name"},
    #   "internal_due_on": "2021-06-25"|null, "note": "..."}
    # - head_review_requested: {"report_id": ..., "attachments": n} (not yet submitted: no status
    #   changes); head_approved: {"submitted_by": {"id", "name"}}, followed at the same instant by
    #   the `submitted` event that puts the task in the office's queue; head_returned: {"reason"}
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử nhiệm vụ"
        verbose_name_plural = "lịch sử nhiệm vụ"
        indexes = [models.Index(fields=["task", "at"], name="taskevent_task_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y %H:%M})"
