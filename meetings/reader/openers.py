"""How a clause opens: enumeration words, commas and adverbs to skip, labels ("Về công tác
...:") and statements ("Số ca mắc đã giảm"). Helpers of `clauses` working on tokens only."""

from __future__ import annotations

from meetings.reader import lexicon as lx
from meetings.reader.tokens import Tok

_ENUM_WORDS = frozenset({"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"})
_ORDINALS = frozenset({"nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"})
_TOPIC_OPENERS = frozenset({"về", "ở", "tại", "trong", "đối", "riêng"})


def is_topic(toks: list[Tok], i: int, last: str) -> bool:
    """ "Về công tác y tế:", "Ở các huyện, thành phố:": a label for what follows."""
    if last != ":" or i >= len(toks) or lx.TRIGGERS.match(toks, i):
        return False
    words = sum(1 for t in toks[i:] if t.word)
    return toks[i].low in _TOPIC_OPENERS or words <= 4


def reads_as_statement(toks: list[Tok], i: int) -> bool:
    """ "Số trường hợp ... đã giảm", "Xác định mặt trận chính ... là địa bàn ...": reports."""
    window = toks[i : i + 10]
    for n, tok in enumerate(window):
        if tok.low in ("đã", "chưa", "đang", "vẫn") and n <= 7:
            return True
        if tok.low == "là" and n > 0 and window[n - 1].low not in ("nhất", "biệt", "tức", "có"):
            return True
    return False


def skip_enum(toks: list[Tok], i: int) -> int:
    if i + 1 < len(toks) and toks[i].low in _ENUM_WORDS and toks[i + 1].low == "là":
        return skip_comma(toks, i + 2)
    if i + 1 < len(toks) and toks[i].low == "thứ" and toks[i + 1].low in _ORDINALS:
        return skip_comma(toks, i + 2)
    return i


def skip_comma(toks: list[Tok], i: int) -> int:
    while i < len(toks) and toks[i].text in ",:":
        i += 1
    return i


def skip_adverbs(toks: list[Tok], i: int, only_modal: bool = False) -> int:
    for _ in range(3):
        n = lx.ADVERBS.match(toks, i)
        if not n or (only_modal and toks[i].low not in ("phải", "cần")):
            break
        i = skip_comma(toks, i + n)
    return i
