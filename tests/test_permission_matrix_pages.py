"""Every page and action besides the task's own (tests/directives/test_permission_matrix.py) ×
every kind of person: notices, meetings, the agency directory, the task list and its exports, the
dashboard and its report, calendar feeds, the reminder log and channels, the API keys page (the
API itself is in tests/directives/api/test_api_permission_matrix.py). For every refused write,
proof that nothing changed; for every list, proof that it shows only what the person may see.

The rules: agency people (officers and heads) see their agency's tasks and the published
notices that give their agency a task; office staff see all and manage notices, meetings,
verification and reminder channels; leaders see all and decide extensions. Meetings and the
agency directory are reference data every signed-in person may read.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine

from directives.api.auth import api_key_create
from directives.models import CalendarToken, DeclaredDay, Digest, OcrJob
from tests.directives.notices.notice_entry_data import entry_post, ref
from tests.factories import AgencyFactory, ConclusionFactory, MeetingFactory, NoticeFactory, TaskFactory
from tests.files import PNG_BYTES, upload
from tests.matrix import PEOPLE, Row, check_row, codes, everyone_signed_in, office_only, page_text, the_people

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
PUBLISHED_AT = dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC)


def _notice_post(w):
    return entry_post(conclusions=[{"label": "1.", "text": "Về chuyển đổi số.", "tasks": [{"lead": ref(w.lead)}]}])


def _import_post(w):
    text = (
        "Số: /TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
        "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban\n\n"
        "1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính hoàn thành kế hoạch trước ngày 30/6/2021.\n"
    )
    return {"text": text}


def _meeting_post(w):
    return {
        "title": "Hội nghị sơ kết chuyển đổi số",
        "kind": "giao_ban",
        "held_on": "25/06/2021",
        "chair_name": "Chủ tịch UBND tỉnh",
        "chair_title": "",
        "place": "",
        "attendees_note": "",
    }


ROWS = [
    # --- Notices: office staff manage them; others read those they may see ----------------------
    Row("notice_list", "get", lambda w: "/notices/", everyone_signed_in()),
    Row(
        "notice_detail_published", "get", lambda w: f"/notices/{w.notice.pk}/", codes(302, 200, 200, 404, 200, 200, 200)
    ),
    Row("notice_detail_draft", "get", lambda w: f"/notices/{w.draft.pk}/", codes(302, 404, 404, 404, 404, 200, 200)),
    Row(
        "notice_detail_other",
        "get",
        lambda w: f"/notices/{w.other_notice.pk}/",
        codes(302, 404, 404, 200, 404, 200, 200),
    ),
    Row("notice_create_page", "get", lambda w: "/notices/new/", office_only(200)),
    Row("notice_create", "post", lambda w: "/notices/new/", office_only(302), _notice_post),
    Row("notice_edit_page", "get", lambda w: f"/notices/{w.draft.pk}/edit/", office_only(200)),
    Row("notice_edit", "post", lambda w: f"/notices/{w.draft.pk}/edit/", office_only(302), _notice_post),
    # Editing a published notice is refused to everyone else before the notice is looked up.
    Row(
        "notice_edit_published",
        "post",
        lambda w: f"/notices/{w.notice.pk}/edit/",
        office_only(302),
        _notice_post,
        changes=False,
    ),
    Row("notice_publish_page", "get", lambda w: f"/notices/{w.draft.pk}/publish/", office_only(200)),
    Row(
        "notice_publish",
        "post",
        lambda w: f"/notices/{w.draft.pk}/publish/",
        office_only(302),
        lambda w: {"confirmed": "1"},
    ),
    # Deleting a draft: office staff, after a confirmation page; a published notice is refused to all.
    Row("notice_delete_page", "get", lambda w: f"/notices/{w.draft.pk}/delete/", office_only(200)),
    Row("notice_delete", "post", lambda w: f"/notices/{w.draft.pk}/delete/", office_only(302)),
    Row(
        "notice_delete_published",
        "post",
        lambda w: f"/notices/{w.notice.pk}/delete/",
        office_only(302),
        changes=False,
    ),
    # --- Notice import: reading a pasted notice writes nothing; saving the review makes a draft ---
    Row("notice_import_page", "get", lambda w: "/notices/import/", office_only(200)),
    Row("notice_import_read", "post", lambda w: "/notices/import/", office_only(200), _import_post, changes=False),
    Row("notice_import_save", "post", lambda w: "/notices/import/save/", office_only(302), _notice_post),
    # A scan or a photo is stored as an OCR job for the worker; its page belongs to who uploaded it.
    Row(
        "notice_import_scan",
        "post",
        lambda w: "/notices/import/",
        office_only(302),
        lambda w: {"file": upload("anh-chup.png", PNG_BYTES, "image/png")},
    ),
    Row("notice_import_ocr_page", "get", lambda w: f"/notices/import/ocr/{w.ocr_job.pk}/", office_only(200)),
    # --- Meetings: everyone signed in reads the list; office staff create and edit ---------------
    Row("meeting_list", "get", lambda w: "/meetings/", everyone_signed_in()),
    Row("meeting_create_page", "get", lambda w: "/meetings/new/", office_only(200)),
    Row("meeting_create", "post", lambda w: "/meetings/new/", office_only(302), _meeting_post),
    Row("meeting_edit_page", "get", lambda w: f"/meetings/{w.meeting.pk}/edit/", office_only(200)),
    Row("meeting_edit", "post", lambda w: f"/meetings/{w.meeting.pk}/edit/", office_only(302), _meeting_post),
    # --- The agency directory and the picker's search: reference data ----------------------------
    Row("agency_list", "get", lambda w: "/agencies/", everyone_signed_in()),
    Row("agency_search", "get", lambda w: "/agencies/search/?q=y+te", everyone_signed_in()),
    # The head's sign-off of completions is the office's to switch, per agency.
    Row(
        "agency_head_approval",
        "post",
        lambda w: f"/agencies/{w.lead.pk}/head-approval/",
        office_only(302),
        lambda w: {"required": "1"},
    ),
    # --- Lists, dashboard, exports: everyone, each over the tasks they may see -------------------
    Row("task_list", "get", lambda w: "/tasks/", everyone_signed_in()),
    Row("task_export", "get", lambda w: "/tasks/export.xlsx", everyone_signed_in()),
    Row("dashboard", "get", lambda w: "/dashboard/", everyone_signed_in()),
    Row("dashboard_all_leaders", "get", lambda w: "/dashboard/?leader=", everyone_signed_in()),
    # "Chỉ đạo của tôi": a leader's own directives; nobody else has any.
    Row("my_directives", "get", lambda w: "/my-directives/", codes(302, 403, 403, 403, 403, 403, 200)),
    Row("dashboard_report", "get", lambda w: "/dashboard/report/", everyone_signed_in()),
    Row("agencies_export", "get", lambda w: "/dashboard/agencies.xlsx", everyone_signed_in()),
    # The chasing letter (issue 15): office staff only. GET shows it, POST makes the .docx and writes
    # the history. On 27/06/2021 Sở Y tế's task is due soon and no task is overdue yet, so the letter
    # to all agencies with overdue tasks has nothing to say (400, nothing written).
    Row("chasing_letter_page", "get", lambda w: f"/dashboard/letters/{w.lead.pk}/", office_only(200)),
    Row("chasing_letter", "post", lambda w: f"/dashboard/letters/{w.lead.pk}/", office_only(200)),
    Row("chasing_letter_all_page", "get", lambda w: "/dashboard/letters/", office_only(200)),
    Row("chasing_letter_all", "post", lambda w: "/dashboard/letters/", office_only(400)),
    # --- Calendar feeds: an agency's people and office staff issue or renew its feed -------------
    Row("calendar_list", "get", lambda w: "/calendar/", everyone_signed_in()),
    Row(
        "calendar_renew",
        "post",
        lambda w: f"/calendar/{w.lead.pk}/issue/",
        codes(302, 302, 403, 403, 302, 302, 403),
        lambda w: {"renew": "1"},
    ),
    # The token in the URL is the credential: valid opens for anyone, wrong is a 404 for anyone.
    Row("calendar_feed", "get", lambda w: f"/calendar/{w.token.token}.ics", codes(*[200] * 7), public=True),
    Row("calendar_feed_wrong_token", "get", lambda w: "/calendar/not-a-token.ics", codes(*[404] * 7), public=True),
    # --- Reminders: the log per agency; office staff resend and set the channels ----------------
    Row("reminder_list", "get", lambda w: "/reminders/", everyone_signed_in()),
    Row("reminder_skipped", "get", lambda w: "/reminders/?tab=skipped", everyone_signed_in()),
    Row("reminder_detail", "get", lambda w: f"/reminders/{w.digest.pk}/", codes(302, 200, 404, 404, 200, 200, 200)),
    Row(
        "reminder_resend",
        "post",
        lambda w: f"/reminders/{w.digest.pk}/resend/",
        codes(302, 403, 404, 404, 403, 302, 403),
    ),
    Row("reminder_channels", "get", lambda w: "/reminders/channels/", office_only(200)),
    Row("reminder_channel_edit_page", "get", lambda w: f"/reminders/channels/{w.lead.pk}/", office_only(200)),
    Row(
        "reminder_channel_edit",
        "post",
        lambda w: f"/reminders/channels/{w.lead.pk}/",
        office_only(302),
        lambda w: {"email_enabled": "on", "webhook_url": ""},
    ),
    # --- API keys (issue 16): office staff issue and revoke them ---------------------------------
    Row("api_keys", "get", lambda w: "/api-keys/", office_only(200)),
    # The new key is shown in the answer itself (200), never through a redirect.
    Row(
        "api_key_create",
        "post",
        lambda w: "/api-keys/",
        office_only(200),
        lambda w: {"name": "Hệ thống quản lý văn bản", "user": str(w.people["lead_officer"].pk)},
    ),
    Row("api_key_revoke", "post", lambda w: f"/api-keys/{w.api_key.pk}/revoke/", office_only(302)),
    # --- Working days (issue 15): office staff declare days off and days worked ----------------------
    Row("working_days", "get", lambda w: "/working-days/?year=2026", office_only(200)),
    Row(
        "working_day_add",
        "post",
        lambda w: "/working-days/",
        office_only(302),
        lambda w: {"day": "07/03/2026", "kind": "worked", "note": "Làm bù"},
    ),
    Row("working_day_delete", "post", lambda w: f"/working-days/{w.declared_day.pk}/delete/", office_only(302)),
    # --- Accounts: office staff manage them; nobody else sees them ---------------------------------
    Row("account_list", "get", lambda w: "/accounts/users/", office_only(200)),
    Row("account_create_page", "get", lambda w: "/accounts/users/new/", office_only(200)),
    Row("account_create", "post", lambda w: "/accounts/users/new/", office_only(302), lambda w: _account_post(w)),
    Row("account_edit_page", "get", lambda w: f"/accounts/users/{w.people['lead_officer'].pk}/", office_only(200)),
    Row(
        "account_edit",
        "post",
        lambda w: f"/accounts/users/{w.people['lead_officer'].pk}/",
        office_only(302),
        lambda w: _account_post(w, username=w.people["lead_officer"].username, role="head"),
    ),
    Row(
        "account_password",
        "post",
        lambda w: f"/accounts/users/{w.people['lead_officer'].pk}/password/",
        office_only(302),
        lambda w: {"new_password1": "Tam-thoi-2026!", "new_password2": "Tam-thoi-2026!"},
    ),
]


def _account_post(w, username="cv-moi", role="officer"):
    return {"username": username, "last_name": "Mới", "role": role, "agency": w.lead.pk, "is_active": "on"}


@pytest.fixture
def world(
    health_dept,
    ict_dept,
    unrelated_dept,
    health_dept_officer,
    ict_dept_officer,
    unrelated_officer,
    health_dept_head,
    office_clerk,
    leader,
):
    """A published notice giving Sở Y tế a task (Sở TT&TT coordinating), a published notice giving
    the unrelated agency one, a draft for Sở Y tế, a failed digest and a calendar feed of Sở Y tế."""
    meeting = MeetingFactory()
    notice = NoticeFactory(meeting=meeting, number="11/TB-UBND", status="published", published_at=PUBLISHED_AT)
    task = TaskFactory(
        conclusion=ConclusionFactory(notice=notice), lead=health_dept, coordinating=[ict_dept], action="Truy vết F1"
    )
    other_notice = NoticeFactory(number="12/TB-UBND", status="published", published_at=PUBLISHED_AT)
    other_task = TaskFactory(
        conclusion=ConclusionFactory(notice=other_notice), lead=unrelated_dept, action="Rà soát văn bản pháp luật"
    )
    draft = NoticeFactory(number="77/TB-UBND", status="draft")
    TaskFactory(conclusion=ConclusionFactory(notice=draft), lead=health_dept, published_at=None)
    digest = Digest.objects.create(
        recipient_key=f"agency:{health_dept.pk}",
        agency=health_dept,
        kind=Digest.Kind.AGENCY,
        day=dt.date(2021, 6, 25),
        status=Digest.Status.FAILED,
        last_error="webhook: HTTP 500",
    )
    return SimpleNamespace(
        lead=health_dept,
        meeting=meeting,
        notice=notice,
        task=task,
        other_notice=other_notice,
        other_task=other_task,
        draft=draft,
        digest=digest,
        token=CalendarToken.objects.create(agency=health_dept),
        ocr_job=OcrJob.objects.create(created_by=office_clerk, file_name="scan.pdf", kind="pdf", pages_total=2),
        api_key=api_key_create(user=health_dept_officer, name="Cổng báo cáo", actor=office_clerk)[0],
        other_agency=AgencyFactory(name="Sở Kế hoạch và Đầu tư"),
        declared_day=DeclaredDay.objects.create(day=dt.date(2026, 10, 16), kind=DeclaredDay.Kind.DAY_OFF),
        people=the_people(
            health_dept_officer, ict_dept_officer, unrelated_officer, health_dept_head, office_clerk, leader
        ),
    )


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_permission_matrix_pages(client, world, row, person):
    check_row(client, world, row, person, NOW)


# --- Lists show only what the person may see -------------------------------------------------------

# What each person may find on a list: the task and notice of Sở Y tế (with Sở TT&TT coordinating),
# those of the unrelated agency, and the draft (its number: drafts are the office's own).
MAY_SEE = {
    "lead_officer": {"task", "notice"},
    "coordinating_officer": {"task", "notice"},
    "agency_head": {"task", "notice"},
    "unrelated_officer": {"other_task", "other_notice"},
    "office": {"task", "notice", "other_task", "other_notice", "draft"},
    "leader": {"task", "notice", "other_task", "other_notice", "draft"},
}


def _markers(w) -> dict[str, str]:
    return {
        "task": w.task.action,
        "other_task": w.other_task.action,
        "notice": w.notice.number,
        "other_notice": w.other_notice.number,
        "draft": w.draft.number,
        # The calendar list shows the feed's private URL.
        "token": w.token.token,
    }


# Each list, and the markers it must show to those who may see them (it must hide the others from
# everyone else). The notice menus of the task list and the dashboard count as showing notices.
LISTS = [
    ("inbox", "/", {"task"}),
    ("notice_list", "/notices/", {"notice", "other_notice", "draft"}),
    ("task_list", "/tasks/", {"task", "other_task", "notice", "other_notice"}),
    ("task_export", "/tasks/export.xlsx", {"task", "other_task"}),
    ("dashboard", "/dashboard/", {"notice", "other_notice", "draft"}),
    ("dashboard_report", "/dashboard/report/", set()),
    ("reminder_list", "/reminders/", set()),
    ("reminder_skipped", "/reminders/?tab=skipped", set()),
    ("calendar_list", "/calendar/", set()),
]


@pytest.mark.parametrize("person", [p for p in PEOPLE if p != "anonymous"])
@pytest.mark.parametrize(("name", "url", "shown"), LISTS, ids=[name for name, _, _ in LISTS])
def test_lists_show_only_what_the_person_may_see(client, world, name, url, shown, person):
    client.force_login(world.people[person])
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    if response.status_code == 302:  # office staff and leaders land elsewhere than the inbox
        return
    text = page_text(response)
    may_see = MAY_SEE[person] | ({"token"} if person in {"lead_officer", "agency_head", "office"} else set())
    for key, marker in _markers(world).items():
        if key not in may_see:
            assert marker not in text, f"{name} shows {key} to {person}"
        elif key in shown:
            assert marker in text, f"{name} hides {key} from {person}"


def test_the_reminder_log_hides_other_agencies_digests(client, world, unrelated_officer):
    client.force_login(unrelated_officer)
    assert world.digest not in client.get("/reminders/").context["page"].object_list


@pytest.mark.parametrize("person", ["lead_officer", "unrelated_officer"])
def test_a_notice_id_typed_into_the_filters_is_not_named_to_who_may_not_see_it(client, world, person):
    client.force_login(world.people[person])
    for url in ("/tasks/", "/dashboard/"):
        assert world.draft.number not in client.get(url, {"notice": world.draft.pk}).content.decode()
