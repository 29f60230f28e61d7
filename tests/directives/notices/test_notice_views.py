"""The notice list and page, who sees what, the landing page and the task page reached from a notice."""

import datetime as dt

import pytest
from django.urls import reverse

from directives.models import TaskEvent
from directives.tasks.services import task_event_record
from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notice_list")


def _titles(response):
    return [notice.title for notice in response.context["page"].object_list]


@pytest.fixture
def published(health_dept, ict_dept):
    """A published notice giving a task to Sở Y tế (Sở TT&TT coordinating)."""
    notice = NoticeFactory(
        title="Kết luận về phòng, chống dịch Covid-19",
        status="published",
        published_at=dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC),
    )
    conclusion = ConclusionFactory(notice=notice, label="1.", text="Về phòng, chống dịch.")
    TaskFactory(conclusion=conclusion, lead=health_dept, coordinating=[ict_dept], action="Truy vết F1")
    return notice


@pytest.fixture
def draft(health_dept):
    notice = NoticeFactory(number="", title="Dự thảo kết luận về chuyển đổi số", status="draft", issued_on=None)
    TaskFactory(conclusion=ConclusionFactory(notice=notice), lead=health_dept, published_at=None)
    return notice


# --- The list -------------------------------------------------------------------------------------------


def test_list_shows_each_notice_with_its_facts(client, office_clerk, published, draft):
    client.force_login(office_clerk)
    response = client.get(LIST)
    html = response.content.decode()
    assert "2 văn bản" in html
    assert "(chưa có số)" in html and published.number in html
    assert "Bắc Giang, ngày 24/06/2021" in html
    assert "Dự thảo" in html and "Đã ban hành" in html
    assert [n.task_count for n in response.context["page"].object_list] == [1, 1]
    assert "24/06/2021" in html  # the meeting date


def test_list_filters_by_status(client, office_clerk, published, draft):
    client.force_login(office_clerk)
    assert _titles(client.get(LIST, {"status": "draft"})) == [draft.title]
    assert _titles(client.get(LIST, {"status": "published"})) == [published.title]


def test_list_filters_by_year_using_the_meeting_date_for_undated_drafts(client, office_clerk, published, draft):
    draft.meeting.held_on = dt.date(2022, 3, 1)
    draft.meeting.save()
    client.force_login(office_clerk)
    assert _titles(client.get(LIST, {"year": "2022"})) == [draft.title]
    assert _titles(client.get(LIST, {"year": "2021"})) == [published.title]
    assert client.get(LIST).context["filters"].form.fields["year"].choices[1:] == [("2022", "2022"), ("2021", "2021")]


def test_list_search_ignores_accents_and_looks_in_the_meeting(client, office_clerk, published, draft):
    client.force_login(office_clerk)
    assert _titles(client.get(LIST, {"q": "CHUYEN doi so"})) == [draft.title]
    assert _titles(client.get(LIST, {"q": "covid"})) == [published.title]
    published.meeting.title = "Hội nghị trực tuyến với Ban Chỉ huy tiền phương"
    published.meeting.save()
    assert _titles(client.get(LIST, {"q": "tien phuong"})) == [published.title]
    assert _titles(client.get(LIST, {"q": published.number})) == [published.title]


def test_list_is_paginated(client, leader):
    for day in range(1, 23):
        NoticeFactory(title=f"Thông báo {day}", issued_on=dt.date(2021, 5, day))
    client.force_login(leader)
    first = client.get(LIST)
    assert "22 văn bản" in first.content.decode()
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].object_list[0].title == "Thông báo 22"
    assert len(client.get(LIST, {"page": 2}).context["page"].object_list) == 2
    assert client.get(LIST, {"o": "date"}).context["page"].object_list[0].title == "Thông báo 1"


def test_leaders_see_every_notice_but_cannot_create(client, leader, published, draft):
    client.force_login(leader)
    response = client.get(LIST)
    assert len(_titles(response)) == 2
    assert reverse("notice_create") not in response.content.decode()


def test_officers_list_only_published_notices_giving_them_a_task(
    client, health_dept_officer, ict_dept_officer, unrelated_officer, published, draft
):
    for officer in (health_dept_officer, ict_dept_officer):  # lead, and coordinating
        client.force_login(officer)
        assert _titles(client.get(LIST)) == [published.title]
    client.force_login(unrelated_officer)
    assert _titles(client.get(LIST)) == []


def test_officers_count_only_their_tasks(client, health_dept_officer, published, unrelated_dept):
    TaskFactory(conclusion=published.conclusions.get(), lead=unrelated_dept)
    client.force_login(health_dept_officer)
    assert [n.task_count for n in client.get(LIST).context["page"].object_list] == [1]


# --- One notice -------------------------------------------------------------------------------------------


