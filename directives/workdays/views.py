"""The office's page of declared days (/working-days/): a year's days off and days worked on top
of the national calendar, with the public holidays shown for reference."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agencies.inputs import MAX_DATE, MIN_DATE, BoundedDateField
from agencies.roles import office_staff_required
from agencies.workdays import public_holiday
from directives.models import DeclaredDay
from directives.workdays.services import declare_day, remove_day

TEMPLATE = "directives/workdays/day_list.html"

HOLIDAY_NAMES = {
    "New Year's Day": "Tết Dương lịch",
    "Lunar New Year": "Tết Nguyên đán",
    "Hung Kings' Commemoration Day": "Giỗ Tổ Hùng Vương",
    "Liberation Day/Reunification Day": "Ngày Giải phóng miền Nam, thống nhất đất nước",
    "International Labor Day": "Ngày Quốc tế Lao động",
    "National Day": "Quốc khánh",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam",
}


def holiday_label(name: str) -> str:
    """The package's English name in Vietnamese, as close as the name allows."""
    if name in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[name]
    if "Lunar New Year" in name:
        return "Tết Nguyên đán"
    if "Hung Kings" in name:
        return "Giỗ Tổ Hùng Vương (nghỉ bù)"
    if name.startswith("Day off"):
        return "Nghỉ bù theo quy định của Nhà nước"
    return name


class DeclaredDayForm(forms.Form):
    day = BoundedDateField(
        label="Ngày",
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"required": "Hãy nhập ngày."},
    )
    kind = forms.ChoiceField(
        label="Loại",
        choices=DeclaredDay.Kind.choices,
        error_messages={"required": "Hãy chọn loại ngày.", "invalid_choice": "Loại ngày không hợp lệ."},
    )
    note = forms.CharField(
        label="Ghi chú",
        required=False,
        max_length=255,
        help_text="Ví dụ: nghỉ bù Tết theo Thông báo số …/TB-UBND.",
        error_messages={"max_length": "Ghi chú dài quá 255 ký tự."},
    )


def _year(request) -> int:
    raw = request.GET.get("year", "")
    today = dt.date.today()
    if raw.isdigit() and MIN_DATE.year <= int(raw) <= MAX_DATE.year:
        return int(raw)
    return today.year


def _page(request, form, year: int, *, status: int = 200):
    declared = DeclaredDay.objects.filter(day__year=year).select_related("created_by")
    holidays = [
        (day, holiday_label(name))
        for day in (dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366))
        if day.year == year and (name := public_holiday(day))
    ]
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "year": year,
            "declared": declared,
            "holidays": holidays,
            "previous_year": year - 1 if year > MIN_DATE.year else None,
            "next_year": year + 1 if year < MAX_DATE.year else None,
        },
        status=status,
    )


@office_staff_required
def day_list(request):
    year = _year(request)
    if request.method != "POST":
        return _page(request, DeclaredDayForm(), year)
    form = DeclaredDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            declared = declare_day(day=data["day"], kind=data["kind"], note=data["note"], actor=request.user)
        except ValidationError as error:
            form.add_error("day", error)
        else:
            messages.success(request, f"Đã khai báo {declared}.")
            return redirect(f"{reverse('workday_list')}?year={declared.day.year}")
    return _page(request, form, year, status=400)


@office_staff_required
@require_POST
def day_delete(request, pk):
    declared = get_object_or_404(DeclaredDay, pk=pk)
    remove_day(declared=declared)
    messages.success(request, f"Đã xóa {declared}.")
    return redirect(f"{reverse('workday_list')}?year={declared.day.year}")
