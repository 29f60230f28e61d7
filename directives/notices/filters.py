"""The notice list's filters: status, year, and a search that ignores accents."""

import django_filters
from django import forms
from django.db.models import Q

from agencies.names import normalize
from directives.notices.selectors import notice_years
from meetings.models import ConclusionNotice


class NoticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm kiếm",
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Số, trích yếu, cuộc họp..."}),
    )
    status = django_filters.ChoiceFilter(
        label="Trạng thái", choices=ConclusionNotice.Status.choices, empty_label="Tất cả"
    )
    year = django_filters.ChoiceFilter(label="Năm", choices=[], empty_label="Tất cả", method="filter_year")
    o = django_filters.OrderingFilter(
        label="Sắp xếp",
        fields=(("sort_date", "date"),),
        field_labels={"sort_date": "Ngày"},
    )

    class Meta:
        model = ConclusionNotice
        fields = ["q", "status", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in notice_years(user)]

    def filter_text(self, queryset, name, value):
        """Every word must appear in the notice (number, title, place, signer) or its meeting."""
        for token in normalize(value).split():
            queryset = queryset.filter(Q(search_text__contains=token) | Q(meeting__search_text__contains=token))
        return queryset

    def filter_year(self, queryset, name, value):
        # The issue year; a draft without an issue date counts in its meeting's year.
        return queryset.filter(sort_date__year=int(value))
