"""Filters of the reminder log (/reminders/): dates typed dd/mm/yyyy, like everywhere else."""

import django_filters
from django import forms

from agencies.inputs import BoundedDateField
from agencies.models import Agency
from directives.models import Digest, ReminderItem
from directives.reminders.sweep import LATE_REASON, MISSED_REASON

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class _DateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class DigestFilter(django_filters.FilterSet):
    day_from = _DateFilter(
        field_name="day",
        lookup_expr="gte",
        label="Từ ngày",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    day_to = _DateFilter(
        field_name="day",
        lookup_expr="lte",
        label="Đến ngày",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    status = django_filters.ChoiceFilter(choices=Digest.Status.choices, label="Trạng thái", empty_label="Tất cả")
    kind = django_filters.ChoiceFilter(choices=Digest.Kind.choices, label="Loại", empty_label="Tất cả")
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.filter(is_active=True).order_by("name"), label="Cơ quan", empty_label="Tất cả"
    )

    class Meta:
        model = Digest
        fields = ["day_from", "day_to", "status", "kind", "agency"]


def _reason_prefix(template: str) -> str:
    return template.split("{", 1)[0]


# Why a reminder was skipped, as the sweep words it (directives.reminders.sweep).
SKIP_REASONS = {
    "outage": ("Hệ thống gián đoạn, đã qua thời điểm nhắc", _reason_prefix(MISSED_REASON)),
    "late": ("Bản tin trong ngày đã gửi trước đó", _reason_prefix(LATE_REASON)),
}


class SkippedFilter(django_filters.FilterSet):
    day_from = DigestFilter.base_filters["day_from"]
    day_to = DigestFilter.base_filters["day_to"]
    reason = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SKIP_REASONS.items()],
        label="Lý do bỏ qua",
        empty_label="Tất cả",
        method="filter_reason",
    )

    class Meta:
        model = ReminderItem
        fields = ["day_from", "day_to", "reason"]

    def filter_reason(self, queryset, name, value):
        return queryset.filter(skipped_reason__startswith=SKIP_REASONS[value][1])
