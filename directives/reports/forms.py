"""The dashboard's filters: a period (month, quarter, year or custom range) and what to count."""

import calendar
import datetime as dt

from django import forms
from django.utils import timezone

from agencies.inputs import BoundedDateField
from agencies.models import Agency, AgencyKind
from agencies.roles import leader_accounts
from directives.tasks.filters import BAD_CHOICE
from meetings.models import ConclusionNotice, DocumentKind, Meeting

PERIOD_CHOICES = [("month", "Tháng"), ("quarter", "Quý"), ("year", "Năm"), ("custom", "Tùy chọn")]
ERRORS = {"invalid_choice": BAD_CHOICE, "invalid": "Giá trị không hợp lệ."}


def _date_field(label):
    return BoundedDateField(
        label=label,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def _chairs():
    names = Meeting.objects.order_by("chair_name").values_list("chair_name", flat=True).distinct()
    return [("", "Tất cả"), *((n, n) for n in names)]


class DashboardForm(forms.Form):
    period = forms.ChoiceField(label="Kỳ báo cáo", choices=PERIOD_CHOICES, required=False, error_messages=ERRORS)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100, error_messages=ERRORS)
    quarter = forms.TypedChoiceField(
        label="Quý",
        choices=[("", "–")] + [(str(q), f"Quý {q}") for q in range(1, 5)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=ERRORS,
    )
    month = forms.TypedChoiceField(
        label="Tháng",
        choices=[("", "–")] + [(str(m), f"Tháng {m}") for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=ERRORS,
    )
    start = _date_field("Từ ngày")
    end = _date_field("Đến ngày")
    chair = forms.ChoiceField(label="Người chủ trì cuộc họp", choices=_chairs, required=False, error_messages=ERRORS)
    meeting = forms.ModelChoiceField(
        label="Cuộc họp", queryset=Meeting.objects.all(), required=False, empty_label="Tất cả", error_messages=ERRORS
    )
    doc_kind = forms.ModelChoiceField(
        label="Loại văn bản",
        queryset=DocumentKind.objects.all(),
        required=False,
        empty_label="Tất cả",
        error_messages=ERRORS,
    )
    leader = forms.ModelChoiceField(
        label="Lãnh đạo chỉ đạo",
        queryset=leader_accounts(),
        required=False,
        empty_label="Tất cả",
        error_messages=ERRORS,
    )
    notice = forms.ModelChoiceField(
        label="Văn bản chỉ đạo",
        queryset=ConclusionNotice.objects.all(),
        required=False,
        empty_label="Tất cả",
        error_messages=ERRORS,
    )
    kind = forms.ModelChoiceField(
        label="Loại cơ quan",
        queryset=AgencyKind.objects.all(),
        required=False,
        empty_label="Tất cả",
        error_messages=ERRORS,
    )
    agency = forms.ModelChoiceField(
        label="Cơ quan", queryset=Agency.objects.all(), required=False, empty_label="Tất cả", error_messages=ERRORS
    )

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom" and data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        return data

    def period_bounds(self, today: dt.date | None = None) -> tuple[dt.date, dt.date, str]:
        """(start, end, label) of the chosen period; this year by default."""
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("period") or "year"
        year = data.get("year") or today.year
        if kind == "month":
            month = data.get("month") or today.month
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), f"Tháng {month:02d}/{year}"
        if kind == "quarter":
            quarter = data.get("quarter") or (today.month - 1) // 3 + 1
            first = 3 * quarter - 2
            last = calendar.monthrange(year, first + 2)[1]
            return dt.date(year, first, 1), dt.date(year, first + 2, last), f"Quý {quarter}/{year}"
        if kind == "custom" and (data.get("start") or data.get("end")):
            start = data.get("start") or dt.date(year, 1, 1)
            end = data.get("end") or today
            return start, end, f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}"

    def task_params(self, today: dt.date | None = None) -> tuple[dict, dt.date, dt.date, dt.date, str]:
        """TaskFilter parameters for the period and filters, the report day (its end, or today
        when it has not ended), the bounds and the label."""
        today = today or timezone.localdate()
        start, end, label = self.period_bounds(today)
        day = min(end, today)
        data = self.cleaned_data if self.is_valid() else {}
        params = {
            "on": day.isoformat(),
            "active_from": start.isoformat(),
            "active_to": end.isoformat(),
            "chair": data.get("chair") or "",
            "meeting": data["meeting"].pk if data.get("meeting") else "",
            "notice": data["notice"].pk if data.get("notice") else "",
            "doc_kind": data["doc_kind"].pk if data.get("doc_kind") else "",
            "leader": data["leader"].pk if data.get("leader") else "",
            "kind": data["kind"].pk if data.get("kind") else "",
        }
        if data.get("agency"):
            params.update(agency=data["agency"].pk, role="lead")
        return {k: v for k, v in params.items() if v != ""}, day, start, end, label
