"""Deadlines wherever and however the text puts them, each on a sentence made up for the test:
month, quarter and year bounds, a goal year, a time of day, periodic reports, relative terms
with and without a stated start, and planning horizons that are no deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from meetings.reader import read_notice

LETTER = "Số: 210/UBND-TH\n\nSơn La, ngày 14 tháng 5 năm 2024\n\nV/v triển khai nhiệm vụ\n\n"


def deadline(sentence: str) -> tuple[str, dt.date | None]:
    task = read_notice(LETTER + sentence + "\n").tasks[0]
    return task.deadline_kind, task.due_date


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Giao Sở Tài chính hoàn thành quyết toán trong tháng 7/2024.", dt.date(2024, 7, 31)),
        ("Giao Sở Xây dựng hoàn thành kiểm định cầu yếu trong quý III/2024.", dt.date(2024, 9, 30)),
        ("Giao Sở Y tế đưa trạm y tế mới vào hoạt động trong năm 2025.", dt.date(2025, 12, 31)),
        ("Giao Sở Nội vụ gửi danh sách trước 16 giờ ngày 12/3/2025.", dt.date(2025, 3, 12)),
        ("Đến năm 2027, Sở Giáo dục và Đào tạo hoàn thành kiên cố hóa trường lớp.", dt.date(2027, 12, 31)),
        ("Giao Sở Tư pháp rà soát văn bản trong thời hạn 6 tháng kể từ ngày 06/7/2024.", dt.date(2025, 1, 6)),
    ],
)
def test_bounds_are_the_last_day_of_their_period(sentence, due):
    assert deadline(sentence) == ("date", due)


def test_a_monthly_report_is_recurring_and_first_due_after_the_document():
    assert deadline("Giao Sở Công Thương báo cáo tình hình thị trường trước ngày 20 hằng tháng.") == (
        "recurring",
        dt.date(2024, 5, 20),
    )


def test_a_quarterly_report_is_recurring_and_due_in_the_quarters_last_month():
    assert deadline(
        "Giao Sở Kế hoạch và Đầu tư gửi báo cáo quý về tiến độ giải ngân trước ngày 10 của tháng cuối quý."
    ) == ("recurring", dt.date(2024, 6, 10))


def test_a_relative_term_without_its_start_has_no_date():
    assert deadline("Giao Sở Tài chính trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ phải thẩm định.") == (
        "none",
        None,
    )


def test_a_planning_horizon_is_not_a_deadline():
    assert deadline("Giao Sở Xây dựng lập quy hoạch vùng huyện đến năm 2030, tầm nhìn đến năm 2050.") == ("none", None)


def test_a_deadline_in_the_next_sentence_of_the_item_dates_the_task_before():
    draft = read_notice(
        LETTER
        + "1. Giao Sở Nông nghiệp và Môi trường kiểm tra các hồ chứa. Thời gian hoàn thành: trước ngày 30/6/2024.\n"
    )
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [("Sở Nông nghiệp và Môi trường", dt.date(2024, 6, 30))]


def test_a_term_counted_from_the_day_a_decree_takes_effect_uses_the_day_the_letter_states():
    draft = read_notice(
        LETTER
        + "Nghị định số 99/2024/NĐ-CP có hiệu lực thi hành từ ngày 01/7/2024. Đề nghị các cơ quan thực hiện:\n\n"
        + "1. Sở Tài chính rà soát danh mục tài sản trong thời hạn 06 tháng kể từ ngày Nghị định số 99/2024/NĐ-CP "
        + "có hiệu lực thi hành.\n"
    )
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [("Sở Tài chính", dt.date(2025, 1, 1))]
