"""directives/notices/importing/ocr.py: OCR output made into a notice's text, on made-up pages in
the shapes Tesseract gives them (lines as laid out, blank lines between blocks)."""

import unicodedata

import pytest

from directives.notices.importing.ocr import clean_ocr_pages, is_noise

WIDTH = "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính và các cơ quan liên quan khẩn trương"


def test_text_comes_out_nfc_even_when_ocr_gives_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Giao Sở Y tế thực hiện.")
    assert clean_ocr_pages([decomposed]) == unicodedata.normalize("NFC", "Giao Sở Y tế thực hiện.")


def test_lines_the_width_broke_are_joined_into_one_paragraph():
    page = f"{WIDTH}\nxây dựng kế hoạch, hoàn thành trước ngày 30/6/2021.\n"
    assert clean_ocr_pages([page]) == f"{WIDTH} xây dựng kế hoạch, hoàn thành trước ngày 30/6/2021."


def test_a_full_line_goes_on_even_when_the_next_starts_with_a_capital():
    page = "Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban trực tuyến với Ban\nChỉ huy tiền phương.\n"
    assert clean_ocr_pages([page]).startswith(
        "Ngày 24/6/2021, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban trực tuyến với Ban Chỉ huy"
    )


def test_short_header_lines_and_headings_stay_on_their_own_lines():
    page = "Số: /TB-UBND\nBắc Giang, ngày 24 tháng 6 năm 2021\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n"
    assert clean_ocr_pages([page]).split("\n") == [
        "Số: /TB-UBND",
        "Bắc Giang, ngày 24 tháng 6 năm 2021",
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh",
    ]


def test_a_block_break_in_mid_sentence_is_crossed():
    page = (
        f"9. Về một số đề xuất:\n- {WIDTH} theo đề nghị của UBND huyện\n\nThan Uyên trước ngày 05/7/2021.\n\n- Sở Y tế"
    )
    assert clean_ocr_pages([page]).split("\n") == [
        "9. Về một số đề xuất:",
        f"- {WIDTH} theo đề nghị của UBND huyện Than Uyên trước ngày 05/7/2021.",
        "",
        "- Sở Y tế",
    ]


def test_a_paragraph_that_ends_short_is_not_run_on_after_a_blank_line():
    page = f"{WIDTH}\nphòng, chống dịch Covid-19 (ngày 24/6/2021)\n\nNgày 24/6/2021, Chủ tịch UBND tỉnh chủ trì."
    assert clean_ocr_pages([page]).endswith("(ngày 24/6/2021)\n\nNgày 24/6/2021, Chủ tịch UBND tỉnh chủ trì.")


def test_a_short_line_after_a_joined_one_is_not_taken_for_a_full_one():
    page = f"{WIDTH}\nkế hoạch\nTHÔNG BÁO\nSố: 12/TB-UBND\nBắc Giang"
    assert clean_ocr_pages([page]).split("\n") == [f"{WIDTH} kế hoạch", "THÔNG BÁO", "Số: 12/TB-UBND", "Bắc Giang"]


def test_a_numbered_item_or_a_bullet_starts_a_new_line():
    page = f"{WIDTH}\n1. Về công tác phòng, chống dịch Covid-19 trên địa bàn tỉnh trong thời gian tới\n- Giao Sở Y tế\n"
    lines = clean_ocr_pages([page]).split("\n")
    assert lines[1].startswith("1. Về công tác") and lines[2] == "- Giao Sở Y tế"


def test_a_word_hyphenated_at_the_margin_is_joined():
    assert clean_ocr_pages([f"{WIDTH} dịch Covid-\n19 trên địa bàn."]).endswith("dịch Covid-19 trên địa bàn.")
    assert clean_ocr_pages([f"{WIDTH} truy vết qua inter-\nnet."]).endswith("truy vết qua internet.")


def test_a_dash_standing_apart_stays_a_dash():
    assert clean_ocr_pages([f"{WIDTH} phát triển kinh tế -\nxã hội."]).endswith("phát triển kinh tế - xã hội.")


