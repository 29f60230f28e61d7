"""Leaders' dashboard, its printable report and exports: thin views over the selectors."""

import calendar
import datetime as dt
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from agencies.roles import is_leader, is_office_staff
from directives.reports import charts, selectors
from directives.reports.exports import agencies_workbook_response, tasks_workbook_response
from directives.reports.forms import DashboardForm
from directives.reports.menus import filter_menus
from directives.sorting import sort_headers
from directives.tasks.status import DUE_WINDOW, due_window_days, figure_label
from meetings.models import ConclusionNotice

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


def directs_published(user) -> bool:
    """Whether this leader directed a document published by now (their "Chỉ đạo của tôi" has tasks)."""
    return ConclusionNotice.objects.filter(
        leader=user, status=ConclusionNotice.Status.PUBLISHED, published_at__lte=timezone.now()
    ).exists()


def _filters(request):
    """The request's filters, and whether the leader's own documents were chosen by default.

    A leader who has directed a published document sees their own directives first; `leader=`
    (empty, "Xem tất cả") asks for everyone's, and any leader chosen in the filter stands. A
    leader who has directed nothing yet would see an empty page: they see all, as before."""
    user = request.user
    if "leader" not in request.GET and is_leader(user) and directs_published(user):
        data = request.GET.copy()
        data["leader"] = str(user.pk)
        return data, True
    return request.GET or None, False


def build(request) -> dict:
    """Everything the dashboard and the report show, for the request's filters."""
    data, mine_by_default = _filters(request)
    form = DashboardForm(data)
    if form.is_bound:
        form.is_valid()
    else:
        form.cleaned_data = {}
    params, day, start, end, label = form.task_params()
    scoped = selectors.scope(request.user, params)
    by_agency, by_month = selectors.figures_by_agency_and_by_month(scoped, day)
    totals = selectors.total(by_agency)
    sort = request.GET.get("sort", "rank")
    table = selectors.agencies_table(by_agency, params, sort)
    months = _months(start, end)
    trend = selectors.month_trend(by_month, months)

    def trend_link(month, bucket):
        return selectors.task_list_url(
            params,
            status=TREND_BUCKET_STATUS[bucket],
            due_from=month.isoformat(),
            due_to=_month_end(month).isoformat(),
        )

    links = {key: selectors.task_list_url(params, status=status) for key, status in selectors.FIGURE_STATUS.items()}
    chosen = form.cleaned_data.get("leader")
    no_deadline = selectors.FIGURE_STATUS["no_deadline"]
    for key, kind in selectors.FIGURE_DEADLINE.items():
        links[key] = selectors.task_list_url(params, status=no_deadline, deadline=kind)
    return {
        "form": form,
        "mine_by_default": mine_by_default,
        "leader_chosen": chosen,
        "mine": chosen is not None and chosen == request.user,
        "doc_kind_chosen": form.cleaned_data.get("doc_kind"),
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
        "overdue": selectors.list_rows(
            selectors.overdue_list(scoped, day, months=selectors.overdue_by_month(by_month))
        ),
        "due_week": selectors.list_rows(selectors.due_this_week(scoped, day)),
        "trend": charts.trend_chart(trend, trend_link),
        "overdue_chart": charts.overdue_chart(table),
    }


def dashboard(request):
    context = build(request)
    data = context["form"].cleaned_data
    context.update(
        headers=sort_headers(request.GET, AGENCY_COLUMNS, param="sort", current=context["sort"]),
        today=timezone.localdate(),
        **filter_menus(request.user, data),
        is_leader_user=is_leader(request.user),
        query=request.GET.urlencode(),
        # The office writes the chasing letter from an agency's row (the letter is about today).
        chase_links=is_office_staff(request.user),
        all_query=_with(request.GET, leader=""),
        mine_query=_with(request.GET, leader=str(request.user.pk)),
    )
    return render(request, "directives/reports/dashboard.html", context)


def _with(query, **values) -> str:
    query = query.copy()
    for key, value in values.items():
        query[key] = value
    return query.urlencode()


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
