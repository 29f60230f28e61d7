# ruff: noqa: E501 - the sample sentences keep their length as a notice writes them
"""General rules of Vietnamese administrative prose, each on a sentence made up for the test:
who is given the action, where a name ends, what is not a task, and where a deadline goes."""

from __future__ import annotations

import datetime as dt

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


def test_those_named_after_chu_tri_cung_carry_the_action_with_the_lead():
    # A collective named with "cùng" is a co-lead, never lost in the action's words.
    draft = read(
        "Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, cùng UBND các huyện, thành phố kiểm tra "
        "an toàn các hồ chứa nước trước mùa mưa; hoàn thành trước ngày 30/4/2025.\n"
    )
    assert leads(draft) == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert [m.text for m in draft.tasks[0].co_leads] == ["UBND các huyện, thành phố"]
    assert draft.tasks[0].action.startswith("Kiểm tra an toàn")
    assert draft.tasks[0].due_date == dt.date(2025, 4, 30)


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


def test_the_addressees_of_a_letter_are_not_given_a_task():
    draft = read(
        "Kính gửi:\n- Các Sở: Tài chính, Xây dựng;\n- Ủy ban nhân dân huyện Lạc Sơn.\n\n"
        "Giao Sở Xây dựng kiểm tra chất lượng kè sông Đà.\n"
    )
    assert leads(draft) == ["Sở Xây dựng"]


def test_a_chair_named_by_a_province_other_than_the_issuer_is_an_addressee():
    draft = read("Chủ tịch Ủy ban nhân dân tỉnh Sơn La chỉ đạo các cơ quan chức năng lập phương án phòng lũ.\n")
    assert leads(draft) == ["Chủ tịch Ủy ban nhân dân tỉnh Sơn La"]


def test_an_office_serving_two_elected_bodies_is_one_name():
    draft = read("Giao Văn phòng Đoàn ĐBQH và HĐND tỉnh chuẩn bị tài liệu kỳ họp.\n")
    assert leads(draft) == ["Văn phòng Đoàn ĐBQH và HĐND tỉnh"]


def test_words_run_together_by_a_converter_are_read_apart():
    draft = read("Bộ Kế hoạch vàĐầu tư tổng hợp ý kiến các bộ, ngành.\n")
    assert leads(draft) == ["Bộ Kế hoạch và Đầu tư"]


# --- what is not a task ---------------------------------------------------------------------


def test_closing_formulas_are_not_tasks():
    draft = read(
        "Giao Sở Tài chính thẩm định dự toán.\n\n"
        "Yêu cầu Sở Tài chính, Sở Xây dựng và các đơn vị liên quan triển khai thực hiện./.\n"
    )
    assert leads(draft) == ["Sở Tài chính"]


def test_told_to_know_and_carry_out_is_not_a_task():
    draft = read(
        "Giao Bộ Y tế rà soát danh mục thuốc.\n\n"
        "Văn phòng Chính phủ xin thông báo để Bộ Y tế và các cơ quan liên quan biết, thực hiện./.\n"
    )
    assert leads(draft) == ["Bộ Y tế"]


# --- deadlines ------------------------------------------------------------------------------


def test_a_report_sentence_dates_the_task_before_it():
    draft = read(
        "Giao Sở Nội vụ chủ trì rà soát biên chế các đơn vị sự nghiệp. "
        "Báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/4/2025.\n"
    )
    assert [(t.lead.text, t.deadline_kind, t.due_date) for t in draft.tasks] == [
        ("Sở Nội vụ", "date", dt.date(2025, 4, 15))
    ]


def test_a_request_sentence_dates_the_task_before_it():
    draft = read("Giao Sở Tư pháp thẩm định dự thảo quy chế. Yêu cầu hoàn thành và gửi kết quả trước ngày 20/3/2025.\n")
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [("Sở Tư pháp", dt.date(2025, 3, 20))]


