"""The task list's filters: every dashboard figure is one of these queries, so a click on a
figure lands on exactly the tasks it counts.

Dates are typed dd/mm/yyyy (ISO is accepted too, for links). `on` is the "as of" day: with it,
statuses are judged from the facts known at the end of that day, so a report's links reproduce
its figures; without it, from the task's columns (both rules in directives.tasks.status).
`active_from`/`active_to` select a period's tasks (assigned before its end, not closed before its
start), as the dashboard counts them.
"""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q

from agencies.inputs import BAD_DATE, DATE_FORMATS, BoundedDateField
from agencies.models import Agency, AgencyKind
from agencies.names import normalize
from agencies.roles import leader_accounts
from directives.models import Task, TaskAgency
from directives.models.task import DeadlineKind
from directives.tasks import status as st
from meetings.models import ConclusionNotice, DocumentKind, Meeting

BAD_CHOICE = "Lựa chọn không hợp lệ."
MAX_QUERY = 200


def status_choices() -> list[tuple[str, str]]:
    """Statuses and the dashboard's combined figures, with their words (the window's length is a
    setting, so its label is read when the form is built)."""
    return [
        *st.TaskStatus.choices,
        *((key, st.figure_label(key)) for key in (st.WITHIN_DEADLINE, st.DUE_WINDOW, st.COMPLETED)),
        # The dashboard's "Tổng số nhiệm vụ" links here: every task assigned, whatever its status.
        (st.ASSIGNED, "Mọi nhiệm vụ đã giao"),
    ]


ROLE_CHOICES = [("lead", "Chủ trì"), ("coordinating", "Phối hợp")]


