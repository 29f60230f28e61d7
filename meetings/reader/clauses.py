"""What one clause says: who is told to act (and how), what kind of clause it is, its deadline.

A clause names its lead in one of four ways: after a trigger word ("Giao Sở Y tế ...",
"yêu cầu các sở, ngành ..."), at its very start ("Sở Y tế phối hợp với ..."), after an
adverbial opening ("Tại các doanh nghiệp ..., giao Sở Y tế ..."), or as a bare heading
("Ban Chỉ đạo ...: Khẩn trương ..."). Roles follow the lead: "chủ trì", "phối hợp với X, Y",
or "X chỉ đạo, Y điều phối" (Y a co-lead) / "X chủ trì, Y phối hợp" (Y coordinating).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from meetings.reader import lexicon as lx
from meetings.reader.deadlines import ClauseDeadline, DateHit, find_deadlines
from meetings.reader.mentions import Mention, MentionParser
from meetings.reader.openers import is_topic, reads_as_statement, skip_adverbs, skip_comma, skip_enum
from meetings.reader.tokens import Tok, tokenize, unrun, words

_NOT_TRIGGER_AFTER = frozenset({"bàn", "được", "theo", "đã", "chuyển", "vụ", "việc", "các", "của", "đề", "sự"})
_SCAN_SUBJECT = 40  # tokens searched for a subject after an adverbial opening
_SCAN_TRIGGER = 30  # tokens searched for a trigger word further in
# Who does what is said early in a clause: read its first tokens, and more only when the
# names and roles run to the end of that window. Later tokens are never needed.
_FIRST_TOKENS = 32
_MAX_TOKENS = 160
_MID_COORDINATION = re.compile(r"\bphối hợp(?: chặt chẽ)? (?:với|cùng)\s", re.IGNORECASE)


@dataclass
class Clause:
    start: int
    end: int
    toks: list[Tok]
    deadline: ClauseDeadline
    subject: list[Mention] = field(default_factory=list)
    via: str = ""  # "trigger" | "position" | "heading" | ""
    co_leads: list[Mention] = field(default_factory=list)  # "X chỉ đạo, Y điều phối"
    coordinating: list[Mention] = field(default_factory=list)
    role_start: bool = False  # "Chủ trì, phối hợp với ..." with no lead named
    opener: str = ""  # "dong_thoi" | "modifier" | "urgent" | "trigger" | "report" | ""
    urgent_start: bool = False  # the predicate opens with "khẩn trương", "sớm", "ngay"
    action_tok: int = 0
    statement: bool = False
    non_directive: bool = False
    conditional: bool = False
    heading_only: bool = False
    topic: bool = False  # "Về công tác ...:" labels what follows
    per_agency: list[tuple[DateHit, list[Mention]]] = field(default_factory=list)
    action_at: int | None = None  # an action start found outside `toks`
    deadline_only: bool = False  # "hoàn thành trước ngày 31/3/2024", "Thời hạn: ..." and nothing else
    item: bool = False  # "(ii) Tổ chức ...": a numbered item inside the sentence, written as its own order

    @property
    def kind(self) -> str:
        return self.deadline.kind

    @property
    def action_start(self) -> int:
        if self.action_at is not None:
            return self.action_at
        return self.toks[self.action_tok].start if self.action_tok < len(self.toks) else self.end


def analyze_clause(
    view: str,
    folded: str,
    start: int,
    end: int,
    parser: MentionParser,
    year: int | None,
    issued: dt.date | None,
    effective: dt.date | None = None,
) -> Clause:
    """`folded` is the accent-free lower-case view (same offsets), shared by all clauses;
    `effective` the day the document a letter implements takes effect, when it says so."""
    deadline = find_deadlines(view[start:end], start, year, issued, folded[start:end], effective)
    toks = tokenize(view, start, end, limit=_FIRST_TOKENS)
    clause = _analyze(view, folded, Clause(start, end, toks, deadline), parser)
    # Read on when the names run to the end of the first window, or when a long opening
    # ("Trường hợp ... thì đề nghị Sở X ...") may hand the task over further in.
    opening = not clause.subject and lx.ADVERBIAL_OPENERS.match(toks, 0)
    if len(toks) == _FIRST_TOKENS and (clause.action_tok >= _FIRST_TOKENS - 2 or opening):
        more = tokenize(view, start, end, limit=_MAX_TOKENS)
        clause = _analyze(view, folded, Clause(start, end, more, deadline), parser)
    return clause


def _analyze(view: str, folded: str, clause: Clause, parser: MentionParser) -> Clause:
    toks, end = clause.toks, clause.end
    clause.deadline_only = _only_deadline(clause)
    i = skip_enum(toks, _skip_item(clause, 0))
    n = lx.LINKS.match(toks, i)
    if n:
        if lx.DONG_THOI.match(toks, i):
            clause.opener = "dong_thoi"
        i = skip_comma(toks, i + n)
    if _for_agency_heading(clause, parser, i, view[end - 1]):
        return clause
    if is_topic(toks, i, view[end - 1]) and not parser.starts_name(toks, i):
        clause.topic = True
        return clause
    _find_subject(clause, parser, i, view)
    if clause.subject:
        _roles(clause, parser, clause.action_tok)
        # "... phải chịu trách nhiệm trước Ban Thường vụ": accountability, not a task.
        clause.statement = clause.statement or bool(_ACCOUNTABLE.match(toks, skip_adverbs(toks, clause.action_tok)))
    else:
        _subjectless(clause, parser, i)
    if folded.find("phoi hop", clause.action_start, end) >= 0:
        _mid_clause_coordination(clause, parser, view)
    clause.conditional = clause.conditional or _conditional(clause, folded, i)
    return clause


# --- the subject ----------------------------------------------------------------------------


def _find_subject(clause: Clause, parser: MentionParser, i: int, view: str) -> None:
    toks = clause.toks
    if _per_agency_deadlines(clause, parser, i, view):
        return
    t = lx.TRIGGERS.match(toks, i)
    if t:
        if _take_trigger(clause, parser, i):
            return
        clause.opener = clause.opener or "trigger"
        return
    if parser.starts_name(toks, i):
        names, k = parser.parse_list(toks, i)
        if names:
            _take_position(clause, names, k, parser)
            return
    if lx.ADVERBIAL_OPENERS.match(toks, i):
        for c in range(i + 1, min(len(toks), i + _SCAN_SUBJECT)):
            if _is_trigger_at(toks, c):
                # "Sau khi xem xét Chủ tịch UBND tỉnh giao Sở X ...": the opening ends at the
                # verb that hands the task over, whether or not a comma marks it.
                if _take_trigger(clause, parser, c):
                    return
                break
            if toks[c].text != ",":
                continue
            k = c + 1
            if lx.TRIGGERS.match(toks, k) and _take_trigger(clause, parser, k):
                return
            if parser.starts_name(toks, k):
                names, after = parser.parse_list(toks, k)
                if names and after < len(toks) and toks[after].word and lx.PREDICATE_STARTS.match(toks, after):
                    _take_position(clause, names, after, parser)
                    return
    if lx.LEAD_ROLE.match(toks, i) or lx.COORD_ROLE.match(toks, i):
        # "Phối hợp Ban X tham mưu ... đề nghị UBND ...": the clause is the heading's
        # agency's own; a proposal made inside its action assigns nobody.
        return
    attempts = 0
    firsts = lx.TRIGGERS.firsts
    for k in range(i + 1, min(len(toks), i + _SCAN_TRIGGER)):
        if toks[k].low not in firsts or toks[k].cap or not lx.TRIGGERS.match(toks, k):
            continue
        if toks[k - 1].low in _NOT_TRIGGER_AFTER:
            continue
        attempts += 1
        if _take_trigger(clause, parser, k) or attempts >= 6:
            return


def _is_trigger_at(toks: list[Tok], k: int) -> bool:
    return (
        0 < k < len(toks)
        and not toks[k].cap
        and toks[k].low in lx.TRIGGERS.firsts
        and toks[k - 1].low not in _NOT_TRIGGER_AFTER
        and bool(lx.TRIGGERS.match(toks, k))
    )


def _take_trigger(clause: Clause, parser: MentionParser, k: int) -> bool:
    toks = clause.toks
    j = k + lx.TRIGGERS.match(toks, k)
    if j < len(toks) and toks[j].low == "cho":
        j += 1
    names, after = parser.parse_list(toks, j)
    if not names:
        names, after = _people(clause, parser, j)
    if not names:
        return False
    clause.subject, clause.via, clause.action_tok = names, "trigger", after
    if not any(t.word for t in toks[after:]) and len(toks) < _FIRST_TOKENS:
        # "4. Giao Ban Pháp chế" (with or without ":"): a heading over the bullets below.
        clause.heading_only = True
    return True


_PEOPLE_STARTS = lx.PhraseTable(lx.phrases("các đồng chí; đồng chí; ông; bà; các ông; các bà"))
_PEOPLE_GOES_ON = frozenset({"-", "–", "(", ")"})


def _people(clause: Clause, parser: MentionParser, j: int) -> tuple[list[Mention], int]:
    """ "Giao các đồng chí Phó trưởng phòng phụ trách các bậc học chuẩn bị ...", "Yêu cầu đồng
    chí A - Phó Giám đốc Sở và Trưởng phòng B nghiêm túc ...": people addressed after the
    verb that hands the task over; the name runs to the verb of the action."""
    toks = clause.toks
    n = _PEOPLE_STARTS.match(toks, j) or (lx.TITLES.match(toks, j) if j < len(toks) and toks[j].cap else 0)
    if not n:
        return [], j
    k = j + n
    limit = min(len(toks), j + 24)
    while k < limit:
        tok = toks[k]
        if not tok.word and tok.text not in _PEOPLE_GOES_ON:
            return [], j
        if tok.word and not tok.cap and lx.PREDICATE_STARTS.match(toks, k):
            break
        k += 1
    if k >= limit or k - j < 2:
        return [], j
    start, end = toks[j].start, toks[k - 1].end
    text = unrun(" ".join(parser.view[start:end].split()))
    return [Mention(text, start, end, collective=toks[j].low == "các")], k


def _take_position(clause: Clause, names: list[Mention], after: int, parser: MentionParser) -> None:
    toks = clause.toks
    if _is_trigger_at(toks, after) and _take_trigger(clause, parser, after):
        # "Bộ Tài chính đề nghị các Bộ ...", "UBND tỉnh giao Sở X ...": the one named first
        # speaks; the one after the verb is given the task.
        return
    clause.subject, clause.via, clause.action_tok = names, "position", after
    rest = [t for t in toks[after:] if t.word]
    if not rest:
        clause.heading_only = True
        clause.via = "heading"
        return
    if lx.STATEMENT_MARKERS.match(toks, after):
        clause.statement = True
    if toks[after].low == "nào":
        clause.conditional = True


def _per_agency_deadlines(clause: Clause, parser: MentionParser, i: int, view: str) -> bool:
    """ "Yêu cầu đến hết ngày 26/6 đối với các sở, ngành và đến hết ngày 27/6 đối với UBND
    huyện, thành phố phải hoàn thành ...": one deadline per agency, one shared action."""
    dates = clause.deadline.dates
    if len(dates) < 2 or not lx.TRIGGERS.match(clause.toks, i):
        return False
    pairs: list[tuple[DateHit, list[Mention]]] = []
    action_at = clause.end
    for hit in dates[:8]:
        toks = tokenize(view, hit.end, clause.end, limit=60)
        if len(toks) > 2 and toks[0].low == "đối" and toks[1].low == "với":
            names, after = parser.parse_list(toks, 2)
            if names:
                pairs.append((hit, names))
                action_at = toks[after].start if after < len(toks) else clause.end
    if len(pairs) < 2:
        return False
    clause.per_agency = pairs
    clause.subject = pairs[0][1]
    clause.via = "trigger"
    clause.action_at = action_at
    return True


