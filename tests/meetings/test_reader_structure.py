# ruff: noqa: E501 - the sample notices keep their lines as a converter gives them
"""The shape of a notice: numbering, bullets, headings that give the lead, "Một là / Hai là",
roles, conversion leftovers, recipients and signature, what is not a notice, and a notice
from a province and topic the seeds never show."""

from __future__ import annotations

import datetime as dt

import pytest

from meetings.reader import NotANoticeError, NoticeDraft, read_notice

HEADER = (
    "Số: 12/TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
    "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp\n\n"
    "Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:\n\n"
)


def read(body: str) -> NoticeDraft:
    return read_notice(HEADER + body)


def leads(draft: NoticeDraft) -> list[str]:
    return [t.lead.text for t in draft.tasks]


# --- numbering and bullets ------------------------------------------------------------------


def test_numbered_conclusions_and_their_labels():
    draft = read(
        "1. Sở Y tế đẩy nhanh tiêm vắc xin.\n\n"
        "2. Về giáo dục:\n\n"
        "2.1. Sở Giáo dục và Đào tạo chuẩn bị kỳ thi tốt nghiệp.\n\n"
        "2.2. Sở Tài chính bố trí kinh phí.\n"
    )
    assert [c.label for c in draft.conclusions] == ["1.", "2.", "2.1.", "2.2."]
    assert [(t.conclusion_label, t.lead.text) for t in draft.tasks] == [
        ("1.", "Sở Y tế"),
        ("2.1.", "Sở Giáo dục và Đào tạo"),
        ("2.2.", "Sở Tài chính"),
    ]
    first = draft.conclusions[0]
    assert draft.text[first.start : first.end] == "1. Sở Y tế đẩy nhanh tiêm vắc xin."


def test_bullets_each_assign_a_task():
    draft = read(
        "1. Về phục hồi sản xuất:\n\n"
        "- Giao Sở Công Thương xây dựng kế hoạch kích cầu.\n\n"
        "- Giao Sở Lao động - Thương binh và Xã hội hỗ trợ người lao động.\n\n"
        "- Giao Ban Quản lý các khu công nghiệp rà soát doanh nghiệp.\n"
    )
    assert leads(draft) == ["Sở Công Thương", "Sở Lao động - Thương binh và Xã hội", "Ban Quản lý các khu công nghiệp"]
    assert not any(t.lead_implicit for t in draft.tasks)


def test_a_heading_with_a_colon_gives_its_lead_to_the_bullets():
    draft = read(
        "2.4. Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo:\n\n"
        "- Tập trung thực hiện đồng bộ các biện pháp phòng, chống dịch.\n\n"
        "- Thường xuyên nắm bắt ý kiến phản ánh của người dân.\n"
    )
    assert leads(draft) == ["Ban cán sự đảng Ủy ban nhân dân tỉnh"] * 2
    assert [t.deadline_kind for t in draft.tasks] == ["none", "ongoing"]
    assert all(t.lead_implicit and t.lead_source == "heading" for t in draft.tasks)


def test_a_heading_naming_an_agency_without_a_colon_gives_its_lead_too():
    draft = read(
        "2.5. Sở Y tế - Cơ quan Thường trực Ban Chỉ đạo\n\n"
        "- Đẩy nhanh tiến độ tiêm vắc xin.\n\n"
        "- Quản lý, sử dụng kinh phí phòng, chống dịch đúng quy định.\n"
    )
    assert leads(draft) == ["Sở Y tế", "Sở Y tế"]
    assert all(not t.co_leads and t.lead_implicit for t in draft.tasks)


def test_an_agency_before_a_colon_leads_the_clauses_after_it():
    draft = read(
        "- Ban Chỉ đạo khôi phục hoạt động sản xuất công nghiệp trên địa bàn tỉnh: Khẩn trương phân công "
        "nhiệm vụ thành viên; đồng thời ban hành quy trình, thời gian hoàn thành trước ngày 26/6/2021; sớm "
        "công bố đường dây nóng.\n"
    )
    lead = "Ban Chỉ đạo khôi phục hoạt động sản xuất công nghiệp trên địa bàn tỉnh"
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [(lead, dt.date(2021, 6, 26)), (lead, None)]
    assert draft.quote(draft.tasks[0]).startswith("Khẩn trương phân công")


