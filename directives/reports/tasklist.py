"""The task list (/tasks/): filters, sortable headers, pagination, and its .xlsx export."""

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property

from agencies.models import Agency, AgencyKind
from directives.reports import asof
from directives.reports.menus import meeting_menu, notice_menu
from directives.tasks.access import tasks_visible_to
from directives.tasks.filters import TaskFilter
from directives.tasks.status import TaskStatus, status_expression

# The list counts its rows up to this many, and says "more than" beyond. An exact count of a
# broad text search reads every match (at a million tasks, 190 ms for one task in ten); counting
# up to the cap stops early (about 30 ms), and nobody pages through 200 pages of 50 rows: they
# narrow the filters. The dashboard shows the exact figures.
COUNT_LIMIT = 10_000


class CappedPaginator(Paginator):
    """A paginator whose count stops at `limit`; `capped` tells that there are more rows."""

    def __init__(self, object_list, per_page, limit: int | None = None):
        super().__init__(object_list, per_page)
        self.limit = COUNT_LIMIT if limit is None else limit

    @cached_property
    def counted(self) -> int:
        # Only the ids, unordered and without joins: the database may stop at limit + 1.
        rows = self.object_list.select_related(None).order_by().values("pk")
        return rows[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def capped(self) -> bool:
        return self.counted > self.limit


SORTABLE = [("due", "Hạn xử lý"), ("lead", "Cơ quan chủ trì"), ("assigned", "Ngày giao")]


def filtered_tasks(request) -> tuple[TaskFilter, object, dt.date]:
    """The filter set, its rows with `row_status` (and `due_on`), and the day statuses are judged on."""
    filterset = TaskFilter(request.GET, queryset=tasks_visible_to(request.user), request=request)
    rows = filterset.qs
    day = filterset.as_of
    if day is None:
        today = timezone.localdate()
        rows = rows.annotate(row_status=status_expression(today), due_on=F("due_date"))
        day = today
    else:
        rows = rows.annotate(row_status=asof.status_as_of_expression(day))
    if not filterset.form.cleaned_data.get("o"):
        rows = rows.order_by(F("due_date").asc(nulls_last=True), "id")
    else:
        # Many tasks share a lead agency or a date: the id last makes the order total, so the
        # pages neither repeat nor skip a task.
        rows = rows.order_by(*rows.query.order_by, "id")
    return filterset, rows, day


def _sort_headers(request) -> list[dict]:
    current = request.GET.get("o", "")
    headers = []
    for key, label in SORTABLE:
        params = request.GET.copy()
        params.pop("page", None)
        ascending = current == key
        params["o"] = f"-{key}" if ascending else key
        aria = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
        headers.append({"key": key, "label": label, "url": f"?{params.urlencode()}", "aria": aria})
    return headers


def task_list(request):
    filterset, rows, day = filtered_tasks(request)
    paginator = CappedPaginator(rows.select_related("lead", "conclusion__notice"), settings.TASKS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    for task in page.object_list:
        task.days_late = (
            (day - task.due_on).days if task.row_status == TaskStatus.OVERDUE and task.due_on is not None else 0
        )
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
        "as_of": filterset.as_of,
        "query": params.urlencode(),
        "headers": _sort_headers(request),
        "agencies": Agency.objects.filter(is_active=True).only("id", "name").order_by("name"),
        "kinds": AgencyKind.objects.all(),
        "notices": notice_menu(request.user, data.get("notice")),
        "meetings": meeting_menu(data.get("meeting")),
        "status_choices": TaskFilter.base_filters["status"].extra["choices"],
    }
    return render(request, "directives/reports/task_list.html", context)
