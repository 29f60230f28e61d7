"""Every API endpoint × every kind of person, by API key and by the pages' session: the expected
answer, proof that a refused write changed nothing, and that lists hold only what the person may
see. The codes are the pages' (tests/directives/test_permission_matrix.py): 404 for what the
person may not see, 403 for an action their role does not allow, 401 instead of the login page.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from rest_framework.test import APIClient

from directives.tasks.workflow import extension_request, task_report_progress, task_submit_completion
from tests.directives.api.conftest import key_for
from tests.factories import ConclusionFactory, MeetingFactory, NoticeFactory, TaskFactory
from tests.files import pdf_bytes, upload
from tests.matrix import API_AUTHS, PEOPLE, ApiRow, api_codes, api_everyone, check_api_row, codes, the_people

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
PUBLISHED_AT = dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC)
SEES_TASK = api_codes(200, 200, 404, 200, 200, 200)
OFFICE_AND_LEADERS = api_codes(404, 404, 404, 404, 200, 200)
PUBLIC = codes(*[200] * 7)

NOTICE_TEXT = (
    "Số: /TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
    "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban\n\n"
    "1. Giao Sở Y tế chủ trì hoàn thành kế hoạch khôi phục sản xuất trước ngày 30/6/2021.\n"
)


def _v1(path):
    return lambda w: f"/api/v1/{path.format(w=w)}"


ROWS = [
    # --- Documents ---------------------------------------------------------------------------------
    ApiRow("document_list", "get", _v1("documents/"), api_everyone()),
    ApiRow("document_detail", "get", _v1("documents/{w.notice.pk}/"), SEES_TASK),
    ApiRow("document_detail_draft", "get", _v1("documents/{w.draft.pk}/"), OFFICE_AND_LEADERS),
    ApiRow("document_detail_unknown", "get", _v1("documents/999999/"), api_everyone(404)),
    ApiRow(
        "document_create",
        "post",
        _v1("documents/"),
        api_codes(403, 403, 403, 403, 201, 403),
        lambda w: {"text": NOTICE_TEXT, "meeting": w.meeting.pk},
    ),
    # --- Tasks: reads -------------------------------------------------------------------------------
    ApiRow("task_list", "get", _v1("tasks/"), api_everyone()),
    ApiRow("task_detail", "get", _v1("tasks/{w.task.pk}/"), SEES_TASK),
    ApiRow("task_detail_unpublished", "get", _v1("tasks/{w.unpublished.pk}/"), OFFICE_AND_LEADERS),
    ApiRow("task_detail_unknown", "get", _v1("tasks/999999/"), api_everyone(404)),
    ApiRow("task_history", "get", _v1("tasks/{w.task.pk}/history/"), SEES_TASK),
    ApiRow("task_reports", "get", _v1("tasks/{w.task.pk}/reports/"), SEES_TASK),
    ApiRow("task_extensions", "get", _v1("tasks/{w.pending.pk}/extensions/"), SEES_TASK),
    ApiRow("attachment", "get", _v1("attachments/{w.attachment.pk}/"), SEES_TASK),
    # --- Tasks: the agencies' writes ----------------------------------------------------------------
    ApiRow(
        "report",
        "post",
        _v1("tasks/{w.task.pk}/reports/"),
        api_codes(201, 201, 404, 201, 403, 403),
        lambda w: {"text": "Đang triển khai", "percent": "50", "files": [upload("bc.pdf", pdf_bytes())]},
        format="multipart",
    ),
    ApiRow(
        "report_on_unpublished",
        "post",
        _v1("tasks/{w.unpublished.pk}/reports/"),
        api_codes(404, 404, 404, 404, 403, 403),
        lambda w: {"text": "Đang triển khai"},
    ),
    ApiRow(
        "completion",
        "post",
        _v1("tasks/{w.task.pk}/completion/"),
        api_codes(200, 403, 404, 200, 403, 403),
        lambda w: {"note": "Đã hoàn thành"},
    ),
    ApiRow(
        "extension_request",
        "post",
        _v1("tasks/{w.task.pk}/extensions/"),
        api_codes(201, 403, 404, 201, 403, 403),
        lambda w: {"requested_date": "2021-07-15", "reason": "Chờ số liệu"},
    ),
    # --- The office and leaders ---------------------------------------------------------------------
    ApiRow(
        "verify",
        "post",
        _v1("tasks/{w.awaiting.pk}/verify/"),
        api_codes(403, 403, 404, 403, 200, 403),
        lambda w: {"completed_on": "2021-06-26"},
    ),
    ApiRow(
        "return",
        "post",
        _v1("tasks/{w.awaiting.pk}/return/"),
        api_codes(403, 403, 404, 403, 200, 403),
        lambda w: {"reason": "Thiếu minh chứng"},
    ),
    ApiRow(
        "extension_decision",
        "post",
        _v1("extensions/{w.extension.pk}/decision/"),
        api_codes(403, 403, 404, 403, 403, 200),
        lambda w: {"decision": "approve"},
    ),
    ApiRow(
        "extension_decision_unknown",
        "post",
        _v1("extensions/999999/decision/"),
        api_everyone(404),
        lambda w: {"decision": "approve"},
    ),
    # --- Reference data and figures -----------------------------------------------------------------
    ApiRow("agencies", "get", _v1("agencies/"), api_everyone()),
    ApiRow("dashboard", "get", _v1("dashboard/"), api_everyone()),
    # --- The description of the API: public, it holds no data ---------------------------------------
    ApiRow("schema", "get", lambda w: "/api/schema/", PUBLIC),
    ApiRow("docs", "get", lambda w: "/api/docs/", PUBLIC),
    ApiRow("redoc", "get", lambda w: "/api/redoc/", PUBLIC),
]


@pytest.fixture
def world(
    health_dept,
    ict_dept,
    health_dept_officer,
    ict_dept_officer,
    unrelated_officer,
    health_dept_head,
    office_clerk,
    leader,
):
    """A published notice whose tasks Sở Y tế leads (Sở TT&TT coordinating): one in progress
    with a report and its attachment, one awaiting verification, one with a pending extension
    request; a draft notice's task; an API key for each person."""
    with time_machine.travel(NOW, tick=False):
        notice = NoticeFactory(status="published", published_at=PUBLISHED_AT)

        def published(**kwargs):
            return TaskFactory(
                conclusion=ConclusionFactory(notice=notice), lead=health_dept, coordinating=[ict_dept], **kwargs
            )

        task, awaiting, pending = published(), published(), published()
        task_submit_completion(task=awaiting, actor=health_dept_officer, note="Đã xong")
        report = task_report_progress(
            task=task, actor=health_dept_officer, text="Kèm kế hoạch", files=[upload("kh.pdf", pdf_bytes())]
        )
        extension = extension_request(
            task=pending, actor=health_dept_officer, requested_date=dt.date(2021, 7, 10), reason="Chờ số liệu"
        )
        draft = NoticeFactory(number="77/TB-UBND")
        unpublished = TaskFactory(conclusion=ConclusionFactory(notice=draft), lead=health_dept, published_at=None)
    people = the_people(
        health_dept_officer, ict_dept_officer, unrelated_officer, health_dept_head, office_clerk, leader
    )
    return SimpleNamespace(
        notice=notice,
        draft=draft,
        meeting=MeetingFactory(),
        task=task,
        awaiting=awaiting,
        pending=pending,
        extension=extension,
        unpublished=unpublished,
        attachment=report.attachments.get(),
        people=people,
        keys={name: key_for(user) for name, user in people.items() if user.is_authenticated},
    )


