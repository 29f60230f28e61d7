"""Declaring a day off (nghỉ bù) or a day worked (làm bù), and taking it back."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.workdays import WorkingCalendar, public_holiday
from directives import workdays
from directives.models import DeclaredDay


def declare_day(*, day, kind: str, note: str = "", actor=None) -> DeclaredDay:
    """Record a declared day; refused (Vietnamese message, nothing written) when it changes nothing
    or the day is already declared."""
    if DeclaredDay.objects.filter(day=day).exists():
        raise ValidationError(f"Ngày {day:%d/%m/%Y} đã được khai báo: xóa dòng đó trước nếu muốn đổi.")
    national = WorkingCalendar().is_working_day(day)
    if kind == DeclaredDay.Kind.DAY_OFF and not national:
        reason = "ngày lễ" if public_holiday(day) else "ngày nghỉ cuối tuần"
        raise ValidationError(f"Ngày {day:%d/%m/%Y} đã là {reason}: không cần khai báo nghỉ bù.")
    if kind == DeclaredDay.Kind.WORKED and national:
        raise ValidationError(
            f"Ngày {day:%d/%m/%Y} đã là ngày làm việc: "
            "chỉ khai báo làm bù cho một ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ)."
        )
    try:
        with transaction.atomic():
            declared = DeclaredDay.objects.create(day=day, kind=kind, note=note, created_by=actor)
    except IntegrityError:  # declared by someone else a moment ago
        raise ValidationError(f"Ngày {day:%d/%m/%Y} đã được khai báo.") from None
    # Now for this process, and again once committed, so no process keeps the old days.
    workdays.invalidate()
    transaction.on_commit(workdays.invalidate)
    return declared


def remove_day(*, declared: DeclaredDay) -> None:
    declared.delete()
    workdays.invalidate()
    transaction.on_commit(workdays.invalidate)
