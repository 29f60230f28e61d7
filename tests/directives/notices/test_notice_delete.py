"""Deleting a draft: office staff, through a confirmation page and a POST; a published notice is
never deleted (no button, and the server refuses with the reason)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directives.models import Assignment, Task, TaskEvent
from directives.notices.services import notice_draft_delete
from meetings.models import Conclusion, ConclusionNotice, Meeting
from tests.directives.notices.notice_entry_data import entry_post, ref

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


@pytest.fixture
def draft(office, districts_group):
    """A draft with a collective task (an assignment, one task per district) and its meeting."""
    data = entry_post(conclusions=[{"label": "1.", "text": "Về kế hoạch.", "tasks": [{"lead": ref(districts_group)}]}])
    assert office.post(reverse("notice_create"), data).status_code == 302
    return ConclusionNotice.objects.get()


@pytest.fixture
def districts_group(db):
    from agencies.models import AgencyGroup
    from tests.factories import AgencyFactory, AgencyKindFactory

    kind = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    for name in ("UBND huyện Lục Ngạn", "UBND huyện Tân Yên"):
        AgencyFactory(name=name, kind=kind)
    return AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=kind)


def test_the_confirmation_page_deletes_nothing(office, draft):
    response = office.get(reverse("notice_delete", args=[draft.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xóa dự thảo" in html and "2 nhiệm vụ" in html and 'method="post"' in html
    assert ConclusionNotice.objects.filter(pk=draft.pk).exists() and Task.objects.count() == 2


def test_office_staff_delete_a_draft_with_its_conclusions_and_tasks(office, draft):
    response = office.post(reverse("notice_delete", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notice_list")
    assert "Đã xóa dự thảo" in response.content.decode()
    for model in (ConclusionNotice, Conclusion, Task, Assignment, TaskEvent):
        assert not model.objects.exists(), model
    assert Meeting.objects.count() == 1  # the meeting stays: other notices may cite it


def test_the_draft_page_offers_deleting(office, draft):
    html = office.get(reverse("notice_detail", args=[draft.pk])).content.decode()
    assert reverse("notice_delete", args=[draft.pk]) in html


def _publish(office, notice):
    data = {"confirmed": "1", "deadlines_confirmed": "1"}
    assert office.post(reverse("notice_publish", args=[notice.pk]), data).status_code == 302


def test_a_published_notice_offers_no_delete(office, draft):
    _publish(office, draft)
    html = office.get(reverse("notice_detail", args=[draft.pk])).content.decode()
    assert reverse("notice_delete", args=[draft.pk]) not in html


def test_deleting_a_published_notice_is_refused_with_the_reason(office, draft):
    _publish(office, draft)
    before = (list(Task.objects.values()), TaskEvent.objects.count(), list(ConclusionNotice.objects.values()))
    response = office.post(reverse("notice_delete", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notice_detail", args=[draft.pk])
    assert "Văn bản đã ban hành không thể xóa" in response.content.decode()
    assert (list(Task.objects.values()), TaskEvent.objects.count(), list(ConclusionNotice.objects.values())) == before
    # Nor is its confirmation page shown.
    page = office.get(reverse("notice_delete", args=[draft.pk]), follow=True)
    assert "Văn bản đã ban hành không thể xóa" in page.content.decode()


def test_the_service_refuses_a_draft_whose_task_was_published(office_clerk, draft):
    # Data from before the status was read-only: a "draft" holding a published task keeps it.
    Task.objects.filter(pk=Task.objects.first().pk).update(published_at="2021-06-24T09:00Z")
    with pytest.raises(ValidationError, match="không thể xóa"):
        notice_draft_delete(notice=draft, actor=office_clerk)
    assert Task.objects.count() == 2


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_delete(client, request, who, draft):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("notice_delete", args=[draft.pk])).status_code == 403
    assert client.post(reverse("notice_delete", args=[draft.pk])).status_code == 403
    assert ConclusionNotice.objects.filter(pk=draft.pk).exists()
