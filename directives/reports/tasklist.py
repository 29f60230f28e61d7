"""The task list (/tasks/): filters, sortable headers, pagination, and its .xlsx export."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property

from directives.models.task import DeadlineKind
from directives.reports import selectors
from directives.reports.menus import filter_menus
from directives.sorting import sort_headers
from directives.tasks import status as st
from directives.tasks.filters import status_choices
from directives.tasks.periods import add_current_periods
from directives.tasks.status import TaskStatus

# The list counts its rows up to this many, and says "more than" beyond. An exact count of a
# broad text search reads every match (at a million tasks, 190 ms for one task in ten); counting
# up to the cap stops early (about 30 ms), and nobody pages through 200 pages of 50 rows: they
# narrow the filters. The dashboard shows the exact figures.
COUNT_LIMIT = 10_000


class CappedPaginator(Paginator):
    """A paginator whose count stops at `limit`; `capped` tells that there are more rows."""

    def __init__(self, object_list, per_page, limit: int | None = None, counted_from=None):
        super().__init__(object_list, per_page)
        self.limit = COUNT_LIMIT if limit is None else limit
        # Rows that stand one for one for the list's, when something cheaper than the list can
        # count them (TaskList.counted_from).
        self.counted_from = counted_from

    @cached_property
    def counted(self) -> int:
        # Only the ids, unordered and without joins: the database may stop at limit + 1. The
        # agency rows are counted by their task, which their index holds (their own id it does
        # not: counting ids read a table page per row, 70-190 ms for one agency's 4,000 overdue tasks).
        if self.counted_from is None:
            source, column = self.object_list.select_related(None), "pk"
        else:
            source, column = self.counted_from, "task_id"
        return source.order_by().values(column)[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def capped(self) -> bool:
        return self.counted > self.limit


SORTABLE = [("due", "Hạn xử lý"), ("lead", "Cơ quan chủ trì"), ("assigned", "Ngày giao")]


def _sort_headers(request) -> list[dict]:
    return sort_headers(request.GET, SORTABLE, param="o", current=request.GET.get("o", ""))


def task_list(request):
    listed = selectors.task_list(request.user, request.GET, judge_today_in_python=True)
    filterset, day = listed.filterset, listed.day
    paginator = CappedPaginator(
        listed.rows.select_related("lead", "conclusion__notice__kind"),
        settings.TASKS_PER_PAGE,
        counted_from=listed.counted_from,
    )
    page = paginator.get_page(request.GET.get("page"))
    for task in page.object_list:
        if listed.as_of is None:
            task.row_status = st.compute_status(task, day)
        task.days_late = st.days_overdue_on(task.due_on, day) if task.row_status == TaskStatus.OVERDUE else 0
    add_current_periods(page.object_list, day)
    params = request.GET.copy()
    params.pop("page", None)
    data = filterset.form.cleaned_data if filterset.form.is_bound else {}
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "count": paginator.count,
        "count_capped": paginator.capped,
        "day": day,
        "as_of": listed.as_of,
        "query": params.urlencode(),
        "headers": _sort_headers(request),
        **filter_menus(request.user, data),
        "status_choices": status_choices(),
        "deadline_choices": DeadlineKind.choices,
    }
    return render(request, "directives/reports/task_list.html", context)
