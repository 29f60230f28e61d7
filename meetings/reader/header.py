"""The parts of a notice around its conclusions: number, place and date, title, the meeting
paragraph, recipients ("Nơi nhận"), the signing formula and the signer.

Each part is optional: a draft may have a blank number ("Số: /TB-UBND"), a blank day
("ngày tháng 5 năm 2021"), no header at all (a notice pasted from its title on).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from meetings.reader.cleaning import Para, collapse
from meetings.reader.deadlines import first_date, fold
from meetings.reader.types import MeetingDraft

# The number line is "Số" at the start of a line followed by ":" ("Số: /TB-UBND", "Số:
# 12/TB-UBND") or by the number itself ("Số 12/TB-UBND"); anywhere else on a line only the
# whole "Số: 12/TB-UBND" / "Số: /TB-UBND" counts (a header cell extracted beside another).
# "Số" ending a title ("... chuyển đổi Số") is never the number. Every quantifier is bounded.
_NUMBER = re.compile(
    r"(?m)(?:^[ \t]{0,40}Số[ \t]{0,3}:\s{0,40}(\d{0,6})\s{0,3}(/[ \t]{0,2}[^\s,;]{1,40})?"
    r"|(?<!\w)Số[ \t]{0,3}:[ \t]{0,40}(\d{0,6})[ \t]{0,3}(/[ \t]{0,2}[^\s,;]{1,40}))"
)
_NUMBER_NO_COLON = re.compile(r"(?m)^[ \t]{0,40}Số[ \t]{1,3}(\d{1,6})[ \t]{0,3}(/[^\s,;]{1,40})")
_PLACE_DATE = re.compile(
    r"(?P<place>[^\n,;:]{2,40}?),\s{0,5}(?P<text>ngày\s{0,20}(?P<d>\d{1,2})?\s{0,20}tháng\s{0,20}(?P<m>\d{1,2})?"
    r"\s{0,20}năm\s{0,5}(?P<y>\d{4}))",
    re.IGNORECASE,
)
# "Hà Nội, ngày 03/ 4/2025": the issue date written in figures, stray spaces and all.
_PLACE_NUMERIC_DATE = re.compile(
    r"(?m)(?:^[ \t]{0,40}|[ \t]{2})(?P<place>[^\n,;:\d/()]{2,40}?),\s{0,5}"
    r"(?P<text>ngày\s{0,5}(?P<d>\d{1,2})\s{0,2}/\s{0,2}(?P<m>\d{1,2})"
    r"\s{0,2}/\s{0,2}(?P<y>\d{4}))",
    re.IGNORECASE,
)
# The type line a title stands under, for every kind of document the office follows up.
_DOCUMENT_TYPES = ("THÔNG BÁO", "KẾ HOẠCH", "CHỈ THỊ", "QUYẾT ĐỊNH")
_DATE_OPENERS = ("ngay", "sang ngay", "chieu ngay", "toi ngay", "vao ngay", "hom nay", "sang", "chieu", "trong ngay")
_TITLE_STOPS = ("ngay ", "can cu", "thuc hien", "sang ", "chieu ", "vao ", "hom nay", "toi ", "sau khi", "tham du")
_SIGNING_PREFIXES = ("TL.", "KT.", "TM.", "Q.", "TUQ.", "PP.", "T/M", "K/T", "T/L")
_ALREADY_SIGNED = re.compile(r"^\(?\s*(?:đã ký|Đã ký|ký|Ký)[^)]{0,40}\)?$")


@dataclass
class Header:
    number: str | None = None
    number_raw: str = ""
    place: str = ""
    issued_date: dt.date | None = None
    issued_date_text: str = ""
    issued_year: int | None = None
    title: str = ""
    end: int = 0  # index of the first paragraph after the header and title
    found_anything: bool = False


def parse_header(view: str, paras: list[Para]) -> Header:
    head = Header()
    notice_at: int | None = None
    last_header = -1
    for idx, para in enumerate(paras[:20]):
        text = view[para.start : para.end][:1000]  # header lines are short
        if not head.number_raw and _parse_number(text, head):
            last_header = idx
        if not head.issued_date_text and _parse_place_date(text, head):
            last_header = idx
        plain = collapse(text).upper()
        if notice_at is None and plain.startswith(_DOCUMENT_TYPES) and len(plain) <= 40:
            notice_at = idx
            last_header = idx
        if para.kind == "numbered" or para.end - para.start > 400:
            break
    if notice_at is not None:
        head.title, head.end = _title(view, paras, notice_at + 1)
    else:
        head.end = last_header + 1
    head.found_anything = last_header >= 0
    return head


def _parse_number(text: str, head: Header) -> bool:
    m = _NUMBER.search(text) or _NUMBER_NO_COLON.search(text)
    if not m:
        return False
    if m.re is _NUMBER and m.group(1) is None:
        digits, suffix = m.group(3), m.group(4)  # the number beside another header cell
    else:
        digits, suffix = m.group(1), m.group(2)
    digits, suffix = digits or "", (suffix or "").rstrip(".").replace(" ", "").replace("\t", "")
    head.number_raw = f"{digits}{suffix}"
    head.number = head.number_raw if digits else None
    return True


def _parse_place_date(text: str, head: Header) -> bool:
    m = _PLACE_DATE.search(text) or _PLACE_NUMERIC_DATE.search(text)
    if not m:
        return False
    place = collapse(m.group("place"))
    head.place = place.split("  ")[-1].strip(" -–")
    head.issued_date_text = collapse(m.group("text"))
    head.issued_year = int(m.group("y"))
    if m.group("d") and m.group("m"):
        try:
            head.issued_date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            head.issued_date = None
    return True


def _title(view: str, paras: list[Para], start: int) -> tuple[str, int]:
    parts: list[str] = []
    idx = start
    while idx < len(paras) and len(parts) < 3:
        para = paras[idx]
        text = collapse(view[para.start : para.end])
        folded = fold(text)
        if para.kind != "plain" or folded.startswith(_TITLE_STOPS) or len(text) > 400 or text.endswith(":"):
            break
        if text.endswith("."):
            # A full stop ends the title only when the meeting paragraph comes next ("... về
            # chuyển đổi số." then "Ngày 24/6/2021, ..."); otherwise the line is the body.
            if _opens_meeting(view, paras, idx + 1):
                parts.append(text)
                idx += 1
            break
        parts.append(text)
        idx += 1
    return " ".join(parts), idx


def _opens_meeting(view: str, paras: list[Para], idx: int) -> bool:
    if idx >= len(paras) or paras[idx].kind != "plain":
        return False
    return fold(collapse(view[paras[idx].start : paras[idx].start + 40])).startswith(_TITLE_STOPS)


# --- the meeting ---------------------------------------------------------------------------


_MEETING_WORDS = re.compile(r"(?<!phoi )\bhop\b|hoi nghi|giao ban|lam viec|kiem tra|\bbuoi\b|doan cong tac")


def find_meeting_paragraph(view: str, paras: list[Para], start: int) -> int | None:
    """Index of the paragraph that tells when and by whom the meeting was held."""
    for idx in range(start, min(len(paras), start + 5)):
        folded = fold(collapse(view[paras[idx].start : paras[idx].end][:3000]))
        if paras[idx].kind != "plain":
            return None
        if not _MEETING_WORDS.search(folded[:600]):
            continue  # a letter's opening ("Giao Sở X chủ trì ...") tells of no meeting
        if folded.startswith(_DATE_OPENERS) or " chu tri " in f" {folded} ":
            return idx
    return None


def parse_meeting(text: str, title: str, year: int | None) -> MeetingDraft:
    meeting = MeetingDraft(date=first_date(text, year))
    context = fold(f"{title} {text[:400]}")
    if "giao ban" in context:
        meeting.kind = "giao_ban"
    elif "hoi nghi" in context:
        meeting.kind = "hoi_nghi"
    elif "lam viec" in context:
        meeting.kind = "lam_viec"
    elif "hop" in context.split() or "cuoc hop" in context:
        meeting.kind = "hop"
    meeting.is_online = "truc tuyen" in context or "hop tuyen" in context
    meeting.chair, meeting.chair_title = _chair(text)
    meeting.attendees = _attendees(text)
    return meeting


_CHAIR_BEFORE = re.compile(r"(?:^|[.;]\s)(?:[^.;,]{0,60}\d{4},\s)?(?P<who>[^.;]{3,300}?)\s+chủ trì\b")
_CHAIR_AFTER = re.compile(r"(?:dưới sự |do )?chủ trì của\s+(?P<who>[^.;]{3,300}?)(?:[.;]|,\s(?:đã|cùng|với|tham)\b|$)")
_PERSON_ANYWHERE = re.compile(r"(?:^|\s)(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s")
_PERSON = re.compile(r"^(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s+")


def _chair(text: str) -> tuple[str, str]:
    m = _CHAIR_AFTER.search(text) or _CHAIR_BEFORE.search(text)
    if not m:
        return "", ""
    who = collapse(m.group("who")).strip(" ,")
    who = re.sub(r"\s+(?:đã|sẽ|đồng thời|trực tiếp)$", "", who)
    person = _PERSON_ANYWHERE.search(who)
    if person:
        who = who[person.start() :].strip()  # "tại Hội trường UBND tỉnh, đồng chí X, ..." → "đồng chí X, ..."
    elif who.lower().startswith(("tại ", "ở ", "trong ")) and "," in who:
        who = who.split(",", 1)[1].strip()
    return _split_person(who)


def _split_person(who: str) -> tuple[str, str]:
    """("Tổng Thanh Hải", "Phó Chủ tịch ...") from "đồng chí Tổng Thanh Hải - Phó Chủ tịch ..."."""
    has_marker = bool(_PERSON.match(who))
    rest = _PERSON.sub("", who)
    if has_marker:
        for sep in (" - ", " – ", ", "):
            if sep in rest:
                name, title = rest.split(sep, 1)
                if _is_person_name(name):
                    return name.strip(), title.strip()
        if _is_person_name(rest):
            return rest, ""
    # "Phó Chủ tịch UBND tỉnh Phan Thế Tuấn": a title followed by a personal name.
    words = rest.split()
    for size in (4, 3, 2):
        if len(words) > size and _is_person_name(" ".join(words[-size:])) and words[-size - 1].islower():
            return " ".join(words[-size:]), " ".join(words[:-size])
    return rest, rest


def _is_person_name(text: str) -> bool:
    """ "Lê Tuấn Phú": two to five capitalised syllables, nothing else."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        w.isalpha() and len(w) <= 7 and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def _attendees(text: str) -> str:
    m = re.search(r"(?:Tham dự|Dự họp|Cùng dự|Cùng tham dự|Tham gia)[^.;:]{0,40}?\s+có\s+(?P<who>[^.]{1,1000})", text)
    if not m:
        m = re.search(r"(?:Tham dự|Dự họp|Cùng dự|Cùng tham dự)\s+(?P<who>[^.]{1,1000})", text)
    return collapse(m.group("who")).strip(" ,;") if m else ""


