"""Walking the conclusions: blocks, the lead a list inherits, and the tasks they give.

A *block* is a numbered item ("1.", "2.1.", "II.", "a)") with the bullets and plain
paragraphs under it, or an unnumbered lead-in paragraph. A *frame* is the lead given by a
sentence that introduces what follows ("... yêu cầu các cấp, các ngành ... sau:", "2.4. Ban
cán sự đảng UBND tỉnh chỉ đạo:", "2.5. Sở Y tế - Cơ quan Thường trực"). A sentence that
names no agency takes, in this order: the frame of a "Một là / Hai là" list; the lead named
earlier in the same paragraph; a heading or bullet-introducing frame; a frame from further up
only when its block names no agency at all (otherwise the unnamed sentences are context).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from meetings.reader import lexicon as lx
from meetings.reader.clauses import Clause, analyze_clause
from meetings.reader.cleaning import Para
from meetings.reader.deadlines import DateHit, fold
from meetings.reader.mentions import Mention, MentionParser
from meetings.reader.sentences import Sentence, split_sentences
from meetings.reader.tokens import tokenize
from meetings.reader.units import Unit, group_sentence, is_boilerplate, merge_enumerated

_MAX_CLAUSES_PER_PARAGRAPH = 400
_CLOSING_STARTS = ("tren day la", "thua lenh", "thua uy quyen", "thay mat", "mong nhan duoc", "rat mong")
_CLOSING_PHRASES = ("thong bao de", "thong bao den cac", "thong bao y kien", "thong bao ket luan")
_CLOSING_ENDS = ("./.", "biet.", "thuc hien.", "thuc hien./", "biet, thuc hien.")


@dataclass
class ReadPara:
    para: Para
    sentences: list[tuple[Sentence, list[Clause]]]
    level: float = 0.0
    block: int = 0
    attendance: bool = False  # lists who attends: read for nothing


@dataclass
class Block:
    label: str
    start: int = -1
    end: int = -1
    assessment: bool = False
    closing: bool = False
    has_explicit: bool = False


@dataclass
class Frame:
    level: float
    leads: list[Mention]
    strong: bool
    source: str = "context"
    # "... bao gồm:": the items below spell out the introducing task's scope, no task of their own.
    scope: bool = False
    # "Trong thời hạn 06 tháng ..., các bộ thực hiện ...; cụ thể như sau:": the items below
    # share the introducing sentence's deadline unless they set their own.
    dates: list[DateHit] = field(default_factory=list)


@dataclass
class Found:
    """A unit with its settled lead, the block it sits in and its paragraph."""

    unit: Unit
    block: Block
    para: Para


class BodyReader:
    def __init__(self, view: str, parser: MentionParser, year: int | None, issued: dt.date | None) -> None:
        self.view = view
        self.parser = parser
        self.year = year
        self.issued = issued
        self.effective: dt.date | None = None  # set by the caller when the text states it
        self.orphans: list[Unit] = []  # dated sentences whose agency could not be found
        self.truncated: list[Para] = []  # paragraphs too long to read to the end
        self.folded = fold(view)

    # --- reading ------------------------------------------------------------------------

    def read(self, paras: list[Para], preamble_intro: Para | None) -> tuple[list[Found], list[Block], list[ReadPara]]:
        read = [self._read_para(p) for p in paras]
        blocks = self._blocks(read)
        stack: list[Frame] = []
        if preamble_intro is not None:
            intro = self._read_para(preamble_intro)
            leads = self._intro_leads(intro, inherited=[], triggers_only=True)
            next_level = read[0].level if read else 1.0
            # The document's opening gives its dates no item: they tell of events and periods
            # ("Lễ hội diễn ra từ ngày 23 đến ngày 26/02"), not of the work below.
            stack.append(Frame(-1.0, leads, strong=next_level >= 20))
        found: list[Found] = []
        attending = False
        for idx, rp in enumerate(read):
            while stack and stack[-1].level >= rp.level:
                stack.pop()
            frame = stack[-1] if stack else None
            block = blocks[rp.block]
            attending = rp.attendance = self._attending(rp, attending)
            if attending:
                continue
            found.extend(Found(u, block, rp.para) for u in self._units(rp, block, frame))
            pushed = self._frame_after(rp, read[idx + 1] if idx + 1 < len(read) else None, frame)
            if pushed is not None:
                while stack and stack[-1].level >= pushed.level:
                    stack.pop()
                stack.append(pushed)
        return found, blocks, read

    def _attending(self, rp: ReadPara, attending: bool) -> bool:
        """Whether a paragraph lists who attends ("Thành phần: ...", and the lines after it up
        to a numbered item or a sentence handing over a task): people invited, not tasks."""
        para = rp.para
        head = " ".join(self.folded[para.body_start : min(para.end, para.body_start + 40)].split())
        if head.startswith(_ATTENDANCE_HEADS) and para.end - para.body_start < 300:
            return True
        if not attending or para.kind in ("numbered", "roman") or not rp.sentences:
            return False
        first = rp.sentences[0][1][0] if rp.sentences[0][1] else None
        return not (first is not None and (first.via == "trigger" or first.opener == "trigger"))

    def _read_para(self, para: Para) -> ReadPara:
        sentences = split_sentences(self.view, para.body_start, para.end)
        analysed = []
        budget = _MAX_CLAUSES_PER_PARAGRAPH
        for sentence in sentences:
            if len(sentence.clauses) > budget:
                # No real paragraph is this long: read its start, tell the clerk, move on.
                self.truncated.append(para)
                sentence.clauses = sentence.clauses[: max(budget, 0)]
                if not sentence.clauses:
                    break
            budget -= len(sentence.clauses)
            clauses = [
                analyze_clause(self.view, self.folded, s, e, self.parser, self.year, self.issued, self.effective)
                for s, e in sentence.clauses
            ]
            analysed.append((sentence, clauses))
        return ReadPara(para, analysed)

    # --- blocks and levels ----------------------------------------------------------------

    def _blocks(self, read: list[ReadPara]) -> list[Block]:
        blocks: list[Block] = []
        prev_intro = True
        current_level = 0.5
        for rp in read:
            para = rp.para
            ends_colon = self.view[para.end - 1] == ":"
            if para.kind in ("numbered", "roman", "letter"):
                blocks.append(Block(para.label))
                current_level = {"numbered": float(para.depth), "roman": 0.0, "letter": 20.0}[para.kind]
                rp.level = current_level
                first = rp.sentences[0][1][0] if rp.sentences and rp.sentences[0][1] else None
                blocks[-1].assessment = bool(first and lx.ASSESSMENT_OPENERS.match(first.toks, 0))
            elif para.kind == "bullet":
                if not blocks:
                    blocks.append(Block(""))
                rp.level = 50.0 + para.depth
            elif prev_intro or ends_colon or not blocks or self._is_closing(para):
                blocks.append(Block(""))
                current_level = 0.5
                rp.level = 0.5
                blocks[-1].closing = self._is_closing(para)
                first = rp.sentences[0][1][0] if rp.sentences and rp.sentences[0][1] else None
                blocks[-1].assessment = bool(first and lx.ASSESSMENT_OPENERS.match(first.toks, 0))
            else:
                rp.level = current_level + 0.25
            rp.block = len(blocks) - 1
            if blocks[-1].start < 0:
                blocks[-1].start = para.start
            blocks[-1].end = para.end
            # Plain text after "1. Về công tác ...:" belongs to item 1; after an unnumbered
            # "... kết luận như sau:" it opens a lead-in block of its own.
            prev_intro = ends_colon and para.kind in ("plain", "bullet")
            for _, clauses in rp.sentences:
                if any(c.subject and not c.statement and not c.conditional for c in clauses):
                    blocks[-1].has_explicit = True
        return blocks

    def _is_closing(self, para: Para) -> bool:
        if para.end - para.body_start > 600:
            return False  # a closing formula is short
        folded = " ".join(self.folded[para.body_start : para.end].split())
        if folded.startswith(_CLOSING_STARTS):
            return True
        # "Văn phòng UBND tỉnh thông báo để các cơ quan ... biết, thực hiện./."
        return any(p in folded for p in _CLOSING_PHRASES) and folded.endswith(_CLOSING_ENDS)

    # --- units and their leads ----------------------------------------------------------

    def _units(self, rp: ReadPara, block: Block, frame: Frame | None) -> list[Unit]:
        para_lead: list[Mention] = []
        para_source = "context"
        units: list[Unit] = []
        for sentence, clauses in rp.sentences:
            if sentence.intro and not _scope_intro(self.folded, sentence):
                continue
            if units and (self._only_a_deadline(sentence, clauses) or _dates_the_task_before(clauses, units[-1])):
                for clause in clauses:  # "Thời hạn hoàn thành: trước ngày 30/9/2023."
                    units[-1].add(clause)
                continue
            trailing = self._trailing_agency(sentence, clauses)
            if trailing:
                # "- Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng.": the agency after the dash
                # answers for the item.
                units.append(Unit(list(clauses), trailing))
                continue
            heading = next((c for c in clauses if c.heading_only), None)
            if heading is not None:
                para_lead, para_source = heading.subject, "heading"
            for unit in group_sentence(clauses, lenient=rp.para.enum):
                if not self._allowed(unit, block) or is_boilerplate(self.folded, unit):
                    continue
                if unit.leads:
                    if unit.clauses[0].subject:
                        para_lead, para_source = unit.leads, "context"
                    units.append(unit)
                    continue
                if frame is not None and frame.scope:
                    continue  # a scope item of the task introducing the list
                leads, source = self._implicit(rp, block, frame, para_lead, para_source)
                if not leads:
                    if unit.dates:
                        self.orphans.append(unit)
                    continue
                unit.leads, unit.source = list(leads), source
                units.append(unit)
        units = [_dated(unit, frame) for unit in units] if frame is not None and frame.dates else units
        return merge_enumerated(units) if rp.para.enum else units

    def _trailing_agency(self, sentence: Sentence, clauses: list[Clause]) -> list[Mention]:
        """The agency named after a dash that ends an item nobody else is named in."""
        if any(c.subject for c in clauses):
            return []
        tail_from = max(sentence.start, sentence.end - 120)
        dash = max(self.view.rfind(f" {d} ", tail_from, sentence.end) for d in "-–—")
        if dash < 0:
            return []
        toks = tokenize(self.view, dash + 3, sentence.end, limit=30)
        names, j = self.parser.parse_list(toks, 0)
        if not names or any(t.word for t in toks[j:]):
            return []
        return names

    def _only_a_deadline(self, sentence: Sentence, clauses: list[Clause]) -> bool:
        """A sentence that only sets the deadline of the sentence before it."""
        return (
            bool(clauses)
            and all(c.deadline_only or (not c.deadline.dates and c.topic) for c in clauses)
            and any(c.deadline_only for c in clauses)
        )

    def _allowed(self, unit: Unit, block: Block) -> bool:
        """Reports and closings give a task only to an agency named after "giao" (or
        "yêu cầu"/"đề nghị" in a report)."""
        first = unit.clauses[0]
        if block.closing:
            # "Trên đây là ý kiến ..., đề nghị Sở X nghiên cứu, hướng dẫn ...": a request with an
            # action of its own (closing formulas are dropped as boilerplate).
            return first.via == "trigger"
        if block.assessment:
            return first.via == "trigger"
        return True

    def _implicit(
        self, rp: ReadPara, block: Block, frame: Frame | None, para_lead: list[Mention], para_source: str
    ) -> tuple[list[Mention], str]:
        if rp.para.enum and frame is not None and frame.leads:
            return frame.leads, frame.source
        if para_lead:
            return para_lead, para_source
        if frame is not None and frame.leads and (frame.strong or not block.has_explicit):
            return frame.leads, frame.source
        return [], ""

    # --- frames -------------------------------------------------------------------------

    def _frame_after(self, rp: ReadPara, nxt: ReadPara | None, governing: Frame | None) -> Frame | None:
        if nxt is None or not rp.sentences:
            return None
        last_sentence, last_clauses = rp.sentences[-1]
        heading = (
            rp.para.kind in ("numbered", "roman", "letter")
            and len(rp.sentences) == 1
            and any(c.heading_only for c in last_clauses)
        )
        if not (last_sentence.intro or heading):
            return None
        inherited = governing.leads if governing is not None else []
        leads = self._intro_leads(rp, inherited, triggers_only=False)
        level = rp.level if nxt.level > rp.level else nxt.level - 0.1
        source = "heading" if heading or rp.para.kind in ("numbered", "roman", "letter") and leads else "context"
        # A heading naming an agency ("6. Sở Giáo dục và Đào tạo") leads everything under it,
        # plain paragraphs as well as bullets.
        scope = _scope_intro(self.folded, last_sentence)
        dates = [hit for clause in last_clauses for hit in clause.deadline.dates if hit.due is not None][:1]
        strong = nxt.level >= 20 or (heading and bool(leads))
        return Frame(level, leads, strong=strong, source=source, scope=scope, dates=dates)

    def _intro_leads(self, rp: ReadPara, inherited: list[Mention], triggers_only: bool) -> list[Mention]:
        """The agencies an introducing sentence addresses (or hands down)."""
        if not rp.sentences:
            return []
        _, clauses = rp.sentences[-1]
        for clause in reversed(clauses):
            if clause.subject and (clause.via == "trigger" or not triggers_only):
                return clause.subject + clause.co_leads
            if clause.opener == "trigger" or (not clause.subject and _speaks(self.folded, clause)):
                return []
        if triggers_only:
            return []
        for _, earlier in reversed(rp.sentences[:-1]):
            for clause in reversed(earlier):
                if clause.subject and not clause.statement:
                    return clause.subject + clause.co_leads
        return inherited


_ATTENDANCE_HEADS = ("thanh phan", "tham du:", "moi tham du", "kinh moi")


def _scope_intro(folded: str, sentence: Sentence) -> bool:
    """ "Chủ trì ... thực hiện các nhiệm vụ được ủy quyền, bao gồm:": the list below is the
    scope of this sentence's task, which is a task itself."""
    if not sentence.intro:
        return False
    tail = " ".join(folded[max(sentence.start, sentence.end - 48) : sentence.end].split())
    return tail.endswith(("bao gom:", " gom:")) or bool(_KINDS_LISTED.search(tail))


