"""The inbox's groups, read in one narrow pass: the same as asking the database group by group."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from directives.models import Task, TaskCoordination
from directives.tasks.inbox import _group_predicates, inbox_groups
from directives.tasks.workflow import task_report_progress
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2021, 7, 1)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2021, 7, 1, 9, tzinfo=HCM), tick=False):
        yield


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), HCM)


@pytest.fixture
def two_agencies():
    """An officer of two agencies: a task one leads and the other coordinates is theirs once."""
    health, ict, other = AgencyFactory(name="Sở Y tế"), AgencyFactory(name="Sở TT&TT"), AgencyFactory(name="Sở khác")
    user = UserFactory(username="hai-co-quan")
    MembershipFactory(user=user, agency=health)
    MembershipFactory(user=user, agency=ict)
    return user, health, ict, other


def make_tasks(health, ict, other):
    """Tasks in every group, with ties and missing dates, led or coordinated."""
    made = [
        TaskFactory(lead=health, due_date=dt.date(2021, 6, 20)),  # overdue
        TaskFactory(lead=other, coordinating=[health], due_date=dt.date(2021, 6, 10)),  # overdue, coordinated
        TaskFactory(lead=health, coordinating=[ict], due_date=dt.date(2021, 7, 3)),  # due soon, both agencies
        TaskFactory(lead=ict, due_date=dt.date(2021, 7, 3)),  # due soon, same day: by id
        TaskFactory(lead=health, due_date=dt.date(2021, 9, 1)),  # in progress
        TaskFactory(lead=health, deadline_kind="ongoing", due_date=None, original_due_date=None),  # no date: last
        TaskFactory(lead=other, due_date=dt.date(2021, 6, 1)),  # not theirs
    ]
    returned = TaskFactory(lead=health, due_date=dt.date(2021, 6, 25))
    Task.objects.filter(pk=returned.pk).update(returned_at=at(dt.date(2021, 6, 29)))
    awaiting = TaskFactory(lead=ict, due_date=dt.date(2021, 6, 30))
    Task.objects.filter(pk=awaiting.pk).update(submitted_at=at(dt.date(2021, 6, 30)))
    for n, completed_on in enumerate([dt.date(2021, 6, 5), dt.date(2021, 6, 28), dt.date(2021, 6, 28)]):
        done = TaskFactory(lead=health if n else other, coordinating=[] if n else [ict])
        Task.objects.filter(pk=done.pk).update(
            submitted_at=at(completed_on), completed_on=completed_on, verified_at=at(completed_on)
        )
    cancelled = TaskFactory(lead=health)
    Task.objects.filter(pk=cancelled.pk).update(cancelled_at=at(dt.date(2021, 6, 15)))
    TaskFactory(lead=health, published_at=None)  # a draft: nobody's task yet
    return made


def expected_groups(user_agencies, role: str, per_group: int):
    """The groups asked of the database one by one, as the inbox used to."""
    ids = [a.pk for a in user_agencies]
    coordinated = TaskCoordination.objects.filter(agency_id__in=ids).values("task_id")
    led = Task.objects.published().filter(lead_id__in=ids)
    theirs = {
        "all": led | Task.objects.published().filter(pk__in=coordinated),
        "lead": led,
        "coordinating": Task.objects.published().filter(pk__in=coordinated).exclude(lead_id__in=ids),
    }[role]
    result = {}
    for key, _, predicate in _group_predicates(TODAY):
        rows = list(theirs.filter(predicate).distinct())
        if key == "completed":
            rows.sort(key=lambda t: (t.completed_on, t.pk), reverse=True)
        else:
            rows.sort(key=lambda t: (t.due_date is None, t.due_date or dt.date.min, t.pk))
        result[key] = (len(rows), [t.pk for t in rows[:per_group]])
    return result


@pytest.mark.parametrize("role", ["all", "lead", "coordinating"])
@pytest.mark.parametrize("per_group", [1, 100])
def test_groups_counts_and_order_match_the_group_by_group_queries(two_agencies, role, per_group):
    user, health, ict, other = two_agencies
    make_tasks(health, ict, other)
    groups = inbox_groups(user, role=role, today=TODAY, per_group=per_group)
    got = {g.key: (g.count, [t.pk for t in g.tasks]) for g in groups}
    assert got == expected_groups([health, ict], role, per_group)
    assert sum(count for count, _ in got.values()) > 0


def test_each_shown_task_carries_its_status_role_and_days_late(two_agencies):
    user, health, ict, other = two_agencies
    make_tasks(health, ict, other)
    groups = {g.key: g for g in inbox_groups(user, today=TODAY)}
    overdue = groups["overdue"].tasks
    assert [t.days_late for t in overdue] == [21, 11]
    assert [t.agency_role for t in overdue] == ["Phối hợp", "Chủ trì"]
    assert {t.status for t in overdue} == {"overdue"}
    assert groups["in_progress"].tasks[-1].due_date is None


def test_the_number_of_queries_does_not_grow_with_the_tasks(two_agencies, django_assert_max_num_queries):
    user, health, ict, other = two_agencies
    make_tasks(health, ict, other)
    with django_assert_max_num_queries(6) as few:
        inbox_groups(user, today=TODAY)
    for _ in range(3):
        make_tasks(health, ict, other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        inbox_groups(user, today=TODAY)


def test_a_completed_task_is_never_shown_as_days_overdue(health_dept, health_dept_officer):
    done = TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 20))
    Task.objects.filter(pk=done.pk).update(
        submitted_at=at(dt.date(2021, 6, 19)), completed_on=dt.date(2021, 6, 19), verified_at=at(dt.date(2021, 6, 19))
    )
    groups = {g.key: g for g in inbox_groups(health_dept_officer, today=TODAY)}
    assert [(t.pk, t.days_late) for t in groups["completed"].tasks] == [(done.pk, 0)]


def test_missing_periods_are_the_lead_s_whoever_reads_the_inbox(
    health_dept, ict_dept, health_dept_officer, ict_dept_officer
):
    """The periodic report is the lead's duty: a coordinating agency's report fills no period, and
    the coordinating agency sees the same missing periods as the lead."""
    task = TaskFactory(
        lead=health_dept,
        coordinating=[ict_dept],
        deadline_kind="recurring",
        recurrence="daily",
        due_date=None,
        original_due_date=None,
        published_at=at(dt.date(2021, 6, 28)),
    )
    with time_machine.travel(at(dt.date(2021, 6, 28)), tick=False):
        task_report_progress(task=task, actor=health_dept_officer, text="Báo cáo ngày 28/6")
    with time_machine.travel(at(dt.date(2021, 6, 29)), tick=False):
        task_report_progress(task=task, actor=ict_dept_officer, text="Phần phối hợp ngày 29/6")
    for user in (health_dept_officer, ict_dept_officer):
        shown = [t for g in inbox_groups(user, today=TODAY) for t in g.tasks if t.pk == task.pk]
        assert shown[0].missing_periods == ["ngày 29/06/2021", "ngày 30/06/2021"], user
