"""The machinery of the permission matrix: the people, a row of the table, the snapshot
of everything a write could change, and the check run for every row × person.

Codes: 200 page, 302 done (or, for anonymous, sent to the login page), 403 a forbidden action
(on something the person may see, or a page of a role they do not have), 404 something the
person may not see (a task, notice, digest, file, notification), answered as if it did not exist.
"""

import io
from dataclasses import dataclass, field

import openpyxl
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from agencies.models import Agency, Membership
from directives.models import (
    ApiKey,
    Assignment,
    Attachment,
    CalendarToken,
    DeclaredDay,
    Digest,
    DueDateChange,
    ExtensionRequest,
    Notification,
    OcrJob,
    ProgressReport,
    ReminderChannel,
    Task,
    TaskAssignment,
    TaskCoordination,
    TaskEvent,
)
from meetings.models import Conclusion, ConclusionNotice, Meeting

PEOPLE = ["anonymous", "lead_officer", "coordinating_officer", "unrelated_officer", "agency_head", "office", "leader"]


def codes(anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader):
    return dict(
        zip(
            PEOPLE,
            (anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader),
            strict=True,
        )
    )


def everyone_signed_in(code=200):
    return codes(302, code, code, code, code, code, code)


def office_only(code):
    """A page or action of office staff: everyone else is refused before anything is looked up."""
    return codes(302, 403, 403, 403, 403, code, 403)


# The people of assignment inside an agency and of the head's sign-off: besides the usual ones, an
# officer of the lead agency the head assigned the task to (`lead_officer` is one not assigned),
# the head of the coordinating agency, and the head of an agency with no part in the task.
HANDLING_PEOPLE = [*PEOPLE, "assigned_officer", "coordinating_head", "unrelated_head"]


def handling_codes(
    *,
    lead_officer,
    assigned_officer,
    coordinating_officer,
    unrelated_officer,
    agency_head,
    coordinating_head,
    unrelated_head,
    office,
    leader,
    anonymous=302,
):
    return {
        **codes(anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader),
        "assigned_officer": assigned_officer,
        "coordinating_head": coordinating_head,
        "unrelated_head": unrelated_head,
    }


@dataclass
class Row:
    name: str
    method: str
    url: object  # world -> str
    expected: dict
    data: object = field(default=lambda w: {})  # world -> dict
    # A permitted write must visibly change something (so a 302 is never a silent no-op).
    changes: bool = True
    # Open without signing in (the calendar feed: its token is the credential).
    public: bool = False


def the_people(health_dept_officer, ict_dept_officer, unrelated_officer, health_dept_head, office_clerk, leader):
    return {
        "anonymous": AnonymousUser(),
        "lead_officer": health_dept_officer,
        "coordinating_officer": ict_dept_officer,
        "unrelated_officer": unrelated_officer,
        "agency_head": health_dept_head,
        "office": office_clerk,
        "leader": leader,
    }


def fingerprint():
    """Everything a write could change, as plain values."""
    return (
        list(Meeting.objects.order_by("pk").values()),
        list(Meeting.attending_agencies.through.objects.order_by("pk").values()),
        list(ConclusionNotice.objects.order_by("pk").values()),
        list(Conclusion.objects.order_by("pk").values()),
        list(Task.objects.order_by("pk").values()),
        list(Assignment.objects.order_by("pk").values()),
        list(TaskCoordination.objects.order_by("pk").values()),
        list(TaskAssignment.objects.order_by("pk").values()),
        list(ProgressReport.objects.order_by("pk").values()),
        list(Attachment.objects.order_by("pk").values()),
        list(ExtensionRequest.objects.order_by("pk").values()),
        list(DueDateChange.objects.order_by("pk").values()),
        TaskEvent.objects.count(),
        list(Notification.objects.order_by("pk").values("pk", "read_at")),
        list(Digest.objects.order_by("pk").values()),
        list(ReminderChannel.objects.order_by("pk").values()),
        list(CalendarToken.objects.order_by("pk").values()),
        list(DeclaredDay.objects.order_by("pk").values()),
        list(OcrJob.objects.order_by("pk").values("pk", "status", "file_name", "created_by")),
        # Keys record their last use on every authenticated request: that is not a write.
        list(ApiKey.objects.order_by("pk").values("pk", "user_id", "name", "key_hash", "revoked_at")),
        list(get_user_model().objects.order_by("pk").values()),
        list(get_user_model().groups.through.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(Agency.objects.order_by("pk").values("pk", "requires_head_approval")),
    )


def page_text(response) -> str:
    """What a person reads in the answer: the HTML, or every cell of a workbook."""
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
    return response.content.decode()


def check_row(client, world, row: Row, person: str, now):
    """Send the row's request as the person; assert the code, and that a refused write changed nothing."""
    user = world.people[person]
    if user.is_authenticated:
        client.force_login(user)
    before = fingerprint()
    with time_machine.travel(now, tick=False):
        call = getattr(client, row.method)
        response = call(row.url(world), row.data(world)) if row.method == "post" else call(row.url(world))
    expected = row.expected[person]
    assert response.status_code == expected, (row.name, person, response.status_code)
    if person == "anonymous" and not row.public:
        assert response["Location"].startswith("/accounts/login/")
    refused = expected in (403, 404) or (person == "anonymous" and not row.public)
    if row.method == "post" and refused:
        assert fingerprint() == before, f"{row.name} by {person} changed something"
    if row.method == "post" and expected == 302 and person != "anonymous":
        assert "/accounts/login/" not in response["Location"]
        assert not row.changes or fingerprint() != before, f"{row.name} by {person} changed nothing"
    return response


# --- The API (issue 16): the same people, by API key or by the pages' session ---------------------

API_AUTHS = ["key", "session"]


def api_codes(lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader, anonymous=401):
    """An API row's codes: anonymous is 401 (a JSON answer, never the login page)."""
    return codes(anonymous, lead_officer, coordinating_officer, unrelated_officer, agency_head, office, leader)


def api_everyone(code=200):
    return api_codes(code, code, code, code, code, code)


@dataclass
class ApiRow:
    name: str
    method: str
    url: object  # world -> str
    expected: dict
    data: object = field(default=lambda w: {})  # world -> dict
    # "multipart" for rows that send files, as systems do.
    format: str = "json"
    changes: bool = True


def check_api_row(world, row: ApiRow, person: str, auth: str, now):
    """Send the row's request as the person, by their API key or their session; assert the code,
    that a refused write changed nothing and that an accepted one changed something."""
    from rest_framework.test import APIClient

    client = APIClient()
    user = world.people[person]
    if user.is_authenticated and auth == "key":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world.keys[person]}")
    elif user.is_authenticated:
        client.force_login(user)
    before = fingerprint()
    with time_machine.travel(now, tick=False):
        if row.method == "post":
            response = client.post(row.url(world), row.data(world), format=row.format)
        else:
            response = client.get(row.url(world))
    expected = row.expected[person]
    assert response.status_code == expected, (row.name, person, auth, response.status_code, response.content[:300])
    if expected >= 400:
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"], (row.name, person, auth)
    if row.method == "post" and expected >= 400:
        assert fingerprint() == before, f"{row.name} by {person} ({auth}) changed something"
    if row.method == "post" and expected < 300 and row.changes:
        assert fingerprint() != before, f"{row.name} by {person} ({auth}) changed nothing"
    return response