CASES = [("anonymous", "none")] + [(person, auth) for person in PEOPLE[1:] for auth in API_AUTHS]


@pytest.mark.parametrize(("person", "auth"), CASES, ids=[f"{p}-{a}" for p, a in CASES])
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_api_permission_matrix(world, row, person, auth):
    check_api_row(world, row, person, auth, NOW)


def test_every_api_operation_is_in_the_matrix(client):
    """A new endpoint without a row here fails: the schema's operations against the rows' URLs."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    world = SimpleNamespace(**{name: SimpleNamespace(pk="{id}") for name in _WORLD_OBJECTS})
    covered = set()
    for row in ROWS:
        covered.add((row.method, row.url(world).replace("999999", "{id}")))
    missing = {(m, p) for m, p in operations if (m, p) not in covered}
    assert not missing, f"API operations missing from the permission matrix: {sorted(missing)}"


_WORLD_OBJECTS = ("notice", "draft", "meeting", "task", "awaiting", "pending", "extension", "unpublished", "attachment")


# --- Lists hold only what the person may see --------------------------------------------------------


def _ids(client, url) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("person", PEOPLE[1:])
def test_api_lists_hold_only_what_the_person_may_see(world, person):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {world.keys[person]}")
    sees_all = person in ("office", "leader")
    tasks = {world.task.pk, world.awaiting.pk, world.pending.pk}
    with time_machine.travel(NOW, tick=False):
        task_ids = _ids(client, "/api/v1/tasks/")
        document_ids = _ids(client, "/api/v1/documents/")
    if person == "unrelated_officer":
        assert task_ids == set() and document_ids == set()
    elif sees_all:
        assert task_ids == tasks | {world.unpublished.pk}
        assert document_ids == {world.notice.pk, world.draft.pk}
    else:
        assert task_ids == tasks
        assert document_ids == {world.notice.pk}
