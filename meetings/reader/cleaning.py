"""From the text as it reached us to paragraphs the reader can walk.

Two strings matter:

- `normalize_input(raw)` is `NoticeDraft.text`: the raw text with encoding noise removed
  (NFC, "\\n" line ends, plain spaces, no zero-width characters). Every offset the reader
  returns indexes this string.
- `analysis_view(text)` has exactly the same length, with conversion leftovers blanked out
  (`**bold**`, `*italic*`, `###`, `-----` rules, table pipes, page numbers alone on a line).
  The reader reads the view, so offsets found there index `text` unchanged.

Paragraphs are rebuilt from lines: a line that does not end a sentence and is followed by one
that obviously continues it (lower-case start, or a dangling "và", "với", ",") is joined to it,
even across the blank line a converter put in the middle of a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from meetings.reader.tokens import words

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"


def normalize_input(raw: str) -> str:
    """The text offsets refer to: NFC, "\\n" line ends, plain spaces, no invisible characters."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    # str.replace per character is C-fast when the character is absent (the usual case).
    for ch in _ZERO_WIDTH:
        if ch in text:
            text = text.replace(ch, "")
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    return text


# Each pattern is anchored or made of single character classes: nothing here can backtrack.
_RULE_LINE = re.compile(r"(?m)^[ \t]*[-_=*~]{3,}[ \t]*$")
_PAGE_LINE = re.compile(
    r"(?m)^[ \t]*(?:-[ \t]*)?(?:[Tt]rang[ \t]+)?\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?(?:[ \t]*-)?[ \t]*$"
)
# "===== Trang 2 =====", "--- Trang 3 ---": a page break written by a PDF converter.
_PAGE_MARK = re.compile(r"(?m)^[ \t]*[-=]{2,10}[ \t]*[Tt]rang[ \t]{1,3}\d{1,4}[ \t]*[-=]{2,10}[ \t]*$")
_HEADING_HASHES = re.compile(r"(?m)^[ \t]*#{1,6}")
_MD_BULLET = re.compile(r"(?m)^([ \t]*)\*(?=[ \t])")
_BACKSLASH = re.compile(r"\\(?=[-.*_#()\[\]+!])")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def analysis_view(text: str) -> str:
    """Same length as `text`, conversion leftovers replaced by spaces."""
    view = _MD_BULLET.sub(lambda m: m.group(1) + "-", text)  # "* item" is a bullet, keep it one
    view = _RULE_LINE.sub(_blank, view)
    view = _PAGE_LINE.sub(_blank, view)
    view = _PAGE_MARK.sub(_blank, view)
    view = _HEADING_HASHES.sub(_blank, view)
    view = _BACKSLASH.sub(" ", view)
    view = view.replace("*", " ").replace("|", " ").replace("\t", " ").replace("__", "  ")
    assert len(view) == len(text)
    return view


# --- paragraphs -------------------------------------------------------------------------

_NUMBERED = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,5})[.)][ ]*(?=[^\d\s./])")
_ROMAN = re.compile(r"([IVXL]{1,6})[.)][ ]+(?=\S)")
_LETTER = re.compile(r"([a-zđ])\)[ ]+(?=\S)")
_BULLET = re.compile(r"[-–—•●○▪◦+][ ]*(?=\S)")
_ENUM = re.compile(
    r"(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là\b[ ]*[,:]?"
    r"|Thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b[ ]*[,:]"
)

_END_PUNCT = ".;:!?"
_WRAPPED_LINE = 55
_PARAGRAPH_OPENERS = (
    *("ngày", "sáng", "chiều", "tối", "vào ngày", "hôm nay"),
    *("căn cứ", "thực hiện", "nơi nhận", "trên đây", "kính gửi"),
)
_CONNECTORS = words(
    "và với của cho các tại về theo để đến từ trong là được có hoặc những một giao "
    "trên dưới như nhằm đối bằng khi nếu thì mà ở đã đang sẽ cùng giữa"
)
# Nouns that take a figure after them ("ngày 24 tháng\n6 năm\n2021", "Quyết định số\n2686/QĐ")
# dangle only before one: "chuyển đổi số", "sơ kết 6 tháng", "kế hoạch 5 năm" end a title
# line, and the meeting paragraph after it ("Ngày 24/6/2021, ...") is a paragraph of its own.
# "một số" (some) always goes on.
_BEFORE_A_FIGURE = words("số ngày tháng năm")