def test_mot_la_hai_la_take_the_agencies_of_the_introducing_sentence():
    draft = read(
        "Yêu cầu các sở, ban, ngành tỉnh, UBND các huyện, thành phố thực hiện nghiêm Chỉ thị số 07-CT/TU. "
        "Tập trung vào hai hướng chính:\n\n"
        "- Một là, khẩn trương xét nghiệm cho công nhân (hoàn thành trước ngày 16/5/2021). Qua đó, phát hiện "
        "sớm các ca bệnh.\n\n"
        "- Hai là, sau khi đã làm sạch địa bàn, phải hỗ trợ doanh nghiệp khôi phục sản xuất.\n"
    )
    assert [(t.lead.text, [m.text for m in t.co_leads], t.due_date, t.lead_implicit) for t in draft.tasks] == [
        ("các sở, ban, ngành tỉnh", ["UBND các huyện, thành phố"], None, False),
        ("các sở, ban, ngành tỉnh", ["UBND các huyện, thành phố"], dt.date(2021, 5, 16), True),
        ("các sở, ban, ngành tỉnh", ["UBND các huyện, thành phố"], None, True),
    ]
    assert draft.quote(draft.tasks[1]).startswith("Một là, khẩn trương xét nghiệm")
    assert draft.conclusions[0].label == ""


def test_a_sentence_without_agency_takes_the_lead_named_before_it_in_the_paragraph():
    draft = read(
        "5. Sở Y tế chủ trì, phối hợp với các địa phương đẩy nhanh tiêm vắc xin. Kịp thời thông báo kết quả "
        "đánh giá mức độ nguy cơ.\n"
    )
    assert [(t.lead.text, t.lead_implicit, [m.text for m in t.coordinating]) for t in draft.tasks] == [
        ("Sở Y tế", False, ["các địa phương"]),
        ("Sở Y tế", True, []),
    ]


def test_an_intro_addressee_leads_items_that_name_nobody():
    header = HEADER.replace(
        "Chủ tịch UBND tỉnh kết luận như sau:",
        "Chủ tịch UBND tỉnh yêu cầu các cấp, các ngành thực hiện tốt các nhiệm vụ sau:",
    )
    draft = read_notice(
        header + "1. Tiếp tục quán triệt tinh thần chống dịch như chống giặc.\n\n2. Sở Y tế đẩy nhanh tiêm chủng.\n"
    )
    assert [(t.lead.text, t.lead_implicit) for t in draft.tasks] == [("các cấp, các ngành", True), ("Sở Y tế", False)]


def test_context_sentences_before_a_named_agency_are_not_tasks():
    draft = read(
        "1. Về phòng, chống dịch: Xác định mặt trận chính là địa bàn huyện Lục Ngạn. Do vậy, yêu cầu các cấp, "
        "các ngành tập trung hỗ trợ huyện Lục Ngạn.\n"
    )
    assert leads(draft) == ["các cấp, các ngành"]


# --- roles ----------------------------------------------------------------------------------


def test_lead_chairs_and_others_coordinate():
    task = read(
        "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế, Sở Lao động - Thương binh và Xã hội và UBND các "
        "huyện, thành phố hướng dẫn chế độ chính sách.\n"
    ).tasks[0]
    assert task.lead.text == "Sở Tài chính"
    assert [m.text for m in task.coordinating] == [
        "Sở Y tế",
        "Sở Lao động - Thương binh và Xã hội",
        "UBND các huyện, thành phố",
    ]
    assert task.action == "Hướng dẫn chế độ chính sách"


def test_agency_cooperating_with_others_leads():
    task = read("6. Sở Nội vụ phối hợp với Sở Y tế và các cơ quan liên quan xây dựng kịch bản bầu cử.\n").tasks[0]
    assert (task.lead.text, [m.text for m in task.coordinating]) == ("Sở Nội vụ", ["Sở Y tế", "các cơ quan liên quan"])