@pytest.mark.parametrize("number", ["2", "- 2 -", "– 2 –", "Trang 2", "Trang 2/5", "2/5"])
def test_page_numbers_at_the_top_or_bottom_of_a_page_are_dropped(number):
    pages = ["Số: 12/TB-UBND\n\n1. Giao Sở Y tế thực hiện.", f"{number}\n\n2. Giao Sở Nội vụ thực hiện.\n\n{number}"]
    text = clean_ocr_pages(pages)
    assert text == "Số: 12/TB-UBND\n\n1. Giao Sở Y tế thực hiện.\n\n2. Giao Sở Nội vụ thực hiện."


def test_a_number_inside_the_page_is_kept():
    page = "Kết quả:\n\nSở Y tế\nSở Tài chính\nSố ca mắc\n16\nSở Nội vụ\nSở Công Thương\nSở Tư pháp\n"
    assert "\n16\n" in clean_ocr_pages([page])


def test_a_header_and_footer_repeated_on_every_page_are_dropped():
    pages = [
        f"VĂN PHÒNG UBND TỈNH BẮC GIANG\n\n{i}. Giao Sở Y tế thực hiện việc {i}.\n\nIn lúc 10:0{i} ngày 24/6/2021"
        for i in range(1, 4)
    ]
    text = clean_ocr_pages(pages)
    assert "VĂN PHÒNG UBND TỈNH BẮC GIANG" not in text and "In lúc" not in text
    assert text.count("Giao Sở Y tế") == 3


def test_a_line_on_one_page_only_is_not_a_header():
    pages = ["THÔNG BÁO\n\n1. Giao Sở Y tế thực hiện.", "2. Giao Sở Nội vụ thực hiện.\n\nNơi nhận:"]
    assert clean_ocr_pages(pages).startswith("THÔNG BÁO")


def test_a_sentence_running_over_the_page_break_is_one_sentence():
    pages = [f"1. {WIDTH}", "xây dựng kế hoạch trước ngày 30/6/2021."]
    assert clean_ocr_pages(pages) == f"1. {WIDTH} xây dựng kế hoạch trước ngày 30/6/2021."


def test_a_sentence_running_over_the_page_break_onto_a_name_is_one_sentence():
    pages = [
        f"{WIDTH}\n- Giao Sở Tài chính có văn bản trả lời theo đề nghị của UBND huyện",
        "Than Uyên trước ngày 05/7/2021.",
    ]
    assert clean_ocr_pages(pages).endswith("theo đề nghị của UBND huyện Than Uyên trước ngày 05/7/2021.")


def test_a_short_last_line_does_not_run_onto_the_next_page():
    pages = ["1. Giao Sở Y tế thực hiện.\n\nNơi nhận", "Sở Nội vụ"]
    assert clean_ocr_pages(pages) == "1. Giao Sở Y tế thực hiện.\n\nNơi nhận\n\nSở Nội vụ"


def test_pages_that_end_a_sentence_stay_apart():
    pages = ["1. Giao Sở Y tế thực hiện.", "2. Giao Sở Nội vụ thực hiện."]
    assert clean_ocr_pages(pages) == "1. Giao Sở Y tế thực hiện.\n\n2. Giao Sở Nội vụ thực hiện."


@pytest.mark.parametrize(
    "line",
    [
        "~~ \\ ` ' ; ,",
        "|| —— ..",
        "Ẫ ọ ạ ậ ồ Ỷ",  # a signature's strokes read as accented letters
        "nGà tHôNg xỪ ƯơM",  # a round stamp's text read upside down
        "ô ` / (ứ ~ w ý «ủ",
    ],
)
def test_the_noise_of_a_stamp_or_a_signature_is_dropped(line):
    assert is_noise(line)
    assert clean_ocr_pages([f"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{line}\nPhan Thế Tuấn"]) == (
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhan Thế Tuấn"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Số: 123/TB-UBND",
        "- TT Tỉnh ủy, TT HĐND tỉnh;",
        "- Lưu: VT, KGVX.",
        "Phan Thế Tuấn",
        "1. Giao Sở Y tế chủ trì.",
        "Lục Ngạn (16 ca), Hiệp Hòa (03 ca), Lạng Giang (02 ca) và Việt Yên (01 ca).",
        "a) Sở TT&TT; Sở LĐ-TB&XH; F0 tại huyện Yên Dũng, y tế cơ sở;",
        "Ngày 24/6/2021",
    ],
)
def test_lines_of_text_are_never_noise(line):
    assert not is_noise(line)