@dataclass
class Para:
    """A logical paragraph of the view: a numbered item, a bullet, or plain text."""

    start: int  # first character of the paragraph (its marker included)
    end: int  # one past the last non-space character
    body_start: int  # first character after the marker ("1.", "-", "Một là,")
    kind: str  # "numbered" | "roman" | "letter" | "bullet" | "plain"
    label: str  # "2.1.", "II.", "a)", "-" or ""
    depth: int  # numbered: number of components; bullet: nesting; else 0
    enum: bool = False  # "Một là, ..." / "Thứ nhất, ...": the agency comes from the list's intro

    def body(self, view: str) -> str:
        return view[self.body_start : self.end]


def _line_spans(view: str) -> list[tuple[int, int, bool]]:
    """(start, end, blank_before) of each non-empty line, trimmed."""
    spans: list[tuple[int, int, bool]] = []
    pos, blank = 0, False
    for line in view.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped), blank))
            blank = False
        else:
            blank = True
        pos += len(line) + 1
    return spans


def _marker(view: str, start: int, end: int) -> tuple[str, str, int, int]:
    """(kind, label, depth, body_start) of a line starting at `start`."""
    pos = start
    bullet_depth = 0
    while True:  # "- + LĐVP": nested bullet markers, each one level deeper
        m = _BULLET.match(view, pos, end)
        if not m:
            break
        bullet_depth += 1
        pos = m.end()
        if bullet_depth >= 3:
            break
    if bullet_depth:
        return "bullet", view[start], bullet_depth, pos
    m = _NUMBERED.match(view, start, end)
    if m:
        label = m.group(0).rstrip()
        return "numbered", label, m.group(1).count(".") + 1, m.end()
    m = _ROMAN.match(view, start, end)
    if m:
        return "roman", m.group(0).rstrip(), 0, m.end()
    m = _LETTER.match(view, start, end)
    if m:
        return "letter", m.group(0).rstrip(), 0, m.end()
    return "plain", "", 0, start


def _continues(view: str, prev_end: int, start: int, kind: str, blank_before: bool) -> bool:
    """Whether a line continues the sentence the previous line left open."""
    if kind != "plain":
        return False
    last = view[prev_end - 1]
    if last in ".!?":
        return False
    if last in ";:":
        return view[start].islower()  # "...Nhân dân;\nhuy động ...": a wrapped line
    line_start = view.rfind("\n", 0, prev_end) + 1
    letters = [c for c in view[line_start:prev_end] if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return False  # "THÔNG BÁO", "TL. CHỦ TỊCH": a heading line ends where it ends
    first = view[start]
    if first.islower():
        return True
    if last == ",":
        return True
    # A dangling connector word ("phối hợp với", "của") cannot end a paragraph.
    tail = view[max(0, prev_end - 12) : prev_end].split()
    if tail and _dangles(tail, view[start]):
        return True
    # Text extracted from a PDF wraps long lines with no blank line between them: a long
    # line that ends no sentence goes on, unless the next one opens a paragraph of its own.
    if blank_before or prev_end - line_start < _WRAPPED_LINE:
        return False
    opening = view[start : start + 12].lower()
    return not opening.startswith(_PARAGRAPH_OPENERS)


def _dangles(tail: list[str], next_char: str) -> bool:
    """Whether the last word of a line leaves its phrase open (`tail`: its last words)."""
    last = tail[-1].lower()
    if last in _CONNECTORS:
        return True
    if last in _BEFORE_A_FIGURE:
        return next_char.isdigit() or (last == "số" and len(tail) > 1 and tail[-2].lower() == "một")
    return False


def build_paragraphs(view: str) -> list[Para]:
    """Logical paragraphs of the view, broken lines joined back."""
    paras: list[Para] = []
    for start, end, blank in _line_spans(view):
        kind, label, depth, body_start = _marker(view, start, end)
        if paras and _continues(view, paras[-1].end, start, kind, blank):
            paras[-1].end = end
            continue
        # "Một là, ..." stays in the body (a quote starts with it); the sentence reader skips it.
        enum = bool(_ENUM.match(view, body_start, end))
        paras.append(Para(start, end, body_start, kind, label, depth, enum))
    return paras


def collapse(text: str) -> str:
    """Whitespace collapsed, markdown emphasis dropped: how a clerk should see a fragment."""
    return " ".join(text.replace("*", " ").replace("#", " ").split())
