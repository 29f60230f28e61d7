"""The API's reads: the task list's filters and statuses, cursor pages, a task's history, the
directory with aliases, a document with its conclusions, and a period's dashboard figures."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from directives.tasks.workflow import task_submit_completion, task_verify
from tests.factories import AgencyAliasFactory, ConclusionFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        yield


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_overdue_tasks_of_one_agency_as_lead(leader_api, health_dept, ict_dept):
    overdue = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 30))
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 30))
    TaskFactory(coordinating=[health_dept], due_date=dt.date(2021, 6, 30))
    TaskFactory(lead=ict_dept, due_date=dt.date(2021, 6, 30))
    response = leader_api.get("/api/v1/tasks/", {"agency": health_dept.pk, "role": "lead", "status": "overdue"})
    assert ids(response) == [overdue.pk]
    row = response.json()["results"][0]
    assert (row["status"], row["status_label"]) == ("overdue", "Quá hạn")


def test_due_range_text_search_and_document(leader_api):
    notice = NoticeFactory(status="published", published_at=dt.datetime(2021, 6, 24, tzinfo=HCM))
    plan = TaskFactory(
        conclusion=ConclusionFactory(notice=notice), action="Ban hành Kế hoạch", due_date=dt.date(2021, 7, 5)
    )
    TaskFactory(action="Kiểm tra", due_date=dt.date(2021, 7, 5))
    TaskFactory(action="Ban hành kế hoạch khác", due_date=dt.date(2021, 8, 5))
    assert ids(
        leader_api.get("/api/v1/tasks/", {"q": "ke hoach", "due_from": "01/07/2021", "due_to": "2021-07-31"})
    ) == [plan.pk]
    assert ids(leader_api.get("/api/v1/tasks/", {"notice": notice.pk})) == [plan.pk]


def test_status_on_a_past_day_is_judged_from_what_was_known_then(leader_api, office_clerk, health_dept_officer, task):
    with time_machine.travel(dt.datetime(2021, 6, 29, 9, tzinfo=HCM), tick=False):
        task_submit_completion(task=task, actor=health_dept_officer, note="Đã xong")
        task_verify(task=task, actor=office_clerk)
    now = leader_api.get("/api/v1/tasks/", {"status": "completed_on_time"})
    before = leader_api.get("/api/v1/tasks/", {"on": "2021-06-25"})
    assert ids(now) == [task.pk]
    assert before.json()["results"][0]["status"] == "in_progress"


@pytest.mark.parametrize(
    ("params", "field"),
    [({"due_from": "31/02/2021"}, "due_from"), ({"status": "lost"}, "status"), ({"agency": "abc"}, "agency")],
)
def test_bad_filters_are_a_400_in_vietnamese(leader_api, params, field):
    response = leader_api.get("/api/v1/tasks/", params)
    assert response.status_code == 400
    assert not response.json()[field][0].isascii()


def test_cursor_pages_neither_repeat_nor_skip(leader_api):
    tasks = [TaskFactory() for _ in range(5)]
    seen, url = [], "/api/v1/tasks/?page_size=2"
    while url:
        body = leader_api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == [t.pk for t in tasks]


def test_a_forged_cursor_is_a_400(leader_api):
    response = leader_api.get("/api/v1/tasks/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_tasks_history_and_reports(lead_api, task, health_dept_officer):
    task_submit_completion(task=task, actor=health_dept_officer, note="Đã xong")
    kinds = [event["kind"] for event in lead_api.get(f"/api/v1/tasks/{task.pk}/history/").json()]
    assert kinds[-1] == "submitted"
    [report] = lead_api.get(f"/api/v1/tasks/{task.pk}/reports/").json()
    assert (report["kind"], report["text"]) == ("completion", "Đã xong")


def test_the_directory_lists_aliases(lead_api, ict_dept):
    AgencyAliasFactory(name="Sở TTTT", agency=ict_dept)
    rows = {row["name"]: row for row in lead_api.get("/api/v1/agencies/").json()["results"]}
    assert rows["Sở Thông tin và Truyền thông"]["aliases"] == ["Sở TTTT"]


def test_the_directory_finds_an_agency_by_any_written_form(lead_api, health_dept, ict_dept):
    AgencyAliasFactory(name="Sở TTTT", agency=ict_dept)
    assert ids(lead_api.get("/api/v1/agencies/", {"q": "so y te"})) == [health_dept.pk]
    assert ids(lead_api.get("/api/v1/agencies/", {"q": "SỞ TTTT"})) == [ict_dept.pk]


def test_a_document_shows_only_the_tasks_the_reader_may_see(lead_api, health_dept, unrelated_dept):
    notice = NoticeFactory(status="published", published_at=dt.datetime(2021, 6, 24, tzinfo=HCM))
    conclusion = ConclusionFactory(notice=notice)
    mine = TaskFactory(conclusion=conclusion, lead=health_dept)
    TaskFactory(conclusion=conclusion, lead=unrelated_dept)
    body = lead_api.get(f"/api/v1/documents/{notice.pk}/").json()
    assert [t["id"] for c in body["conclusions"] for t in c["tasks"]] == [mine.pk]


def test_dashboard_figures_for_a_quarter(leader_api, health_dept, office_clerk, health_dept_officer):
    on_time = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 30))
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20))
    with time_machine.travel(dt.datetime(2021, 6, 28, 9, tzinfo=HCM), tick=False):
        task_submit_completion(task=on_time, actor=health_dept_officer, note="Xong")
        task_verify(task=on_time, actor=office_clerk)
    body = leader_api.get("/api/v1/dashboard/", {"period": "quarter", "year": 2021, "quarter": 2}).json()
    assert (body["start"], body["end"], body["label"]) == ("2021-04-01", "2021-06-30", "Quý 2/2021")
    assert (body["totals"]["on_time"], body["totals"]["overdue"], body["totals"]["rate"]) == (1, 1, 0.5)
    assert body["agencies"][0]["name"] == "Sở Y tế" and body["agencies"][0]["rank"] == 1


def test_dashboard_bad_period_is_a_400(leader_api):
    response = leader_api.get("/api/v1/dashboard/", {"period": "decade"})
    assert response.status_code == 400
    assert response.json()["period"] == ["Lựa chọn không hợp lệ."]


@pytest.mark.parametrize("url", ["/api/v1/tasks/", "/api/v1/dashboard/", "/api/v1/documents/", "/api/v1/agencies/"])
def test_queries_do_not_grow_with_rows(leader_api, ict_dept, url):
    def count(n):
        for _ in range(n):
            TaskFactory(coordinating=[ict_dept], due_date=dt.date(2021, 6, 28))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert leader_api.get(url).status_code == 200
        return len(queries)

    leader_api.get(url)  # the key's first use of the minute records it: one UPDATE not counted here
    assert count(2) == count(20)
