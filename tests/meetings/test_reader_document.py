# ruff: noqa: E501 - the sample headers keep their columns as a converter gives them
"""The header of any kind of document (number, date, kind, subject, issuer) and the agencies
named where something is assigned that no proposed task carries."""

from __future__ import annotations

import datetime as dt

from meetings.reader import read_notice

LETTER = (
    "ỦY BAN NHÂN DÂN                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "  TỈNH HÒA BÌNH                                Độc lập - Tự do - Hạnh phúc\n\n"
    "Số: 1234 /UBND-NC                        Hòa Bình, ngày 03/ 4/2025\n"
    "V/v kiểm tra an toàn hồ đập\n"
    "   trước mùa mưa lũ\n\n"
    "Kính gửi:\n- Sở Nông nghiệp và Môi trường;\n- Ủy ban nhân dân các huyện.\n\n"
)


def test_a_letters_header_with_stray_spaces():
    draft = read_notice(LETTER + "Giao Sở Nông nghiệp và Môi trường kiểm tra các hồ chứa.\n")
    assert (draft.number, draft.issued_date, draft.place) == ("1234/UBND-NC", dt.date(2025, 4, 3), "Hòa Bình")
    assert draft.kind == "Công văn"
    assert draft.subject == "kiểm tra an toàn hồ đập trước mùa mưa lũ"
    assert draft.issuer == "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"
    assert draft.meeting.chair == "" and draft.meeting.date is None  # a letter tells of no meeting


def test_a_blank_day_in_the_issue_date_is_kept_as_written():
    draft = read_notice(
        "UBND TỈNH HÒA BÌNH\n\nSố:     /KH-UBND          Hòa Bình, ngày     tháng 7 năm 2026\n\nKẾ HOẠCH\n\n"
        "Phòng, chống thiên tai năm 2026\n\n1. Sở Xây dựng rà soát các công trình xung yếu.\n"
    )
    assert (draft.number, draft.issued_date, draft.year) == (None, None, 2026)
    assert draft.kind == "Kế hoạch"
    assert draft.subject == "Phòng, chống thiên tai năm 2026"


def test_the_kind_of_a_notice_comes_from_its_title():
    base = "Số: 12/TB-UBND\n\nHòa Bình, ngày 5 tháng 5 năm 2025\n\nTHÔNG BÁO\n\n{}\n\nNgày 5/5/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:\n\n1. Sở Y tế tăng cường kiểm tra.\n"
    assert read_notice(base.format("Kết luận của Chủ tịch UBND tỉnh tại cuộc họp")).kind == "Thông báo kết luận"
    assert read_notice(base.format("Ý kiến chỉ đạo của Chủ tịch UBND tỉnh")).kind == "Thông báo ý kiến chỉ đạo"


def test_the_kind_from_the_type_code_of_the_number():
    draft = read_notice("Số: 08/CT-UBND\n\nHòa Bình, ngày 5 tháng 5 năm 2025\n\nGiao Sở Y tế tăng cường kiểm tra.\n")
    assert draft.kind == "Chỉ thị"


# --- agencies named but given no task ---------------------------------------------------------


def test_agencies_named_where_something_is_assigned_but_in_no_task_are_listed():
    draft = read_notice(
        LETTER
        + "Giao Sở Nông nghiệp và Môi trường chủ trì, hướng dẫn Ủy ban nhân dân huyện Mai Châu, Ủy ban nhân dân huyện Đà Bắc lập phương án. "
        + "Báo cáo Ủy ban nhân dân tỉnh trước ngày 20/4/2025.\n\n"
        + "Yêu cầu Sở Công Thương, Sở Xây dựng triển khai thực hiện./.\n"
    )
    listed = [m.text for m in draft.unassigned_mentions]
    assert listed == [
        "Ủy ban nhân dân huyện Mai Châu",
        "Ủy ban nhân dân huyện Đà Bắc",
        "Sở Công Thương",
        "Sở Xây dựng",
    ]
    first = draft.unassigned_mentions[0]
    assert draft.text[first.start : first.end] == "Ủy ban nhân dân huyện Mai Châu"
    sentence = draft.text[first.sentence[0] : first.sentence[1]]
    assert sentence.startswith("Giao Sở Nông nghiệp") and sentence.endswith("lập phương án.")


def test_an_agency_that_has_a_task_is_not_listed_again():
    draft = read_notice(
        LETTER
        + "Giao Sở Xây dựng kiểm tra kè sông Đà.\n\nYêu cầu Sở Xây dựng và các đơn vị liên quan triển khai thực hiện./.\n"
    )
    assert [m.text for m in draft.unassigned_mentions] == ["các đơn vị liên quan"]


def test_who_reports_to_whom_and_who_speaks_are_not_listed():
    draft = read_notice(
        LETTER
        + "Chủ tịch Ủy ban nhân dân tỉnh giao Sở Tư pháp thẩm định dự thảo theo đề nghị của Sở Nội vụ, báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    assert draft.unassigned_mentions == []
