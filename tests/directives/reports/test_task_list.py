"""The task list: each filter, visibility, bad input, sorting, pagination and query count."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from directives.models import Task
from meetings.models import ConclusionNotice
from tests.directives.conftest import PUBLISHED
from tests.factories import (
    AgencyFactory,
    AgencyKindFactory,
    ConclusionFactory,
    MeetingFactory,
    NoticeFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/tasks/"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        yield


def ids(response):
    return sorted(task.pk for task in response.context["page"].object_list)


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_task_list_url_name():
    assert reverse("task_list") == URL


def test_officer_sees_only_tasks_of_own_agency(client, health_dept, health_dept_officer, unrelated_dept):
    mine = TaskFactory(lead=health_dept)
    coordinated = TaskFactory(coordinating=[health_dept])
    TaskFactory(lead=unrelated_dept)
    assert ids(get(client, health_dept_officer)) == sorted([mine.pk, coordinated.pk])


def test_agency_filter_matches_lead_or_coordinating(client, leader, health_dept):
    lead = TaskFactory(lead=health_dept)
    coordinating = TaskFactory(coordinating=[health_dept])
    TaskFactory()
    assert ids(get(client, leader, agency=health_dept.pk)) == sorted([lead.pk, coordinating.pk])


def test_role_lead_keeps_only_tasks_the_agency_leads(client, leader, health_dept):
    lead = TaskFactory(lead=health_dept)
    TaskFactory(coordinating=[health_dept])
    assert ids(get(client, leader, agency=health_dept.pk, role="lead")) == [lead.pk]


def test_role_coordinating_keeps_only_coordinated_tasks(client, leader, health_dept):
    TaskFactory(lead=health_dept)
    coordinating = TaskFactory(coordinating=[health_dept])
    assert ids(get(client, leader, agency=health_dept.pk, role="coordinating")) == [coordinating.pk]


def test_status_overdue_today(client, leader):
    overdue = TaskFactory(due_date=dt.date(2021, 6, 30))
    TaskFactory(due_date=dt.date(2021, 7, 1))
    assert ids(get(client, leader, status="overdue")) == [overdue.pk]


def test_a_draft_task_has_no_status_yet(client, leader):
    """Office staff see a draft notice's tasks in the list, but no status filter selects them:
    a task not yet assigned is neither overdue nor in progress."""
    published = TaskFactory(due_date=dt.date(2021, 6, 30))
    draft = TaskFactory(due_date=dt.date(2021, 6, 30), published_at=None)
    assert ids(get(client, leader)) == sorted([published.pk, draft.pk])
    for status in ("overdue", "within_deadline", "assigned"):
        assert ids(get(client, leader, status=status)) == ([published.pk] if status != "within_deadline" else [])


def test_status_as_of_a_past_day(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 30))
    earlier = TaskFactory(due_date=dt.date(2021, 6, 28))
    assert ids(get(client, leader, status="overdue", on="2021-06-30")) == [earlier.pk]


def test_on_accepts_dd_mm_yyyy(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 30))
    earlier = TaskFactory(due_date=dt.date(2021, 6, 28))
    assert ids(get(client, leader, status="overdue", on="30/06/2021")) == [earlier.pk]


def test_due_date_range_typed_dd_mm_yyyy(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 1))
    inside = TaskFactory(due_date=dt.date(2021, 6, 15))
    TaskFactory(due_date=dt.date(2021, 7, 1))
    assert ids(get(client, leader, due_from="10/06/2021", due_to="30/06/2021")) == [inside.pk]


def test_malformed_date_gets_a_vietnamese_message_and_no_error(client, leader):
    TaskFactory()
    response = get(client, leader, due_from="31/02/2021")
    assert response.status_code == 200
    assert "Không có ngày 31/02/2021: tháng 2 năm 2021 chỉ có 28 ngày." in response.content.decode()
    assert len(ids(response)) == 1


def test_unknown_status_gets_a_message_not_an_error(client, leader):
    response = get(client, leader, status="exploded")
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in response.content.decode()


def test_forged_agency_id_gets_a_message_not_an_error(client, leader):
    response = get(client, leader, agency="999999")
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in response.content.decode()


def test_notice_filter(client, leader):
    task = TaskFactory()
    TaskFactory()
    assert ids(get(client, leader, notice=task.conclusion.notice_id)) == [task.pk]


def test_meeting_filter(client, leader):
    task = TaskFactory()
    TaskFactory()
    assert ids(get(client, leader, meeting=task.conclusion.notice.meeting_id)) == [task.pk]


def test_chair_filter(client, leader):
    task = TaskFactory(conclusion__notice=NoticeFactory(meeting=MeetingFactory(chair_name="Phó Chủ tịch A")))
    TaskFactory()
    assert ids(get(client, leader, chair="Phó Chủ tịch A")) == [task.pk]


def test_agency_kind_filter(client, leader):
    district = AgencyKindFactory(code="district", name="UBND huyện", order=30)
    task = TaskFactory(lead=AgencyFactory(kind=district))
    TaskFactory()
    assert ids(get(client, leader, kind=district.pk)) == [task.pk]


def test_text_search_ignores_accents_and_case(client, leader):
    plan = TaskFactory(action="Xây dựng Kế hoạch tiêm chủng")
    TaskFactory(action="Báo cáo kết quả")
    assert ids(get(client, leader, q="ke HOACH")) == [plan.pk]


def test_active_period_excludes_tasks_closed_before_it(client, leader):
    closed = TaskFactory()
    Task.objects.filter(pk=closed.pk).update(
        completed_on=dt.date(2021, 5, 1), verified_at=dt.datetime(2021, 5, 2, tzinfo=HCM)
    )
    still_open = TaskFactory()
    assert ids(get(client, leader, active_from="2021-06-01", active_to="2021-06-30")) == [still_open.pk]


def test_row_shows_due_date_and_days_overdue(client, leader):
    TaskFactory(due_date=dt.date(2021, 6, 26))
    content = get(client, leader).content.decode()
    assert "26/06/2021" in content
    assert "quá hạn 5 ngày" in content
    assert "Quá hạn" in content


def test_rows_link_to_the_task_page(client, leader):
    task = TaskFactory()
    assert f'href="/tasks/{task.pk}/"' in get(client, leader).content.decode()


def test_sort_by_due_date_descending(client, leader):
    early = TaskFactory(due_date=dt.date(2021, 6, 1))
    late = TaskFactory(due_date=dt.date(2021, 7, 1))
    rows = get(client, leader, o="-due").context["page"].object_list
    assert [t.pk for t in rows] == [late.pk, early.pk]


def test_sorting_by_lead_agency_pages_through_every_task_once(client, leader, settings):
    settings.TASKS_PER_PAGE = 2
    health, police = AgencyFactory(name="Sở Y tế"), AgencyFactory(name="Công an tỉnh")
    tasks = [TaskFactory(lead=health) for _ in range(3)] + [TaskFactory(lead=police) for _ in range(2)]
    seen = []
    for page in (1, 2, 3):
        response = get(client, leader, o="lead", page=page)
        assert list(response.context["page"].object_list.query.order_by)[-1] == "id"
        seen += [t.pk for t in response.context["page"].object_list]
    assert seen == [t.pk for t in tasks[3:]] + [t.pk for t in tasks[:3]]


def test_paginated_with_the_total_count(client, leader, settings):
    settings.TASKS_PER_PAGE = 2
    TaskFactory.create_batch(5)
    response = get(client, leader, page=3)
    assert response.context["count"] == 5
    assert len(response.context["page"].object_list) == 1


def test_count_stops_at_the_limit_and_says_there_are_more(client, leader, settings, monkeypatch):
    from directives.reports import tasklist

    monkeypatch.setattr(tasklist, "COUNT_LIMIT", 4)
    settings.TASKS_PER_PAGE = 2
    TaskFactory.create_batch(6, action="Báo cáo tiến độ")
    response = get(client, leader, q="bao cao", page=9)
    assert (response.context["count"], response.context["count_capped"]) == (4, True)
    # The pages reach the limit, no further; a page past them shows the last one.
    assert response.context["page"].paginator.num_pages == 2
    assert response.context["page"].number == 2
    assert "Hơn 4 nhiệm vụ" in response.content.decode()


def test_count_under_the_limit_is_exact(client, leader, monkeypatch):
    from directives.reports import tasklist

    monkeypatch.setattr(tasklist, "COUNT_LIMIT", 4)
    TaskFactory.create_batch(4, action="Báo cáo tiến độ")
    TaskFactory(action="Việc khác")
    response = get(client, leader, q="bao cao")
    assert (response.context["count"], response.context["count_capped"]) == (4, False)
    content = response.content.decode()
    assert "4 nhiệm vụ" in content
    assert "Hơn" not in content


def test_count_shows_thousands_with_a_dot(client, leader, monkeypatch):
    from directives.reports import tasklist

    monkeypatch.setattr(tasklist.CappedPaginator, "counted", 1234)
    assert "1.234 nhiệm vụ" in get(client, leader).content.decode()


def test_query_count_does_not_grow_with_rows(client, leader, django_assert_max_num_queries):
    client.force_login(leader)
    TaskFactory.create_batch(3, coordinating=[AgencyFactory()])
    with django_assert_max_num_queries(14) as few:
        client.get(URL, {"status": "overdue", "on": "2021-07-01"})
    TaskFactory.create_batch(40, coordinating=[AgencyFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL, {"status": "overdue", "on": "2021-07-01"})


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_notice_menu_keeps_the_chosen_notice_selected(client, leader):
    task = TaskFactory(conclusion__notice__number="123/TB-UBND")
    content = get(client, leader, notice=task.conclusion.notice_id).content.decode()
    assert f'<option value="{task.conclusion.notice_id}" selected>123/TB-UBND – 24/06/2021</option>' in content


def test_notice_menu_tells_apart_notices_without_a_number(client, office_clerk):
    for title in ("Kết luận giao ban tháng 5", "Kết luận giao ban tháng 6"):
        notice = NoticeFactory(number="", title=title, status=ConclusionNotice.Status.PUBLISHED, published_at=PUBLISHED)
        TaskFactory(conclusion=ConclusionFactory(notice=notice))
    client.force_login(office_clerk)
    page = client.get(reverse("task_list")).content.decode()
    assert "Thông báo ngày 24/06/2021 – Kết luận giao ban tháng 5" in page
    assert "Thông báo ngày 24/06/2021 – Kết luận giao ban tháng 6" in page
    assert "(chưa có số)" not in page


def test_the_notice_menu_lists_the_latest_and_keeps_an_older_one_chosen(client, leader, monkeypatch):
    from directives.reports import menus

    monkeypatch.setattr(menus, "MENU_LIMIT", 2)
    oldest, *newer = [TaskFactory(conclusion__notice__number=f"{n}/TB-UBND") for n in (1, 2, 3)]
    notices = get(client, leader).context["notices"]
    assert notices == [
        (t.conclusion.notice_id, f"{n}/TB-UBND – 24/06/2021", False) for n, t in ((3, newer[1]), (2, newer[0]))
    ]
    notices = get(client, leader, notice=oldest.conclusion.notice_id).context["notices"]
    assert notices[0] == (oldest.conclusion.notice_id, "1/TB-UBND – 24/06/2021", True)
    assert len(notices) == 3 and not any(selected for _, _, selected in notices[1:])
