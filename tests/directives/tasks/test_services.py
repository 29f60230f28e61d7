import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agencies.models import AgencyGroup
from directives.models import Task, TaskEvent
from directives.notices.services import notice_publish
from directives.tasks.services import tasks_assign
from tests.factories import AgencyFactory, AgencyKindFactory, ConclusionFactory, NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    kind = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    agencies = [AgencyFactory(name=f"UBND huyện {n}", kind=kind) for n in ("Lục Ngạn", "Tân Yên", "Yên Thế")]
    group = AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=kind)
    return group, agencies


def test_group_assignment_creates_one_task_per_member_linked(districts, office_clerk):
    group, agencies = districts
    conclusion = ConclusionFactory(notice=NoticeFactory(status="draft"))
    tasks = tasks_assign(
        conclusion=conclusion,
        leads=[group],
        action="Ban hành kế hoạch khôi phục",
        deadline_kind="date",
        due_date=dt.date(2021, 6, 27),
        lead_text="UBND huyện, thành phố",
        created_by=office_clerk,
    )
    assert sorted(t.lead.name for t in tasks) == sorted(a.name for a in agencies)
    assert len({t.assignment_id for t in tasks}) == 1
    assert tasks[0].assignment.group == group
    assert all(t.published_at is None for t in tasks)
    assert TaskEvent.objects.filter(kind=TaskEvent.Kind.CREATED).count() == 3


def test_co_leads_each_get_a_task_and_coordinators_are_shared(office_clerk):
    conclusion = ConclusionFactory()
    lead, co_lead, helper = AgencyFactory(), AgencyFactory(), AgencyFactory()
    tasks = tasks_assign(
        conclusion=conclusion,
        leads=[lead, co_lead],
        coordinating=[helper, lead],
        action="Đẩy nhanh xét nghiệm",
        deadline_kind="none",
        created_by=office_clerk,
    )
    assert [t.lead for t in tasks] == [lead, co_lead]
    # The lead never coordinates its own task; the other co-lead does coordinate.
    assert list(tasks[0].coordinating.all()) == [helper]
    assert set(tasks[1].coordinating.all()) == {helper, lead}


def test_empty_group_is_refused(office_clerk):
    group = AgencyGroup.objects.create(name="Nhóm trống")
    with pytest.raises(ValidationError):
        tasks_assign(conclusion=ConclusionFactory(), leads=[group], action="x", deadline_kind="none")
    assert Task.objects.count() == 0


def test_publish_makes_tasks_live_with_history(office_clerk):
    notice = NoticeFactory(status="draft")
    conclusion = ConclusionFactory(notice=notice)
    tasks_assign(
        conclusion=conclusion,
        leads=[AgencyFactory()],
        action="Báo cáo",
        deadline_kind="date",
        due_date=dt.date(2021, 6, 30),
        created_by=office_clerk,
    )
    notice_publish(notice=notice, actor=office_clerk, warnings_confirmed=True)  # due in 2021, now past
    notice.refresh_from_db()
    assert notice.status == "published"
    task = Task.objects.get()
    assert task.published_at == notice.published_at
    assert list(task.events.values_list("kind", flat=True)) == ["created", "published"]


def test_publish_twice_is_refused(office_clerk):
    notice = NoticeFactory(status="draft")
    tasks_assign(conclusion=ConclusionFactory(notice=notice), leads=[AgencyFactory()], action="x", deadline_kind="none")
    notice_publish(notice=notice, actor=office_clerk)
    with pytest.raises(ValidationError):
        notice_publish(notice=notice, actor=office_clerk)


def test_publish_without_tasks_is_refused(office_clerk):
    notice = NoticeFactory(status="draft")
    with pytest.raises(ValidationError):
        notice_publish(notice=notice, actor=office_clerk)
    notice.refresh_from_db()
    assert notice.status == "draft"
