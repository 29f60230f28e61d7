"""The inbox_row tag writes the markup of the template loop it replaced, for every kind of row."""

import datetime as dt

import pytest
import time_machine
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse

from directives.models import Task
from directives.tasks.workflow import task_assign_handlers
from directives.templatetags.directives_tags import inbox_row
from tests.factories import MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

# The loop of work/_task_rows.html before the tag.
INBOX_ROW = """{% load directives_tags %}
    <tr>
      <td data-label="Nhiệm vụ"><a href="{{ task.pk|task_url }}">{{ task.action|truncatechars:160 }}</a>
        {% if task.deadline_kind == "recurring" and task.missing_periods %}<p class="missing-periods">Kỳ chưa báo cáo: {{ task.missing_periods|join:", " }}</p>{% endif %}
        {% if task.returned_at and not task.submitted_at and task.is_open %}<p class="muted">Lý do trả lại: {{ task.return_reason|truncatechars:200 }}</p>{% endif %}
      </td>
      <td data-label="Thông báo">{% with n=task.conclusion.notice %}{% if n.number %}Số {{ n.number }}{% else %}Thông báo{% endif %}{% if n.issued_on %} ngày {{ n.issued_on|dmy }}{% endif %}{% endwith %}</td>
      <td data-label="Vai trò">{{ task.agency_role }}{% if show_my_role and task.my_role %}<br><span class="muted">Tôi: {{ task.my_role|lower }}</span>{% endif %}</td>
      <td data-label="Người xử lý">{% if task.in_charge %}{{ task.in_charge.user.get_full_name|default:task.in_charge.user.username }}{% if task.assisting %}<br><span class="muted">phối hợp: {% for h in task.assisting %}{{ h.user.get_full_name|default:h.user.username }}{% if not forloop.last %}, {% endif %}{% endfor %}</span>{% endif %}{% if task.in_charge.internal_due_on %}<br><span class="muted">hạn trong cơ quan {{ task.in_charge.internal_due_on|dmy }}</span>{% endif %}{% else %}<span class="muted">Chưa phân công</span>{% endif %}</td>
      <td data-label="Hạn xử lý">{% if task.due_date %}{{ task.due_date|dmy }}{% if task.original_due_date and task.original_due_date != task.due_date %}<br><span class="muted">(hạn ban đầu {{ task.original_due_date|dmy }})</span>{% endif %}{% else %}{% include "partials/_undated.html" %}{% endif %}</td>
      <td data-label="Trạng thái">{% status_badge task.status task.deadline_kind %}{% if task.days_late %} <span class="overdue-days">quá hạn {{ task.days_late }} ngày</span>{% endif %}</td>
    </tr>"""  # noqa: E501


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def rows(health_dept, ict_dept, health_dept_head, health_dept_officer):
    colleague = MembershipFactory(user=UserFactory(username="lan", first_name="Lan <Vũ>"), agency=health_dept).user
    nameless = MembershipFactory(
        user=UserFactory(username="khong-ten", first_name="", last_name=""), agency=health_dept
    )
    overdue = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20), action="Rà soát <số liệu> & " * 20)
    extended = TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 20), original_due_date=dt.date(2021, 6, 30))
    returned = TaskFactory(lead=ict_dept, coordinating=[health_dept], due_date=dt.date(2021, 6, 28))
    Task.objects.filter(pk=returned.pk).update(
        returned_at=dt.datetime(2021, 6, 26, 3, tzinfo=dt.UTC), return_reason="Thiếu <số liệu> & " * 30
    )
    TaskFactory(lead=health_dept, deadline_kind="recurring", recurrence="daily", due_date=None, original_due_date=None)
    TaskFactory(lead=health_dept, deadline_kind="ongoing", due_date=None, original_due_date=None)
    task_assign_handlers(
        task=overdue,
        actor=health_dept_head,
        in_charge=health_dept_officer,
        assisting=[colleague, nameless.user],
    )
    task_assign_handlers(
        task=extended,
        actor=health_dept_head,
        in_charge=colleague,
        assisting=[health_dept_officer],
        internal_due_on=dt.date(2021, 7, 10),
    )
    return health_dept_officer


@pytest.mark.parametrize("page, show_my_role", [("home", False), ("my_tasks", True)])
def test_an_inbox_row_is_the_loop_it_replaces(client, rows, page, show_my_role):
    client.force_login(rows)
    response = client.get(reverse(page))
    tasks = [task for group in response.context["groups"] for task in group.tasks]
    assert len(tasks) == (5 if page == "home" else 2)
    for task in tasks:
        expected = Template(INBOX_ROW).render(Context({"task": task, "show_my_role": show_my_role}))
        assert parse_html(str(inbox_row(task, show_my_role))) == parse_html(expected)
    content = response.content.decode()
    assert "Lan &lt;Vũ&gt;" in content
    if page == "home":
        assert "Thiếu &lt;số liệu&gt; &amp;" in content and "Kỳ chưa báo cáo" in content
