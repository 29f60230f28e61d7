"""Follow-ups across documents: a new task continues an earlier document's task, the task page
shows the chain, and the dashboard counts the chain once (through its latest published task)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from directives.models import Task
from meetings.models import ConclusionNotice
from tests.directives.notices.notice_entry_data import entry_post, ref
from tests.directives.reports.helpers import HCM, JUNE_2021, figures, on
from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


@pytest.fixture
def earlier(health_dept):
    """A published task of Thông báo số 11/TB-UBND, due 20/06/2021: Sở Y tế leads."""
    notice = NoticeFactory(number="11/TB-UBND", status="published", published_at=dt.datetime(2021, 6, 1, tzinfo=HCM))
    return TaskFactory(
        conclusion=ConclusionFactory(notice=notice),
        lead=health_dept,
        due_date=dt.date(2021, 6, 20),
        action="Xây dựng kế hoạch tiêm chủng",
        published_at=dt.datetime(2021, 6, 1, 9, tzinfo=HCM),
    )


def _post(lead, continues, **task):
    return entry_post(
        notice={"number": "25/TB-UBND"},
        conclusions=[
            {
                "label": "1.",
                "text": "Tiếp tục thực hiện nhiệm vụ tại Thông báo số 11/TB-UBND.",
                "tasks": [{"lead": ref(lead), "continues": continues, "due_date": "31/07/2021", **task}],
            }
        ],
    )


def _continuation(office, lead, earlier) -> Task:
    assert office.post(reverse("notice_create"), _post(lead, str(earlier.pk))).status_code == 302
    return Task.objects.get(conclusion__notice__number="25/TB-UBND")


def _publish(office, task, at):
    with on(*at):
        data = {"confirmed": "1", "deadlines_confirmed": "1"}
        response = office.post(reverse("notice_publish", args=[task.conclusion.notice_id]), data)
    assert response.status_code == 302
    task.refresh_from_db()
    return task


# --- Linking from the entry form ------------------------------------------------------------------------


def test_the_entry_form_links_a_new_task_to_the_earlier_one(office, earlier, ict_dept):
    later = _continuation(office, ict_dept, earlier)
    assert later.continues == earlier
    # Editing the draft shows the link again, and saving keeps it.
    edit = office.get(reverse("notice_edit", args=[later.conclusion.notice_id])).content.decode()
    assert f'value="{earlier.pk}"' in edit


def test_the_id_may_be_typed_with_its_hash(office, earlier, ict_dept):
    assert office.post(reverse("notice_create"), _post(ict_dept, f"#{earlier.pk}")).status_code == 302
    assert Task.objects.get(continues=earlier).lead == ict_dept


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Nhập mã số của nhiệm vụ"),
        ("999999", "Không có nhiệm vụ số 999999"),
        ("draft", "chưa được giao"),
        ("cancelled", "đã bị hủy hoặc thay thế"),
    ],
)
def test_a_link_to_a_task_that_cannot_be_continued_is_refused(office, earlier, ict_dept, value, message):
    if value == "draft":
        value = str(TaskFactory(published_at=None, conclusion=ConclusionFactory(notice=NoticeFactory())).pk)
    elif value == "cancelled":
        Task.objects.filter(pk=earlier.pk).update(cancelled_at=dt.datetime(2021, 6, 10, tzinfo=HCM))
        value = str(earlier.pk)
    response = office.post(reverse("notice_create"), _post(ict_dept, value))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ConclusionNotice.objects.filter(number="25/TB-UBND").exists()


# --- The chain on the task page -------------------------------------------------------------------------


def test_the_task_page_shows_the_chain_both_ways(office, earlier, ict_dept):
    later = _publish(office, _continuation(office, ict_dept, earlier), (2021, 6, 25))
    with on(2021, 6, 28):
        earlier_page = office.get(reverse("task_detail", args=[earlier.pk])).content.decode()
        later_page = office.get(reverse("task_detail", args=[later.pk])).content.decode()
    for page in (earlier_page, later_page):
        assert "Chuỗi nhiệm vụ qua các văn bản" in page
        assert "11/TB-UBND" in page and "25/TB-UBND" in page
    assert f'href="/tasks/{later.pk}/"' in earlier_page and "Quá hạn" in earlier_page
    assert f'href="/tasks/{earlier.pk}/"' in later_page
    assert later_page.index(f"Nhiệm vụ #{earlier.pk}") < later_page.index(f"Nhiệm vụ #{later.pk} (đang xem)")


def test_an_agency_sees_only_the_links_it_may_see(client, office, earlier, ict_dept, health_dept_officer):
    later = _publish(office, _continuation(office, ict_dept, earlier), (2021, 6, 25))
    client.force_login(health_dept_officer)
    page = client.get(reverse("task_detail", args=[earlier.pk])).content.decode()
    assert f"/tasks/{later.pk}/" not in page
    assert client.get(reverse("task_detail", args=[later.pk])).status_code == 404


def test_a_draft_continuation_is_not_shown_on_the_earlier_task(office, earlier, ict_dept):
    later = _continuation(office, ict_dept, earlier)
    page = office.get(reverse("task_detail", args=[earlier.pk])).content.decode()
    assert f"/tasks/{later.pk}/" not in page and "Chuỗi nhiệm vụ" not in page


def test_a_task_without_links_shows_no_chain(office, earlier):
    assert "Chuỗi nhiệm vụ" not in office.get(reverse("task_detail", args=[earlier.pk])).content.decode()


# --- The dashboard counts the chain once -------------------------------------------------------------------


@pytest.fixture
def ids_limit(request, monkeypatch):
    """The tasks carried on are read first and left out by id, or, past a limit, checked per task
    by the database: both ways must count the same."""
    from directives.tasks.status import asof

    monkeypatch.setattr(asof, "CONTINUED_IDS_LIMIT", request.param)
    return request.param


@pytest.mark.parametrize("ids_limit", [2000, 0], indirect=True, ids=["ids read first", "checked per task"])
def test_the_dashboard_counts_a_chain_once_through_its_latest_task(office, leader, earlier, ict_dept, ids_limit):
    client = Client()  # the leader's, beside the office's
    with on(2021, 6, 24):
        before = figures(client, leader, **JUNE_2021)
    assert (before["assigned"], before["overdue"]) == (1, 1)

    later = _publish(office, _continuation(office, ict_dept, earlier), (2021, 6, 25))
    with on(2021, 7, 1):
        after = figures(client, leader, **JUNE_2021)
        client.force_login(leader)
        dashboard = client.get("/dashboard/", JUNE_2021).context
        listed = client.get(dashboard["links"]["assigned"])
    # The earlier task, overdue, is carried on by the later one, due 31/07: one task, in progress.
    assert (after["assigned"], after["overdue"], after["within_deadline"]) == (1, 0, 1)
    assert [row.name for row in dashboard["table"]] == [ict_dept.name]
    # The figure links list exactly the tasks counted.
    assert listed.status_code == 200, listed
    assert [task.pk for task in listed.context["page"].object_list] == [later.pk]
    # The earlier task itself stays open, with its own status on its page and in the task list.
    earlier.refresh_from_db()
    assert earlier.cancelled_at is None and earlier.completed_on is None


@pytest.mark.parametrize("ids_limit", [2000, 0], indirect=True, ids=["ids read first", "checked per task"])
def test_a_past_report_counts_the_earlier_task_before_the_continuation_was_published(
    office, leader, earlier, ict_dept, ids_limit
):
    client = Client()
    _publish(office, _continuation(office, ict_dept, earlier), (2021, 7, 5))
    with on(2021, 7, 10):
        june = figures(client, leader, **JUNE_2021)
    # In June the continuation did not exist yet: the report for June counts the earlier task.
    assert (june["assigned"], june["overdue"]) == (1, 1)


def test_the_row_names_the_picked_task_and_the_task_list_shows_its_number(office, earlier, ict_dept):
    later = _continuation(office, ict_dept, earlier)
    edit = office.get(reverse("notice_edit", args=[later.conclusion.notice_id])).content.decode()
    assert f"Nhiệm vụ #{earlier.pk}: Số: 11/TB-UBND ngày 24/06/2021" in edit and "Sở Y tế" in edit
    with on(2021, 6, 28):
        listed = office.get(reverse("task_list"), {"q": "tiem chung"}).content.decode()
    assert f"Mã #{earlier.pk}" in listed