def test_several_agencies_doing_the_same_thing_are_lead_and_co_leads():
    task = read(
        "7. Đài Phát thanh và Truyền hình tỉnh, Báo Bắc Giang và Sở Thông tin và Truyền thông tăng thời lượng "
        "tuyên truyền.\n"
    ).tasks[0]
    assert task.lead.text == "Đài Phát thanh và Truyền hình tỉnh"
    assert [m.text for m in task.co_leads] == ["Báo Bắc Giang", "Sở Thông tin và Truyền thông"]


def test_chair_and_cooperating_named_with_their_own_verbs():
    draft = read(
        "1. Giao Công an tỉnh chủ trì, Sở Giao thông vận tải phối hợp xử lý xe quá tải.\n\n"
        "2. Tại các doanh nghiệp, giao Sở Y tế chỉ đạo, Ban Quản lý các khu công nghiệp điều phối việc xét nghiệm.\n"
    )
    first, second = draft.tasks
    assert (first.lead.text, [m.text for m in first.coordinating]) == ("Công an tỉnh", ["Sở Giao thông vận tải"])
    assert (second.lead.text, [m.text for m in second.co_leads]) == ("Sở Y tế", ["Ban Quản lý các khu công nghiệp"])


def test_a_list_of_districts_names_each_district():
    task = read(
        "5. Sở Y tế phối hợp với Sở Công Thương, UBND các huyện Lục Ngạn, Tân Yên xây dựng phương án tiêu thụ vải.\n"
    ).tasks[0]
    assert [m.text for m in task.coordinating] == ["Sở Công Thương", "UBND huyện Lục Ngạn", "UBND huyện Tân Yên"]


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("UBND các huyện, thành phố quán triệt thực hiện nghiêm các biện pháp.", "UBND các huyện, thành phố"),
        ("Yêu cầu các sở, ban, ngành tỉnh thực hiện nghiêm chỉ đạo.", "các sở, ban, ngành tỉnh"),
        ("Các cấp, các ngành thực hiện nghiêm công tác cách ly.", "Các cấp, các ngành"),
        ("Chủ tịch UBND các huyện, thành phố chịu trách nhiệm kiểm tra.", "Chủ tịch UBND các huyện, thành phố"),
    ],
)
def test_collective_names_are_marked_collective(sentence, lead):
    task = read(f"1. {sentence}\n").tasks[0]
    assert task.lead.text == lead
    assert task.lead.is_collective


def test_specific_agencies_are_not_collective():
    task = read("1. Sở Lao động, Thương binh và Xã hội hỗ trợ người lao động.\n").tasks[0]
    assert task.lead.text == "Sở Lao động, Thương binh và Xã hội" and not task.lead.is_collective


# --- what is not a task ---------------------------------------------------------------------


def test_reports_agreements_conditions_and_the_closing_give_no_task():
    draft = read(
        "1. Biểu dương các lực lượng tuyến đầu. Các đơn vị, địa phương kịp thời ban hành văn bản chỉ đạo.\n\n"
        "Tuy nhiên, một số địa phương còn chủ quan.\n\n"
        "2. Nhất trí mở lại các tuyến vận tải theo đề nghị của Sở Giao thông vận tải. Doanh nghiệp nào đảm bảo "
        "điều kiện an toàn thì được hoạt động.\n\n"
        "3. Giao Sở Giao thông vận tải theo dõi, tham mưu mở lại các tuyến liên tỉnh.\n\n"
        "Trên đây là kết luận của Chủ tịch UBND tỉnh, yêu cầu các cấp, các ngành nghiêm túc thực hiện./.\n"
    )
    assert [(t.conclusion_label, t.lead.text) for t in draft.tasks] == [("3.", "Sở Giao thông vận tải")]


# --- conversion leftovers -------------------------------------------------------------------


