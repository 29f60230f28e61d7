"""Agency mentions and the shapes a list of them takes: "các Sở: A, B" (one agency of that
kind per name), "UBND các huyện Lục Ngạn, Tân Yên" (one committee per place), a committee
named by its place, and whether a head word goes on naming an agency. Used by `mentions`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agencies.directory import DirectoryEntry
from meetings.reader import lexicon as lx
from meetings.reader.cleaning import collapse
from meetings.reader.tokens import Tok, unrun, words

_MAX_NAME = 24  # tokens in one name
_MAX_LIST = 40  # names in one list
_PLACE_LEVELS = words("tỉnh huyện xã phường quận thị thành")
_DISTRICT_LIST = re.compile(
    r"^(?P<head>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) )?các (?P<level>huyện|thị xã|thành phố|xã|phường) "
    r"(?P<rest>[A-ZĐÀ-Ỹ].*)$"
)


@dataclass
class Mention:
    text: str
    start: int
    end: int
    collective: bool
    entry: DirectoryEntry | None = None


def colon_list(view: str, toks: list[Tok], colon: int) -> tuple[list[Mention], int]:
    """ "các Sở: Giao thông vận tải, Nông nghiệp và Phát triển nông thôn, Tài chính": each
    name after the colon is one agency of the kind named before it ("Sở Tài chính")."""
    kind = toks[colon - 1].text
    found: list[Mention] = []
    k = colon + 1
    while k < len(toks) and toks[k].word and toks[k].cap and len(found) < _MAX_LIST:
        start = k
        k += 1
        while k < len(toks) and k < start + _MAX_NAME:
            tok = toks[k]
            if tok.text in "-–&" or tok.cap or tok.word and tok.low == "và" and k + 1 < len(toks) and toks[k + 1].cap:
                k += 1
            elif tok.word and lx.NAME_PARTS.match(toks, k):
                k += lx.NAME_PARTS.match(toks, k)
            elif tok.word and toks[k - 1].cap and not toks[k - 1].text.isupper():
                k += 1  # the second syllable of a capitalised word ("Tư pháp")
            else:
                break
        s, e = toks[start].start, toks[k - 1].end
        found.append(Mention(f"{kind} {unrun(collapse(view[s:e]))}", s, e, False))
        if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].cap:
            k += 1
            continue
        break
    return found, k


def named_place(toks: list[Tok], j: int) -> bool:
    """ "(UBND) tỉnh Thái Nguyên", "(UBND) huyện Gio Linh": a committee named by its place, so
    "Chủ tịch UBND tỉnh Thái Nguyen" is an addressee, not the chair giving the directive."""
    k = j
    while k < len(toks) and k < j + 3 and toks[k].low in _PLACE_LEVELS:
        k += 1
    return j < k < len(toks) and toks[k].cap


def names_on(toks: list[Tok], j: int) -> bool:
    """Whether the word after a one-agency head goes on naming it.

    "Báo cáo", "Tổ chức", "Trường hợp", "Khu vực" begin with a head ("Báo", "Tổ", ...) but are
    verbs or common nouns: a head names an agency only when a capitalised word, a figure, a
    known name part ("tỉnh", "y tế") or punctuation follows it.
    """
    if j >= len(toks):
        return True
    tok = toks[j]
    if not tok.word or tok.cap or tok.text[0].isdigit():
        return True
    return bool(lx.NAME_PARTS.match(toks, j))


def expand_districts(mention: Mention) -> list[Mention]:
    """ "UBND các huyện Lục Ngạn, Tân Yên" names two committees: one mention each."""
    m = _DISTRICT_LIST.match(mention.text)
    if not m:
        return [mention]
    names = [n.strip() for n in re.split(r",| và ", m.group("rest")) if n.strip()]
    if len(names) < 2 or not all(n[:1].isupper() for n in names):
        return [mention]
    head = (m.group("head") or "").strip()
    prefix = f"{head} {m.group('level')}".strip()
    return [replace(mention, text=f"{prefix} {name}", collective=False, entry=None) for name in names]