# --- recipients and signature --------------------------------------------------------------


@dataclass
class Footer:
    start: int  # index of the first footer paragraph (len(paras) when none)
    recipients: list[str] = field(default_factory=list)
    signing_formula: str = ""
    signer: str = ""


def parse_footer(view: str, paras: list[Para], body_from: int) -> Footer:
    """Recipients, signing formula and signer, read from the end of the notice."""
    start = len(paras)
    for idx in range(body_from, len(paras)):
        if fold(collapse(view[paras[idx].start : paras[idx].start + 40])).startswith("noi nhan"):
            start = idx
            break
    if start == len(paras):
        start = _signature_start(view, paras, body_from)
    footer = Footer(start=start)
    formula: list[str] = []
    for para in paras[start:]:
        for line in view[para.start : para.end].split("\n"):
            text = collapse(line)
            if not text or fold(text).startswith("noi nhan"):
                continue
            if para.kind == "bullet" or text.startswith(("-", "+", "•")):
                recipient = text.lstrip("-+•– ").rstrip(" ;,.")
                if recipient:
                    footer.recipients.append(recipient)
            elif _ALREADY_SIGNED.match(text):
                continue
            elif _is_formula(text) or (formula and text.islower() and len(text) <= 12):
                formula.append(text)
            elif _is_person_name(text.strip(" .")):
                footer.signer = text.strip(" .")
    footer.signing_formula = "\n".join(formula)
    return footer


def _is_formula(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 70:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return text.startswith(_SIGNING_PREFIXES) or upper / len(letters) >= 0.85 and len(letters) >= 4


def _signature_start(view: str, paras: list[Para], body_from: int) -> int:
    """Without "Nơi nhận", the signature is the run of short formula/name lines at the end."""
    idx = len(paras)
    while idx - 1 >= body_from:
        text = collapse(view[paras[idx - 1].start : paras[idx - 1].end])
        short = len(text) <= 70 and not text.endswith((".", ";", ":"))
        if short and (_is_formula(text) or _is_person_name(text) or _ALREADY_SIGNED.match(text) or text.islower()):
            idx -= 1
            continue
        break
    # A lone name with no formula above it is more likely the end of the body.
    block = [collapse(view[p.start : p.end]) for p in paras[idx:]]
    return idx if any(_is_formula(line) for line in block) else len(paras)