def test_conversion_leftovers_are_read_through_and_offsets_stay_exact():
    raw = (
        "## THÔNG BÁO\r\n\r\n### **Kết luận cuộc họp giao ban**\r\n\r\n-----\r\n\r\n"
        "Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì cuộc họp. Kết luận như sau:\r\n\r\n"
        "1. Giao **Sở Tài nguyên và Môi trường** thông báo đơn giá xử lý chất thải (*đã thống nhất với\u00a0"
        "doanh nghiệp*) trước ngày 30/6/2021.\r\n\r\n"
        "2. Giao Sở Y tế hằng ngày đánh giá mức độ nguy cơ để các cấp làm cơ sở đưa\r\n\r\n7\r\n\r\n"
        "ra các biện pháp phòng, chống dịch.\r\n\r\n"
        "**TL. CHỦ TỊCH\r\nCHÁNH VĂN PHÒNG**\r\n\r\n**Lê Văn An**"
    )
    draft = read_notice(raw)
    assert "\r" not in draft.text and "\u00a0" not in draft.text
    assert draft.title == "Kết luận cuộc họp giao ban"
    first, second = draft.tasks
    assert first.lead.text == "Sở Tài nguyên và Môi trường"
    assert first.due_date == dt.date(2021, 6, 30)
    assert draft.text[first.span[0] : first.span[1]].startswith("Giao **Sở Tài nguyên")
    assert (second.lead.text, second.recurrence) == ("Sở Y tế", "daily")
    assert draft.quote(second).endswith("đưa 7 ra các biện pháp phòng, chống dịch.")
    assert draft.signing_formula == "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG"
    assert draft.signer == "Lê Văn An"


def test_decomposed_unicode_is_composed_before_reading():
    import unicodedata

    draft = read_notice(unicodedata.normalize("NFD", HEADER + "1. Giao Sở Y tế báo cáo trước ngày 30/6/2021.\n"))
    assert draft.tasks[0].lead.text == "Sở Y tế"
    assert draft.tasks[0].due_date == dt.date(2021, 6, 30)


# --- recipients and signature ---------------------------------------------------------------


def test_recipients_signing_formula_and_signer():
    draft = read(
        "1. Giao Sở Y tế báo cáo.\n\nNơi nhận:\n- CT, các PCT UBND tỉnh;\n- Các sở, ban, ngành tỉnh;\n"
        "- VP UBND tỉnh:\n + LĐVP;\n + Lưu: VT, KGVX.\n\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\n"
        "PHÓ CHÁNH VĂN PHÒNG\n\n(Đã ký)\n\nBùi Huy Khánh\n"
    )
    assert draft.recipients == [
        "CT, các PCT UBND tỉnh",
        "Các sở, ban, ngành tỉnh",
        "VP UBND tỉnh:",
        "LĐVP",
        "Lưu: VT, KGVX",
    ]
    assert draft.signing_formula == "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"
    assert draft.signer == "Bùi Huy Khánh"
    assert len(draft.tasks) == 1


# --- not a notice ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\r\n\r\n"])
def test_empty_text_is_not_a_notice(text):
    with pytest.raises(NotANoticeError, match="trống"):
        read_notice(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hôm nay trời nắng đẹp. Chúng tôi đi dạo quanh hồ và ăn kem.",
        "Cách làm bánh: trộn bột với trứng, nướng 20 phút ở 180 độ.",
        "The quick brown fox jumps over the lazy dog.",
    ],
)
def test_text_that_is_clearly_not_a_notice_is_refused(text):
    with pytest.raises(NotANoticeError, match="không phải là thông báo kết luận"):
        read_notice(text)


def test_a_bare_directive_without_header_is_still_a_notice():
    draft = read_notice("Giao Sở Y tế báo cáo kết quả tiêm chủng trước ngày 30/6/2021.")
    assert (draft.tasks[0].lead.text, draft.tasks[0].due_date) == ("Sở Y tế", dt.date(2021, 6, 30))
    assert draft.number is None and draft.issued_date is None
    assert "Không tìm thấy số văn bản." in draft.warnings


# --- a province and a topic the seeds never show --------------------------------------------

QUANG_NAM = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM
VĂN PHÒNG

Số: 245/TB-VP

Quảng Nam, ngày 12 tháng 9 năm 2023

THÔNG BÁO

Kết luận của Phó Chủ tịch UBND tỉnh Trần Văn Tân tại buổi làm việc về tiến độ dự án đường ven biển

