"""The agency rows (one per task and agency reached) and the lead agency's sort key follow every
write, and the pages that read them show what the tasks say."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Membership
from directives.models import Task, TaskAgency
from directives.models.reach import agency_rows_out_of_step, sync_agency_rows
from directives.tasks.workflow import task_reassign
from directives.tasks.workflow.head import task_assign_handlers
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory, UserFactory, office_user

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def rows(task):
    return sorted(
        (row.agency.name, row.get_role_display(), row.due_date, row.submitted_at is not None, row.handled)
        for row in TaskAgency.objects.filter(task=task).select_related("agency")
    )


@pytest.fixture
def agencies():
    return AgencyFactory(name="Sở Y tế"), AgencyFactory(name="Sở Tài chính"), AgencyFactory(name="Công an tỉnh")


def test_a_task_reaches_its_lead_and_each_coordinating_agency_with_its_facts(agencies):
    health, finance, police = agencies
    task = TaskFactory(lead=health, coordinating=[finance, police], due_date=dt.date(2021, 6, 30))
    assert rows(task) == [
        ("Công an tỉnh", "Phối hợp", dt.date(2021, 6, 30), False, False),
        ("Sở Tài chính", "Phối hợp", dt.date(2021, 6, 30), False, False),
        ("Sở Y tế", "Chủ trì", dt.date(2021, 6, 30), False, False),
    ]


def test_every_kind_of_write_keeps_the_rows_in_step(agencies):
    health, finance, police = agencies
    task = TaskFactory(lead=health, coordinating=[finance])
    # A queryset update of a fact.
    Task.objects.filter(pk=task.pk).update(
        due_date=dt.date(2021, 9, 1), submitted_at=dt.datetime(2021, 7, 1, tzinfo=HCM)
    )
    assert {row[2] for row in rows(task)} == {dt.date(2021, 9, 1)}
    assert {row[3] for row in rows(task)} == {True}
    # Coordinations added and removed through the task's relation.
    task.coordinating.add(police, through_defaults={"lead": health})
    task.coordinating.remove(finance)
    assert [row[:2] for row in rows(task)] == [("Công an tỉnh", "Phối hợp"), ("Sở Y tế", "Chủ trì")]
    # The office gives the task to the coordinating agency: it leads, and coordinates no more.
    Task.objects.filter(pk=task.pk).update(submitted_at=None)
    task_reassign(task=Task.objects.get(pk=task.pk), actor=office_user(), new_lead=police, reason="Đúng thẩm quyền")
    assert [row[:2] for row in rows(task)] == [("Công an tỉnh", "Chủ trì")]
    assert agency_rows_out_of_step() == []


def test_someone_in_charge_marks_the_agency_row_handled(agencies):
    health, finance, _ = agencies
    task = TaskFactory(lead=health, coordinating=[finance])
    head, officer = UserFactory(), UserFactory()
    MembershipFactory(user=head, agency=health, role=Membership.Role.HEAD)
    MembershipFactory(user=officer, agency=health)
    task_assign_handlers(task=task, actor=head, in_charge=officer)
    # Sở Tài chính (first by name) has nobody in charge.
    assert [row[4] for row in rows(task)] == [False, True]
    task_assign_handlers(task=task, actor=head, in_charge=head, assisting=[officer])
    assert [row[4] for row in rows(task)] == [False, True]
    assert agency_rows_out_of_step() == []


def test_a_change_behind_the_models_back_is_caught(agencies):
    # What the suite's check after every test relies on: a drift is reported, not missed.
    task = TaskFactory(lead=agencies[0])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directives_task SET due_date = %s WHERE id = %s", [dt.date(2030, 1, 1), task.pk])
    assert len(agency_rows_out_of_step()) == 2  # the stored row and the one it should be
    sync_agency_rows([task.pk])
    assert agency_rows_out_of_step() == []


def test_the_lead_sort_key_follows_the_lead_and_its_name(agencies):
    health, finance, _ = agencies
    task = TaskFactory(lead=health)
    assert Task.objects.get(pk=task.pk).lead_sort == "Sở Y tế"
    task_reassign(task=task, actor=office_user(), new_lead=finance)
    assert Task.objects.get(pk=task.pk).lead_sort == "Sở Tài chính"
    finance.name = "Sở Tài chính tỉnh"
    finance.save()
    assert Task.objects.get(pk=task.pk).lead_sort == "Sở Tài chính tỉnh"


def test_the_list_sorted_by_lead_agency_follows_the_names(client, agencies):
    health, finance, police = agencies
    for lead in (health, police, finance, health):
        TaskFactory(lead=lead)
    client.force_login(office_user())
    listed = list(client.get(reverse("task_list"), {"o": "lead"}).context["page"].object_list)
    assert [t.lead.name for t in listed] == ["Công an tỉnh", "Sở Tài chính", "Sở Y tế", "Sở Y tế"]
    assert listed[2].pk < listed[3].pk
    listed = list(client.get(reverse("task_list"), {"o": "-lead"}).context["page"].object_list)
    assert [t.lead.name for t in listed][0] == "Sở Y tế"


@pytest.mark.parametrize("role", ["", "lead", "coordinating"])
@pytest.mark.parametrize("status", ["", "overdue", "due_7_days", "awaiting_verification", "completed", "cancelled"])
def test_one_agencys_list_by_status_is_judged_on_its_rows_as_on_its_tasks(client, agencies, role, status):
    health, finance, police = agencies
    when = dt.datetime(2021, 6, 28, 10, tzinfo=HCM)
    states = {
        "overdue": {"due_date": dt.date(2021, 6, 20)},
        "due soon": {"due_date": dt.date(2021, 7, 5)},
        "in progress": {"due_date": dt.date(2021, 9, 1)},
        "awaiting": {"submitted_at": when},
        "completed": {"submitted_at": when, "completed_on": when.date(), "verified_at": when},
        "cancelled": {"cancelled_at": when},
    }
    for facts in states.values():
        for task in (
            TaskFactory(lead=health),
            TaskFactory(lead=finance, coordinating=[health]),
            TaskFactory(lead=police),
        ):
            Task.objects.filter(pk=task.pk).update(**facts)
    client.force_login(office_user())
    params = {"agency": health.pk, "role": role, "status": status}
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        page = client.get(reverse("task_list"), params).context
        listed = {t.pk for t in page["page"].object_list}
        # Counted from the agency rows alone when nothing else narrows the list: the same count.
        assert page["count"] == len(listed)
        ordered = list(page["page"].object_list)
        assert ordered == sorted(ordered, key=lambda t: (t.due_date is None, t.due_date or dt.date.min, t.pk))
        # The same list judged on the tasks' own columns, as of the end of today (the history's rules).
        as_of = {
            t.pk for t in client.get(reverse("task_list"), {**params, "on": "01/07/2021"}).context["page"].object_list
        }
    assert listed == as_of
    assert listed  # every combination lists something, or the comparison proves little


def test_a_long_inbox_group_shows_its_first_rows_then_its_own_pages(client, agencies, settings):
    health = agencies[0]
    settings.TASKS_PER_PAGE = 10
    overdue = [TaskFactory(lead=health, due_date=dt.date(2021, 6, 1) + dt.timedelta(days=n)) for n in range(25)]
    officer = UserFactory()
    MembershipFactory(user=officer, agency=health)
    client.force_login(officer)
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        page = client.get(reverse("home"))
        group = next(g for g in page.context["groups"] if g.key == "overdue")
        assert (group.count, [t.pk for t in group.tasks]) == (25, [t.pk for t in overdue[:20]])
        assert "Xem tất cả 25 nhiệm vụ" in page.content.decode()
        second = client.get(reverse("home"), {"nhom": "overdue", "page": 2})
        assert [t.pk for t in second.context["shown"].tasks] == [t.pk for t in overdue[10:20]]
        assert "Trang 2/3" in second.content.decode()
        # Past the last page, or not a number: a page that exists.
        assert [t.pk for t in client.get(reverse("home"), {"nhom": "overdue", "page": 99}).context["shown"].tasks] == [
            t.pk for t in overdue[20:]
        ]
        assert client.get(reverse("home"), {"nhom": "overdue", "page": "x"}).context["page"].number == 1
        # A group that does not exist: the whole inbox.
        assert client.get(reverse("home"), {"nhom": "khong-co"}).context["group"] == ""


def test_a_search_within_one_agency_finds_words_past_the_start_the_rows_keep(client, agencies):
    health, finance, _ = agencies
    long_action = "Rà soát " * 200 + "bảo đảm an toàn thực phẩm"  # the words fall past the rows' 1,000 characters
    found = [
        TaskFactory(lead=health, action="Bảo đảm an toàn thực phẩm dịp Tết"),
        TaskFactory(lead=finance, coordinating=[health], action=long_action),
    ]
    TaskFactory(lead=health, action="Rà soát " * 200)  # cut short too, without the words
    TaskFactory(lead=finance, action="Bảo đảm an toàn thực phẩm ở chợ")  # not the agency's
    assert TaskAgency.objects.filter(task=found[1], agency=health).get().search_cut
    client.force_login(office_user())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("task_list"), {"agency": health.pk, "q": "an toan thuc pham"})
    assert sorted(t.pk for t in response.context["page"].object_list) == [t.pk for t in found]
    # Counted on the agency's rows alone: the task's own key is read only for the rows cut short.
    assert response.context["count"] == 2
    (count,) = [
        q["sql"] for q in queries.captured_queries if "task_id" in q["sql"] and q["sql"].startswith("SELECT COUNT(*)")
    ]
    table = connection.ops.quote_name(Task._meta.db_table)
    assert f"FROM {connection.ops.quote_name(TaskAgency._meta.db_table)}" in count
    assert f"INNER JOIN {table}" not in count and "EXISTS" in count


def test_a_search_within_one_agency_as_its_lead_on_a_past_day_reads_the_tasks_keys(client, agencies):
    health, finance, _ = agencies
    wanted = TaskFactory(lead=health, action="Rà soát " * 200 + "bảo đảm an toàn thực phẩm")
    TaskFactory(lead=health, action="Tổ chức hội nghị")
    TaskFactory(lead=finance, action="Bảo đảm an toàn thực phẩm ở chợ")
    client.force_login(office_user())
    params = {"agency": health.pk, "role": "lead", "q": "an toan thuc pham", "on": "2030-01-01"}
    response = client.get(reverse("task_list"), params)
    assert [t.pk for t in response.context["page"].object_list] == [wanted.pk]
    assert response.context["count"] == 1
