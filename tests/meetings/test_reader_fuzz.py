"""Whatever the text, the reader returns a draft or raises NotANoticeError, and soon.

Random text, notice-like text shuffled from real fragments, and adversarial runs ("Giao Giao
...", "phối hợp với" repeated, digits and slashes, "1.1.1.1.", thousands of commas, a 200 KB
single line). Hypothesis keeps no example database (nothing is written into the repository).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.reader import NotANoticeError, NoticeDraft, read_notice

FAST = settings(
    max_examples=60,
    deadline=dt.timedelta(seconds=2),
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LARGE = settings(
    max_examples=12,
    deadline=dt.timedelta(seconds=4),
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = [
    "Giao ", "giao ", "Sở Y tế ", "UBND các huyện, thành phố ", "phối hợp với ", "chủ trì, ", "và ", ", ", "; ", ": ",
    ". ", ".\n\n", "\n", "\n\n- ", "\n\n1. ", "2.1. ", "Một là, ", "trước ngày ", "26/6/2021", "26/6", "đến hết ngày ",
    "hằng ngày ", "thường xuyên ", "khẩn trương ", "báo cáo UBND tỉnh ", "(", ")", "“", "”", "**", "*", "###", "-----",
    "Số: /TB-UBND\n", "Bắc Giang, ngày tháng 6 năm 2021\n", "THÔNG BÁO\n", "Nơi nhận:\n", "TL. CHỦ TỊCH\n",
    "Ban Chỉ đạo ", "tỉnh", "đối với ", "các sở, ban, ngành ", "Yêu cầu ", "ngày 30 tháng 11 năm 2021", "\r\n",
    "\u00a0", "Trên đây là ", "./.", "Đồng chí ", "chủ trì cuộc họp", "Tham dự có ", "nào ", "thì ", "0 giờ ",
    "từ ",
]  # fmt: skip


def check(draft_or_error: object) -> None:
    """A draft must be internally consistent: spans inside the text, dates real dates."""
    if not isinstance(draft_or_error, NoticeDraft):
        return
    draft = draft_or_error
    for task in draft.tasks:
        start, end = task.span
        assert 0 <= start <= end <= len(draft.text)
        assert task.deadline_kind in ("date", "recurring", "ongoing", "none")
        assert (task.due_date is not None) <= (task.deadline_kind == "date")
        assert task.recurrence in (None, "daily", "weekly", "monthly")
        assert task.lead.text
    for conclusion in draft.conclusions:
        assert 0 <= conclusion.start <= conclusion.end <= len(draft.text)


def read_or_refuse(text: str) -> object:
    try:
        return read_notice(text)
    except NotANoticeError as error:
        assert str(error)  # a message for the clerk
        return error


@FAST
@given(st.text(max_size=3000))
def test_random_text_gives_a_draft_or_not_a_notice(text):
    check(read_or_refuse(text))


@FAST
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=400))
def test_notice_like_fragments_in_any_order(pieces):
    check(read_or_refuse("".join(pieces)))


@FAST
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet="0123456789/.-:;, \n", max_size=20), max_size=300))
def test_notice_fragments_mixed_with_digits_and_punctuation(pieces):
    check(read_or_refuse("".join(pieces)))


ADVERSARIAL = [
    "Giao ", "phối hợp với ", "1/2/3/4/5/", "1.1.1.1. ", ",", "Sở Y tế, ", "Sở Y tế và ", "Ban Chỉ đạo ", "(", "“",
    "Một là, ", "- ", ";", ":", ". A", "trước ngày ", "UBND các huyện Lục Ngạn, ", "Chủ tịch UBND các ",
    "Sở Lao động - ", "Giao Sở Y tế chủ trì, ", "Ab:\n- x y.\n", "Giao Sở A; ", "a",
]  # fmt: skip


@LARGE
@given(st.sampled_from(ADVERSARIAL), st.integers(min_value=1_000, max_value=200_000))
def test_adversarial_runs_finish_in_time(piece, size):
    text = (piece * (size // len(piece) + 1))[:size]
    check(read_or_refuse(text))


@pytest.mark.parametrize(
    "text",
    [
        "Giao Sở Y tế chủ trì, phối hợp với " + "Sở Công Thương, " * 20_000 + "báo cáo trước ngày 30/6/2021.",
        "x" * 200_000,
        "Giao Sở Y tế báo cáo trước ngày 30/6/2021 " * 5_000,
        ("1. Giao Sở Y tế báo cáo hằng ngày.\n" * 6_000)[:200_000],
    ],
    ids=["huge-coordination-list", "one-200kb-word", "200kb-single-line", "many-numbered-items"],
)
def test_large_inputs_stay_bounded(text):
    started = time.process_time()
    check(read_or_refuse(text))
    assert time.process_time() - started < 4.0
