"""The office switches, per agency, whether an officer's completion waits for the head's sign-off."""

import pytest
from django.urls import reverse

from agencies.models import Agency

pytestmark = pytest.mark.django_db


def test_it_is_off_by_default(health_dept):
    assert Agency.objects.get(pk=health_dept.pk).requires_head_approval is False


def test_office_staff_switch_it_on_and_off(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    url = reverse("agency_head_approval", args=[health_dept.pk])
    response = client.post(url, {"required": "1"}, follow=True)
    assert Agency.objects.get(pk=health_dept.pk).requires_head_approval is True
    assert "Sở Y tế: báo cáo hoàn thành của chuyên viên từ nay phải được lãnh đạo cơ quan duyệt." in (
        response.content.decode()
    )
    client.post(url, {})
    assert Agency.objects.get(pk=health_dept.pk).requires_head_approval is False


@pytest.mark.parametrize("who", ["health_dept_officer", "health_dept_head", "leader"])
def test_no_one_else_may_switch_it(request, client, health_dept, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("agency_head_approval", args=[health_dept.pk]), {"required": "1"})
    assert response.status_code == 403
    assert Agency.objects.get(pk=health_dept.pk).requires_head_approval is False


def test_the_directory_offers_the_switch_to_office_staff_only(client, office_clerk, health_dept_head, health_dept):
    action = f'action="{reverse("agency_head_approval", args=[health_dept.pk])}"'
    client.force_login(office_clerk)
    assert action in client.get(reverse("agency_list")).content.decode()
    client.force_login(health_dept_head)
    assert action not in client.get(reverse("agency_list")).content.decode()


def test_an_unknown_agency_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.post(reverse("agency_head_approval", args=[999999]), {"required": "1"}).status_code == 404
