"""Leaders' dashboard, its printable report and exports: thin views over the selectors."""

import calendar
import datetime as dt
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from directives.reports import charts, selectors
from directives.reports.exports import agencies_workbook_response, tasks_workbook_response
from directives.reports.forms import DashboardForm
from directives.reports.menus import meeting_menu, notice_menu
from directives.sorting import sort_headers
from directives.tasks.status import DUE_WINDOW, due_window_days, figure_label
from meetings.models import Meeting

TREND_BUCKET_STATUS = {
    selectors.ON_TIME: "completed_on_time",
    selectors.LATE: "completed_late",
    selectors.OVERDUE: "overdue",
}
AGENCY_COLUMNS = [
    ("rank", "Xếp hạng"),
    ("name", "Cơ quan"),
    ("assigned", "Tổng số"),
    ("on_time", "Hoàn thành đúng hạn"),
    ("late", "Hoàn thành quá hạn"),
    ("overdue", "Quá hạn"),
    ("within_deadline", "Đang thực hiện (trong hạn)"),
]


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The chart's months: those of the period (its last 12 at most)."""
    months = []
    cursor = end.replace(day=1)
    while cursor >= start.replace(day=1) and len(months) < 12:
        months.insert(0, cursor)
        cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
    return months


def build(request) -> dict:
    """Everything the dashboard and the report show, for the request's filters."""
    form = DashboardForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    else:
        form.cleaned_data = {}
    params, day, start, end, label = form.task_params()
    scoped = selectors.scope(request.user, params)
    cells = selectors.figures_by_agency_and_month(scoped, day)
    by_agency = selectors.by_agency(cells)
    totals = selectors.total(by_agency)
    sort = request.GET.get("sort", "rank")
    table = selectors.agencies_table(by_agency, params, sort)
    months = _months(start, end)
    trend = selectors.month_trend(cells, months)

    def trend_link(month, bucket):
        return selectors.task_list_url(
            params,
            status=TREND_BUCKET_STATUS[bucket],
            due_from=month.isoformat(),
            due_to=_month_end(month).isoformat(),
        )

    links = {key: selectors.task_list_url(params, status=status) for key, status in selectors.FIGURE_STATUS.items()}
    no_deadline = selectors.FIGURE_STATUS["no_deadline"]
    for key, kind in selectors.FIGURE_DEADLINE.items():
        links[key] = selectors.task_list_url(params, status=no_deadline, deadline=kind)
    return {
        "form": form,
        "params": params,
        "params_query": urlencode(params),
        "day": day,
        "start": start,
        "end": end,
        "period_label": label,
        "totals": totals,
        "links": links,
        "table": table,
        "ranking_rule": selectors.RANKING_RULE,
        "groups": selectors.group_by_kind(table),
        "sort": sort,
        # The window's words come with the rule (its length is a setting).
        "due_window_label": figure_label(DUE_WINDOW),
        "due_window_days": due_window_days(),
        "due_window_empty": f"Không có nhiệm vụ đến hạn trong {due_window_days()} ngày tới.",
        "overdue": selectors.overdue_list(scoped, day),
        "due_week": selectors.due_this_week(scoped, day),
        "trend": charts.trend_chart(trend, trend_link),
        "overdue_chart": charts.overdue_chart(table),
    }


def dashboard(request):
    context = build(request)
    data = context["form"].cleaned_data
    context.update(
        headers=sort_headers(request.GET, AGENCY_COLUMNS, param="sort", current=context["sort"]),
        today=timezone.localdate(),
        kinds=AgencyKind.objects.all(),
        agencies=Agency.objects.filter(is_active=True).only("id", "name").order_by("name"),
        chairs=Meeting.objects.order_by("chair_name").values_list("chair_name", flat=True).distinct(),
        meetings=meeting_menu(data.get("meeting")),
        notices=notice_menu(request.user, data.get("notice")),
        query=request.GET.urlencode(),
    )
    return render(request, "directives/reports/dashboard.html", context)


def report(request):
    context = build(request)
    context["printed_at"] = timezone.localtime()
    # Repeated with the table headers on every printed page.
    context["running_head"] = (
        f"Văn phòng UBND tỉnh · {context['period_label']} ({context['start']:%d/%m/%Y} – {context['end']:%d/%m/%Y})"
    )
    return render(request, "directives/reports/report.html", context)


def agencies_export(request):
    context = build(request)
    filename = f"co-quan-{context['start']:%Y%m%d}-{context['end']:%Y%m%d}.xlsx"
    return agencies_workbook_response(context["table"], context["period_label"], filename)


def task_export(request):
    listed = selectors.task_list(request.user, request.GET)
    return tasks_workbook_response(listed.rows, listed.day, f"nhiem-vu-{listed.day:%Y%m%d}.xlsx")
