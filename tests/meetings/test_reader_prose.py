# ruff: noqa: E501 - the sample sentences keep their length as a notice writes them
"""General rules of Vietnamese administrative prose, each on a sentence made up for the test:
who is given the action, where a name ends, what is not a task, and where a deadline goes."""

from __future__ import annotations

from meetings.reader import NoticeDraft, read_notice

LETTER = (
    "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\n\nSố: 5120/UBND-KT\n\nHòa Bình, ngày 12 tháng 3 năm 2025\n\n"
    "V/v kiểm tra công trình thủy lợi\n\n"
)


def read(body: str) -> NoticeDraft:
    return read_notice(LETTER + body)


def leads(draft: NoticeDraft) -> list[str]:
    return [t.lead.text for t in draft.tasks]


# --- who is given the action ----------------------------------------------------------------


def test_a_verb_that_begins_like_an_agency_is_not_one():
    draft = read(
        "Giao Sở Xây dựng rà soát hồ sơ cấp phép.\n\n"
        "Tổ chức kiểm tra hiện trường, lập biên bản các vi phạm.\n\n"
        "Trường hợp phát hiện sai phạm thì xử lý theo quy định.\n"
    )
    assert "Tổ chức" not in leads(draft)
    assert "Trường hợp" not in leads(draft)
    assert leads(draft)[0] == "Sở Xây dựng"


def test_the_agency_after_giao_leads_even_after_an_opening_without_comma():
    draft = read(
        "Sau khi xem xét Chủ tịch Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Y tế, "
        "Sở Nội vụ tổ chức rà soát kinh phí sửa chữa trạm y tế.\n"
    )
    assert leads(draft) == ["Sở Tài chính"]
    assert [m.text for m in draft.tasks[0].coordinating] == ["Sở Y tế", "Sở Nội vụ"]


def test_the_one_named_first_speaks_and_the_one_after_de_nghi_acts():
    draft = read("Bộ Công Thương đề nghị Ủy ban nhân dân tỉnh Hòa Bình chỉ đạo rà soát các cửa hàng xăng dầu.\n")
    assert leads(draft) == ["Ủy ban nhân dân tỉnh Hòa Bình"]


def test_a_giao_heading_leads_the_bullets_and_paragraphs_under_it():
    draft = read(
        "Ý kiến chỉ đạo như sau:\n\n"
        "1. Giao Ban Dân tộc\n\n"
        "- Chủ trì, phối hợp với Sở Tài chính rà soát chính sách hỗ trợ đồng bào.\n\n"
        "- Phối hợp Ban Pháp chế tham mưu đề nghị Ủy ban nhân dân tỉnh sửa đổi quy chế.\n\n"
        "2. Sở Giáo dục và Đào tạo\n\n"
        "Chủ trì tổ chức bồi dưỡng giáo viên vùng cao.\n"
    )
    assert leads(draft) == ["Ban Dân tộc", "Ban Dân tộc", "Sở Giáo dục và Đào tạo"]