class VNDateFilter(django_filters.DateFilter):
    # Bounded to the years the product deals with: 31/12/9999 would overflow the as-of rules.
    field_class = BoundedDateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("error_messages", {"invalid": BAD_DATE})
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class _Choice(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid_choice": BAD_CHOICE})
        super().__init__(*args, **kwargs)


class _Model(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid_choice": BAD_CHOICE})
        super().__init__(*args, **kwargs)


def _chairs():
    return [
        (name, name) for name in Meeting.objects.order_by("chair_name").values_list("chair_name", flat=True).distinct()
    ]


class TaskFilter(django_filters.FilterSet):
    # The conditions on the agency rows once filter_agency has joined them.
    joins_agency_rows: Q | None = None

    q = django_filters.CharFilter(label="Tìm theo nội dung", method="filter_q", max_length=MAX_QUERY)
    status = _Choice(label="Tình trạng", choices=status_choices, method="filter_status", empty_label="Tất cả")
    # The dashboard's "Định kỳ" and "Thường xuyên" figures: status=no_deadline narrowed by this.
    deadline = _Choice(
        label="Loại thời hạn", choices=DeadlineKind.choices, field_name="deadline_kind", empty_label="Tất cả"
    )
    agency = _Model(label="Cơ quan", queryset=Agency.objects.all(), method="filter_agency", empty_label="Tất cả")
    role = _Choice(label="Vai trò", choices=ROLE_CHOICES, method="filter_noop", empty_label="Chủ trì hoặc phối hợp")
    kind = _Model(
        label="Loại cơ quan chủ trì", queryset=AgencyKind.objects.all(), field_name="lead__kind", empty_label="Tất cả"
    )
    notice = _Model(
        label="Văn bản chỉ đạo",
        queryset=ConclusionNotice.objects.all(),
        field_name="conclusion__notice",
        empty_label="Tất cả",
    )
    meeting = _Model(
        label="Cuộc họp", queryset=Meeting.objects.all(), field_name="conclusion__notice__meeting", empty_label="Tất cả"
    )
    chair = _Choice(
        label="Người chủ trì cuộc họp", choices=_chairs, field_name="conclusion__notice__meeting__chair_name"
    )
    doc_kind = _Model(
        label="Loại văn bản",
        queryset=DocumentKind.objects.all(),
        field_name="conclusion__notice__kind",
        empty_label="Tất cả",
    )
    leader = _Model(
        label="Lãnh đạo chỉ đạo",
        queryset=leader_accounts(),
        field_name="conclusion__notice__leader",
        empty_label="Tất cả",
    )
    due_from = VNDateFilter(label="Hạn từ ngày", method="filter_due")
    due_to = VNDateFilter(label="Hạn đến ngày", method="filter_due")
    on = VNDateFilter(label="Tính đến ngày", method="filter_noop")
    active_from = VNDateFilter(label="Kỳ báo cáo từ ngày", method="filter_noop")
    active_to = VNDateFilter(label="Kỳ báo cáo đến ngày", method="filter_noop")
    o = django_filters.OrderingFilter(
        # The lead agency's name as kept on the task (lead_sort), so that a page of the list
        # sorted by it is read from an index.
        fields=(("due_date", "due"), ("lead_sort", "lead"), ("published_at", "assigned"), ("id", "id")),
        field_labels={"due": "Hạn xử lý", "lead": "Cơ quan chủ trì", "assigned": "Ngày giao", "id": "Mã"},
        label="Sắp xếp",
    )

    class Meta:
        model = Task
        fields: list[str] = []

    # --- the "as of" day --------------------------------------------------------------------
    @property
    def as_of(self) -> dt.date | None:
        data = getattr(self.form, "cleaned_data", {}) or {}
        return data.get("on")

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        day = data.get("on")
        if day is not None:
            # Figures "as of" a day only know the tasks assigned by then, with the due date in force.
            queryset = st.with_due_on(queryset, day).filter(st.published_as_of_q(day))
        if data.get("active_from") or data.get("active_to"):
            queryset = st.active_in_period_q(queryset, data.get("active_from"), data.get("active_to"), day)
        return super().filter_queryset(queryset)

    # --- methods ----------------------------------------------------------------------------
    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_due(self, queryset, name, value):
        # As of a past day, the due date that counts is the one in force on that day.
        field = "due_on" if self.as_of is not None else "due_date"
        lookup = "gte" if name == "due_from" else "lte"
        return queryset.filter(**{f"{field}__{lookup}": value})

    def filter_q(self, queryset, name, value):
        # The words as typed, in order, without accents or case: "ke hoach" finds "Kế hoạch".
        # One substring (not word by word) so PostgreSQL's trigram index can answer it.
        key = normalize(value)
        if not key or self._joins_agency_rows():
            # filter_agency decides it on the agency's rows: a row whose key was not cut holds the
            # task's whole key, and only the few cut ones need the task's own.
            return queryset
        return queryset.filter(search_key__contains=key)

    def _joins_agency_rows(self) -> bool:
        # filter_agency joins the agency rows, except for the lead as of a past day.
        data = self.form.cleaned_data
        return data.get("agency") is not None and not (data.get("role") == "lead" and self.as_of is not None)

    def _status_on_agency_rows(self) -> bool:
        # Today's status of one agency's tasks is judged on its agency rows, which carry the same
        # facts under the same names: the database then counts them from one index instead of
        # joining every overdue task of the province. As of a past day the rules read the
        # history, which only the tasks have.
        return self.as_of is None and self.form.cleaned_data.get("agency") is not None

    def filter_status(self, queryset, name, value):
        day = self.as_of
        if day is not None:
            return queryset.filter(published_at__isnull=False).filter(st.status_as_of_q(value, day))
        if self._status_on_agency_rows():
            return queryset  # filter_agency judges it on the agency's rows
        # A task has a status once published; a draft's tasks are not yet overdue or due. Saying
        # so also lets PostgreSQL read the partial index of open tasks (task_working_due).
        return queryset.filter(published_at__isnull=False).filter(st.status_q(value))

    def filter_agency(self, queryset, name, value):
        # Through the agency rows (directives.models.reach), joined once: "leads or coordinates"
        # as an OR of two tables is a scan of every task, while the rows answer it from one index
        # in the list's own order (TaskList reads `joins_agency_rows` to sort by the rows' due date).
        data = self.form.cleaned_data
        if not self._joins_agency_rows():
            # As of a past day the status reads the tasks' history: the lead's own index on the
            # task (lead, due date) serves that better than a join.
            return queryset.filter(lead=value)
        on_rows = Q(agency=value)
        if data.get("role"):
            on_rows &= Q(role=TaskAgency.Role.LEAD if data["role"] == "lead" else TaskAgency.Role.COORDINATING)
        if data.get("status") and self._status_on_agency_rows():
            on_rows &= st.status_q(data["status"]) & Q(published_at__isnull=False)
        cut_rows_match = None
        if key := normalize(data.get("q") or ""):
            # The rows whose key may hold the words: those whose start does, and those cut short,
            # for which the task's whole key decides (the others hold their whole key).
            on_rows &= Q(search_head__contains=key) | Q(search_cut=True)
            cut_rows_match = Q(search_cut=False) | Exists(
                Task.objects.filter(pk=OuterRef("task_id"), search_key__contains=key)
            )
        self.joins_agency_rows = on_rows if cut_rows_match is None else on_rows & cut_rows_match
        # One filter() call, so that every condition is on the same row of the join.
        through = _through(on_rows, "agency_rows__")
        if key:
            through &= Q(agency_rows__search_cut=False) | Q(search_key__contains=key)
        return queryset.filter(through)

    def agency_rows_alone(self):
        """The agency rows of the list, one per task listed, when nothing but the agency, its role,
        today's status and the words searched narrows the list (None otherwise)."""
        if self.joins_agency_rows is None:
            return None
        served = {"agency", "role", "status", "q", "o"}
        if any(value not in (None, "", []) for key, value in self.form.cleaned_data.items() if key not in served):
            return None
        return TaskAgency.objects.filter(self.joins_agency_rows)


def _through(q: Q, prefix: str) -> Q:
    """The predicate `q` over a related model reached through `prefix` (its F() references too).
    The agency rows carry the task's facts under the same names, so the status rules written for
    the task apply to them this way."""
    if q.negated:
        # On a multi-valued relation a negation would be "no row such that", not "this row is not".
        raise ValueError("A negated predicate cannot be moved onto the agency rows.")

    def move(child):
        if isinstance(child, Q):
            return _through(child, prefix)
        lookup, value = child
        if isinstance(value, F):
            value = F(prefix + value.name)
        return (prefix + lookup, value)

    return Q(*(move(child) for child in q.children), _connector=q.connector)