# --- roles ----------------------------------------------------------------------------------


def _roles(clause: Clause, parser: MentionParser, k: int) -> None:
    """ "chủ trì, phối hợp với ...", "chủ trì, cùng X ...", "phối hợp với ...", "X chỉ đạo, Y điều phối"."""
    toks = clause.toks
    j = skip_adverbs(toks, k)
    n = lx.LEAD_ROLE.match(toks, j)
    if n:
        after_role = skip_comma(toks, j + n)
        if lx.COORD_ROLE.match(toks, after_role):
            clause.coordinating, clause.action_tok = _coordinating(toks, parser, after_role)
        elif (together := lx.TOGETHER_ROLE.match(toks, after_role)) and parser.starts_name(toks, after_role + together):
            names, after = parser.parse_list(toks, after_role + together)
            clause.co_leads, clause.action_tok = names, after if names else after_role
        else:
            # "Giao Công an tỉnh chủ trì, Sở Giao thông vận tải phối hợp xử lý ...".
            clause.action_tok = _pair_role(clause, parser, j + n - 1) or after_role
        return
    if lx.COORD_ROLE.match(toks, j):
        clause.coordinating, clause.action_tok = _coordinating(toks, parser, j)
        return
    clause.urgent_start = bool(lx.URGENT.match(toks, j))
    _pair_role(clause, parser, j + max(1, lx.PREDICATE_STARTS.match(toks, j)) - 1)


