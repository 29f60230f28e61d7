"""The import pages: paste or upload → review beside the source → save a draft notice.

Nothing is written before the clerk saves; every bad input gets its Vietnamese message; only
office staff may import."""

import datetime as dt
import html
import io
import re

import docx
import pytest
from django.urls import reverse

from agencies.models import AgencyGroup
from directives.models import Task, TaskEvent
from directives.notices.importing.files import MAX_PASTE_BYTES
from meetings.models import Conclusion, ConclusionNotice, Meeting
from meetings.reader import read_notice
from tests.directives.notices.notice_entry_data import form_values
from tests.files import PNG_BYTES, make_pdf, scanned_pdf, upload

pytestmark = pytest.mark.django_db

IMPORT = "/notices/import/"
SAVE = "/notices/import/save/"

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 12/TB-UBND
Bắc Giang, ngày 24 tháng 6 năm 2021

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến về ứng dụng công nghệ thông tin

Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban trực tuyến về ứng dụng công nghệ thông tin. \
Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:

1. Về phần mềm truy vết: Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Y tế hoàn thành triển \
khai phần mềm quản lý và truy vết trước ngày 30/6/2021.

2. Về báo cáo dịch: Sở Y tế hằng ngày báo cáo UBND tỉnh tình hình dịch bệnh trên địa bàn.

3. Về dữ liệu: Giao Sở Thông tin Truyền thông rà soát cơ sở dữ liệu dân cư, hoàn thành trước ngày 15/7/2021.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Các sở, cơ quan;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

