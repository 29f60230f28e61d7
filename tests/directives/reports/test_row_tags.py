"""The row tags of the dashboard and the task list write the markup of the template loops they replace."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test.html import parse_html

from directives.models import Task
from directives.templatetags.dashboard_tags import agency_row, overdue_bar, task_row, trend_segments
from directives.templatetags.directives_tags import task_list_row
from tests.directives.reports.helpers import HCM, JUNE_2021, on
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db

# The loops as _agencies_table.html and _task_rows.html wrote them before the tags.
AGENCY_ROW = """{% load dashboard_tags %}
    <tr data-agency="{{ r.name }}">
      <td class="num" data-label="Xếp hạng">{{ r.rank|default:"–" }}</td>
      <th scope="row" data-label="Cơ quan">{{ r.name }}{% if chase_links %} <a class="row-action" href="{% url 'chasing_letter' r.agency_id %}">Đôn đốc<span class="visually-hidden"> {{ r.name }}</span></a>{% endif %}</th>
      <td class="num" data-label="Tổng số"><a href="{{ r.links.assigned }}">{{ r.figures.assigned }}</a></td>
      <td class="num" data-label="Hoàn thành đúng hạn"><a href="{{ r.links.on_time }}">{{ r.figures.on_time }}</a></td>
      <td class="num" data-label="Hoàn thành quá hạn"><a href="{{ r.links.late }}">{{ r.figures.late }}</a></td>
      <td class="num" data-label="Quá hạn"><a href="{{ r.links.overdue }}" data-overdue-link aria-label="{{ r.figures.overdue }} nhiệm vụ quá hạn của {{ r.name }}">{{ r.figures.overdue }}</a></td>
      <td class="num" data-label="Đang thực hiện (trong hạn)"><a href="{{ r.links.within_deadline }}">{{ r.figures.within_deadline }}</a></td>
      <td class="num" data-label="Tỷ lệ đúng hạn">{{ r.figures.rate|percent }}</td>
    </tr>"""  # noqa: E501
TASK_ROW = """{% load dashboard_tags directives_tags %}
    <tr>
      <td data-label="Nhiệm vụ"><a href="{{ task.pk|task_url }}">{{ task.action|truncatechars:120 }}</a></td>
      <td data-label="Cơ quan chủ trì">{{ task.lead.name }}</td>
      <td data-label="Văn bản chỉ đạo"><span class="doc-kind">{{ task.conclusion.notice.kind.name }}</span> · {{ task.conclusion.notice.reference }}</td>
      <td data-label="Hạn xử lý">{{ task.due_on|dmy }}</td>
      {% if show_late %}<td class="num" data-label="Số ngày quá hạn"><span class="nowrap">quá hạn {{ task.due_on|days_overdue_on:day }} ngày</span></td>{% endif %}
    </tr>"""  # noqa: E501
# The charts' coordinates are written unlocalised, as _charts.html writes them.
UNLOCALISED = "{%% load l10n %%}{%% localize off %%}%s{%% endlocalize %%}"
TREND_SEGMENTS = """{% load l10n %}{% for s in b.segments %}<a href="{{ s.url }}"><rect class="{{ s.css }}" x="{{ s.x }}" y="{{ s.y }}" width="{{ s.w }}" height="{{ s.h }}"><title>{{ b.label }}: {{ s.label }} {{ s.n }}</title></rect></a>{% endfor %}"""  # noqa: E501
OVERDUE_BAR = """{% load l10n %}
    <a href="{{ b.url }}">
      <text class="bar-label" x="{{ overdue_chart.x|add:"-6" }}" y="{{ b.ty }}" text-anchor="end">{{ b.name|truncatechars:38 }}</text>
      <rect class="bar-overdue" x="{{ overdue_chart.x }}" y="{{ b.y }}" width="{{ b.w }}" height="{{ overdue_chart.bar_height }}"><title>{{ b.name }}: quá hạn {{ b.n }}</title></rect>
      <text class="bar-value" x="{{ overdue_chart.x }}" dx="{{ b.w }}" y="{{ b.ty }}">&#160;{{ b.n }}</text>
    </a>"""  # noqa: E501
TASK_LIST_ROW = """{% load directives_tags %}
    <tr>
      <td data-label="Nội dung"><a href="{{ task.pk|task_url }}">{{ task.action|truncatechars:160 }}</a>
        <div class="muted small">Mã #{{ task.pk }} · <span class="doc-kind">{{ task.conclusion.notice.kind.name }}</span> · {{ task.conclusion.notice.reference }}</div></td>
      <td data-label="Hạn xử lý">{% if task.due_on %}{{ task.due_on|dmy }}{% else %}{% include "partials/_undated.html" %}{% endif %}
        {% if task.days_late %}<div class="overdue-days">quá hạn {{ task.days_late }} ngày</div>{% endif %}</td>
      <td data-label="Cơ quan chủ trì">{{ task.lead.name }}</td>
      <td data-label="Ngày giao">{{ task.published_at|date:"d/m/Y"|default:"Chưa giao" }}</td>
      <td data-label="Tình trạng">{% status_badge task.row_status task.deadline_kind %}</td>
    </tr>"""  # noqa: E501


@pytest.fixture
def dashboard(client, office_clerk):
    careful = AgencyFactory(name='Sở "Đúng Hạn" & <Cẩn thận>')
    slow = AgencyFactory(name="Sở Chậm")
    AgencyFactory(name="Sở Chưa Có Việc")
    done = TaskFactory(lead=careful, due_date=dt.date(2021, 6, 30))
    Task.objects.filter(pk=done.pk).update(
        completed_on=dt.date(2021, 6, 28), verified_at=dt.datetime(2021, 6, 28, 15, tzinfo=HCM)
    )
    TaskFactory(lead=slow, due_date=dt.date(2021, 6, 25), action="Báo cáo <kết quả> & " + "rà soát " * 30)
    TaskFactory(lead=slow, due_date=dt.date(2021, 7, 3))
    with on(2021, 7, 1):
        client.force_login(office_clerk)
        yield client.get("/dashboard/", JUNE_2021)


def test_an_agency_row_is_the_loop_it_replaces(dashboard):
    rows = dashboard.context["table"]
    assert {r.name for r in rows} >= {'Sở "Đúng Hạn" & <Cẩn thận>', "Sở Chậm"}
    for row in rows:
        for chase_links in (True, False):
            context = {"r": row, "chase_links": chase_links}
            assert parse_html(str(agency_row(row, chase_links))) == parse_html(
                Template(AGENCY_ROW).render(Context(context))
            )
    assert "&lt;Cẩn thận&gt;" in dashboard.content.decode()


def test_a_task_row_is_the_loop_it_replaces(dashboard):
    day = dashboard.context["day"]
    tasks = [*dashboard.context["overdue"], *dashboard.context["due_week"]]
    assert len(tasks) == 2
    for task in tasks:
        for show_late in (True, False):
            context = {"task": task, "day": day, "show_late": show_late}
            expected = Template(TASK_ROW).render(Context(context))
            assert parse_html(str(task_row(task, day, show_late))) == parse_html(expected)
    assert "Báo cáo &lt;kết quả&gt; &amp; rà soát" in dashboard.content.decode()


def test_the_chart_tags_are_the_loops_they_replace(dashboard):
    trend, chart = dashboard.context["trend"], dashboard.context["overdue_chart"]
    assert any(b["segments"] for b in trend["bars"]) and chart["bars"]
    for bar in trend["bars"]:
        expected = Template(UNLOCALISED % TREND_SEGMENTS).render(Context({"b": bar}))
        assert parse_html(str(trend_segments(bar))) == parse_html(expected)
    for bar in chart["bars"]:
        context = Context({"b": bar, "overdue_chart": chart})
        expected = Template(UNLOCALISED % OVERDUE_BAR).render(context)
        assert parse_html(str(overdue_bar(bar, chart))) == parse_html(expected)
    assert "Sở &quot;Đúng Hạn&quot; &amp; &lt;Cẩn thận&gt;" in dashboard.content.decode()


@pytest.mark.parametrize("as_of", [None, "2021-06-29"], ids=["today", "as of a past day"])
def test_a_task_list_row_is_the_loop_it_replaces(client, leader, as_of):
    slow = AgencyFactory(name="Sở <Chậm> & Co")
    _task_list_tasks(slow)  # assigned on 24/06/2021
    with on(2021, 7, 1):
        client.force_login(leader)
        response = client.get("/tasks/", {"on": as_of} if as_of else {})
        rows = list(response.context["page"].object_list)
        assert len(rows) == 5 and any(t.days_late for t in rows)
        for task in rows:
            expected = Template(TASK_LIST_ROW).render(Context({"task": task}))
            assert parse_html(str(task_list_row(task))) == parse_html(expected)
    assert "Sở &lt;Chậm&gt; &amp; Co" in response.content.decode()


def _task_list_tasks(slow):
    TaskFactory(lead=slow, due_date=dt.date(2021, 6, 25), action="Báo cáo <kết quả> & " + "rà soát " * 30)
    TaskFactory(lead=slow, due_date=dt.date(2021, 7, 30))
    TaskFactory(lead=slow, due_date=None, deadline_kind="recurring", recurrence="monthly")
    TaskFactory(lead=slow, due_date=None, deadline_kind="ongoing")
    done = TaskFactory(lead=slow, due_date=dt.date(2021, 6, 20))
    Task.objects.filter(pk=done.pk).update(
        completed_on=dt.date(2021, 6, 28), verified_at=dt.datetime(2021, 6, 28, 15, tzinfo=HCM)
    )