def _pair_role(clause: Clause, parser: MentionParser, verb_end: int) -> int | None:
    """After "X <verb>": ", Y phối hợp" makes Y coordinating, ", Y <verb>" a co-lead."""
    toks = clause.toks
    comma = verb_end + 1
    if comma >= len(toks) or toks[comma].text != "," or not parser.starts_name(toks, comma + 1):
        return None
    names, after = parser.parse_list(toks, comma + 1)
    if not names or after >= len(toks) or not toks[after].word:
        return None
    if lx.COORD_ROLE.match(toks, after):
        clause.coordinating = names
        return after + lx.COORD_ROLE.match(toks, after)
    if lx.PREDICATE_STARTS.match(toks, after) and not toks[after].cap:
        clause.co_leads = names
    return None


def _coordinating(toks: list[Tok], parser: MentionParser, j: int) -> tuple[list[Mention], int]:
    """Agencies after "phối hợp (chặt chẽ) với"; a bare "phối hợp" stays in the action."""
    n = lx.COORD_ROLE.match(toks, j)
    names, after = parser.parse_list(toks, j + n)
    return names, after if names else j


def _subjectless(clause: Clause, parser: MentionParser, i: int) -> None:
    toks = clause.toks
    clause.action_tok = i
    if i >= len(toks):
        return
    if lx.LEAD_ROLE.match(toks, i) or lx.COORD_ROLE.match(toks, i):
        clause.role_start = True
        _roles(clause, parser, i)
        return
    if not clause.opener:
        if lx.MODIFIERS.match(toks, i):
            clause.opener = "modifier"
        elif lx.URGENT.match(toks, i):
            clause.opener = "urgent"
        elif lx.REPORTS.match(toks, i):
            clause.opener = "report"
    clause.urgent_start = bool(lx.URGENT.match(toks, skip_adverbs(toks, i, only_modal=True)))
    clause.non_directive = bool(lx.NON_DIRECTIVE_OPENERS.match(toks, i)) and toks[i].low != "thực"
    clause.statement = reads_as_statement(toks, i)


