"""Who handles a task inside an agency: the head (or deputy) gives it to one person in charge
(chủ trì xử lý) and others assisting (phối hợp), with a note and an internal due date.

Not to be confused with `Assignment` (one directive given to several agencies at once): this is
the agency's own division of the work. A reassignment ends the current rows (`ended_at`) and adds
new ones, so the rows, like the task's history, keep who handled the task when.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from agencies.models import Agency
from directives.models.reach import KeepsAgencyRows, KeepsAgencyRowsModel
from directives.models.task import Task


class TaskAssignmentQuerySet(KeepsAgencyRows):
    # Whether an agency has someone in charge is on its agency row (TaskAgency.handled).
    row_fields = frozenset({"task", "task_id", "agency", "agency_id", "role", "ended_at"})


class TaskAssignment(KeepsAgencyRowsModel):
    class Role(models.TextChoices):
        IN_CHARGE = "in_charge", "Chủ trì xử lý"
        ASSISTING = "assisting", "Phối hợp xử lý"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="handlers", verbose_name="nhiệm vụ")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="task_assignments", verbose_name="người xử lý"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    note = models.TextField("ghi chú giao việc", blank=True)
    internal_due_on = models.DateField("hạn xử lý trong cơ quan", null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField("phân công lúc")
    ended_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    objects = TaskAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "phân công xử lý"
        verbose_name_plural = "phân công xử lý"
        constraints = [
            models.UniqueConstraint(
                fields=["task", "agency"],
                condition=Q(role="in_charge", ended_at__isnull=True),
                name="task_assignment_one_in_charge",
            ),
            models.UniqueConstraint(
                fields=["task", "agency", "user"],
                condition=Q(ended_at__isnull=True),
                name="task_assignment_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("assigned_at")),
                name="task_assignment_ends_after_start",
            ),
        ]
        indexes = [
            # "Việc của tôi" reads a person's current rows; the inbox and the reminders a task's.
            models.Index(fields=["user", "task"], condition=Q(ended_at__isnull=True), name="task_assignment_current"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user} ({self.agency})"
