"""Nothing published is ever lost: a published notice, its tasks, their history, the agencies'
reports and attachments are never deleted or un-published, whatever the path (the admin, the
entry form, a service, the ORM). Corrections go through cancel or supersede, with a reason.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from agencies.models import Agency
from directives.models import Attachment, ExtensionRequest, ProgressReport, Task, TaskEvent
from directives.tasks.workflow import task_report_progress, task_supersede
from meetings.models import Conclusion, ConclusionNotice, Meeting
from tests.directives.conftest import at, published_task
from tests.directives.notices.notice_entry_data import entry_post, ref
from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory, UserFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(task, health_dept_officer):
    """The published task, with Sở Y tế's progress report and its attachment."""
    with at(25):
        task_report_progress(
            task=task, actor=health_dept_officer, text="Đã xây dựng dự thảo", files=[upload("kh.pdf", pdf_bytes())]
        )
    return task


def _kept():
    """Everything that must survive, as plain values."""
    return (
        list(ConclusionNotice.objects.order_by("pk").values_list("pk", "status", "published_at")),
        list(Conclusion.objects.order_by("pk").values_list("pk", "text")),
        list(Task.objects.order_by("pk").values_list("pk", "action", "published_at", "cancelled_at")),
        list(TaskEvent.objects.order_by("pk").values_list("pk", "kind")),
        list(ProgressReport.objects.order_by("pk").values_list("pk", "text")),
        list(Attachment.objects.order_by("pk").values_list("pk", "file")),
        list(ExtensionRequest.objects.order_by("pk").values_list("pk", "status")),
    )


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


# --- The admin --------------------------------------------------------------------------------------


