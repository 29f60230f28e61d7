import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from agencies.roles import is_leader, is_office_staff, role_required

pytestmark = pytest.mark.django_db


@role_required(is_office_staff, is_leader, message="Chỉ Văn phòng và lãnh đạo.")
def _queue(request):
    request.ran = True
    return "page"


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("person", ["office_clerk", "leader"])
def test_any_of_the_roles_opens_the_page(request, person):
    assert _queue(_request(request.getfixturevalue(person))) == "page"


def test_anyone_else_is_refused_before_the_view_runs(health_dept_officer):
    refused = _request(health_dept_officer)
    with pytest.raises(PermissionDenied, match="Chỉ Văn phòng và lãnh đạo"):
        _queue(refused)
    assert not hasattr(refused, "ran")
