"""What a document is, from its header: its kind, its subject and who issued it.

The product follows up directives whatever carries them: a conclusion notice, a letter
conveying the chair's opinion, a directive, a plan, a decision. The kind is read from the name
of the document type standing on a line of its own ("THÔNG BÁO", "KẾ HOẠCH", ...), else from
the type code of the number ("…/KH-UBND"), else a letter's "V/v …" line says it is a công
văn. The subject is the "V/v …" (or "Về việc …") wording, else the title under the type. The
issuer is the body named at the top left, above the number, before "CỘNG HÒA …".
"""

from __future__ import annotations

import re

from meetings.reader.cleaning import collapse
from meetings.reader.deadlines import fold

_HEAD_CHARS = 4000  # a header never runs further
_COLUMNS = re.compile(r"[ \t]{2,}|<br\s*/?>", re.IGNORECASE)
_TYPE_LINES = {
    "THÔNG BÁO": "Thông báo",
    "CHỈ THỊ": "Chỉ thị",
    "KẾ HOẠCH": "Kế hoạch",
    "QUYẾT ĐỊNH": "Quyết định",
    "CÔNG VĂN": "Công văn",
}
_TYPE_CODES = {"TB": "Thông báo", "CT": "Chỉ thị", "KH": "Kế hoạch", "QĐ": "Quyết định", "QD": "Quyết định"}
_SUBJECT = re.compile(r"^\s{0,40}(?:V/v|V/V|Về việc)[:\s]\s{0,3}(?P<rest>.*)$")
_NOT_ISSUER = ("cong hoa", "doc lap", "ky boi", "thoi gian ky", "co quan:", "email", "so:", "so ")
# Words that begin the name of a body within a parent ("UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG").
_UNIT_HEADS = (
    "so ",
    "ban ",
    "van phong",
    "phong ",
    "cuc ",
    "chi cuc",
    "tong cuc",
    "trung tam",
    "thanh tra",
    "dai ",
    "bao ",
    "hoi dong",
    "doan ",
    "bo ",
)


def read_kind_subject_issuer(view: str, title: str, number: str | None) -> tuple[str, str, str]:
    lines = view[:_HEAD_CHARS].split("\n")
    return _kind(lines, title, number or ""), _subject(lines, title), _issuer(lines)


def _kind(lines: list[str], title: str, number: str) -> str:
    for line in lines[:40]:
        for cell in _COLUMNS.split(line):
            plain = collapse(cell).upper()
            if plain in _TYPE_LINES:
                kind = _TYPE_LINES[plain]
                return _notice_kind(title) if kind == "Thông báo" else kind
    code = re.search(r"/([A-ZĐ]{2})-", number)
    if code and code.group(1) in _TYPE_CODES:
        kind = _TYPE_CODES[code.group(1)]
        return _notice_kind(title) if kind == "Thông báo" else kind
    if any(_SUBJECT.match(line) for line in lines[:40]) or re.search(r"/[A-ZĐ&]+-", number):
        return "Công văn"  # a number with no type code ("…/UBND-KT") and a "V/v" line: a letter
    return ""


def _notice_kind(title: str) -> str:
    folded = fold(title)
    if "ket luan" in folded:
        return "Thông báo kết luận"
    if "y kien chi dao" in folded or "chi dao" in folded:
        return "Thông báo ý kiến chỉ đạo"
    return "Thông báo"


def _subject(lines: list[str], title: str) -> str:
    for idx, line in enumerate(lines[:40]):
        cells = _COLUMNS.split(line)
        for cell in cells:
            m = _SUBJECT.match(cell)
            if not m:
                continue
            parts = [m.group("rest")]
            for nxt in lines[idx + 1 : idx + 6]:
                text = collapse(nxt)
                if not text or fold(text).startswith(("kinh gui", "so:")) or len(text) > 120:
                    break
                parts.append(text)
            return collapse(" ".join(parts))
    return title


def _issuer(lines: list[str]) -> str:
    names: list[str] = []
    for line in lines[:12]:
        cell = next((c for c in _COLUMNS.split(line) if c.strip()), "")
        text = collapse(cell).strip(" -–_")
        folded = fold(text)
        cut = folded.find("cong hoa")  # the national motto in the same cell
        if cut > 0:
            text, folded = text[:cut].strip(), folded[:cut].strip()
        if text.upper() in _TYPE_LINES or folded.startswith(("thong tin", "thong bao")):
            break  # the document type: the issuer is above it
        if not text:
            if names:
                break
            continue
        if folded.startswith(_NOT_ISSUER) or any(ch.isdigit() for ch in text):
            if names:
                break
            continue
        if text != text.upper():
            if names:
                break
            continue
        names.append(text)
    if len(names) > 1:
        # The issuing unit under its parent ("UBND TỈNH LÀO CAI" / "SỞ CÔNG THƯƠNG").
        for k in range(1, len(names)):
            if fold(names[k]).startswith(_UNIT_HEADS):
                return " ".join(names[k:])
    return " ".join(names)
