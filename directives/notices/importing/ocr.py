"""OCR output made into the text of a notice: pure text work, no engine, no database.

Tesseract gives each page as the lines it saw, with blank lines between blocks. What it gets
wrong is layout rather than letters, and the reader reads sentences, so this module:

- normalises to NFC (some engines emit a combining tone mark after the vowel);
- drops page numbers ("- 2 -", "Trang 2/5") and a header or footer repeated on most pages;
- drops the noise a red stamp or a signature leaves (lines of stray marks and broken
  syllables), and nothing that reads as words;
- joins lines the page width broke (a line that fills the width and is followed by one that
  is no new item), and words hyphenated across a line, within a page and across a page break.

Line joining keeps a line that starts an item ("1.", "2.1.", "-", "a)") or is a heading in
capitals on its own, so the reader still sees the notice's structure.
"""

from __future__ import annotations

import re
import unicodedata

# A page number alone on its line: "2", "- 2 -", "– 2 –", "Trang 2", "Trang 2/5", "2/5".
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,3}(?:\s*(?:/|trên)\s*\d{1,3})?[-–—\s.]*$", re.I)
# The start of an item: "1.", "2.1.", "II.", "-", "+", "•", "a)", "Điều 3.".
_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,5}\.|[-–—+•*]|[a-zđ]\)|\(\w{1,3}\)|Điều\s+\d)")
_SENTENCE_END = re.compile(r"[.:;!?…]\s*$")
_LETTER = re.compile(r"[^\W\d_]", re.U)
# A token that reads as Vietnamese: letters in one case (or a capital then lower case), a number,
# a date, a symbol like "TB-UBND" or "F0", and the punctuation around them.
_WORD = re.compile(
    r"^[(\"“'\[]*"
    r"(?:[^\W\d_]+|[A-ZĐ][^\W\d_]*|\d+(?:[.,/:-]\d+)*|[A-ZĐ0-9&]+(?:[-/][A-ZĐ0-9&]+)*|[^\W_]+(?:-[^\W_]+)*)"
    r"[)\"”'\].,;:!?…%]*$",
    re.U,
)
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")
# A line at least this share of the page's longest line, and this long, ran up to the margin.
_FULL_LINE = 0.72
_FULL_LINE_CHARS = 40


def clean_ocr_pages(pages: list[str]) -> str:
    """The notice's text from the OCR text of its pages, in order."""
    pages = _without_repeated_margins([_lines(page) for page in pages])
    text, last_line, last_widest = "", "", 0
    for lines in pages:
        lines = [line for line in lines if not is_noise(line)]
        page = "\n".join(_join_lines(lines)).strip("\n")
        if not page:
            continue
        text = _join_pages(text, page, last_line, last_widest) if text else page
        last_line = next((line for line in reversed(lines) if line), "")
        last_widest = max(len(line) for line in lines)
    return unicodedata.normalize("NFC", text)


def _lines(page: str) -> list[str]:
    page = unicodedata.normalize("NFC", page).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = [_RUNS_OF_SPACES.sub(" ", line).strip() for line in page.split("\n")]
    return _without_page_numbers(lines)


def _without_page_numbers(lines: list[str]) -> list[str]:
    """Page numbers stand among the first or last three lines with text; elsewhere a lone number
    is left for the reader (it may be a figure in a table)."""
    filled = [i for i, line in enumerate(lines) if line]
    edges = set(filled[:3] + filled[-3:])
    return [line for i, line in enumerate(lines) if not (i in edges and _PAGE_NUMBER.match(line))]


def _margin_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.casefold())


