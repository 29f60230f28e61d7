"""Words of a sentence with their offsets, and tables of multi-word phrases to match on them.

Vietnamese words are written as space-separated syllables ("phối hợp", "Sở Y tế"), so every
phrase below is a tuple of syllables. Matching compares a key: lower case with the tone mark
placed the modern way ("hoà" = "hòa", "uỷ" = "ủy"), so old and new spellings meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# One token: a word (letters/digits joined by & . - / as in "TT&TT", "07-CT/TU", "26/6/2021")
# or a single punctuation mark. No nested quantifier can backtrack here.
_TOKEN = re.compile(r"\w+(?:[&.\-/]\w+)*|[^\w\s]")

_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE = re.compile("|".join(_TONE_PAIRS))


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """Comparison key of a syllable: lower case, tone mark placed the modern way."""
    low = word.lower()
    return _TONE.sub(lambda m: _TONE_PAIRS[m.group(0)], low) if len(low) > 1 else low


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    low: str
    cap: bool  # starts with an upper-case letter ("Sở", "UBND", "Covid-19")
    word: bool  # a word, not a punctuation mark


def tokenize(view: str, start: int = 0, end: int | None = None, limit: int = 0) -> list[Tok]:
    """Tokens of view[start:end] (offsets into view), at most `limit` of them when set.

    Who does what is said at the start of a clause, so callers cap the count: a clause of
    any length costs a bounded amount of work.
    """
    end = len(view) if end is None else end
    toks: list[Tok] = []
    append = toks.append
    known = _PROPS
    for m in _TOKEN.finditer(view, start, end):
        text = m.group()
        s, e = m.span()
        props = known.get(text) or _props(text)
        if props[3]:
            # "vàĐầu", "thànhlậpKhu": words a converter ran together are read apart.
            bounds = [0, *props[3], len(text)]
            for a, b in zip(bounds, bounds[1:], strict=False):
                part = text[a:b]
                append(Tok(part, s + a, s + b, *(known.get(part) or _props(part))[:3]))
        else:
            append(Tok(text, s, e, props[0], props[1], props[2]))
        if limit and len(toks) >= limit:
            break
    return toks


def run_together_cuts(text: str) -> list[int]:
    """Where a lower-case letter is directly followed by a capital starting a lower-case
    word ("vàĐầu" → [2]); acronyms ("UBND", "TT&TT", "KTThủy") are left whole."""
    rest = text[1:]
    if rest == rest.lower():
        return []
    return [k for k in range(1, len(text) - 1) if text[k].isupper() and text[k - 1].islower() and text[k + 1].islower()]


def unrun(text: str) -> str:
    """The text with words run together read apart: "Bộ Kế hoạch vàĐầu tư" → "... và Đầu tư"."""
    out, pos = [], 0
    for word in re.finditer(r"\S+", text):
        for cut in run_together_cuts(word.group()):
            out.append(text[pos : word.start() + cut])
            pos = word.start() + cut
            out.append(" ")
    out.append(text[pos:])
    return "".join(out)


# (key, capitalised, is a word, run-together cuts) of every token text seen: tokens repeat, so
# this is mostly a single dictionary lookup per token. Bounded, in case of adversarial input.
_PROPS: dict[str, tuple[str, bool, bool, tuple[int, ...]]] = {}


def _props(text: str) -> tuple[str, bool, bool, tuple[int, ...]]:
    first = text[0]
    props = (key(text), first.isupper(), first.isalnum() or first == "_", tuple(run_together_cuts(text)))
    if len(_PROPS) > 200_000:
        _PROPS.clear()
    _PROPS[text] = props
    return props


class PhraseTable:
    """Multi-syllable phrases, found by their first syllable; longest match wins."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(key(w) for w in phrase.split())
            if words:
                self._by_first.setdefault(words[0], []).append(words)
        for options in self._by_first.values():
            options.sort(key=len, reverse=True)
        # First syllables, for hot loops to reject a token without calling `match`.
        self.firsts = frozenset(self._by_first)

    def match(self, toks: list[Tok], i: int) -> int:
        """Number of tokens of the longest phrase starting at toks[i], 0 when none."""
        if i >= len(toks):
            return 0
        options = self._by_first.get(toks[i].low)
        if not options:
            return 0
        for words in options:
            n = len(words)
            if i + n <= len(toks) and all(toks[i + k].low == words[k] for k in range(1, n)):
                return n
        return 0

    def phrases(self) -> list[str]:
        """The phrases of the table, as keys joined by spaces."""
        return [" ".join(words) for options in self._by_first.values() for words in options]

    def __contains__(self, word: str) -> bool:
        return (key(word),) in self._by_first.get(key(word), ())


def phrases(block: str) -> list[str]:
    """Phrases written one per line or separated by ";" in a lexicon block."""
    return [p.strip() for line in block.splitlines() for p in line.split(";") if p.strip()]


def words(block: str) -> frozenset[str]:
    """The space-separated words of a lexicon block, as a set."""
    return frozenset(block.split())
