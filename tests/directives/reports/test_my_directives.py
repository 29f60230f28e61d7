""" "Chỉ đạo của tôi": a leader sees exactly the tasks of the documents they directed (their
meetings' conclusion notices among them), the dashboard opens on them, and "Xem tất cả" shows
everyone's."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.models import Task
from directives.notices.services import ConclusionInput, TaskInput, notice_draft_save, notice_publish
from meetings.models import DocumentKind, Meeting
from tests.factories import leader_user

pytestmark = pytest.mark.django_db


def _publish(office, lead, *, kind, leader=None, leader_name="", meeting=None, actions=("Việc",)):
    tasks = [
        TaskInput(leads=[lead], action=action, deadline_kind="date", due_date=timezone.localdate() + dt.timedelta(9))
        for action in actions
    ]
    document = notice_draft_save(
        meeting=meeting,
        fields={
            "kind": DocumentKind.objects.get(name=kind),
            "title": f"{kind} số {Task.objects.count() + 1}",
            "leader": leader,
            "leader_name": leader_name,
        },
        conclusions=[ConclusionInput(text="Nội dung", tasks=tasks)],
        actor=office,
    )
    notice_publish(notice=document, actor=office)
    return document


@pytest.fixture
def directives(office_clerk, health_dept, ict_dept):
    """Two leaders: Mai Sơn directed a letter and chaired a meeting; Lê Ánh Dương a plan."""
    mai_son = leader_user(username="maison", first_name="Mai", last_name="Sơn")
    chair = leader_user(username="chutich", first_name="Lê", last_name="Ánh Dương")
    letter = _publish(office_clerk, health_dept, kind="Công văn", leader=mai_son, actions=("Thu gom rác", "Báo cáo"))
    meeting = Meeting(title="Giao ban", held_on=dt.date(2025, 5, 1), chair_name="Mai Sơn")
    notice = _publish(office_clerk, ict_dept, kind="Thông báo kết luận", meeting=meeting, actions=("Số hóa",))
    plan = _publish(office_clerk, health_dept, kind="Kế hoạch", leader=chair, actions=("Tiêm chủng",))
    return mai_son, chair, letter, notice, plan


def test_my_directives_lists_exactly_the_tasks_of_my_documents_and_meetings(client, directives):
    mai_son, chair, letter, notice, plan = directives
    assert notice.leader == mai_son  # matched from the meeting's chair
    client.force_login(mai_son)
    page = client.get(reverse("my_directives"))
    shown = {task.pk for task in page.context["page"].object_list}
    expected = set(Task.objects.filter(conclusion__notice__in=[letter, notice]).values_list("pk", flat=True))
    assert shown == expected and len(expected) == 3
    assert set(page.context["documents"]) == {letter, notice}
    text = page.content.decode()
    assert "Tiêm chủng" not in text and "Thu gom rác" in text and "Số hóa" in text

    client.force_login(chair)
    shown = {task.pk for task in client.get(reverse("my_directives")).context["page"].object_list}
    assert shown == set(Task.objects.filter(conclusion__notice=plan).values_list("pk", flat=True))


def test_the_dashboard_opens_on_my_directives_and_offers_to_see_all(client, directives):
    mai_son, *_ = directives
    client.force_login(mai_son)
    mine = client.get(reverse("dashboard"))
    assert mine.context["mine"] and mine.context["mine_by_default"]
    assert mine.context["totals"].assigned == 3
    assert "data-scope-all" in mine.content.decode()
    # Its figures link to exactly those tasks.
    listed = client.get(mine.context["links"]["assigned"])
    assert listed.context["count"] == 3
    everyone = client.get(reverse("dashboard"), {"leader": ""})
    assert not everyone.context["mine"] and everyone.context["totals"].assigned == 4
    assert "data-scope-mine" in everyone.content.decode()


def test_a_leader_who_directed_nothing_sees_everything_by_default(client, directives, leader):
    client.force_login(leader)
    page = client.get(reverse("dashboard"))
    assert not page.context["mine_by_default"] and page.context["totals"].assigned == 4
    empty = client.get(reverse("my_directives"))
    assert list(empty.context["page"].object_list) == []
    assert "Chưa có văn bản đã ban hành nào" in empty.content.decode()


def test_office_staff_see_everything_and_filter_by_a_leader(client, directives, office_clerk):
    mai_son, chair, *_ = directives
    client.force_login(office_clerk)
    assert client.get(reverse("dashboard")).context["totals"].assigned == 4
    assert client.get(reverse("dashboard"), {"leader": chair.pk}).context["totals"].assigned == 1
    listed = client.get(reverse("task_list"), {"leader": mai_son.pk})
    assert listed.context["count"] == 3
    leaders = [label for _, label, _ in listed.context["leaders"]]
    assert leaders == ["Lê Ánh Dương", "Mai Sơn"]


def test_a_forged_leader_is_a_message_not_an_error(client, directives, office_clerk):
    client.force_login(office_clerk)
    for value in ("999999", "abc", str(office_clerk.pk)):
        response = client.get(reverse("task_list"), {"leader": value})
        assert response.status_code == 200 and "Lựa chọn không hợp lệ." in response.content.decode()


def test_only_leaders_open_my_directives(client, office_clerk, health_dept_officer):
    for user in (office_clerk, health_dept_officer):
        client.force_login(user)
        assert client.get(reverse("my_directives")).status_code == 403
    client.logout()
    assert client.get(reverse("my_directives")).status_code == 302


def test_the_menu_links_my_directives_for_leaders_only(client, directives, office_clerk):
    mai_son, *_ = directives
    client.force_login(mai_son)
    assert 'href="/my-directives/"' in client.get(reverse("notice_list")).content.decode()
    client.force_login(office_clerk)
    assert 'href="/my-directives/"' not in client.get(reverse("notice_list")).content.decode()
