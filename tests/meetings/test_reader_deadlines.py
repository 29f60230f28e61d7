"""Deadlines as notices write them: due dates, the notice's year, dates that are not deadlines,
recurring and ongoing work, and sentences with two deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from meetings.reader import TaskDraft, read_notice

HEADER = (
    "Số: 12/TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
    "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác phòng, chống dịch\n\n"
    "Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:\n\n"
)


def tasks_of(body: str, header: str = HEADER) -> list[TaskDraft]:
    return read_notice(header + body).tasks


def only_task(body: str, header: str = HEADER) -> TaskDraft:
    tasks = tasks_of(body, header)
    assert len(tasks) == 1, [t.action for t in tasks]
    return tasks[0]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("trước ngày 26/6/2021", dt.date(2021, 6, 26)),
        ("hoàn thành trước ngày 16/5/2021", dt.date(2021, 5, 16)),
        ("đến hết ngày 27/6/2021", dt.date(2021, 6, 27)),
        ("trong ngày 14/5/2021", dt.date(2021, 5, 14)),
        ("đến ngày 15/7/2021", dt.date(2021, 7, 15)),
        ("đến trước ngày 30/6/2021", dt.date(2021, 6, 30)),
        ("thời gian hoàn thành trước ngày 26/6/2021", dt.date(2021, 6, 26)),
        ("trước ngày 05/7/2021", dt.date(2021, 7, 5)),
        ("trước ngày 30 tháng 11 năm 2021", dt.date(2021, 11, 30)),
        ("chậm nhất ngày 10/7/2021", dt.date(2021, 7, 10)),
        ("trong tháng 7/2021", dt.date(2021, 7, 31)),
        ("(trước ngày 05/7/2021)", dt.date(2021, 7, 5)),
    ],
)
def test_deadline_phrases_give_the_due_date(phrase, due):
    task = only_task(f"1. Giao Sở Y tế xây dựng kế hoạch tiêm chủng, báo cáo UBND tỉnh {phrase}.")
    assert (task.deadline_kind, task.due_date) == ("date", due)
    assert task.deadline_text == phrase.strip("()")


def test_before_midnight_means_the_day_before():
    task = only_task("1. Giao Sở Công Thương hoàn thành việc rà soát các chợ trước 0 giờ ngày 24/6/2021.")
    assert task.due_date == dt.date(2021, 6, 23)
    assert task.deadline_text == "trước 0 giờ ngày 24/6/2021"


def test_a_date_without_year_takes_the_notice_year_and_warns():
    draft = read_notice(HEADER + "1. Giao Sở Nội vụ trình phương án trước ngày 26/6.")
    assert draft.tasks[0].due_date == dt.date(2021, 6, 26)
    assert any("không ghi năm" in w and "2021" in w for w in draft.warnings)


def test_the_year_comes_from_the_meeting_when_the_issue_date_is_missing():
    header = (
        "THÔNG BÁO\n\nKết luận cuộc họp\n\nNgày 13/5/2022, Chủ tịch UBND tỉnh chủ trì cuộc họp, kết luận như sau:\n\n"
    )
    task = only_task("1. Giao Sở Y tế báo cáo trước ngày 20/5.", header)
    assert task.due_date == dt.date(2022, 5, 20)


def test_a_year_less_date_early_in_the_next_year_rolls_over():
    header = HEADER.replace("24 tháng 6", "20 tháng 12").replace("24/6/2021", "20/12/2021")
    task = only_task("1. Giao Sở Tài chính quyết toán kinh phí trước ngày 15/01.", header)
    assert task.due_date == dt.date(2022, 1, 15)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Y tế thực hiện đánh giá theo Quyết định 2686/QĐ-BCĐQG ngày 31/5/2021 của Ban Chỉ đạo Quốc gia.",
        "Sở Y tế thực hiện nghiêm Chỉ thị số 07-CT/TU ngày 10/5/2021 của Ban Thường vụ Tỉnh ủy.",
        "Sở Văn hóa, Thể thao và Du lịch hướng dẫn các cơ sở karaoke hoạt động trở lại từ 0 giờ ngày 24/6/2021.",
        "Sở Xây dựng kiểm tra các công trình thi công từ ngày 01/7/2021.",
    ],
)
def test_dates_that_are_not_deadlines_never_become_due_dates(sentence):
    task = only_task(f"1. {sentence}")
    assert (task.deadline_kind, task.due_date) == ("none", None)


def test_the_meeting_date_is_not_a_deadline():
    draft = read_notice(HEADER + "1. Giao Sở Y tế khẩn trương rà soát các khu cách ly.")
    assert draft.meeting.date == dt.date(2021, 6, 24)
    assert draft.tasks[0].due_date is None


@pytest.mark.parametrize(
    ("phrase", "recurrence"),
    [
        ("hằng ngày", "daily"),
        ("hàng ngày", "daily"),
        ("hằng tuần", "weekly"),
        ("hàng tuần", "weekly"),
        ("hằng tháng", "monthly"),
        ("hàng tháng", "monthly"),
        ("định kỳ hằng tháng", "monthly"),
    ],
)
def test_recurring_work(phrase, recurrence):
    task = only_task(f"1. Giao Sở Y tế {phrase} báo cáo tình hình dịch bệnh về UBND tỉnh.")
    assert (task.deadline_kind, task.recurrence, task.due_date) == ("recurring", recurrence, None)


def test_ongoing_work():
    task = only_task("1. Sở Y tế thường xuyên kiểm tra việc thực hiện tại các khu cách ly y tế.")
    assert (task.deadline_kind, task.due_date, task.recurrence) == ("ongoing", None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Giao Sở Y tế khẩn trương hoàn thiện phương án cách ly.",
        "Giao Sở Y tế kịp thời thông báo kết quả đánh giá mức độ nguy cơ.",
        "Giao Sở Y tế xây dựng phương án phòng, chống dịch.",
    ],
)
def test_urgency_words_or_no_date_mean_no_deadline(sentence):
    task = only_task(f"1. {sentence}")
    assert (task.deadline_kind, task.due_date) == ("none", None)


def test_two_deadlines_for_two_actions_make_two_tasks():
    tasks = tasks_of(
        "- Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Ban Quản lý Khu công nghiệp tỉnh và UBND "
        "huyện, thành phố đến trước ngày 30/6/2021 hoàn thành triển khai phần mềm truy vết và đến ngày "
        "15/7/2021 tổ chức rà soát, bổ sung xong hệ thống cơ sở dữ liệu."
    )
    assert [(t.lead.text, t.due_date) for t in tasks] == [
        ("Sở Thông tin và Truyền thông", dt.date(2021, 6, 30)),
        ("Sở Thông tin và Truyền thông", dt.date(2021, 7, 15)),
    ]
    assert all(
        [m.text for m in t.coordinating] == ["Ban Quản lý Khu công nghiệp tỉnh", "UBND huyện, thành phố"] for t in tasks
    )
    assert tasks[0].action.startswith("Hoàn thành triển khai phần mềm")
    assert tasks[1].action.startswith("Tổ chức rà soát")


def test_two_deadlines_written_after_their_actions_make_two_tasks():
    tasks = tasks_of(
        "1. Giao Sở Kế hoạch và Đầu tư hoàn thành báo cáo giải ngân trước ngày 30/6/2021 và trình "
        "kế hoạch vốn năm 2022 trước ngày 15/7/2021."
    )
    assert [t.due_date for t in tasks] == [dt.date(2021, 6, 30), dt.date(2021, 7, 15)]
    assert tasks[1].action.startswith("Trình kế hoạch vốn")


def test_one_deadline_per_agency_makes_one_task_per_agency():
    tasks = tasks_of(
        "- Yêu cầu đến hết ngày 26/6/2021 đối với các sở, ngành của tỉnh và đến hết ngày 27/6/2021 đối với "
        "UBND huyện, thành phố phải hoàn thành ban hành Kế hoạch khôi phục hoạt động, báo cáo về UBND tỉnh."
    )
    assert [(t.lead.text, t.due_date) for t in tasks] == [
        ("các sở, ngành của tỉnh", dt.date(2021, 6, 26)),
        ("UBND huyện, thành phố", dt.date(2021, 6, 27)),
    ]
    assert all(t.action.startswith("Hoàn thành ban hành Kế hoạch") for t in tasks)
    assert tasks[0].lead.is_collective and tasks[1].lead.is_collective


def test_a_dated_clause_after_an_open_one_is_its_own_task():
    tasks = tasks_of(
        "3. UBND các huyện, thành phố triển khai các biện pháp sau: Quản lý chặt chẽ việc cho thuê nhà trọ; "
        "thành lập các tổ giám sát tại cộng đồng (hoàn thành trong ngày 14/5/2021); yêu cầu các nhà thuốc "
        "kịp thời báo cáo người có triệu chứng."
    )
    assert [(t.deadline_kind, t.due_date) for t in tasks] == [
        ("none", None),
        ("date", dt.date(2021, 5, 14)),
        ("none", None),
    ]


def test_a_report_with_its_date_stays_with_the_work_it_reports():
    task = only_task("1. Giao Sở Tài chính rà soát nguồn kinh phí; báo cáo UBND tỉnh trước ngày 10/7/2021.")
    assert task.due_date == dt.date(2021, 7, 10)


def test_ongoing_clause_after_a_dated_one_is_a_second_task():
    tasks = tasks_of(
        "1. Giao Sở Thông tin và Truyền thông hoàn thành phần mềm trước ngày 30/6/2021; đồng thời thường "
        "xuyên cập nhật, phát triển tính năng phần mềm."
    )
    assert [t.deadline_kind for t in tasks] == ["date", "ongoing"]


def test_a_sentence_or_clause_holding_only_a_deadline_dates_the_task_before_it():
    tasks = tasks_of(
        "1. Giao Sở Xây dựng rà soát quy hoạch chung. Thời hạn hoàn thành: trước ngày 30/9/2021.\n\n"
        "2. Giao Sở Thông tin và Truyền thông đẩy mạnh tuyên truyền; hoàn thành trước ngày 31/7/2021.\n"
    )
    assert [(t.lead.text, t.due_date) for t in tasks] == [
        ("Sở Xây dựng", dt.date(2021, 9, 30)),
        ("Sở Thông tin và Truyền thông", dt.date(2021, 7, 31)),
    ]
    assert [t.action for t in tasks] == ["Rà soát quy hoạch chung", "Đẩy mạnh tuyên truyền"]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [("hoàn thành trong quý III/2021", dt.date(2021, 9, 30)), ("hoàn thành trong năm 2021", dt.date(2021, 12, 31))],
)
def test_a_quarter_or_a_year_is_due_on_its_last_day(phrase, due):
    task = only_task(f"1. Giao Sở Nội vụ tham mưu kiện toàn tổ chức bộ máy, {phrase}.")
    assert (task.deadline_kind, task.due_date) == ("date", due)
