"""The leaders' dashboard on hand-made cases: rates, ranking, visibility, bad input, query count."""

import datetime as dt
import re

import pytest

from agencies.models import Agency
from directives.models import Task
from tests.directives.reports.helpers import HCM, JUNE_2021, figures, on
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_on_time_rate_and_ranking_for_hand_made_cases(client, leader):
    good, bad = AgencyFactory(name="Sở Đúng Hạn"), AgencyFactory(name="Sở Chậm")
    on_time = TaskFactory(lead=good, due_date=dt.date(2021, 6, 30))
    Task.objects.filter(pk=on_time.pk).update(
        completed_on=dt.date(2021, 6, 30), verified_at=dt.datetime(2021, 6, 30, 15, tzinfo=HCM)
    )
    late = TaskFactory(lead=bad, due_date=dt.date(2021, 6, 10))
    Task.objects.filter(pk=late.pk).update(
        completed_on=dt.date(2021, 6, 12), verified_at=dt.datetime(2021, 6, 12, 15, tzinfo=HCM)
    )
    TaskFactory(lead=bad, due_date=dt.date(2021, 6, 20))
    TaskFactory(lead=bad, deadline_kind="ongoing", due_date=None)
    cancelled = TaskFactory(lead=bad, due_date=dt.date(2021, 6, 1))
    Task.objects.filter(pk=cancelled.pk).update(cancelled_at=dt.datetime(2021, 6, 25, tzinfo=HCM))
    with on(2021, 7, 1):
        client.force_login(leader)
        response = client.get("/dashboard/", JUNE_2021)
    rows = {r.name: r for r in response.context["table"]}
    assert (rows["Sở Đúng Hạn"].figures.rate, rows["Sở Đúng Hạn"].rank) == (1.0, 1)
    assert (rows["Sở Chậm"].figures.rate, rows["Sở Chậm"].rank) == (0.0, 2)
    assert rows["Sở Chậm"].figures.cancelled == 1
    assert response.context["totals"].rate == pytest.approx(1 / 3)
    assert "33,3 %" in response.content.decode()


def test_dashboard_queries_do_not_grow_with_rows(client, leader, django_assert_max_num_queries):
    client.force_login(leader)
    TaskFactory.create_batch(3)
    with on(2021, 7, 1):
        with django_assert_max_num_queries(25) as few:
            client.get("/dashboard/", JUNE_2021)
        for _ in range(5):
            TaskFactory.create_batch(5, lead=AgencyFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get("/dashboard/", JUNE_2021)


def test_malformed_period_date_gets_a_message(client, leader):
    client.force_login(leader)
    response = client.get("/dashboard/", {"period": "custom", "start": "32/13/2021"})
    assert response.status_code == 200
    assert "Không có tháng 13" in response.content.decode()


def test_leader_lands_on_the_dashboard(client, leader):
    client.force_login(leader)
    assert client.get("/")["Location"] == "/dashboard/"


def test_officer_dashboard_counts_only_visible_tasks(client, health_dept, health_dept_officer):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 1))
    TaskFactory(due_date=dt.date(2021, 6, 1))
    with on(2021, 7, 1):
        assert figures(client, health_dept_officer, **JUNE_2021)["overdue"] == 1


def test_agency_name_unknown_to_the_figures_is_absent(client, leader):
    AgencyFactory(name="Sở Không Việc")
    with on(2021, 7, 1):
        client.force_login(leader)
        names = {r.name for r in client.get("/dashboard/", JUNE_2021).context["table"]}
    assert "Sở Không Việc" not in names
    assert Agency.objects.filter(name="Sở Không Việc").exists()


def test_chart_coordinates_are_not_localised(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 20))
    TaskFactory(due_date=dt.date(2021, 5, 20))
    with on(2021, 7, 1):
        client.force_login(leader)
        content = client.get("/dashboard/", {"period": "quarter", "year": "2021", "quarter": "2"}).content.decode()
    svg = content[content.index("<svg") : content.rindex("</svg>")]
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)
    assert 'class="bar-overdue"' in svg


def test_ranking_puts_fewer_overdue_first_among_equal_rates(client, leader):
    # Both at 0 %: the agency with 4 overdue tasks ranks above the one with 6.
    many, few = AgencyFactory(name="Sở Nhiều Quá Hạn"), AgencyFactory(name="Sở Ít Quá Hạn")
    for day in range(1, 7):
        TaskFactory(lead=many, due_date=dt.date(2021, 6, day))
    for day in range(1, 5):
        TaskFactory(lead=few, due_date=dt.date(2021, 6, day))
    with on(2021, 7, 1):
        client.force_login(leader)
        response = client.get("/dashboard/", JUNE_2021)
    rows = {r.name: r for r in response.context["table"]}
    assert rows["Sở Ít Quá Hạn"].figures.rate == rows["Sở Nhiều Quá Hạn"].figures.rate == 0.0
    assert rows["Sở Ít Quá Hạn"].rank < rows["Sở Nhiều Quá Hạn"].rank
    assert "ít nhiệm vụ quá hạn hơn đứng trước" in response.content.decode()


