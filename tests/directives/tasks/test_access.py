import pytest
from django.http import Http404

from directives.tasks.access import get_task_for_user, tasks_visible_to
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_led_and_coordinated_tasks_only(health_dept, ict_dept, health_dept_officer, unrelated_dept):
    led = TaskFactory(lead=health_dept)
    coordinated = TaskFactory(lead=ict_dept, coordinating=[health_dept])
    TaskFactory(lead=unrelated_dept)
    assert set(tasks_visible_to(health_dept_officer)) == {led, coordinated}


def test_officer_does_not_see_unpublished_tasks(health_dept, health_dept_officer):
    TaskFactory(lead=health_dept, published_at=None)
    assert not tasks_visible_to(health_dept_officer).exists()


def test_office_and_leader_see_everything(office_clerk, leader, health_dept):
    TaskFactory(lead=health_dept, published_at=None)
    TaskFactory()
    assert tasks_visible_to(office_clerk).count() == 2
    assert tasks_visible_to(leader).count() == 2


def test_forged_or_foreign_id_is_404(health_dept_officer, unrelated_dept):
    foreign = TaskFactory(lead=unrelated_dept)
    for pk in (foreign.pk, "abc", None, 10**12):
        with pytest.raises(Http404):
            get_task_for_user(health_dept_officer, pk)
