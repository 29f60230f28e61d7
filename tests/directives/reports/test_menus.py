"""The filter menus are kept per process behind a version that every relevant save bumps: a page
shows what was saved before it, whichever process saved it, and never what a person may not see."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.reports import menus
from meetings.models import ConclusionNotice
from tests.factories import AgencyFactory, AgencyKindFactory, MeetingFactory, NoticeFactory, TaskFactory

pytestmark = pytest.mark.django_db
PUBLISHED = dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC)


def page_menus(client, user, **params):
    client.force_login(user)  # saves last_login only: no menu shows it, nothing is bumped
    return client.get(reverse("task_list"), params).context


def published(**fields):
    return NoticeFactory(status=ConclusionNotice.Status.PUBLISHED, published_at=PUBLISHED, **fields)


def test_a_second_page_reads_no_menu_from_the_database(client, leader):
    TaskFactory()
    page_menus(client, leader)
    with CaptureQueriesContext(connection) as queries:
        page_menus(client, leader)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("meetings_meeting", "meetings_documentkind", "agencies_agencykind"):
        assert f'FROM "{table}"' not in read


def test_a_saved_notice_agency_and_leader_show_on_the_next_page(client, leader, office_clerk):
    TaskFactory(conclusion__notice__number="1/TB-UBND")
    assert [label for _, label, _ in page_menus(client, leader)["notices"]] == ["1/TB-UBND – 24/06/2021"]
    published(number="2/TB-UBND", leader=leader)
    AgencyFactory(name="Sở Mới")
    context = page_menus(client, office_clerk)
    assert [label for _, label, _ in context["notices"]][:2] == ["2/TB-UBND – 24/06/2021", "1/TB-UBND – 24/06/2021"]
    assert "Sở Mới" in [name for _, name in context["agencies"]]
    assert [label for _, label, _ in context["leaders"]] == [leader.get_full_name()]


def test_another_process_s_change_is_seen_through_the_shared_version(client, leader):
    TaskFactory(conclusion__notice__number="1/TB-UBND")
    page_menus(client, leader)
    # Another process saved a notice: its receiver bumped the shared version, not this process's lists.
    notice = ConclusionNotice.objects.get()
    ConclusionNotice.objects.filter(pk=notice.pk).update(number="1b/TB-UBND")  # no receiver here
    assert page_menus(client, leader)["notices"][0][1] == "1/TB-UBND – 24/06/2021"  # kept
    cache.incr(menus.VERSION_KEY)
    assert page_menus(client, leader)["notices"][0][1] == "1b/TB-UBND – 24/06/2021"


def test_the_version_is_bumped_again_when_the_change_commits(django_capture_on_commit_callbacks):
    kind = AgencyKindFactory()
    before = cache.get(menus.VERSION_KEY, 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        AgencyFactory(kind=kind)
        assert cache.get(menus.VERSION_KEY) == before + 1  # at once, for this process
    assert callbacks == [menus.bump_version]
    assert cache.get(menus.VERSION_KEY) == before + 2  # and once committed, for every process


def test_signing_in_bumps_nothing(client, leader):
    before = cache.get(menus.VERSION_KEY, 0)
    client.force_login(leader)
    assert cache.get(menus.VERSION_KEY, 0) == before


def test_a_draft_meeting_chosen_by_its_id_is_not_named(client, health_dept_officer, leader):
    TaskFactory()
    draft = NoticeFactory(meeting=MeetingFactory(title="Họp kín chưa công bố"), status=ConclusionNotice.Status.DRAFT)
    for user in (health_dept_officer, leader):
        context = page_menus(client, user, meeting=draft.meeting_id)
        assert all(pk != draft.meeting_id for pk, _, _ in context["meetings"])
    assert (
        "Họp kín chưa công bố" not in client.get(reverse("task_list"), {"meeting": draft.meeting_id}).content.decode()
    )


def test_an_officer_s_notice_menu_is_their_own_after_a_leader_s_page(client, leader, health_dept, health_dept_officer):
    ours = TaskFactory(lead=health_dept, conclusion__notice=published(number="1/TB-UBND"))
    TaskFactory(conclusion__notice=published(number="2/TB-UBND"))
    assert len(page_menus(client, leader)["notices"]) == 2
    notices = page_menus(client, health_dept_officer)["notices"]
    assert [pk for pk, _, _ in notices] == [ours.conclusion.notice_id]