def _mid_clause_coordination(clause: Clause, parser: MentionParser, view: str) -> None:
    """ "..., phối hợp với Sở X tổ chức ...": coordinating agencies named after the action."""
    if clause.coordinating or clause.per_agency:
        return
    m = _MID_COORDINATION.search(view, clause.action_start + 1, clause.end)
    if m:
        toks = tokenize(view, m.end(), clause.end, limit=80)
        clause.coordinating, _ = parser.parse_list(toks, 0)


# --- kinds of sentences ---------------------------------------------------------------------


_ACCOUNTABLE = lx.PhraseTable(["chịu trách nhiệm trước", "hoàn toàn chịu trách nhiệm trước"])
_DEADLINE_WORDS = words("hoàn thành xong thời hạn gian thực hiện chậm nhất là và")


def _only_deadline(clause: Clause) -> bool:
    """Nothing but a deadline: the words left outside the date phrases are deadline words."""
    if not clause.deadline.dates or len(clause.toks) > 30:
        return False
    spans = [(h.start, h.end) for h in clause.deadline.dates]
    rest = [t for t in clause.toks if t.word and not any(s <= t.start < e for s, e in spans)]
    return all(t.low in _DEADLINE_WORDS for t in rest)


def _for_agency_heading(clause: Clause, parser: MentionParser, i: int, last: str) -> bool:
    """ "3. Đối với các Bộ quản lý chuyên ngành (theo ...)", "Đối với UBND các huyện:": a
    heading naming who the items below it are for, so it leads them."""
    toks = clause.toks
    if not (i + 2 < len(toks) and toks[i].low == "đối" and toks[i + 1].low == "với"):
        return False
    if not parser.starts_name(toks, i + 2):
        return False
    names, after = parser.parse_list(toks, i + 2)
    rest = [t for t in toks[after:] if t.text != ":"]
    if not names or (rest and not (rest[0].text == "(" and last == ")")):
        return False
    clause.subject, clause.via, clause.heading_only, clause.action_tok = names, "heading", True, len(toks)
    return True


def _conditional(clause: Clause, folded: str, i: int) -> bool:
    """ "Doanh nghiệp nào đảm bảo ... thì ...": a rule, not an assignment."""
    if not any(t.low == "nào" for t in clause.toks[i : i + 8]):
        return False
    return folded.find(" thi ", clause.start, clause.end) >= 0


_ITEM_MARKS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"} | set("123456789"))


def _skip_item(clause: Clause, i: int) -> int:
    """ "(ii) Tổ chức ...": an item marker; the item is an order of its own when it is written
    like a sentence (capitalised), and part of a scope list when it is not ("(i) đấu nối ...")."""
    toks = clause.toks
    if i + 3 < len(toks) and toks[i].text == "(" and toks[i + 1].low in _ITEM_MARKS and toks[i + 2].text == ")":
        clause.item = toks[i + 3].cap
        return i + 3
    return i