def test_if_stuck_clauses_are_not_tasks():
    draft = read(
        "Giao Sở Y tế kiểm tra các phòng khám tư nhân. "
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    assert leads(draft) == ["Sở Y tế"]


def test_people_addressed_after_giao_lead_up_to_their_verb():
    draft = read("Giao các đồng chí Phó Trưởng ban phụ trách các lĩnh vực chuẩn bị báo cáo tổng kết.\n")
    assert leads(draft) == ["các đồng chí Phó Trưởng ban phụ trách các lĩnh vực"]


def test_capitalised_numbered_items_inside_a_paragraph_are_split():
    draft = read(
        "1. Sở Nông nghiệp và Môi trường\n\n"
        "Chủ trì rà soát diện tích rừng phòng hộ; (ii) Tổ chức tập huấn cho kiểm lâm địa bàn; "
        "(iii) Phối hợp với Công an tỉnh xử lý vi phạm.\n"
    )
    assert leads(draft) == ["Sở Nông nghiệp và Môi trường"] * 3


def test_lower_case_items_of_a_scope_list_stay_one_task():
    draft = read(
        "Giao Sở Xây dựng hướng dẫn các chủ đầu tư theo quy định về: (i) đấu nối hạ tầng; (ii) cấp phép xây dựng.\n"
    )
    assert leads(draft) == ["Sở Xây dựng"]


def test_recurrent_spending_is_not_an_ongoing_deadline():
    draft = read("Giao Sở Tài chính cân đối nguồn chi thường xuyên cho các trường học.\n")
    assert draft.tasks[0].deadline_kind == "none"


def test_a_completion_verb_a_few_words_before_a_year_makes_it_a_bound():
    draft = read(
        "Giao Ủy ban nhân dân huyện Kỳ Sơn lập phương án di dời, hoàn thành phê duyệt phương án trong năm 2025.\n"
    )
    assert (draft.tasks[0].deadline_kind, draft.tasks[0].due_date) == ("date", dt.date(2025, 12, 31))


def test_the_agencies_after_the_heads_title_and_a_colon_are_the_leads():
    draft = read("Giao Giám đốc: Sở Y tế, Sở Tư pháp, Đài Phát thanh và Truyền hình tỉnh tuyên truyền phòng dịch.\n")
    task = draft.tasks[0]
    assert [task.lead.text, *[m.text for m in task.co_leads]] == [
        "Sở Y tế",
        "Sở Tư pháp",
        "Đài Phát thanh và Truyền hình tỉnh",
    ]


def test_a_kind_and_a_colon_name_each_agency_of_that_kind():
    draft = read(
        "Giao UBND huyện Lạc Sơn chủ trì, phối hợp với các Sở: Giao thông vận tải, Nông nghiệp và Phát triển "
        "nông thôn, Tài chính kiểm tra tuyến đường; hoàn thành trước ngày 25/3/2025.\n"
    )
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [("UBND huyện Lạc Sơn", dt.date(2025, 3, 25))]
    assert [m.text for m in draft.tasks[0].coordinating] == [
        "Sở Giao thông vận tải",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài chính",
    ]


def test_a_for_agency_heading_leads_the_items_under_it():
    draft = read(
        "Đề nghị các cơ quan thực hiện các nội dung sau:\n\n"
        "1. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 Nghị định)\n\n"
        "a) Hướng dẫn danh mục tài sản kết cấu hạ tầng.\n\n"
        "b) Phối hợp với Bộ Tài chính xây dựng cơ sở dữ liệu.\n"
    )
    assert leads(draft) == ["các Bộ quản lý chuyên ngành"] * 2


def test_page_marks_of_a_converter_are_not_read():
    draft = read(
        "1. Sở Công Thương\n\n- Rà soát quy hoạch cụm công nghiệp.\n\n===== Trang 2 =====\n\n"
        "- Hướng dẫn nhà đầu tư hạ tầng.\n"
    )
    assert len(draft.tasks) == 2


def test_an_attendance_request_is_not_a_task():
    draft = read(
        "Giao Phòng Tổng hợp chuẩn bị tài liệu hội nghị.\n\n"
        "Yêu cầu các đồng chí sắp xếp công việc, về dự Hội nghị đúng thời gian và địa điểm nêu trên./.\n"
    )
    assert leads(draft) == ["Phòng Tổng hợp"]


def test_who_attends_is_not_given_a_task():
    draft = read(
        "Thành phần:\n\nĐại diện lãnh đạo các đơn vị: Sở Tài chính, Sở Nội vụ.\n\n"
        "Công ty Cổ phần Nước sạch Hòa Bình.\n\n"
        "Giao Ủy ban nhân dân huyện Mai Châu chuẩn bị báo cáo tại buổi làm việc.\n"
    )
    assert leads(draft) == ["Ủy ban nhân dân huyện Mai Châu"]


def test_items_after_bao_gom_are_the_scope_of_the_task_introducing_them():
    draft = read(
        "1. Phòng Quản lý đô thị\n\n"
        "Chủ trì tham mưu thực hiện các nhiệm vụ được ủy quyền, bao gồm:\n\n"
        "- Cấp giấy phép xây dựng công trình cấp II;\n\n- Thẩm định thiết kế cơ sở.\n"
    )
    assert leads(draft) == ["Phòng Quản lý đô thị"]


def test_an_appointment_inside_the_action_dates_it_but_not_at_the_head_of_a_sentence():
    draft = read(
        "Sáng ngày 10/3/2025, đoàn công tác đã kiểm tra thực địa. "
        "Giao Ban Dân tộc chuẩn bị nội dung làm việc với đoàn theo lịch 16 giờ ngày 20/3/2025.\n"
    )
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [("Ban Dân tộc", dt.date(2025, 3, 20))]


def test_the_edition_of_a_periodic_programme_is_a_month_bound():
    draft = read("Giao Đài Phát thanh và Truyền hình tỉnh thực hiện chương trình đối thoại định kỳ tháng 8/2025.\n")
    assert (draft.tasks[0].deadline_kind, draft.tasks[0].due_date) == ("date", dt.date(2025, 8, 31))


def test_a_long_case_opening_hands_the_task_over_after_thi():
    draft = read(
        "- Trường hợp thực hiện nạo vét lòng hồ thủy lợi mà có hoạt động tận thu cát, sỏi trong quá trình "
        "nạo vét kết hợp với việc gia cố bờ hồ thì đề nghị Sở Nông nghiệp và Môi trường hướng dẫn chủ đầu tư.\n"
    )
    assert leads(draft) == ["Sở Nông nghiệp và Môi trường"]


def test_a_request_with_an_action_in_the_closing_is_a_task():
    draft = read(
        "Giao Sở Xây dựng kiểm tra công trình.\n\n"
        "Trên đây là ý kiến của Cục Quản lý xây dựng, đề nghị Sở Xây dựng tỉnh Hòa Bình nghiên cứu, hướng dẫn chủ đầu tư.\n"
    )
    assert leads(draft) == ["Sở Xây dựng", "Sở Xây dựng tỉnh Hòa Bình"]


def test_a_deputys_title_and_name_heading_leads_what_follows():
    draft = read(
        "Giám đốc Sở Tài chính yêu cầu các đơn vị thực hiện các nội dung sau:\n\n"
        "1. Phó Giám đốc Sở - Lò Văn Minh\n\nTrực tiếp chỉ đạo công tác quyết toán.\n"
    )
    assert leads(draft) == ["Phó Giám đốc Sở - Lò Văn Minh"]


def test_items_listing_forms_or_cases_are_not_tasks():
    draft = read(
        "1. Sở Tài chính rà soát, giao tài sản kết cấu hạ tầng theo các hình thức sau:\n\n"
        "a) Giao tài sản cho cơ quan quản lý theo hình thức ghi tăng tài sản;\n\n"
        "b) Giao tài sản cho doanh nghiệp theo hình thức không tính vốn.\n"
    )
    assert leads(draft) == ["Sở Tài chính"]


def test_an_ad_hoc_report_on_request_is_a_standing_duty_not_a_task():
    draft = read("Giao Sở Công Thương tổng hợp báo cáo quý. Các sở, ngành thực hiện báo cáo đột xuất khi có yêu cầu.\n")
    assert leads(draft) == ["Sở Công Thương"]


def test_the_agency_after_a_closing_dash_answers_for_the_item_and_takes_the_intros_deadline():
    draft = read(
        "Các cơ quan thực hiện các nội dung sau:\n\n"
        "1. Trong thời hạn 03 tháng kể từ ngày 01/4/2025, các sở thực hiện việc công bố danh mục; cụ thể như sau:\n\n"
        "- Danh mục công trình thủy lợi; công trình đê điều - Sở Nông nghiệp và Môi trường.\n\n"
        "- Danh mục công trình giao thông — Sở Xây dựng.\n"
    )
    assert [(t.lead.text, t.due_date) for t in draft.tasks] == [
        ("Sở Nông nghiệp và Môi trường", dt.date(2025, 7, 1)),
        ("Sở Xây dựng", dt.date(2025, 7, 1)),
    ]


def test_agency_names_run_to_their_natural_end():
    names = [
        "Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn tỉnh",
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
        "Các thành viên Ban Chỉ đạo phòng, chống thiên tai cấp huyện",
        "Thủ trưởng các sở, ban, ngành thuộc tỉnh",
    ]
    draft = read(
        "Giao Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn tỉnh rà soát hộ nghèo.\n\n"
        "Giao Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh đẩy nhanh tiến độ cầu.\n\n"
        "Các thành viên Ban Chỉ đạo phòng, chống thiên tai cấp huyện theo dõi địa bàn được phân công.\n\n"
        "Thủ trưởng các sở, ban, ngành thuộc tỉnh chỉ đạo rà soát thủ tục hành chính.\n"
    )
    assert leads(draft) == names


def test_approvals_are_not_tasks():
    draft = read(
        "1. Đồng ý chủ trương đầu tư dự án kè sông Bôi.\n\n"
        "2. Cơ bản thống nhất với đề xuất của Sở Tài chính về phương án phân bổ vốn.\n\n"
        "3. Giao Sở Tài chính hoàn thiện hồ sơ trình Ủy ban nhân dân tỉnh.\n"
    )
    assert leads(draft) == ["Sở Tài chính"]
