"""A tasks table (agency | task | deadline) is read row by row, whatever text form it took:
pipes, tabs, or one cell per line. Made-up rows."""

from __future__ import annotations

import datetime as dt

from meetings.reader import read_notice

PLAN = "Số: 45/KH-UBND\n\nSơn La, ngày 14 tháng 5 năm 2024\n\nKẾ HOẠCH\n\nPhòng, chống dịch bệnh năm 2024\n\n"


def rows(text: str) -> list[tuple]:
    return [
        (t.lead.text, [m.text for m in t.coordinating], t.deadline_kind, t.due_date, t.action)
        for t in read_notice(PLAN + text).tasks
    ]


def test_a_pipe_table_gives_one_task_per_row():
    assert rows(
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Xây dựng kế hoạch tiêm chủng | Sở Y tế | Sở Tài chính | Quý IV/2024 |\n"
        "| 2 | Tuyên truyền phòng dịch | Sở Văn hóa, Thể thao và Du lịch | | Thường xuyên |\n"
        "| 3 | Báo cáo kết quả | UBND các huyện, thành phố | | Hằng tháng |\n"
    ) == [
        ("Sở Y tế", ["Sở Tài chính"], "date", dt.date(2024, 12, 31), "Xây dựng kế hoạch tiêm chủng"),
        ("Sở Văn hóa, Thể thao và Du lịch", [], "ongoing", None, "Tuyên truyền phòng dịch"),
        ("UBND các huyện, thành phố", [], "recurring", None, "Báo cáo kết quả"),
    ]


def test_a_table_saved_as_text_with_one_cell_per_line():
    assert rows(
        "TT\nNhiệm vụ\nCơ quan chủ trì\nThời gian hoàn thành\n"
        "1\nXây dựng kế hoạch tiêm chủng\nSở Y tế\nTháng 7/2024\n"
        "2\nKiểm tra an toàn thực phẩm\nSở Công Thương\n31/12/2024\n"
    ) == [
        ("Sở Y tế", [], "date", dt.date(2024, 7, 31), "Xây dựng kế hoạch tiêm chủng"),
        ("Sở Công Thương", [], "date", dt.date(2024, 12, 31), "Kiểm tra an toàn thực phẩm"),
    ]


def test_a_table_with_tab_separated_cells():
    assert rows(
        "TT\tNội dung công việc\tĐơn vị thực hiện\tThời hạn\n1\tKiểm tra chợ đầu mối\tSở Công Thương\tNăm 2025\n"
    ) == [("Sở Công Thương", [], "date", dt.date(2025, 12, 31), "Kiểm tra chợ đầu mối")]