def test_ranking_puts_more_completed_on_time_first_among_equal_rates_and_overdue(client, leader):
    small, large = AgencyFactory(name="Sở Một Việc"), AgencyFactory(name="Sở Ba Việc")
    for agency, count in ((small, 1), (large, 3)):
        for day in range(1, count + 1):
            task = TaskFactory(lead=agency, due_date=dt.date(2021, 6, 20 + day))
            Task.objects.filter(pk=task.pk).update(
                completed_on=dt.date(2021, 6, 10), verified_at=dt.datetime(2021, 6, 10, 15, tzinfo=HCM)
            )
    with on(2021, 7, 1):
        client.force_login(leader)
        response = client.get("/dashboard/", JUNE_2021)
    rows = {r.name: r for r in response.context["table"]}
    assert rows["Sở Ba Việc"].rank < rows["Sở Một Việc"].rank


def test_due_within_7_days_is_the_same_tasks_on_the_dashboard_the_inbox_and_the_task_list(
    client, leader, health_dept, health_dept_officer
):
    """On 01/07 the window is 01/07 through 08/07 everywhere (it was 07/07 on the dashboard)."""
    due = {day: TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, day)) for day in (1, 7, 8, 9)}
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 30))  # overdue, not in the window
    in_window = {due[1].pk, due[7].pk, due[8].pk}
    with on(2021, 7, 1):
        client.force_login(leader)
        dashboard = client.get("/dashboard/")
        listed = client.get("/tasks/", {"status": "due_7_days"})
        client.force_login(health_dept_officer)
        inbox = {g.key: g for g in client.get("/").context["groups"]}
    assert dashboard.context["totals"].due_week == 3
    assert {t.pk for t in dashboard.context["due_week"]} == in_window
    assert "Đến hạn trong 7 ngày tới" in dashboard.content.decode()
    assert {t.pk for t in listed.context["page"].object_list} == in_window
    assert {t.pk for t in inbox["due_soon"].tasks} == in_window
    assert inbox["due_soon"].title == "Đến hạn trong 7 ngày tới"


@pytest.mark.parametrize("day", [dt.date(2021, 6, 30), dt.date(2021, 7, 1)], ids=["past day", "today"])
def test_sums_per_agency_and_per_month_are_those_of_the_cells(leader, day):
    """The page reads the scan summed per agency and per month by the database: the same figures
    as summing its (agency, month) cells, on a past day (due dates then in force) and today."""
    from directives.reports import selectors
    from tests.directives.tasks.test_status_asof import complete, extend

    one, two = AgencyFactory(name="Sở Một"), AgencyFactory(name="Sở Hai")
    for lead, due in [(one, (2021, 5, 3)), (one, (2021, 6, 9)), (two, (2021, 6, 20)), (two, (2021, 7, 5))]:
        TaskFactory(lead=lead, due_date=dt.date(*due))
    TaskFactory(lead=two, deadline_kind="ongoing", due_date=None)
    complete(
        TaskFactory(lead=one, due_date=dt.date(2021, 6, 1)), dt.date(2021, 6, 3), dt.datetime(2021, 6, 4, tzinfo=HCM)
    )
    extended = TaskFactory(lead=two, due_date=dt.date(2021, 6, 25))
    extend(extended, decided=dt.datetime(2021, 7, 1, 8, tzinfo=HCM), before="2021-06-25", after="2021-08-31")
    with on(2021, 7, 1):
        params = {"on": day.isoformat(), "active_from": "2021-01-01", "active_to": "2021-12-31"}
        scoped = selectors.scope(leader, params)
        cells = selectors.figures_by_agency_and_month(scoped, day)
        agencies, months = selectors.figures_by_agency_and_by_month(scoped, day)
    assert {k: f.counts for k, f in agencies.items()} == {k: f.counts for k, f in selectors.by_agency(cells).items()}
    per_month: dict = {}
    for (_, month), cell in cells.items():
        for bucket, n in cell.counts.items():
            per_month.setdefault(month, selectors.Figures()).add(bucket, n)
    assert {k: f.counts for k, f in months.items()} == {k: f.counts for k, f in per_month.items()}
    assert None in months and dt.date(2021, 6, 1) in months
    # On the past day the extended task is overdue in June (its date then); today it is not.
    assert months[dt.date(2021, 6, 1)].overdue == (3 if day < dt.date(2021, 7, 1) else 2)


def test_the_short_lists_read_only_what_their_rows_show(client, leader, django_assert_max_num_queries):
    """The overdue and due-soon lists read the columns their rows show, not the notices' full
    texts; nothing else is fetched row by row, however many rows there are."""
    client.force_login(leader)
    agency = AgencyFactory(name="Sở Có Việc")
    TaskFactory(lead=agency, action="Việc đã quá hạn", due_date=dt.date(2021, 6, 28))
    TaskFactory(lead=agency, action="Việc sắp đến hạn", due_date=dt.date(2021, 7, 2))
    with on(2021, 7, 1):
        with django_assert_max_num_queries(25) as few:
            response = client.get("/dashboard/")
        page = response.content.decode()
        assert "Việc đã quá hạn" in page and "Việc sắp đến hạn" in page
        lists = [q["sql"] for q in few.captured_queries if "ORDER BY" in q["sql"] and "LIMIT 20" in q["sql"]]
        assert len(lists) == 2 and not any("full_text" in sql for sql in lists)
        for day in (25, 26, 27, 2, 3):
            due = dt.date(2021, 6 if day > 20 else 7, day)
            TaskFactory.create_batch(2, lead=AgencyFactory(), due_date=due)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get("/dashboard/").status_code == 200