Chiều ngày 08/9/2023, Phó Chủ tịch UBND tỉnh Trần Văn Tân chủ trì buổi làm việc về tiến độ thi công dự án đường ven biển đoạn qua huyện Thăng Bình. Cùng dự có lãnh đạo Sở Giao thông vận tải, Sở Xây dựng, UBND huyện Thăng Bình và các nhà thầu. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:

1. Đánh giá cao sự nỗ lực của chủ đầu tư và các nhà thầu. Tuy nhiên, tiến độ giải phóng mặt bằng còn chậm.

2. Giao Sở Giao thông vận tải chủ trì, phối hợp với Sở Tài chính, Sở Kế hoạch và Đầu tư rà soát, đề xuất điều chỉnh kế hoạch vốn năm 2023 của dự án, báo cáo UBND tỉnh trước ngày 30/9/2023.

3. UBND huyện Thăng Bình:

- Khẩn trương hoàn thành công tác giải phóng mặt bằng, bàn giao mặt bằng sạch cho chủ đầu tư trước ngày 15/10.

- Hằng tuần báo cáo tiến độ bồi thường về Sở Giao thông vận tải để tổng hợp.

4. Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh chỉ đạo các nhà thầu tăng cường nhân lực, máy móc, thi công ba ca; định kỳ hằng tháng báo cáo UBND tỉnh kết quả thực hiện.

5. Sở Tài nguyên và Môi trường hướng dẫn UBND huyện Thăng Bình hoàn thiện hồ sơ cấp phép khai thác mỏ đất, hoàn thành trong tháng 10/2023.

6. Sở Xây dựng, Sở Giao thông vận tải thường xuyên kiểm tra chất lượng công trình, kịp thời xử lý các sai phạm.

7. Thống nhất chủ trương cho phép nhà thầu sử dụng vật liệu thay thế theo đề xuất của Sở Giao thông vận tải tại Tờ trình số 123/TTr-SGTVT ngày 05/9/2023.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.

Nơi nhận:
- CT, các PCT UBND tỉnh;
- UBND huyện Thăng Bình;
- Lưu: VT, KTN.

KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Nguyễn Văn Bình
"""


def test_an_unseen_province_and_topic():
    draft = read_notice(QUANG_NAM)
    assert (draft.number, draft.place, draft.issued_date) == ("245/TB-VP", "Quảng Nam", dt.date(2023, 9, 12))
    assert (draft.meeting.date, draft.meeting.kind) == (dt.date(2023, 9, 8), "lam_viec")
    assert (draft.meeting.chair, draft.meeting.chair_title) == ("Trần Văn Tân", "Phó Chủ tịch UBND tỉnh")
    assert draft.signer == "Nguyễn Văn Bình"
    got = [
        (
            t.conclusion_label,
            t.lead.text,
            [m.text for m in t.co_leads],
            [m.text for m in t.coordinating],
            t.deadline_kind,
            t.due_date,
            t.recurrence,
        )
        for t in draft.tasks
    ]
    assert got == [
        (
            "2.",
            "Sở Giao thông vận tải",
            [],
            ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"],
            "date",
            dt.date(2023, 9, 30),
            None,
        ),
        ("3.", "UBND huyện Thăng Bình", [], [], "date", dt.date(2023, 10, 15), None),
        ("3.", "UBND huyện Thăng Bình", [], [], "recurring", None, "weekly"),
        ("4.", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", [], [], "none", None, None),
        (
            "4.",
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
            [],
            [],
            "recurring",
            None,
            "monthly",
        ),
        ("5.", "Sở Tài nguyên và Môi trường", [], [], "date", dt.date(2023, 10, 31), None),
        ("6.", "Sở Xây dựng", ["Sở Giao thông vận tải"], [], "ongoing", None, None),
    ]
    assert draft.tasks[0].action == "Rà soát, đề xuất điều chỉnh kế hoạch vốn năm 2023 của dự án, báo cáo UBND tỉnh"
    assert draft.tasks[1].lead_implicit


NGHE_AN = """Số: 512/TB-UBND
Nghệ An, ngày 05 tháng 12 năm 2023
THÔNG BÁO
Ý kiến kết luận của đồng chí Chủ tịch UBND tỉnh tại cuộc họp về giải ngân vốn đầu tư công
Sáng ngày 01/12/2023, đồng chí Nguyễn Đức Trung - Chủ tịch UBND tỉnh chủ trì cuộc họp trực tuyến về giải ngân vốn đầu tư công. Chủ tịch UBND tỉnh kết luận:
I. ĐÁNH GIÁ CHUNG
Thời gian qua, các sở, ngành, địa phương đã tích cực triển khai thực hiện. Tuy nhiên, một số chủ đầu tư còn chậm.
II. NHIỆM VỤ TRỌNG TÂM
1. Sở Kế hoạch và Đầu tư:
a) Chủ trì, phối hợp với Sở Tài chính tham mưu điều chuyển vốn giữa các dự án, hoàn thành chậm nhất ngày 15/12/2023.
b) Tổng hợp, báo cáo tình hình giải ngân hằng tuần.
2. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường giám sát.
3. Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố rà soát dự án chậm giải ngân, gửi Sở Kế hoạch và Đầu tư đến hết ngày 10/12/2023.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Đức Trung
"""


def test_roman_sections_and_lettered_items():
    draft = read_notice(NGHE_AN)
    assert [c.label for c in draft.conclusions] == ["I.", "II.", "1.", "a)", "b)", "2.", "3."]
    assert [(t.conclusion_label, t.lead.text, t.deadline_kind, t.due_date) for t in draft.tasks] == [
        ("a)", "Sở Kế hoạch và Đầu tư", "date", dt.date(2023, 12, 15)),
        ("b)", "Sở Kế hoạch và Đầu tư", "recurring", None),
        ("2.", "Ủy ban MTTQ Việt Nam tỉnh", "none", None),
        ("3.", "Thủ trưởng các sở, ban, ngành", "date", dt.date(2023, 12, 10)),
    ]
    assert [m.text for m in draft.tasks[3].co_leads] == ["Chủ tịch UBND các huyện, thị xã, thành phố"]
    assert draft.meeting.is_online and draft.meeting.chair == "Nguyễn Đức Trung"
    assert draft.signing_formula == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"


def test_plain_paragraphs_under_a_numbered_heading_belong_to_it():
    draft = read(
        "1. Về công tác tuyên truyền:\n\n"
        "Giao Sở Thông tin và Truyền thông đẩy mạnh tuyên truyền kỹ năng thoát nạn.\n\n"
        "Đề nghị Ủy ban MTTQ Việt Nam tỉnh vận động nhân dân tham gia phong trào toàn dân PCCC.\n"
    )
    assert [(t.conclusion_label, t.lead.text) for t in draft.tasks] == [
        ("1.", "Sở Thông tin và Truyền thông"),
        ("1.", "Ủy ban MTTQ Việt Nam tỉnh"),
    ]
    assert [c.label for c in draft.conclusions] == ["1."]


def test_a_signed_mark_is_neither_formula_nor_signer():
    draft = read("1. Giao Sở Y tế báo cáo.\n\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n(đã ký)\nTrần Văn Hải\n")
    assert (draft.signing_formula, draft.signer) == ("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", "Trần Văn Hải")


YEN_BAI = """**ỦY BAN NHÂN DÂN TỈNH YÊN BÁI**

Số: 88/TB-UBND

*Yên Bái, ngày 02 tháng 8 năm 2022*

**THÔNG BÁO**

**Kết luận của đồng chí Chủ tịch UBND tỉnh tại Hội nghị triển khai công tác phòng, chống thiên tai năm 2022**

Ngày 29/7/2022, tại Hội trường UBND tỉnh, đồng chí Trần Huy Tuấn, Chủ tịch UBND tỉnh đã chủ trì Hội nghị triển khai công tác phòng, chống thiên tai năm 2022. Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận:

