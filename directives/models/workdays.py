"""The days the office declares on top of the national calendar (agencies.workdays)."""

from django.conf import settings
from django.db import models


class DeclaredDay(models.Model):
    """A day the province moves: a day off (nghỉ bù) or a Saturday or Sunday worked (làm bù)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ (nghỉ bù)"
        WORKED = "worked", "Ngày làm việc (làm bù)"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ, làm bù"
        verbose_name_plural = "ngày nghỉ, làm bù"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()}"
