"""Directive documents of every kind: a letter, a directive and a plan are entered (by the form
and by the import) without a meeting, published, and show under their kind on the document list,
the dashboard's and the task list's filters and the export; a conclusion notice still needs its
meeting."""

import datetime as dt
import html
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from directives.models import Task
from directives.notices.services import ConclusionInput, TaskInput, notice_draft_save, notice_publish
from meetings.models import CONCLUSION_NOTICE, ConclusionNotice, DocumentKind, Meeting
from tests.directives.notices.notice_entry_data import entry_post, form_values
from tests.factories import leader_user

pytestmark = pytest.mark.django_db

KINDS = ["Công văn", "Chỉ thị", "Kế hoạch"]


def kind(name: str) -> DocumentKind:
    return DocumentKind.objects.get(name=name)


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _due() -> str:
    return f"{timezone.localdate() + dt.timedelta(days=30):%d/%m/%Y}"


def _post_without_meeting(kind_name: str, lead, **notice) -> dict:
    data = entry_post(
        notice={
            "kind": kind(kind_name).pk,
            "title": f"{kind_name} về phòng, chống thiên tai",
            "issued_on": f"{timezone.localdate():%d/%m/%Y}",
            **notice,
        },
        meeting={"title": "", "held_on": "", "chair_name": ""},
        conclusions=[{"label": "1.", "text": "Nhiệm vụ", "tasks": [{"lead": f"a:{lead.pk}", "due_date": _due()}]}],
    )
    data["notice-meeting_mode"] = ["none"]
    return data


def _enter_and_publish(client, kind_name: str, lead, **notice) -> ConclusionNotice:
    response = client.post(reverse("notice_create"), _post_without_meeting(kind_name, lead, **notice))
    assert response.status_code == 302, _page(response)
    document = ConclusionNotice.objects.get(kind__name=kind_name)
    client.post(reverse("notice_publish", args=[document.pk]), {"confirmed": "1"})
    document.refresh_from_db()
    assert document.status == ConclusionNotice.Status.PUBLISHED
    return document


def test_the_office_starts_with_the_seven_kinds_and_only_the_conclusion_notice_needs_a_meeting():
    assert list(DocumentKind.objects.values_list("name", "needs_meeting")) == [
        ("Thông báo kết luận", True),
        ("Thông báo ý kiến chỉ đạo", False),
        ("Công văn", False),
        ("Chỉ thị", False),
        ("Kế hoạch", False),
        ("Quyết định", False),
        ("Ý kiến chỉ đạo trực tiếp", False),
    ]


@pytest.mark.parametrize("kind_name", KINDS)
def test_a_document_without_a_meeting_is_entered_published_and_listed_under_its_kind(
    client, office_clerk, health_dept, kind_name
):
    client.force_login(office_clerk)
    meetings = Meeting.objects.count()
    document = _enter_and_publish(client, kind_name, health_dept)
    assert document.meeting is None and Meeting.objects.count() == meetings
    assert Task.objects.filter(conclusion__notice=document, published_at__isnull=False).count() == 1
    assert document.issuer == "UBND tỉnh"

    listed = client.get(reverse("notice_list"), {"kind": kind(kind_name).pk})
    assert list(listed.context["page"].object_list) == [document]
    assert f'data-label="Loại văn bản" data-kind>{kind_name}<' in _page(listed)
    other = client.get(reverse("notice_list"), {"kind": kind("Thông báo kết luận").pk})
    assert document not in other.context["page"].object_list
    detail = _page(client.get(reverse("notice_detail", args=[document.pk])))
    assert f"<h1>{kind_name} " in detail and "Không gắn với cuộc họp" in detail


