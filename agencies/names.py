"""Agency names as people write them: normalising and resolving (pure Python, no ORM).

"Sở Thông tin và Truyền thông", "Sở TT&TT" and "sở tt & tt" must all find one agency, so
every lookup compares a normalised form: accents stripped (đ → d), case folded, punctuation
and "&" turned into spaces, runs of white space collapsed.
"""

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics: "Kế hoạch" → "Ke hoach", "Đài" → "Dai"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """The comparison key of a name: no accents, lower case, words separated by one space."""
    text = strip_accents(text or "").lower().replace("_", " ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()
