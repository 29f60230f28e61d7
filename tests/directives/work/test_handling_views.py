"""The pages of assignment inside an agency and of the head's sign-off: the task page's forms,
"Việc của tôi", the inbox's "who handles", through the views."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from agencies.models import Membership
from directives.models import Task, TaskAssignment, TaskEvent
from directives.tasks.workflow import task_assign_handlers, task_submit_completion
from tests.factories import MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def colleague(health_dept):
    return MembershipFactory(
        user=UserFactory(username="soyte-2", first_name="Lan", last_name="Vũ"), agency=health_dept
    ).user


@pytest.fixture
def task(health_dept, ict_dept):
    return TaskFactory(lead=health_dept, coordinating=[ict_dept])


def assign_post(user, **extra):
    return {"assign-in_charge": str(user.pk), "assign-note": "Tham mưu dự thảo", **extra}


# --- Assigning from the task page -------------------------------------------------------------------


def test_the_head_sees_the_assign_form_with_the_agencys_people_only(
    client, task, health_dept_head, health_dept_officer, colleague, ict_dept_officer
):
    client.force_login(health_dept_head)
    form = client.get(reverse("task_detail", args=[task.pk])).context["assign_form"]
    assert set(form.fields["in_charge"].queryset) == {health_dept_head, health_dept_officer, colleague}


def test_the_head_assigns_from_the_task_page(client, task, health_dept_head, health_dept_officer, colleague):
    client.force_login(health_dept_head)
    response = client.post(
        reverse("task_assign", args=[task.pk]),
        assign_post(
            health_dept_officer, **{"assign-assisting": [str(colleague.pk)], "assign-internal_due_on": "29/06/2021"}
        ),
    )
    assert response.status_code == 302
    rows = TaskAssignment.objects.filter(task=task)
    assert {(r.user, r.role, r.internal_due_on) for r in rows} == {
        (health_dept_officer, "in_charge", dt.date(2021, 6, 29)),
        (colleague, "assisting", dt.date(2021, 6, 29)),
    }
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Người xử lý trong cơ quan" in page and "Phân công lại xử lý" in page
    assert "Lan" in page and "hạn trong cơ quan 29/06/2021" in page


def test_an_internal_due_date_after_the_tasks_is_refused_in_vietnamese(
    client, task, health_dept_head, health_dept_officer
):
    client.force_login(health_dept_head)
    response = client.post(
        reverse("task_assign", args=[task.pk]),
        assign_post(health_dept_officer, **{"assign-internal_due_on": "01/07/2021"}),
    )
    assert response.status_code == 400
    assert "Hạn xử lý trong cơ quan không được sau hạn của nhiệm vụ (30/06/2021)." in response.content.decode()
    assert not TaskAssignment.objects.exists()


def test_a_person_of_another_agency_cannot_be_chosen(client, task, health_dept_head, ict_dept_officer):
    client.force_login(health_dept_head)
    response = client.post(reverse("task_assign", args=[task.pk]), assign_post(ict_dept_officer))
    assert response.status_code == 400
    assert "Người được chọn không thuộc cơ quan." in response.content.decode()
    assert not TaskAssignment.objects.exists()


def test_an_officer_is_offered_no_assignment_and_refused_one(client, task, health_dept_officer):
    client.force_login(health_dept_officer)
    assert "assign_form" not in client.get(reverse("task_detail", args=[task.pk])).context
    response = client.post(reverse("task_assign", args=[task.pk]), assign_post(health_dept_officer))
    assert response.status_code == 403
    assert not TaskAssignment.objects.exists()


# --- "Việc của tôi" and the inbox ---------------------------------------------------------------------


def test_my_tasks_lists_what_the_head_gave_me_in_the_inbox_groups(
    client, health_dept, health_dept_head, health_dept_officer, colleague
):
    overdue = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20))
    mine_soon = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 29))
    theirs = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 29))
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 28))  # nobody's yet
    task_assign_handlers(task=overdue, actor=health_dept_head, in_charge=colleague, assisting=[health_dept_officer])
    task_assign_handlers(task=mine_soon, actor=health_dept_head, in_charge=health_dept_officer)
    task_assign_handlers(task=theirs, actor=health_dept_head, in_charge=colleague)
    client.force_login(health_dept_officer)
    response = client.get(reverse("my_tasks"))
    groups = {g.key: [t.pk for t in g.tasks] for g in response.context["groups"]}
    assert groups["overdue"] == [overdue.pk]
    assert groups["due_soon"] == [mine_soon.pk]
    assert sum(len(pks) for pks in groups.values()) == 2
    page = response.content.decode()
    assert "Việc của tôi" in page and "Tôi: phối hợp xử lý" in page and "Tôi: chủ trì xử lý" in page


def test_a_reassigned_task_leaves_my_tasks(client, task, health_dept_head, health_dept_officer, colleague):
    task_assign_handlers(task=task, actor=health_dept_head, in_charge=health_dept_officer)
    task_assign_handlers(task=task, actor=health_dept_head, in_charge=colleague)
    client.force_login(health_dept_officer)
    groups = client.get(reverse("my_tasks")).context["groups"]
    assert sum(g.count for g in groups) == 0


def test_the_inbox_shows_who_handles_and_lists_unassigned_first(
    client, health_dept, health_dept_head, health_dept_officer, colleague
):
    early = TaskFactory(lead=health_dept, due_date=dt.date(2021, 7, 20))
    late = TaskFactory(lead=health_dept, due_date=dt.date(2021, 8, 20))
    task_assign_handlers(task=early, actor=health_dept_head, in_charge=colleague)
    client.force_login(health_dept_officer)
    response = client.get("/")
    in_progress = next(g for g in response.context["groups"] if g.key == "in_progress")
    assert [t.pk for t in in_progress.tasks] == [late.pk, early.pk]
    assert in_progress.tasks[1].in_charge.user == colleague
    page = response.content.decode()
    assert "Chưa phân công" in page
    assert colleague.get_full_name() in page


def test_the_inbox_reads_the_same_few_queries_with_handlers(
    client, health_dept, health_dept_head, health_dept_officer, colleague, django_assert_max_num_queries
):
    from directives.tasks.inbox import inbox_groups

    def more():
        for _ in range(3):
            task = TaskFactory(lead=health_dept)
            task_assign_handlers(
                task=task, actor=health_dept_head, in_charge=colleague, assisting=[health_dept_officer]
            )

    more()
    with django_assert_max_num_queries(7) as few:
        inbox_groups(health_dept_officer)
    more()
    with django_assert_max_num_queries(len(few.captured_queries)):
        inbox_groups(health_dept_officer)


def test_office_and_leaders_have_no_my_tasks(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get(reverse("my_tasks")).status_code == 403


# --- The head's sign-off through the pages -------------------------------------------------------------


@pytest.fixture
def signing_off(health_dept):
    health_dept.requires_head_approval = True
    health_dept.save()
    return health_dept


def test_the_officer_is_told_the_completion_waits_for_the_head(client, task, signing_off, health_dept_officer):
    client.force_login(health_dept_officer)
    response = client.post(reverse("task_submit", args=[task.pk]), {"completion-note": "Xong"}, follow=True)
    assert "chờ lãnh đạo cơ quan duyệt trước khi gửi Văn phòng" in response.content.decode()
    groups = {g.key: [t.pk for t in g.tasks] for g in client.get("/").context["groups"]}
    assert groups["awaiting_head"] == [task.pk]
    assert groups["awaiting"] == []


def test_the_head_approves_from_the_task_page_and_the_office_sees_it(
    client, task, signing_off, health_dept_officer, health_dept_head, office_clerk
):
    task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    client.force_login(office_clerk)
    assert task not in client.get(reverse("verification_queue")).context["tasks"]
    client.force_login(health_dept_head)
    page = client.get(reverse("task_detail", args=[task.pk]))
    assert "approve_submission_form" in page.context and "return_submission_form" in page.context
    assert "completion_form" not in page.context
    assert client.post(reverse("task_approve_submission", args=[task.pk]), {}).status_code == 302
    client.force_login(office_clerk)
    assert task in client.get(reverse("verification_queue")).context["tasks"]


def test_the_head_sends_back_from_the_task_page_with_a_reason(
    client, task, signing_off, health_dept_officer, health_dept_head
):
    task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    client.force_login(health_dept_head)
    empty = client.post(reverse("task_return_submission", args=[task.pk]), {"return_submission-reason": ""})
    assert empty.status_code == 400
    assert "Hãy nhập lý do trả lại." in empty.content.decode()
    assert Task.objects.get(pk=task.pk).head_review_since is not None
    response = client.post(
        reverse("task_return_submission", args=[task.pk]), {"return_submission-reason": "Thiếu phụ lục"}
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).head_review_since is None
    history = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "Lãnh đạo cơ quan trả lại báo cáo hoàn thành" in history and "Lý do: Thiếu phụ lục" in history
    assert task.events.filter(kind=TaskEvent.Kind.HEAD_RETURNED).count() == 1


def test_a_head_of_another_agency_may_not_sign_off(client, task, signing_off, health_dept_officer, ict_dept):
    other_head = MembershipFactory(user=UserFactory(), agency=ict_dept, role=Membership.Role.HEAD).user
    task_submit_completion(task=task, actor=health_dept_officer, note="Xong")
    client.force_login(other_head)
    assert client.post(reverse("task_approve_submission", args=[task.pk]), {}).status_code == 403
    assert Task.objects.get(pk=task.pk).submitted_at is None
