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

from meetings.reader import lexicon as lx
from meetings.reader.body import Found, ReadPara
from meetings.reader.deadlines import fold
from meetings.reader.mentions import Mention, MentionParser
from meetings.reader.tokens import Tok, tokenize
from meetings.reader.types import UnassignedMention

_MAX_SENTENCE_TOKENS = 400
# The word right before a name that makes it a recipient or a reference, not an actor.
_SPEECH = lx.PhraseTable(lx.phrases("thông báo; xin thông báo; có ý kiến; kết luận"))
_NOT_ACTOR_AFTER = frozenset({"của", "theo", "tại", "về", "trình", "gửi", "cho", "tịch", "đến"})
_NOT_ACTOR_AFTER_TWO = frozenset({"báo cáo", "tham mưu", "đề xuất", "làm việc", "ý kiến", "kiến nghị"})


def unassigned_mentions(
    view: str, parser: MentionParser, read: list[ReadPara], found: list[Found]
) -> list[UnassignedMention]:
    assigned, names = _assigned(found)
    task_spans = sorted((item.unit.start, item.unit.end) for item in found)
    out: list[UnassignedMention] = []
    seen: set[tuple[int, int]] = set()
    for rp in read:
        if rp.attendance:
            continue
        for sentence, clauses in rp.sentences:
            if not _directive(clauses, sentence.start, sentence.end, task_spans):
                continue
            toks = tokenize(view, sentence.start, sentence.end, limit=_MAX_SENTENCE_TOKENS)
            for mention in _names(toks, parser):
                span = (mention.start, mention.end)
                if span in seen or _key(mention.text) in names or not _agency_like(mention):
                    continue
                if any(s < mention.end and mention.start < e for s, e in assigned):
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


def _directive(clauses: list, start: int, end: int, task_spans: list[tuple[int, int]]) -> bool:
    for clause in clauses:
        if clause.subject and not clause.statement and not clause.conditional:
            return True
        if clause.opener == "trigger" or clause.role_start or clause.coordinating:
            return True
    return any(s < end and start < e for s, e in task_spans)


def _names(toks: list[Tok], parser: MentionParser) -> list[Mention]:
    names: list[Mention] = []
    i = 0
    while i < len(toks):
        if not toks[i].word or not parser.starts_name(toks, i):
            i += 1
            continue
        found, j = parser.parse_list(toks, i)
        # "UBND tỉnh yêu cầu ...", "Văn phòng Chính phủ (xin) thông báo ...": the issuer speaks.
        speaks = j < len(toks) and (lx.TRIGGERS.match(toks, j) or _SPEECH.match(toks, j))
        if found and not speaks and not _not_an_actor(toks, i):
            names.extend(found)
        i = max(j, i + 1)
    return names


def _not_an_actor(toks: list[Tok], i: int) -> bool:
    if i == 0:
        return False
    if toks[i - 1].low in _NOT_ACTOR_AFTER:
        return True
    return i >= 2 and f"{toks[i - 2].low} {toks[i - 1].low}" in _NOT_ACTOR_AFTER_TWO
