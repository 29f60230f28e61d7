"""Agencies named in directive sentences that no proposed task carries.

The import review lists them under "Cần kiểm tra" so that nothing a notice says is dropped
silently: the closing "Yêu cầu Sở A, Sở B ... triển khai thực hiện", an agency named in the
middle of an action ("hướng dẫn UBND huyện X ..."), a name the reader could not place.

A *directive sentence* is one that assigns something: it gave a task, names an agency as the
one to act, hands over with "giao"/"yêu cầu"/"đề nghị", or opens with a role ("Chủ trì, phối
hợp với ..."). Names that only say whom a report goes to or whose document is cited ("báo
cáo UBND tỉnh", "của Bộ Tài chính", "theo ... của Sở X") and the issuer behind a chair's title
("Chủ tịch UBND tỉnh giao ...") are not listed: nobody is expected to act on them.

Each sentence is tokenised once and each name is parsed in bounded steps: linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from meetings.reader import lexicon as lx
from meetings.reader.body import Found, ReadPara
from meetings.reader.deadlines import fold
from meetings.reader.mentions import Mention, MentionParser, head_words
from meetings.reader.tokens import key, tokenize
from meetings.reader.types import UnassignedMention

_FIRST_WINDOW = 12  # tokens read from a word that may begin a name: most names fit
_WINDOW = 60  # and a list of names
# The word right before a name that makes it a recipient or a reference, not an actor.
_SPEECH = lx.PhraseTable(lx.phrases("thông báo; xin thông báo; có ý kiến; kết luận"))
_NOT_ACTOR_AFTER = frozenset({"của", "theo", "tại", "về", "trình", "gửi", "cho", "tịch", "đến"})
_NOT_ACTOR_AFTER_TWO = frozenset({"báo cáo", "tham mưu", "đề xuất", "làm việc", "ý kiến", "kiến nghị"})


def unassigned_mentions(
    view: str, parser: MentionParser, read: list[ReadPara], found: list[Found]
) -> list[UnassignedMention]:
    spans, names = _assigned(found)
    assigned = _Spans(spans)
    tasks = _Spans([(item.unit.start, item.unit.end) for item in found])
    out: list[UnassignedMention] = []
    seen: set[tuple[int, int]] = set()
    for rp in read:
        if rp.attendance:
            continue
        for sentence, clauses in rp.sentences:
            if not _directive(clauses) and not tasks.overlaps(sentence.start, sentence.end):
                continue
            for mention in _names(view, sentence.start, sentence.end, parser, assigned):
                span = (mention.start, mention.end)
                if span in seen or _key(mention.text) in names or not _agency_like(mention):
                    continue
                if assigned.overlaps(mention.start, mention.end):
                    continue
                seen.add(span)
                out.append(UnassignedMention(mention.text, mention.start, mention.end, (sentence.start, sentence.end)))
    return out


def _assigned(found: list[Found]) -> tuple[list[tuple[int, int]], set[str]]:
    """Spans of the names the tasks were read from, and the names the tasks carry: an agency
    that has a task here is not dropped, wherever else it is named."""
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    for item in found:
        unit = item.unit
        mentions: list[Mention] = [*unit.leads, *unit.coordinating]
        for clause in unit.clauses:
            mentions += clause.subject + clause.co_leads + clause.coordinating
            for _, listed in clause.per_agency:
                mentions += listed
        spans.extend((m.start, m.end) for m in mentions)
        names.update(_key(m.text) for m in mentions)
    return spans, names


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _agency_like(mention: Mention) -> bool:
    """A public body's name: two words or more, not a heading in capitals, and for a collective
    "các ..." or a proper name in it ("UBND huyện Lạc Sơn"); bare "doanh nghiệp", "nhà đầu
    tư", "địa phương" are the public or the places, not someone the office follows up."""
    words = mention.text.split()
    if len(words) < 2 or mention.text.isupper():
        return False
    if words[0].lower() == "các":
        return True
    if mention.collective:
        return any(w[:1].isupper() for w in words[1:])
    return words[0][:1].isupper()


def _directive(clauses: list) -> bool:
    for clause in clauses:
        if clause.subject and not clause.statement and not clause.conditional:
            return True
        if clause.opener == "trigger" or clause.role_start or clause.coordinating:
            return True
    return False


class _Spans:
    """Whether a range overlaps any of many spans, in logarithmic time (a notice of thousands
    of tasks must stay linear)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _, e in spans:
            best = max(best, e)
            self.max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans before k start before `end`
        return k > 0 and self.max_end[k - 1] > start


def _names(view: str, start: int, end: int, parser: MentionParser, assigned: _Spans) -> list[Mention]:
    """Names in view[start:end]. Only at a word that can begin a name (a capitalised head
    word, the first word of a collective phrase, or with a directory any capitalised word)
    are a few words tokenised and parsed, so a long sentence costs little."""
    caps, collective_starts = _firsts()
    with_directory = parser.directory is not None
    names: list[Mention] = []
    pos = start
    for m in _WORD.finditer(view, start, end):
        at = m.start()
        if at < pos:
            continue
        word = m.group()
        k = key(word)
        known = with_directory and parser.may_start_known_name(word)
        if not ((word[0].isupper() and (k in caps or known)) or _collective_at(view, m, k, collective_starts)):
            continue
        if assigned.overlaps(at, m.end()):
            continue  # a task's own lead or coordinator, read already
        toks = tokenize(view, at, end, limit=_FIRST_WINDOW)
        if not toks or not parser.starts_name(toks, 0):
            continue
        found, j = parser.parse_list(toks, 0)
        if j >= _FIRST_WINDOW - 2:  # a long list of names: read it whole
            toks = tokenize(view, at, end, limit=_WINDOW)
            found, j = parser.parse_list(toks, 0)
        # "UBND tỉnh yêu cầu ...", "Văn phòng Chính phủ (xin) thông báo ...": the issuer speaks.
        speaks = j < len(toks) and (lx.TRIGGERS.match(toks, j) or _SPEECH.match(toks, j))
        if found and not speaks and not _not_an_actor(view[max(start, at - 24) : at]):
            names.extend(found)
        pos = toks[j - 1].end if j > 0 else m.end()
    return names


_WORD = re.compile(r"\w+")
_FIRSTS: list[tuple[frozenset[str], frozenset[str]]] = []


def _firsts() -> tuple[frozenset[str], frozenset[str]]:
    """(capitalised heads' first words, the first one or two words of collective phrases)."""
    if not _FIRSTS:
        caps, collectives = head_words()
        _FIRSTS.append((frozenset(caps), frozenset(" ".join(p.split()[:2]) for p in collectives)))
    return _FIRSTS[0]


def _collective_at(view: str, m: re.Match[str], k: str, starts: frozenset[str]) -> bool:
    """Whether a collective phrase ("các sở", "địa phương") may begin at this word: its first
    two words are checked on the text before anything is tokenised ("các nội dung" is not)."""
    if k in starts:
        return True
    nxt = _NEXT_WORD.match(view, m.end())
    return nxt is not None and f"{k} {key(nxt.group(1))}" in starts


_NEXT_WORD = re.compile(r"[ \t\n]{1,3}(\w+)")


def _not_an_actor(before: str) -> bool:
    """Whether the words right before a name make it a recipient or a reference."""
    words = [key(w) for w in re.findall(r"\w+", before)[-2:]]
    if words and words[-1] in _NOT_ACTOR_AFTER:
        return True
    return len(words) == 2 and " ".join(words) in _NOT_ACTOR_AFTER_TWO
