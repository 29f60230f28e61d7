"""Migrations 0003-0005 (directive documents of every kind) keep every notice, conclusion and
task: the notices entered before them become conclusion notices directed by their meeting's
chair (that leader's account when one bears the name)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directives.models import Task
from meetings.models import CONCLUSION_NOTICE, Conclusion, ConclusionNotice
from tests.conftest import migrate_to_latest
from tests.factories import ConclusionFactory, MeetingFactory, NoticeFactory, TaskFactory, leader_user

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("meetings", "0002_search_text")
COLUMNS_ADDED = ("meetings", "0003_document_kinds")


def _migrate(node):
    MigrationExecutor(connection).migrate([node])
    return MigrationExecutor(connection).loader.project_state(node).apps


def _everything() -> tuple[set, set, set]:
    return (
        set(ConclusionNotice.objects.values_list("pk", "number", "title", "meeting_id", "status")),
        set(Conclusion.objects.values_list("pk", "notice_id", "text")),
        set(Task.objects.values_list("pk", "conclusion_id", "lead_id", "due_date", "published_at")),
    )


def test_the_demo_data_keeps_every_notice_conclusion_and_task(back_to_latest):
    call_command("seed_demo", password="demo", stdout=io.StringIO())
    mai_son = leader_user(username="maison", first_name="Mai", last_name="Sơn")
    with_meetings = set(ConclusionNotice.objects.filter(meeting__isnull=False).values_list("pk", flat=True))
    before = _everything()
    # The notices as they were when 0003 had added the columns: no kind, no leader yet.
    old_apps = _migrate(COLUMNS_ADDED)
    old_apps.get_model("meetings", "ConclusionNotice").objects.filter(pk__in=with_meetings).update(
        kind=None, leader=None, leader_name=""
    )

    migrate_to_latest()

    assert _everything() == before
    for notice in ConclusionNotice.objects.filter(pk__in=with_meetings).select_related("meeting", "kind"):
        assert notice.kind.code == CONCLUSION_NOTICE
        assert notice.leader_name == notice.meeting.chair_name
        assert notice.leader == (mai_son if notice.meeting.chair_name == "Mai Sơn" else None), notice.leader_name
    assert ConclusionNotice.objects.filter(leader=mai_son).count() >= 3  # the demo's vice chair chairs three


def test_notices_entered_before_the_kinds_migrate_forward_and_back(back_to_latest):
    chair = leader_user(username="chutich", first_name="Lê", last_name="Ánh Dương")
    ours = NoticeFactory(meeting=MeetingFactory(chair_name="Lê Ánh Dương"))
    theirs = NoticeFactory(meeting=MeetingFactory(chair_name="Bí thư Tỉnh ủy"))
    for notice in (ours, theirs):
        TaskFactory(conclusion=ConclusionFactory(notice=notice))
    ConclusionNotice.objects.update(leader=None, leader_name="")
    before = _everything()

    old_apps = _migrate(BEFORE)
    old_notice = old_apps.get_model("meetings", "ConclusionNotice")
    assert {f.name for f in old_notice._meta.get_fields()}.isdisjoint({"kind", "leader", "leader_name", "issuer"})
    old_notice.objects.create(meeting_id=theirs.meeting_id, title="Thông báo nhập trước khi có loại văn bản")

    migrate_to_latest()

    after = _everything()
    assert before[0] < after[0] and before[1:] == after[1:]
    assert set(ConclusionNotice.objects.values_list("kind__code", flat=True)) == {CONCLUSION_NOTICE}
    assert set(ConclusionNotice.objects.values_list("issuer", flat=True)) == {"UBND tỉnh"}
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.leader, ours.leader_name) == (chair, "Lê Ánh Dương")
    assert ours.search_text.endswith("le anh duong")  # the list's search finds the leader
    assert (theirs.leader, theirs.leader_name) == (None, "Bí thư Tỉnh ủy")