def test_notice_page_shows_header_conclusions_and_tasks(client, office_clerk, published, health_dept):
    client.force_login(office_clerk)
    response = client.get(reverse("notice_detail", args=[published.pk]))
    html = response.content.decode()
    task = published.conclusions.get().tasks.get()
    assert published.number in html and "Bắc Giang, ngày 24/06/2021" in html
    assert "Về phòng, chống dịch." in html
    assert f'href="{reverse("task_detail", args=[task.pk])}"' in html
    assert "Truy vết F1" in html and "Sở Thông tin và Truyền thông" in html
    assert "30/06/2021" in html
    assert 'class="badge st-overdue">Quá hạn' in html  # 30/06/2021 is long past
    assert "Sửa dự thảo" not in html and "Ban hành</button>" not in html


def test_notice_page_shows_deadline_kinds_in_words(client, office_clerk, published, health_dept):
    conclusion = published.conclusions.get()
    TaskFactory(conclusion=conclusion, lead=health_dept, deadline_kind="ongoing", due_date=None)
    TaskFactory(conclusion=conclusion, lead=health_dept, deadline_kind="recurring", recurrence="monthly", due_date=None)
    client.force_login(office_clerk)
    html = client.get(reverse("notice_detail", args=[published.pk])).content.decode()
    assert "Thường xuyên" in html and "Định kỳ (Hằng tháng)" in html


def test_draft_page_offers_edit_and_publish_to_office_staff(client, office_clerk, draft):
    client.force_login(office_clerk)
    html = client.get(reverse("notice_detail", args=[draft.pk])).content.decode()
    assert reverse("notice_edit", args=[draft.pk]) in html
    assert reverse("notice_publish", args=[draft.pk]) in html
    assert "Chưa giao" in html  # draft tasks have no status yet


def test_leaders_see_drafts_without_the_buttons(client, leader, draft):
    client.force_login(leader)
    response = client.get(reverse("notice_detail", args=[draft.pk]))
    assert response.status_code == 200
    assert reverse("notice_edit", args=[draft.pk]) not in response.content.decode()


def test_officers_do_not_see_drafts(client, health_dept_officer, draft):
    client.force_login(health_dept_officer)
    assert client.get(reverse("notice_detail", args=[draft.pk])).status_code == 404


def test_officers_do_not_see_notices_without_their_tasks(client, unrelated_officer, published):
    client.force_login(unrelated_officer)
    assert client.get(reverse("notice_detail", args=[published.pk])).status_code == 404


def test_officers_see_only_their_own_tasks_of_a_notice(client, ict_dept_officer, published, unrelated_dept):
    TaskFactory(conclusion=published.conclusions.get(), lead=unrelated_dept, action="Việc của Sở Tư pháp")
    client.force_login(ict_dept_officer)
    response = client.get(reverse("notice_detail", args=[published.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Truy vết F1" in html and "Việc của Sở Tư pháp" not in html


def test_unknown_notice_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get(reverse("notice_detail", args=[999999])).status_code == 404


# --- Landing page -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "target"),
    [("office_clerk", "notice_list"), ("leader", "dashboard")],
)
def test_each_role_lands_where_its_work_is(client, request, who, target):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse(target)


# --- The task page, reached from the notice ------------------------------------------


def test_task_page_shows_the_history(client, office_clerk, published):
    task = published.conclusions.get().tasks.get()
    task_event_record(task=task, kind=TaskEvent.Kind.PUBLISHED, actor=office_clerk)
    client.force_login(office_clerk)
    html = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Truy vết F1" in html and "Giao nhiệm vụ" in html and 'class="timeline"' in html


def test_task_page_hides_other_agencies_tasks(client, unrelated_officer, published):
    task = published.conclusions.get().tasks.get()
    client.force_login(unrelated_officer)
    assert client.get(reverse("task_detail", args=[task.pk])).status_code == 404


def test_refusals_speak_vietnamese(client, health_dept_officer, draft):
    client.force_login(health_dept_officer)
    assert "Không tìm thấy trang" in client.get(reverse("notice_detail", args=[draft.pk])).content.decode()
    forbidden = client.get(reverse("notice_create"))
    assert forbidden.status_code == 403
    assert "Chỉ chuyên viên Văn phòng UBND tỉnh được thực hiện thao tác này." in forbidden.content.decode()


def test_list_offers_office_staff_both_ways_to_enter_a_notice(client, office_clerk, leader):
    client.force_login(office_clerk)
    html = client.get(reverse("notice_list")).content.decode()
    assert reverse("notice_import") in html and reverse("notice_create") in html
    client.force_login(leader)
    assert reverse("notice_import") not in client.get(reverse("notice_list")).content.decode()


def test_the_notice_list_shows_newest_first_and_offers_the_other_way(client, office_clerk):
    client.force_login(office_clerk)
    NoticeFactory(number="1/TB-UBND")
    headers = client.get("/notices/", {"q": "tb", "page": "2"}).context["headers"]
    assert [(h["aria"], h["url"]) for h in headers] == [("descending", "?q=tb&o=date")]
    headers = client.get("/notices/", {"o": "date"}).context["headers"]
    assert [(h["aria"], h["url"]) for h in headers] == [("ascending", "?o=-date")]