- Giao Sở Nông nghiệp và Phát triển nông thôn:
+ Chủ trì, phối hợp với UBND các huyện, thị xã, thành phố kiểm tra hệ thống đê điều, hồ đập, hoàn thành trước ngày 15/8/2022.
+ Hằng ngày cập nhật tình hình thiên tai, báo cáo Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh.
- Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh chuẩn bị lực lượng, phương tiện sẵn sàng tham gia cứu hộ, cứu nạn.
- Đề nghị Công ty Điện lực Yên Bái bảo đảm an toàn hệ thống lưới điện trong mùa mưa bão.

**Nơi nhận:**
- Như trên;
- Lưu: VT, NLN.

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

**Trần Huy Tuấn**
"""


def test_unnumbered_bullets_with_sub_bullets_and_bold_leftovers():
    draft = read_notice(YEN_BAI)
    assert (draft.number, draft.place, draft.issued_date) == ("88/TB-UBND", "Yên Bái", dt.date(2022, 8, 2))
    assert (draft.meeting.kind, draft.meeting.chair, draft.meeting.chair_title) == (
        "hoi_nghi",
        "Trần Huy Tuấn",
        "Chủ tịch UBND tỉnh",
    )
    assert [(t.lead.text, t.deadline_kind, t.due_date, t.lead_implicit) for t in draft.tasks] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "date", dt.date(2022, 8, 15), True),
        ("Sở Nông nghiệp và Phát triển nông thôn", "recurring", None, True),
        ("Bộ Chỉ huy Quân sự tỉnh", "none", None, False),
        ("Công ty Điện lực Yên Bái", "none", None, False),
    ]
    assert [m.text for m in draft.tasks[0].coordinating] == ["UBND các huyện, thị xã, thành phố"]
    assert [m.text for m in draft.tasks[2].co_leads] == ["Công an tỉnh"]
    assert (draft.signing_formula, draft.signer) == ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Trần Huy Tuấn")


def test_unknown_agencies_are_kept_as_written_with_suggestions_and_a_warning():
    from agencies.directory import AgencyDirectory, DirectoryEntry

    directory = AgencyDirectory([DirectoryEntry(1, "Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT",))])
    draft = read_notice(
        HEADER + "1. Giao Sở NN&PTNT kiểm tra đê điều.\n\n2. Giao Sở Nông nghiệp và PTNT trồng rừng.\n",
        directory=directory,
    )
    known, unknown = draft.tasks[0].lead, draft.tasks[1].lead
    assert (known.resolved_name, known.agency_id) == ("Sở Nông nghiệp và Phát triển nông thôn", 1)
    assert (unknown.text, unknown.resolved_name) == ("Sở Nông nghiệp và PTNT", None)
    assert unknown.suggestions == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert any("Sở Nông nghiệp và PTNT" in w and "gợi ý" in w for w in draft.warnings)


# --- the title and the number line ----------------------------------------------------------

TITLE_HEADER = "Số: /TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
MEETING = (
    "\n\nNgày 24/6/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban trực tuyến về chuyển đổi số. "
    "Chủ tịch UBND tỉnh kết luận như sau:\n\n1. Sở Thông tin và Truyền thông xây dựng nền tảng số.\n"
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến về chuyển đổi số",
            "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến về chuyển đổi số",
        ),
        ("Về chuyển đổi số", "Về chuyển đổi số"),
        ("Kết luận tại hội nghị sơ kết 6 tháng", "Kết luận tại hội nghị sơ kết 6 tháng"),
        ("Kết luận về kế hoạch 5 năm", "Kết luận về kế hoạch 5 năm"),
    ],
    ids=["so-hoi-nghi", "so-short", "thang", "nam"],
)
def test_a_title_ending_with_so_thang_or_nam_does_not_swallow_the_meeting_paragraph(title, expected):
    draft = read_notice(TITLE_HEADER + title + MEETING)
    assert (draft.title, draft.meeting.chair) == (expected, "Chủ tịch UBND tỉnh")
    assert draft.number_raw == "/TB-UBND"


def test_a_title_ending_with_a_full_stop_is_kept():
    title = "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến về chuyển đổi số."
    draft = read_notice(TITLE_HEADER + title + MEETING)
    assert draft.title == title
    assert draft.meeting.chair == "Chủ tịch UBND tỉnh"


def test_a_line_ending_with_a_full_stop_is_no_title_when_no_meeting_paragraph_follows():
    draft = read_notice("THÔNG BÁO\n\nSở Y tế đẩy nhanh tiêm vắc xin.\n\nSở Tài chính bố trí kinh phí.\n")
    assert draft.title == ""
    assert [t.lead.text for t in draft.tasks] == ["Sở Y tế", "Sở Tài chính"]


def test_a_document_number_written_as_so_before_its_figure_wraps_across_lines():
    draft = read("1. Sở Y tế thực hiện Quyết định số\n2686/QĐ-BCĐQG ngày 31/5/2021.\n")
    assert draft.tasks[0].action.endswith("Quyết định số 2686/QĐ-BCĐQG ngày 31/5/2021")


def test_the_number_line_starts_its_line():
    draft = read_notice(
        "Bắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
        "Kết luận về triển khai Chương trình Chuyển đổi Số 15/CTr-UBND\n" + MEETING
    )
    assert (draft.number_raw, draft.number) == ("", None)
    assert draft.title == "Kết luận về triển khai Chương trình Chuyển đổi Số 15/CTr-UBND"


def test_a_number_written_beside_the_agency_header_is_still_read():
    draft = read_notice("UBND TỈNH BẮC GIANG Số: 12/TB-UBND\n\nTHÔNG BÁO\n\nVề chuyển đổi số" + MEETING)
    assert draft.number == "12/TB-UBND"


# --- agency names through a directory -------------------------------------------------------


def _collective_directory():
    from agencies.directory import AgencyDirectory, DirectoryEntry

    return AgencyDirectory(
        [
            DirectoryEntry(1, "Sở Y tế"),
            DirectoryEntry(2, "Công an tỉnh"),
            DirectoryEntry(100, "UBND các huyện, thành phố", ("các địa phương",), is_group=True),
            DirectoryEntry(101, "Các sở, ban, ngành tỉnh", ("các sở, ban, ngành",), is_group=True),
        ]
    )


def test_a_comma_joined_collective_is_one_mention_even_when_its_start_is_a_known_alias():
    draft = read_notice(
        HEADER + "5. Sở Y tế chủ trì, phối hợp với các địa phương, đơn vị đẩy nhanh việc tiêm phòng vắc xin đợt 3.\n",
        directory=_collective_directory(),
    )
    (coordinating,) = draft.tasks[0].coordinating
    assert (coordinating.text, coordinating.resolved_name) == ("các địa phương, đơn vị", None)
    assert coordinating.is_collective


def test_a_comma_joined_collective_resolves_when_the_directory_knows_it_whole():
    from agencies.directory import AgencyDirectory, DirectoryEntry

    directory = AgencyDirectory(
        [*_collective_directory().entries, DirectoryEntry(102, "Các địa phương, đơn vị", is_group=True)]
    )
    draft = read_notice(
        HEADER + "5. Sở Y tế chủ trì, phối hợp với các địa phương, đơn vị đẩy nhanh việc tiêm phòng vắc xin.\n",
        directory=directory,
    )
    (coordinating,) = draft.tasks[0].coordinating
    assert (coordinating.text, coordinating.group_id) == ("các địa phương, đơn vị", 102)


def test_a_known_specific_agency_ends_before_a_comma_and_a_collective_noun():
    draft = read_notice(
        HEADER + "1. Sở Y tế chủ trì, phối hợp với Công an tỉnh, đơn vị liên quan kiểm tra các chốt.\n",
        directory=_collective_directory(),
    )
    assert [(m.text, m.agency_id) for m in draft.tasks[0].coordinating] == [("Công an tỉnh", 2)]


def test_a_new_collective_head_after_a_known_collective_is_a_mention_of_its_own():
    draft = read_notice(
        HEADER + "1. Sở Y tế phối hợp với các sở, ban, ngành, địa phương kiểm tra các chốt.\n",
        directory=_collective_directory(),
    )
    assert [(m.text, m.group_id) for m in draft.tasks[0].coordinating] == [
        ("các sở, ban, ngành", 101),
        ("địa phương", 100),
    ]
