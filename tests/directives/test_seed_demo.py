import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from agencies.models import Agency, AgencyAlias, AgencyGroup
from directives.demo import present
from directives.models import Task
from meetings.models import ConclusionNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", password="demo", stdout=io.StringIO())


def test_seed_demo_is_idempotent(demo):
    counts = (Agency.objects.count(), ConclusionNotice.objects.count(), Task.objects.count())
    call_command("seed_demo", password="demo", stdout=io.StringIO())
    assert (Agency.objects.count(), ConclusionNotice.objects.count(), Task.objects.count()) == counts
    assert counts[1] == 4 + len(present.NOTICES) + len(present.DOCUMENTS)


def test_demo_users_log_in(demo):
    for username in ("office", "leader", "soyte", "sotttt", "lucngan"):
        assert authenticate(username=username, password="demo") is not None, username


def test_demo_has_the_ten_district_committees(demo):
    assert Agency.objects.filter(kind__code="district").count() == 10
    assert AgencyAlias.objects.get(name="Sở TT&TT").agency.name == "Sở Thông tin và Truyền thông"


def test_software_task_of_ict_dept_with_its_coordinators(demo):
    task = Task.objects.get(
        lead__name="Sở Thông tin và Truyền thông", due_date=dt.date(2021, 6, 30), action__contains="phần mềm"
    )
    names = set(task.coordinating.values_list("name", flat=True))
    assert "Ban Quản lý các Khu công nghiệp tỉnh" in names
    assert {n for n in names if n.startswith("UBND")} == set(
        Agency.objects.filter(kind__code="district").values_list("name", flat=True)
    )
    assert Task.objects.filter(lead__name="Sở Thông tin và Truyền thông", due_date=dt.date(2021, 7, 15)).exists()


def test_plan_deadlines_fan_out_per_agency(demo):
    # "đến hết ngày 26/6/2021 đối với các sở, ngành của tỉnh và đến hết ngày 27/6/2021 đối với UBND huyện"
    plan_26 = Task.objects.filter(due_date=dt.date(2021, 6, 26), action__startswith="Ban hành Kế hoạch")
    plan_27 = Task.objects.filter(due_date=dt.date(2021, 6, 27))
    assert plan_26.filter(lead__name="Sở Y tế").exists()
    assert plan_26.filter(lead__name="Sở Thông tin và Truyền thông").exists()
    assert set(plan_27.values_list("lead__kind__code", flat=True)) == {"district"}
    assert plan_27.count() == 10
    assert len({t.assignment_id for t in plan_27}) == 1


def test_every_demo_task_is_published_and_points_at_its_sentence(demo):
    assert not Task.objects.filter(published_at__isnull=True).exists()
    task = Task.objects.get(lead__name="Sở Y tế", deadline_kind="recurring")
    notice_text = task.conclusion.notice.full_text
    assert notice_text[task.source_start : task.source_end].startswith("Giao Sở Y tế hằng ngày")


def test_the_office_is_not_one_of_the_provinces_departments(demo):
    # It follows the departments up; "các sở, ban, ngành tỉnh" never gives it a task of its own.
    office = Agency.objects.get(name="Văn phòng UBND tỉnh")
    departments = AgencyGroup.objects.get(name="Các sở, ban, ngành tỉnh")
    assert office not in departments.member_agencies()
    assert departments.member_agencies().filter(name="Sở Y tế").exists()
    assert not Task.objects.filter(lead=office, assignment__group=departments).exists()
