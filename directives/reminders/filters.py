"""Filters of the reminder log (/reminders/): dates typed dd/mm/yyyy, like everywhere else."""

import django_filters
from django import forms

from agencies.inputs import BoundedDateField
from agencies.models import Agency
from directives.models import Digest

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