def test_documents_show_under_their_kind_on_the_dashboard_the_task_list_and_the_export(
    client, office_clerk, leader, health_dept, ict_dept
):
    client.force_login(office_clerk)
    letter = _enter_and_publish(client, "Công văn", health_dept)
    plan = _enter_and_publish(client, "Kế hoạch", ict_dept)
    client.force_login(leader)

    dashboard = client.get(reverse("dashboard"), {"doc_kind": kind("Công văn").pk})
    assert dashboard.context["totals"].assigned == 1
    assert [label for _, label, selected in dashboard.context["doc_kinds"] if selected] == ["Công văn"]
    assert client.get(reverse("dashboard")).context["totals"].assigned == 2

    listed = client.get(reverse("task_list"), {"doc_kind": kind("Kế hoạch").pk})
    assert [t.conclusion.notice for t in listed.context["page"].object_list] == [plan]
    assert '<span class="doc-kind">Kế hoạch</span>' in _page(listed)

    export = client.get(reverse("task_export"), {"doc_kind": kind("Công văn").pk})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert [row[header.index("Loại văn bản")] for row in rows[1:]] == ["Công văn"]
    assert [row[header.index("Văn bản chỉ đạo")] for row in rows[1:]] == [letter.number or letter.reference]

    report = _page(client.get(reverse("dashboard_report"), {"doc_kind": kind("Kế hoạch").pk}))
    assert "Loại văn bản: Kế hoạch" in report


