"""Sentences of a paragraph and clauses of a sentence, as offset ranges of the view.

A sentence ends at ".", "!" or "?" followed by a capital, a digit, a bullet or the end (not
after an abbreviation such as "TP." or an initial). A clause ends at ";" or at a ":" inside
the sentence, outside brackets and quotes. A single pass over the characters: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ABBREVIATIONS = frozenset(
    {
        "TP",
        "Tp",
        "TX",
        "Tx",
        "TT",
        "ThS",
        "TS",
        "PGS",
        "GS",
        "BS",
        "Q",
        "P",
        "TL",
        "KT",
        "TM",
        "Th",
        "St",
        "No",
        "v.v",
        "vv",
    }
)
_OPEN = "(["
_CLOSE = ")]"
_QUOTES = '“”"'


@dataclass
class Sentence:
    start: int
    end: int  # one past its final punctuation (".", ":", ...)
    clauses: list[tuple[int, int]] = field(default_factory=list)
    intro: bool = False  # ends with ":" and so introduces what follows


_SENTENCE_MARKS = re.compile(r"[.!?()\[\]]")
_CLAUSE_MARKS = re.compile(r"[;:()\[\]“”\"]")


def split_sentences(view: str, start: int, end: int) -> list[Sentence]:
    """Sentences of view[start:end], each with its clauses."""
    sentences: list[Sentence] = []
    begin = _skip_space(view, start, end)
    depth = 0
    resume = begin
    words = _Words(view, end)
    for m in _SENTENCE_MARKS.finditer(view, begin, end):
        pos = m.start()
        if pos < resume:
            continue
        ch = view[pos]
        if ch in _OPEN:
            depth = min(depth + 1, 8)
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif _ends_sentence(view, pos, end, depth) and words.between(begin, pos):
            stop = pos + 1
            while stop < end and view[stop] in "./!?":  # "./." closes a notice
                stop += 1
            _add(view, sentences, begin, stop)
            begin = resume = _skip_space(view, stop, end)
            depth = 0
    if begin < end:
        _add(view, sentences, begin, _trim_end(view, begin, end))
    return sentences


_LETTERS = re.compile(r"[^\W\d_]{2}")


class _Words:
    """Whether view[begin:pos] holds a word (two letters in a row).

    A piece without one ("1.", ";;;") is never cut off on its own: it stays with what
    follows, which also keeps adversarial punctuation from making millions of one-character
    clauses. The search result is kept until `begin` moves, so the cost stays linear.
    """

    def __init__(self, view: str, end: int) -> None:
        self.view, self.end = view, end
        self.begin = -1
        self.found = -1

    def between(self, begin: int, pos: int) -> bool:
        if begin != self.begin:
            self.begin = begin
            m = _LETTERS.search(self.view, begin, self.end)
            self.found = m.end() if m else self.end + 1
        return self.found <= pos


def _ends_sentence(view: str, pos: int, end: int, depth: int) -> bool:
    nxt = _skip_space(view, pos + 1, end)
    if nxt >= end:
        return True
    if nxt == pos + 1 and view[nxt] not in "/":  # "2.1", "v.v", "TP.HCM": no space, no end
        return False
    follower = view[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in '-–•+“"(/'):
        return False
    word_start = pos
    floor = max(0, pos - 8)  # abbreviations are short: never walk back further
    while word_start > floor and (view[word_start - 1].isalnum() or view[word_start - 1] == "."):
        word_start -= 1
    word = view[word_start:pos]
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    return depth == 0 or follower.isupper()


def _add(view: str, sentences: list[Sentence], start: int, stop: int) -> None:
    stop = _trim_end(view, start, stop)
    if stop <= start:
        return
    sentence = Sentence(start, stop)
    sentence.intro = view[stop - 1] == ":"
    sentence.clauses = _split_clauses(view, start, stop)
    sentences.append(sentence)


def _split_clauses(view: str, start: int, stop: int) -> list[tuple[int, int]]:
    clauses: list[tuple[int, int]] = []
    begin, depth, quoted = start, 0, False
    words = _Words(view, stop)
    for m in _CLAUSE_MARKS.finditer(view, start, stop):
        pos = m.start()
        ch = view[pos]
        if ch in _OPEN:
            depth = min(depth + 1, 8)
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in _QUOTES:
            quoted = ch == "“" or (ch == '"' and not quoted)
        elif depth == 0 and not quoted and pos + 1 < stop and pos >= begin and words.between(begin, pos):
            if ch == ":" and (_is_time(view, pos) or _lists_items(view, pos)):
                continue
            clauses.append((begin, pos + 1))
            begin = _skip_space(view, pos + 1, stop)
    if begin < stop:
        clauses.append((begin, stop))
    return [c for c in clauses if c[1] > c[0]]


_LIST_WORDS = ("như", "gồm", "là", "thể", "sau")


_LISTING_TITLES = (("giám", "đốc"), ("thủ", "trưởng"), ("chủ", "tịch"))


def _lists_items(view: str, pos: int) -> bool:
    """ "... gồm: A, B", "các huyện: Yên Dũng, Yên Thế", "các Sở: Tài chính, Xây dựng", "Giám
    đốc: Sở A, Sở B": a list, not a new clause."""
    before = view[max(0, pos - 24) : pos].split()
    if not before:
        return False
    if before[-1].lower() in _LIST_WORDS:
        return True
    last_two = tuple(w.lower() for w in before[-2:])
    return last_two in _LISTING_TITLES or (len(before) >= 2 and last_two[0] == "các" and before[-1][:1].isupper())


def _is_time(view: str, pos: int) -> bool:
    return pos > 0 and view[pos - 1].isdigit() and pos + 1 < len(view) and view[pos + 1].isdigit()


def _skip_space(view: str, pos: int, end: int) -> int:
    while pos < end and view[pos].isspace():
        pos += 1
    return pos


def _trim_end(view: str, start: int, stop: int) -> int:
    while stop > start and view[stop - 1].isspace():
        stop -= 1
    return stop