def test_admin_shows_a_published_notice_read_only(client, superuser, reported):
    notice = reported.conclusion.notice
    client.force_login(superuser)
    page = client.get(f"/admin/meetings/conclusionnotice/{notice.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="title"' not in page
    assert 'name="conclusions-0-DELETE"' not in page


def test_admin_cannot_set_a_published_notice_back_to_draft(client, superuser, reported):
    notice = reported.conclusion.notice
    client.force_login(superuser)
    before = _kept()
    response = client.post(
        f"/admin/meetings/conclusionnotice/{notice.pk}/change/",
        {"status": "draft", "published_at": "", "title": notice.title, "meeting": notice.meeting_id},
    )
    assert response.status_code == 403
    assert _kept() == before


def test_admin_status_is_never_editable_even_on_a_draft(client, superuser):
    draft = NoticeFactory()
    client.force_login(superuser)
    page = client.get(f"/admin/meetings/conclusionnotice/{draft.pk}/change/").content.decode()
    assert 'name="title"' in page
    assert 'name="status"' not in page and 'name="published_at"' not in page


def test_admin_cannot_delete_a_published_notice(client, superuser, reported):
    notice = reported.conclusion.notice
    client.force_login(superuser)
    before = _kept()
    response = client.post(f"/admin/meetings/conclusionnotice/{notice.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    bulk = client.post(
        "/admin/meetings/conclusionnotice/",
        {"action": "delete_selected", "_selected_action": [notice.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 403)  # the page listing what protects it, or refused
    assert _kept() == before


def test_admin_cannot_delete_the_meeting_or_the_lead_agency_of_a_published_task(client, superuser, reported):
    client.force_login(superuser)
    before = _kept()
    client.post(f"/admin/meetings/meeting/{reported.conclusion.notice.meeting_id}/delete/", {"post": "yes"})
    client.post(f"/admin/agencies/agency/{reported.lead_id}/delete/", {"post": "yes"})
    assert Meeting.objects.filter(pk=reported.conclusion.notice.meeting_id).exists()
    assert Agency.objects.filter(pk=reported.lead_id).exists()
    assert _kept() == before


# --- The entry form ---------------------------------------------------------------------------------


def test_editing_a_notice_whose_tasks_are_published_deletes_nothing(client, office_clerk, reported, health_dept):
    # The hole the security test found: the notice put back to draft behind the workflow's back
    # (the old admin exposed status), then edited: its tasks and their reports were deleted.
    notice = reported.conclusion.notice
    ConclusionNotice.objects.filter(pk=notice.pk).update(status="draft")
    before = _kept()
    client.force_login(office_clerk)
    post = entry_post(conclusions=[{"label": "1.", "text": "Khác.", "tasks": [{"lead": ref(health_dept)}]}])
    response = client.post(f"/notices/{notice.pk}/edit/", post)
    assert response.status_code == 200
    assert "đã ban hành" in response.content.decode()
    assert _kept() == before


# --- Services and the ORM ---------------------------------------------------------------------------


def test_a_published_notice_cannot_be_saved_back_to_draft(reported):
    notice = reported.conclusion.notice
    notice.status = ConclusionNotice.Status.DRAFT
    with pytest.raises(ValidationError):
        notice.save()
    assert ConclusionNotice.objects.get(pk=notice.pk).status == "published"


def test_a_published_task_cannot_be_saved_unpublished(reported):
    reported.published_at = None
    with pytest.raises(ValidationError):
        reported.save()
    assert Task.objects.get(pk=reported.pk).published_at is not None


@pytest.mark.parametrize(
    "delete",
    [
        lambda t: t.delete(),
        lambda t: Task.objects.filter(pk=t.pk).delete(),
        lambda t: t.conclusion.delete(),
        lambda t: t.conclusion.notice.delete(),
        lambda t: ConclusionNotice.objects.filter(pk=t.conclusion.notice_id).delete(),
        lambda t: t.conclusion.notice.meeting.delete(),
        lambda t: Agency.objects.filter(pk=t.lead_id).delete(),
        lambda t: ProgressReport.objects.filter(task=t).delete(),
        lambda t: TaskEvent.objects.filter(task=t).delete(),
        lambda t: Attachment.objects.filter(task=t).delete(),
    ],
    ids=[
        "task",
        "task_queryset",
        "conclusion",
        "notice",
        "notice_queryset",
        "meeting",
        "lead_agency",
        "reports",
        "events",
        "attachments",
    ],
)
def test_no_delete_reaches_a_published_task_or_its_history(reported, delete):
    before = _kept()
    # A refusal inside Django's delete rolls its transaction back, so the test gives it one.
    with pytest.raises(ProtectedError), transaction.atomic():
        delete(reported)
    assert _kept() == before


def test_the_database_itself_refuses_a_raw_delete_of_a_task_with_history(reported):
    # Below the ORM: the foreign keys from the history to the task have no ON DELETE, so the
    # database refuses (at the latest when the transaction commits; checked here at once).
    before = _kept()
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM directives_task WHERE id = %s", [reported.pk])
        connection.check_constraints()
    assert _kept() == before


def test_a_published_notice_without_tasks_left_is_still_kept():
    notice = NoticeFactory(status="published", published_at=dt.datetime(2021, 6, 24, tzinfo=dt.UTC))
    conclusion = ConclusionFactory(notice=notice)
    with pytest.raises(ProtectedError), transaction.atomic():
        conclusion.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        notice.delete()
    assert Conclusion.objects.filter(pk=conclusion.pk).exists()


def test_a_draft_is_still_edited_and_deleted_freely(client, office_clerk, health_dept):
    draft = NoticeFactory()
    task = TaskFactory(conclusion=ConclusionFactory(notice=draft), lead=health_dept, published_at=None)
    TaskEvent.objects.create(task=task, kind=TaskEvent.Kind.CREATED)
    client.force_login(office_clerk)
    post = entry_post(conclusions=[{"label": "1.", "text": "Khác.", "tasks": [{"lead": ref(health_dept)}]}])
    assert client.post(f"/notices/{draft.pk}/edit/", post).status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()
    assert Task.objects.filter(conclusion__notice=draft).count() == 1


# --- Supersede --------------------------------------------------------------------------------------


def test_only_a_published_task_may_supersede(reported, office_clerk, health_dept):
    replacement = TaskFactory(lead=health_dept, published_at=None)
    with pytest.raises(ValidationError), at(26):
        task_supersede(task=reported, actor=office_clerk, reason="Thay thế", superseded_by=replacement)
    reported.refresh_from_db()
    assert reported.cancelled_at is None


def test_superseding_through_the_page_with_a_draft_changes_nothing(client, office_clerk, reported, health_dept):
    replacement = TaskFactory(lead=health_dept, published_at=None)
    client.force_login(office_clerk)
    before = _kept()
    with at(26):
        response = client.post(
            f"/tasks/{reported.pk}/close/",
            {"close-action": "supersede", "close-reason": "Thay thế", "close-superseded_by": str(replacement.pk)},
        )
    assert response.status_code == 400
    assert "chưa được giao" in response.content.decode()
    assert _kept() == before


def test_a_published_task_supersedes(reported, office_clerk, health_dept):
    with at(24):
        replacement = published_task(lead=health_dept)
    with at(26):
        task_supersede(task=reported, actor=office_clerk, reason="Thay thế", superseded_by=replacement)
    reported.refresh_from_db()
    assert reported.superseded_by == replacement