def test_a_conclusion_notice_without_a_meeting_is_refused_and_nothing_saved(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    response = client.post(reverse("notice_create"), _post_without_meeting("Thông báo kết luận", health_dept))
    assert response.status_code == 200
    assert "Thông báo kết luận phải gắn với một cuộc họp" in _page(response)
    assert not ConclusionNotice.objects.exists()


def test_the_service_refuses_a_conclusion_notice_without_a_meeting_too(office_clerk, health_dept):
    fields = {"kind": kind("Thông báo kết luận"), "title": "Kết luận"}
    conclusions = [ConclusionInput(text="x", tasks=[TaskInput(leads=[health_dept], action="a", deadline_kind="none")])]
    with pytest.raises(ValidationError) as caught:
        notice_draft_save(meeting=None, fields=fields, conclusions=conclusions, actor=office_clerk)
    assert "meeting" in caught.value.message_dict
    assert not ConclusionNotice.objects.exists()


def test_a_letter_may_still_name_a_meeting(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    data = _post_without_meeting("Công văn", health_dept)
    data["notice-meeting_mode"] = ["new"]
    data["meeting-title"] = ["Buổi làm việc với Sở Y tế"]
    data["meeting-held_on"] = ["01/06/2021"]
    data["meeting-chair_name"] = ["Mai Sơn"]
    assert client.post(reverse("notice_create"), data).status_code == 302
    assert ConclusionNotice.objects.get().meeting.title == "Buổi làm việc với Sở Y tế"


def test_a_page_without_the_kind_field_enters_a_conclusion_notice_as_before(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    data = entry_post(conclusions=[{"label": "1.", "text": "x", "tasks": [{"lead": f"a:{health_dept.pk}"}]}])
    assert "notice-kind" not in data
    assert client.post(reverse("notice_create"), data).status_code == 302
    assert ConclusionNotice.objects.get().kind.code == CONCLUSION_NOTICE


def test_a_forged_kind_is_refused_with_a_message(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    data = _post_without_meeting("Công văn", health_dept)
    data["notice-kind"] = ["999999"]
    response = client.post(reverse("notice_create"), data)
    assert response.status_code == 200 and "Chọn loại văn bản." in _page(response)
    assert not ConclusionNotice.objects.exists()


def test_the_directing_leader_is_the_leader_whose_name_is_signed(client, office_clerk, health_dept):
    mai_son = leader_user(username="maison", first_name="Mai", last_name="Sơn")
    client.force_login(office_clerk)
    document = _enter_and_publish(client, "Chỉ thị", health_dept, signer_name="Mai Sơn")
    assert document.leader == mai_son and document.leader_name == "Mai Sơn"


def test_a_conclusion_notice_is_directed_by_its_meeting_chair(client, office_clerk, health_dept):
    mai_son = leader_user(username="maison", first_name="Mai", last_name="Sơn")
    client.force_login(office_clerk)
    data = entry_post(
        meeting={"chair_name": "Mai Sơn"},
        conclusions=[{"label": "1.", "text": "x", "tasks": [{"lead": f"a:{health_dept.pk}"}]}],
    )
    assert client.post(reverse("notice_create"), data).status_code == 302
    notice = ConclusionNotice.objects.get()
    assert (notice.leader, notice.leader_name) == (mai_son, "Mai Sơn")


def test_a_non_leader_cannot_be_made_the_directing_leader(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    data = _post_without_meeting("Công văn", health_dept)
    data["notice-leader"] = [str(office_clerk.pk)]
    response = client.post(reverse("notice_create"), data)
    assert response.status_code == 200
    assert "không phải lãnh đạo UBND tỉnh" in _page(response)
    assert not ConclusionNotice.objects.exists()


def test_editing_a_letter_keeps_it_without_a_meeting(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    client.post(reverse("notice_create"), _post_without_meeting("Công văn", health_dept))
    letter = ConclusionNotice.objects.get()
    page = _page(client.get(reverse("notice_edit", args=[letter.pk])))
    values = form_values(page)
    assert values["notice-meeting_mode"] == ["none"]
    assert client.post(reverse("notice_edit", args=[letter.pk]), values).status_code == 302
    letter.refresh_from_db()
    assert letter.meeting is None and letter.kind.name == "Công văn"


# --- The import ---------------------------------------------------------------------------------------

LETTER = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 2150 /UBND-KTN
V/v thu gom rác thải nhựa tại các khu dân cư

Bắc Giang, ngày 03/ 9/2025

Kính gửi: Sở Y tế.

Chủ tịch UBND tỉnh có ý kiến như sau:

1. Giao Sở Y tế chủ trì tổ chức phân loại, thu gom rác thải y tế tại các cơ sở khám bệnh. \
Yêu cầu gửi báo cáo kết quả về UBND tỉnh trước ngày 15/10/2025.

Nơi nhận:
- Như trên;
- Lưu: VT, KTN.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Mai Sơn
"""

DIRECTIVE = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 05/CT-UBND
Bắc Giang, ngày 10 tháng 3 năm 2025

CHỈ THỊ
Về tăng cường công tác phòng cháy, chữa cháy

Để chủ động phòng ngừa cháy nổ, Chủ tịch UBND tỉnh chỉ thị:

1. Giao Sở Y tế kiểm tra an toàn phòng cháy tại các bệnh viện, hoàn thành trước ngày 30/6/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH

Lê Ánh Dương
"""

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 45/KH-UBND
Bắc Giang, ngày 14 tháng 5 năm 2025

KẾ HOẠCH
Phòng, chống dịch bệnh năm 2025

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Xây dựng kế hoạch tiêm chủng | Sở Y tế | Sở Thông tin và Truyền thông | 31/12/2025 |
| 2 | Tuyên truyền phòng dịch | Sở Thông tin và Truyền thông | | Thường xuyên |

Nơi nhận:
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Mai Sơn
"""


@pytest.mark.parametrize(
    ("text", "kind_name", "tasks"), [(LETTER, "Công văn", 1), (DIRECTIVE, "Chỉ thị", 1), (PLAN, "Kế hoạch", 2)]
)
def test_an_imported_document_is_saved_and_published_without_inventing_a_meeting(
    client, office_clerk, health_dept, ict_dept, text, kind_name, tasks
):
    mai_son = leader_user(username="maison", first_name="Mai", last_name="Sơn")
    client.force_login(office_clerk)
    review = client.post("/notices/import/", {"text": text})
    assert review.status_code == 200
    values = form_values(_page(review))
    assert values["notice-kind"] == [str(kind(kind_name).pk)]
    assert values["notice-meeting_mode"] == ["none"]
    saved = client.post("/notices/import/save/", values)
    assert saved.status_code == 302, _page(saved)
    assert not Meeting.objects.exists()
    document = ConclusionNotice.objects.get()
    assert document.kind.name == kind_name and document.meeting is None
    assert document.issuer == "UBND tỉnh"
    if text is not DIRECTIVE:
        assert document.leader == mai_son  # the signer, a leader's account
    else:
        assert (document.leader, document.leader_name) == (None, "Lê Ánh Dương")  # no account bears the name
    notice_publish(notice=document, actor=office_clerk, warnings_confirmed=True)  # its due dates are past
    assert Task.objects.filter(conclusion__notice=document, published_at__isnull=False).count() == tasks
    listed = client.get(reverse("notice_list"), {"kind": kind(kind_name).pk})
    assert list(listed.context["page"].object_list) == [document]


def test_an_imported_letter_has_its_subject_as_its_title(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    values = form_values(_page(client.post("/notices/import/", {"text": LETTER})))
    assert values["notice-title"] == ["V/v thu gom rác thải nhựa tại các khu dân cư"]
    assert values["notice-number"] == ["2150/UBND-KTN"]


def test_an_imported_conclusion_notice_still_proposes_its_meeting(client, office_clerk, health_dept, ict_dept):
    from tests.directives.notices.importing.test_import_views import NOTICE

    client.force_login(office_clerk)
    values = form_values(_page(client.post("/notices/import/", {"text": NOTICE})))
    assert values["notice-kind"] == [str(kind("Thông báo kết luận").pk)]
    assert values["notice-meeting_mode"] == ["new"]


def test_the_api_saves_a_letter_without_a_meeting_and_names_its_kind(office_clerk, health_dept):
    from tests.directives.api.conftest import key_client

    api = key_client(office_clerk)
    response = api.post("/api/v1/documents/", {"text": LETTER}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["kind_code"], body["meeting"], body["issuer"]) == (
        "Công văn",
        "cong_van",
        None,
        "UBND tỉnh",
    )
    assert body["leader"] is None and body["leader_name"] == "Mai Sơn"
    assert not Meeting.objects.exists()
    listed = api.get("/api/v1/documents/").json()
    assert [(d["id"], d["kind"]) for d in listed["results"]] == [(body["id"], "Công văn")]


def test_the_office_adds_a_kind_in_the_admin_and_it_is_offered_at_once(client, health_dept):
    from agencies.roles import ensure_role_groups
    from tests.factories import office_user

    ensure_role_groups()
    clerk = office_user(username="vanphong", is_staff=True)
    client.force_login(clerk)
    response = client.post(
        "/admin/meetings/documentkind/add/",
        {
            "name": "Thông báo ý kiến kết luận của Thường trực",
            "code": "thuong_truc",
            "needs_meeting": "on",
            "order": "80",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = DocumentKind.objects.get(code="thuong_truc")
    assert added.needs_meeting
    page = _page(client.get(reverse("notice_create")))
    assert f'<option value="{added.pk}" data-needs-meeting="1">{added.name}</option>' in page


def test_a_kind_in_use_is_never_deleted(client, office_clerk, health_dept):
    from tests.factories import UserFactory

    client.force_login(office_clerk)
    _enter_and_publish(client, "Công văn", health_dept)
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    client.post(f"/admin/meetings/documentkind/{kind('Công văn').pk}/delete/", {"post": "yes"})
    assert DocumentKind.objects.filter(name="Công văn").exists()


def test_a_letter_left_on_new_meeting_with_nothing_typed_there_has_no_meeting(client, office_clerk, health_dept):
    # A browser without JavaScript keeps the page's default "Nhập cuộc họp mới".
    client.force_login(office_clerk)
    data = _post_without_meeting("Công văn", health_dept)
    data["notice-meeting_mode"] = ["new"]
    assert client.post(reverse("notice_create"), data).status_code == 302
    assert ConclusionNotice.objects.get().meeting is None and not Meeting.objects.exists()


def test_a_conclusion_notice_left_on_new_meeting_with_nothing_typed_is_asked_for_its_meeting(
    client, office_clerk, health_dept
):
    client.force_login(office_clerk)
    data = _post_without_meeting("Thông báo kết luận", health_dept)
    data["notice-meeting_mode"] = ["new"]
    response = client.post(reverse("notice_create"), data)
    assert response.status_code == 200 and "Nhập tên cuộc họp." in _page(response)
    assert not ConclusionNotice.objects.exists()


@pytest.mark.parametrize("forged", ["99999999999999999999999", "-1", "1e309", "a\x00b"])
def test_a_forged_kind_with_a_blank_new_meeting_is_a_message(client, office_clerk, health_dept, forged):
    client.force_login(office_clerk)
    data = _post_without_meeting("Công văn", health_dept)
    data["notice-meeting_mode"] = ["new"]
    data["notice-kind"] = [forged]
    response = client.post(reverse("notice_create"), data)
    assert response.status_code == 200 and "Chọn loại văn bản." in _page(response)
    assert not ConclusionNotice.objects.exists()