# "... theo các hình thức sau:", "... trong các trường hợp sau:": the items below are kinds or
# cases of the same work, not tasks of their own.
_KINDS_LISTED = re.compile(r"\b(?:hinh thuc|truong hop|loai|tieu chi|dieu kien)(?: [a-z]+){0,2} sau:$")


def _dated(unit: Unit, frame: Frame | None) -> Unit:
    """An item without a deadline of its own takes the one of the sentence introducing it."""
    if frame is not None and frame.dates and unit.kind == "none":
        unit.dates.extend(frame.dates)
        unit.add_kind("date")
    return unit


def _dates_the_task_before(clauses: list[Clause], before: Unit) -> bool:
    """ "Báo cáo kết quả về UBND tỉnh trước ngày 30/8/2026.", "Yêu cầu hoàn thành trước ngày
    15/4/2025.": a sentence naming nobody that reports on, or asks for, the work of the task
    before it gives that task its deadline instead of opening a new one."""
    first = clauses[0] if clauses else None
    if first is None or first.subject or before.kind == "date":
        return False
    if not any(c.kind == "date" for c in clauses):
        return False
    return first.opener in ("report", "trigger")


_SPEECH_ENDS = ("yeu cau", "ket luan", "de nghi", "giao", "chi dao", "nhu sau", "thong nhat")


def _speaks(folded: str, clause: Clause) -> bool:
    """ "Chủ tịch UBND tỉnh yêu cầu:", "... kết luận như sau:": a speaker, no addressee."""
    tail = folded[max(clause.start, clause.end - 24) : clause.end].rstrip(" :")
    return tail.endswith(_SPEECH_ENDS)
