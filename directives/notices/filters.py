"""The document list's filters: kind, directing leader, issuer, status, year, and a search that
ignores accents."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from agencies.names import normalize
from directives.notices.selectors import notice_issuers, notice_years
from meetings.models import ConclusionNotice, DocumentKind

BAD_CHOICE = "Lựa chọn không hợp lệ."


class _LeaderFilter(django_filters.ModelChoiceFilter):
    """Leaders named by their full name, not their username."""

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
        return field


class NoticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm kiếm",
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Số, trích yếu, cuộc họp..."}),
    )
    kind = django_filters.ModelChoiceFilter(
        label="Loại văn bản",
        queryset=DocumentKind.objects.all(),
        empty_label="Tất cả",
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    leader = _LeaderFilter(
        label="Lãnh đạo chỉ đạo",
        queryset=get_user_model().objects.filter(directed_documents__isnull=False).distinct(),
        empty_label="Tất cả",
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    issuer = django_filters.ChoiceFilter(
        label="Cơ quan ban hành", choices=[], empty_label="Tất cả", error_messages={"invalid_choice": BAD_CHOICE}
    )
    status = django_filters.ChoiceFilter(
        label="Trạng thái",
        choices=ConclusionNotice.Status.choices,
        empty_label="Tất cả",
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    year = django_filters.ChoiceFilter(
        label="Năm",
        choices=[],
        empty_label="Tất cả",
        method="filter_year",
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    o = django_filters.OrderingFilter(
        label="Sắp xếp",
        fields=(("sort_date", "date"),),
        field_labels={"sort_date": "Ngày"},
    )

    class Meta:
        model = ConclusionNotice
        fields = ["q", "kind", "leader", "issuer", "status", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in notice_years(user)]
        self.filters["issuer"].extra["choices"] = [(name, name) for name in notice_issuers(user)]

    def filter_text(self, queryset, name, value):
        """Every word must appear in the notice (number, title, place, signer) or its meeting."""
        for token in normalize(value).split():
            queryset = queryset.filter(Q(search_text__contains=token) | Q(meeting__search_text__contains=token))
        return queryset

    def filter_year(self, queryset, name, value):
        # The issue year; a draft without an issue date counts in its meeting's year.
        return queryset.filter(sort_date__year=int(value))