def _without_repeated_margins(pages: list[list[str]]) -> list[list[str]]:
    """A line among the first or last two of a page that recurs (numbers aside) at the edge of
    at least half the pages, and of two at least, is a running header or footer."""
    if len(pages) < 2:
        return pages
    seen: dict[str, int] = {}
    for lines in pages:
        filled = [line for line in lines if line]
        for key in {_margin_key(line) for line in filled[:2] + filled[-2:] if not _ITEM.match(line)}:
            seen[key] = seen.get(key, 0) + 1
    running = {key for key, count in seen.items() if count >= max(2, (len(pages) + 1) // 2)}
    if not running:
        return pages
    out = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line]
        edges = set(filled[:2] + filled[-2:])
        out.append([line for i, line in enumerate(lines) if not (i in edges and _margin_key(line) in running)])
    return out


def is_noise(line: str) -> bool:
    """A line that is not text: stray marks, or mostly pieces that read as no word (what a stamp,
    a signature or a speck of dirt becomes). A blank line is kept, as a paragraph break."""
    if not line.strip():
        return False
    letters = len(_LETTER.findall(line))
    digits = sum(ch.isdigit() for ch in line)
    if letters + digits == 0:
        return True
    if _PAGE_NUMBER.match(line) or _ITEM.match(line):
        return False
    tokens = line.split()
    if letters < 2 and len(tokens) > 1:
        return True
    words = sum(1 for token in tokens if _reads_as_word(token))
    if words / len(tokens) < 0.5:
        return True
    # Text glyphs dominate a line of text; a stamp leaves lines of marks with a letter or two.
    return (letters + digits) / len(line.replace(" ", "")) < 0.5


def _reads_as_word(token: str) -> bool:
    if _mixed_case(token):
        return False
    if not _WORD.match(token):
        return False
    core = token.strip("()\"“”'[].,;:!?…%")
    # One letter standing alone is rarely Vietnamese except "a", "à", "ở", "y" and list marks.
    return len(core) > 1 or core.lower() in {"a", "à", "ở", "y", "ý", "&", "-"} or core.isdigit()


def _mixed_case(token: str) -> bool:
    """A capital after a small letter ("nGà", "tHông"): OCR broke it; acronyms ("TB-UBND") and
    "F0" pass."""
    seen_lower = False
    for ch in token:
        if ch.islower():
            seen_lower = True
        elif ch.isupper() and seen_lower:
            return True
        elif not ch.isalpha():
            seen_lower = False
    return False


def _join_lines(lines: list[str]) -> list[str]:
    """Lines of one page, the lines the width broke joined back into paragraphs. Tesseract
    sometimes starts a new block in mid-sentence: a blank line after a line that ran to the
    margin without ending its sentence is crossed too."""
    widest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    previous = ""  # the line above as laid out (out[-1] may hold a whole joined paragraph)
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if previous and (_continues(previous, line, widest) if not blank else _runs_on(previous, line, widest)):
            out[-1] = _glue(out[-1], line)
        else:
            if blank and out:
                out.append("")
            out.append(line)
        previous, blank = line, False
    return out


def _runs_on(previous: str, line: str, widest: int) -> bool:
    """Across a blank line: only a line that ran to the margin without ending its sentence."""
    open_ended = not _SENTENCE_END.search(previous) and not _is_heading(previous)
    full = len(previous) >= max(_FULL_LINE * widest, _FULL_LINE_CHARS)
    return open_ended and full and _continues(previous, line, widest)


def _continues(previous: str, line: str, widest: int) -> bool:
    """Does `line` carry on the sentence `previous` (the line above it) started?"""
    if _ITEM.match(line) and not _starts_lower(line):
        return False
    if _is_heading(previous) or _is_heading(line):
        return False
    if previous.endswith(("-", ",")) or _starts_lower(line):
        return not _SENTENCE_END.search(previous) or _starts_lower(line)
    # A line that ran up to the margin goes on unless it ended a sentence.
    full = len(previous) >= max(_FULL_LINE * widest, _FULL_LINE_CHARS)
    return full and not _SENTENCE_END.search(previous)


def _starts_lower(line: str) -> bool:
    first = line.lstrip("(\"“'")[:1]
    return first.islower()


def _is_heading(line: str) -> bool:
    """A line in capitals ("THÔNG BÁO", "KẾT LUẬN CỦA ...", "KT. CHỦ TỊCH")."""
    letters = _LETTER.findall(line)
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _glue(previous: str, line: str) -> str:
    """Join two broken lines: a word hyphenated at the margin joins without its hyphen when both
    halves are lower case ("chuyển đổi số hó-" + "a"), keeps it otherwise ("Covid-" + "19");
    a dash standing apart ("kinh tế -" + "xã hội") stays a dash."""
    if previous.endswith("-") and len(previous) > 1 and not previous[-2].isspace():
        if previous[-2].islower() and line[:1].islower():
            return previous[:-1] + line
        return previous + line
    return previous + " " + line


def _join_pages(text: str, page: str, last_line: str, widest: int) -> str:
    """A sentence that runs over the page break is one sentence again: the last line of the page
    before it (as laid out) did not end it, and either ran up to the margin or is followed by a
    small letter."""
    first = page.split("\n", 1)[0]
    open_ended = last_line and not _SENTENCE_END.search(last_line) and not _is_heading(last_line)
    if open_ended and (_starts_lower(first) or _runs_on(last_line, first, widest)):
        return text.rstrip() + " " + page
    return text.rstrip("\n") + "\n\n" + page