Lê Tuấn Phú
"""
UNKNOWN = "Sở Thông tin Truyền thông"  # "và" left out: not a known name, close to one


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (ConclusionNotice, Meeting, Conclusion, Task, TaskEvent)}


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _review(client, text=NOTICE):
    response = client.post(IMPORT, {"text": text})
    assert response.status_code == 200, _errors(response)
    return response


def _errors(response) -> list[str]:
    page = _page(response)
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', page) + re.findall(
        r'<div class="form-errors"[^>]*>(.*?)</div>', page, re.S
    )


def _replace_typed(data: dict, old: str, new: str) -> dict:
    """What a clerk does in a picker: replace a typed name by the agency picked from the list."""
    return {key: [new if value == old else value for value in values] for key, values in data.items()}


@pytest.fixture
def clerk(client, office_clerk, health_dept, ict_dept):
    client.force_login(office_clerk)
    return client


# --- Step 1 and the review --------------------------------------------------------------------------


def test_step_one_offers_paste_and_upload(clerk):
    page = _page(clerk.get(IMPORT))
    assert "Dán toàn văn thông báo" in page and 'type="file"' in page and "Đọc thông báo" in page


def test_review_shows_the_notice_fields_and_each_task(clerk, ict_dept, health_dept):
    page = _page(_review(clerk))
    assert "Kiểm tra thông báo đọc được" in page and "đề xuất 3 nhiệm vụ" in page
    assert 'value="12/TB-UBND"' in page and 'value="24/06/2021"' in page
    assert f'name="c-0-t-0-lead" value="a:{ict_dept.pk}" checked' in page
    assert f'name="c-0-t-0-coordinating" value="a:{health_dept.pk}" checked' in page
    assert 'value="30/06/2021"' in page and 'value="15/07/2021"' in page


def test_review_marks_each_task_sentence_at_its_span(clerk):
    page = _page(_review(clerk))
    draft = read_notice(NOTICE)
    for number, task in enumerate(draft.tasks, start=1):  # one task per conclusion in this notice
        start, end = task.span
        mark = re.search(rf'<mark class="source" data-start="{start}" data-end="{end}"[^>]*>(.*?)</mark>', page, re.S)
        assert mark is not None, task
        assert f"[Kết luận {number}, nhiệm vụ 1]" in mark.group(1) and draft.text[start:end] in mark.group(1)


def test_two_tasks_from_one_sentence_share_one_mark_naming_both():
    from directives.notices.importing.views import source_segments

    parts = source_segments("abcdefghij", [(2, 5, (1, 1)), (2, 5, (1, 2)), (6, 8, (2, 1))])
    assert [(p["text"], p.get("tasks")) for p in parts] == [
        ("ab", None),
        ("cde", "Kết luận 1, nhiệm vụ 1, 2"),
        ("f", None),
        ("gh", "Kết luận 2, nhiệm vụ 1"),
        ("ij", None),
    ]


def test_review_flags_an_unknown_agency_with_the_closest_names(clerk):
    page = _page(_review(clerk))
    flagged = re.search(r'<ul class="import-unresolved">(.*?)</ul>', page, re.S).group(1)
    assert f"“{UNKNOWN}”" in flagged and "gần nhất: Sở Thông tin và Truyền thông" in flagged
    assert 'href="#id_c-2-t-0-lead"' in flagged
    assert f'name="c-2-t-0-lead" value="{UNKNOWN}"' in page  # left typed for the clerk to fix


def test_review_shows_the_reader_warnings(clerk):
    page = _page(_review(clerk, NOTICE.replace("Số: 12/TB-UBND", "Số: /TB-UBND")))
    warnings = re.search(r'<ul class="import-warnings">(.*?)</ul>', page, re.S)
    assert warnings is not None and "Số văn bản còn để trống" in warnings.group(1)


def test_unknown_name_is_listed_once_not_again_among_the_warnings(clerk):
    page = _page(_review(clerk))
    assert page.count(f"“{UNKNOWN}”") == 1


def test_review_writes_nothing(clerk):
    before = _counts()
    _review(clerk)
    assert _counts() == before
    assert not any(NOTICE[:200] in str(value) for value in clerk.session.values())


def test_review_carries_the_text_in_the_form(clerk):
    data = form_values(_page(_review(clerk)))
    assert data["notice-full_text"] == [read_notice(NOTICE).text]


# --- Saving -----------------------------------------------------------------------------------------


def _saved(clerk, data):
    response = clerk.post(SAVE, data)
    assert response.status_code == 302, _errors(response)
    return ConclusionNotice.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_saving_the_review_creates_a_draft_with_the_tasks(clerk, ict_dept, health_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    notice = _saved(clerk, data)
    assert notice.is_draft and notice.number == "12/TB-UBND" and notice.issued_on == dt.date(2021, 6, 24)
    assert notice.meeting.held_on == dt.date(2021, 6, 24) and notice.meeting.is_online
    tasks = Task.objects.filter(conclusion__notice=notice).order_by("source_start")
    got = [(t.lead, list(t.coordinating.all()), t.deadline_kind, t.due_date, t.recurrence) for t in tasks]
    assert got == [
        (ict_dept, [health_dept], "date", dt.date(2021, 6, 30), ""),
        (health_dept, [], "recurring", None, "daily"),
        (ict_dept, [], "date", dt.date(2021, 7, 15), ""),
    ]


def test_saved_notice_keeps_the_text_and_each_task_its_span(clerk, ict_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    notice = _saved(clerk, data)
    read = read_notice(NOTICE)
    assert notice.full_text == read.text.strip()
    saved = Task.objects.filter(conclusion__notice=notice).order_by("source_start")
    for task, expected in zip(saved, read.tasks, strict=True):
        start, end = expected.span
        assert notice.full_text[task.source_start : task.source_end] == read.text[start:end]
        assert task.source_text == read.quote(expected)


def test_leading_blank_lines_do_not_shift_the_spans(clerk, ict_dept):
    data = _replace_typed(form_values(_page(_review(clerk, "\n\n  \n" + NOTICE))), UNKNOWN, f"a:{ict_dept.pk}")
    notice = _saved(clerk, data)
    task = Task.objects.filter(conclusion__notice=notice).order_by("source_start").first()
    assert notice.full_text[task.source_start : task.source_end].startswith("Giao Sở Thông tin và Truyền thông")


def test_spans_still_index_the_text_when_the_browser_sends_crlf(clerk, ict_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    data["notice-full_text"] = [data["notice-full_text"][0].replace("\n", "\r\n")]
    notice = _saved(clerk, data)
    task = Task.objects.filter(conclusion__notice=notice).order_by("source_start").first()
    assert "\r" not in notice.full_text
    assert notice.full_text[task.source_start : task.source_end].startswith("Giao Sở Thông tin và Truyền thông")


def test_saving_with_an_unknown_agency_is_refused_with_suggestions(clerk):
    data = form_values(_page(_review(clerk)))
    before = _counts()
    response = clerk.post(SAVE, data)
    assert response.status_code == 200
    assert f"Không tìm thấy cơ quan “{UNKNOWN}”. Có phải: Sở Thông tin và Truyền thông?" in _page(response)
    assert _counts() == before


def test_review_comes_back_with_the_source_and_its_marks_after_an_error(clerk):
    response = clerk.post(SAVE, form_values(_page(_review(clerk))))
    page = _page(response)
    assert page.count('<mark class="source"') == 3 and "Kiểm tra thông báo đọc được" in page


def test_removed_task_is_not_saved(clerk, ict_dept):
    data = form_values(_page(_review(clerk)))
    data["c-2-t-0-DELETE"] = ["on"]  # the clerk removes the task with the unknown agency
    notice = _saved(clerk, data)
    assert Task.objects.filter(conclusion__notice=notice).count() == 2


def test_task_added_on_the_review_is_saved(clerk, ict_dept, unrelated_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    data.update(
        {
            "c-0-t-TOTAL_FORMS": ["2"],
            "c-0-t-1-action": ["Rà soát thủ tục hành chính liên quan"],
            "c-0-t-1-lead": [f"a:{unrelated_dept.pk}"],
            "c-0-t-1-deadline_kind": ["none"],
        }
    )
    notice = _saved(clerk, data)
    added = Task.objects.get(conclusion__notice=notice, lead=unrelated_dept)
    assert (added.deadline_kind, added.source_start) == ("none", None)


def test_changed_lead_is_saved(clerk, ict_dept, unrelated_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    data["c-1-t-0-lead"] = [f"a:{unrelated_dept.pk}"]
    notice = _saved(clerk, data)
    assert Task.objects.get(conclusion__notice=notice, recurrence="daily").lead == unrelated_dept


def test_group_lead_becomes_one_task_per_member(clerk, ict_dept, health_dept):
    group = AgencyGroup.objects.create(name="Các sở, ban, ngành tỉnh")
    group.members.add(ict_dept, health_dept)
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"g:{group.pk}")
    notice = _saved(clerk, data)
    leads = Task.objects.filter(conclusion__notice=notice, due_date=dt.date(2021, 7, 15)).values_list("lead", flat=True)
    assert sorted(leads) == sorted([ict_dept.pk, health_dept.pk])


def test_forged_agency_id_is_refused_and_nothing_saved(clerk):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, "a:999999")
    before = _counts()
    response = clerk.post(SAVE, data)
    assert response.status_code == 200
    assert "Cơ quan đã chọn không có trong danh mục; hãy chọn lại." in _page(response)
    assert _counts() == before


def test_add_row_without_javascript_shows_one_more_task_and_saves_nothing(clerk):
    data = form_values(_page(_review(clerk)))
    data["add"] = ["c-0-t"]
    before = _counts()
    response = clerk.post(SAVE, data)
    assert response.status_code == 200 and 'name="c-0-t-TOTAL_FORMS" value="2"' in _page(response)
    assert _counts() == before


def test_opening_the_save_address_directly_goes_back_to_step_one(clerk):
    response = clerk.get(SAVE)
    assert response.status_code == 302 and response["Location"] == IMPORT


# --- Files -------------------------------------------------------------------------------------------


def _docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_uploaded_docx_goes_to_review_with_its_tasks(clerk, ict_dept):
    response = clerk.post(IMPORT, {"text": "", "file": upload("tb.docx", _docx_of(NOTICE))})
    page = _page(response)
    assert response.status_code == 200 and "đề xuất 3 nhiệm vụ" in page
    assert f'name="c-0-t-0-lead" value="a:{ict_dept.pk}" checked' in page


def test_uploaded_pdf_goes_to_review_with_its_tasks(clerk, ict_dept):
    response = clerk.post(IMPORT, {"file": upload("tb.pdf", make_pdf(NOTICE.splitlines()), "application/pdf")})
    page = _page(response)
    assert response.status_code == 200 and "đề xuất 3 nhiệm vụ" in page
    assert 'value="30/06/2021"' in page


def test_uploaded_txt_in_utf16_goes_to_review(clerk):
    response = clerk.post(IMPORT, {"file": upload("tb.txt", NOTICE.encode("utf-16"), "text/plain")})
    assert response.status_code == 200 and "đề xuất 3 nhiệm vụ" in _page(response)


# --- Bad input: a message, status 4xx, nothing saved --------------------------------------------------


def _refused(clerk, data, message, status=400):
    before = _counts()
    response = clerk.post(IMPORT, data)
    page = _page(response)
    assert response.status_code == status
    assert "Chưa đọc được thông báo" in page and message in page
    assert _counts() == before


def test_empty_text_is_refused(clerk):
    _refused(clerk, {"text": "  \n "}, "Chưa có nội dung: hãy dán toàn văn thông báo kết luận")


def test_text_that_is_not_a_notice_is_refused(clerk):
    _refused(
        clerk,
        {"text": "Danh sách mua sắm: gạo, muối, nước mắm.\nHẹn gặp lại vào cuối tuần."},
        "Văn bản không phải là thông báo kết luận",
    )


def test_not_a_notice_message_says_what_to_do(clerk):
    _refused(clerk, {"text": "Xin chào."}, "Hãy kiểm tra đã dán (hoặc chọn) đúng toàn văn một thông báo kết luận")


def test_binary_file_renamed_docx_is_refused(clerk):
    _refused(clerk, {"file": upload("thong-bao.docx", PNG_BYTES)}, "không phải văn bản Word (.docx) hợp lệ")


def test_file_renamed_pdf_is_refused(clerk):
    _refused(clerk, {"file": upload("thong-bao.pdf", b"just some text, not a PDF")}, "không phải tệp PDF hợp lệ")


def test_scanned_pdf_is_refused(clerk):
    _refused(clerk, {"file": upload("scan.pdf", scanned_pdf(), "application/pdf")}, "không có lớp chữ")


def test_file_over_the_size_limit_is_refused(clerk, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    _refused(clerk, {"file": upload("lon.txt", NOTICE.encode() * 5, "text/plain")}, "vượt giới hạn 4,0\xa0KB")


def test_pasted_text_over_the_limit_is_refused(clerk):
    _refused(clerk, {"text": NOTICE * (MAX_PASTE_BYTES // len(NOTICE.encode()) + 1)}, "vượt giới hạn 2,0\xa0MB")


@pytest.mark.parametrize("name", ["thong-bao.doc", "bang.xls"])
def test_unsupported_extension_is_refused_with_advice(clerk, name):
    _refused(clerk, {"file": upload(name, b"\xd0\xcf\x11\xe0 old office")}, "lưu lại dưới dạng .docx")


def test_text_and_file_together_are_refused(clerk):
    _refused(clerk, {"text": NOTICE, "file": upload("tb.docx", _docx_of(NOTICE))}, "chỉ dùng một cách")


def test_request_larger_than_any_allowed_input_is_refused_before_reading(clerk):
    before = _counts()
    response = clerk.post(IMPORT, {"text": "x"}, CONTENT_LENGTH=str(30 * 1024 * 1024))
    assert response.status_code == 413 and "Dữ liệu gửi lên quá lớn" in _page(response)
    assert _counts() == before


# --- Who may import -----------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["health_dept_officer", "health_dept_head", "leader"])
@pytest.mark.parametrize("address", [IMPORT, SAVE])
def test_only_office_staff_may_import(client, request, person, address):
    client.force_login(request.getfixturevalue(person))
    assert client.get(address).status_code == 403
    assert client.post(address, {"text": NOTICE}).status_code == 403


def test_officer_posting_a_complete_review_gets_403_and_nothing_saved(client, clerk, health_dept_officer, ict_dept):
    data = _replace_typed(form_values(_page(_review(clerk))), UNKNOWN, f"a:{ict_dept.pk}")
    client.force_login(health_dept_officer)
    before = _counts()
    assert client.post(SAVE, data).status_code == 403
    assert _counts() == before


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(IMPORT)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_source_segments_flag_a_sentence_alone_or_with_the_tasks_it_shares():
    from directives.notices.importing.views import source_segments

    text = "Câu một giao việc. Câu hai nhắc cơ quan. Câu ba."
    segments = source_segments(text, [(0, 18, (1, 1))], [(0, 18, 1), (19, 40, 2)])
    marked = [s for s in segments if "start" in s]
    assert [(s["text"], s["tasks"], s["flags"]) for s in marked] == [
        ("Câu một giao việc.", "Kết luận 1, nhiệm vụ 1", [1]),
        ("Câu hai nhắc cơ quan.", "", [2]),
    ]
    assert "".join(s["text"] for s in segments) == text
