"""A directory of agency names built from plain data (pure Python: no ORM, no Django).

The notice reader needs to know two things about a name it meets in a sentence: which agency
it is, and where it ends ("Sở Y tế phối hợp ..." ends before "phối hợp"). Both come from here:

- `resolve(text)` compares normalised forms (`agencies.names.normalize`: no accents, lower
  case, "&" as a space), first exactly, then without spaces ("Sở TTTT" = "Sở TT&TT"), then
  loosely (a trailing "tỉnh" or a leading "các" dropped);
- `longest_match(keys, start)` walks a token trie of every name and alias, so the reader can
  take the longest known name at a position in a sentence.

Common abbreviations (UBND, MTTQ, BQL, KCN, ...) are expanded on both sides, so an alias list
does not have to spell every combination. Agencies themselves are data, never code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from agencies.names import normalize

# Abbreviations written in notices and what they stand for (normalised words). Expanding them
# on both sides lets "UBND huyện Lục Ngạn" meet "Ủy ban nhân dân huyện Lục Ngạn".
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ubnd": ("uy", "ban", "nhan", "dan"),
    "hdnd": ("hoi", "dong", "nhan", "dan"),
    "mttq": ("mat", "tran", "to", "quoc"),
    "ub": ("uy", "ban"),
    "bql": ("ban", "quan", "ly"),
    "kcn": ("khu", "cong", "nghiep"),
    "bchqs": ("bo", "chi", "huy", "quan", "su"),
    "bch": ("ban", "chi", "huy"),
    "bcd": ("ban", "chi", "dao"),
    "vp": ("van", "phong"),
    "vpubnd": ("van", "phong", "uy", "ban", "nhan", "dan"),
    "tp": ("thanh", "pho"),
    "tx": ("thi", "xa"),
    "ttyt": ("trung", "tam", "y", "te"),
}


def name_keys(text: str) -> tuple[str, ...]:
    """Normalised words of a name with abbreviations expanded: the unit every lookup compares."""
    return _expand(tuple(normalize(text).split()))


def _expand(words: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for word in words:
        out.extend(_ABBREVIATIONS.get(word, (word,)))
    return tuple(out)


def _loose(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Drop words that vary freely between writers: "các", a trailing "tỉnh"."""
    trimmed = [k for k in keys if k != "cac"]
    if len(trimmed) > 2 and trimmed[-1] == "tinh":
        trimmed.pop()
    return tuple(trimmed)


@dataclass(frozen=True)
class DirectoryEntry:
    """One agency or group as the directory knows it."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    is_group: bool = False


@dataclass
class AgencyMention:
    """An agency named in a notice: as written, and what it resolves to (if anything)."""

    text: str
    resolved_name: str | None = None
    agency_id: int | None = None
    group_id: int | None = None
    is_collective: bool = False
    suggestions: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.resolved_name is not None


# Words that make a name collective when the directory does not say otherwise.
_COLLECTIVE_WORDS = frozenset({"cac", "nhung"})
_COLLECTIVE_STARTS = ("nganh ", "cap uy", "chinh quyen", "dia phuong", "don vi", "doanh nghiep", "thanh vien")


def looks_collective(text: str) -> bool:
    """ "UBND các huyện, thành phố", "các sở, ban, ngành", "Ngành Y tế": many agencies at once."""
    norm = normalize(text)
    words = norm.split()
    if _COLLECTIVE_WORDS.intersection(words):
        return True
    if norm.startswith(_COLLECTIVE_STARTS):
        return True
    # "UBND huyện, thành phố": a comma joining two levels names every district-level body.
    return "," in text and bool(words) and words[-1] in ("huyen", "pho", "xa", "phuong", "nganh", "tran", "quan")


class _TrieNode:
    __slots__ = ("children", "entry")

    def __init__(self) -> None:
        self.children: dict[str, _TrieNode] = {}
        self.entry: DirectoryEntry | None = None


class AgencyDirectory:
    """Every known agency and group, searchable by name, alias and prefix of a sentence."""

    def __init__(self, entries: Iterable[DirectoryEntry]) -> None:
        self._entries: list[DirectoryEntry] = list(entries)
        self._exact: dict[tuple[str, ...], DirectoryEntry] = {}
        self._compact: dict[str, DirectoryEntry] = {}
        self._loose: dict[tuple[str, ...], DirectoryEntry] = {}
        self._root = _TrieNode()
        self._names_by_key: dict[str, str] = {}
        for entry in self._entries:
            for written in (entry.name, *entry.aliases):
                self._index(written, entry)
            self._names_by_key.setdefault(" ".join(name_keys(entry.name)), entry.name)
        self._suggest_cached = lru_cache(maxsize=4096)(self._suggest_uncached)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> list[DirectoryEntry]:
        return list(self._entries)

    def _index(self, written: str, entry: DirectoryEntry) -> None:
        keys = name_keys(written)
        if not keys:
            return
        # First writer wins: a later alias never steals a name another entry already owns.
        self._exact.setdefault(keys, entry)
        self._compact.setdefault("".join(keys), entry)
        self._loose.setdefault(_loose(keys), entry)
        node = self._root
        for key in keys:
            node = node.children.setdefault(key, _TrieNode())
        if node.entry is None:
            node.entry = entry

    def lookup(self, text: str) -> DirectoryEntry | None:
        """The entry a name denotes, or None: exact, then spacing-insensitive, then loose."""
        keys = name_keys(text)
        if not keys:
            return None
        return self._exact.get(keys) or self._compact.get("".join(keys)) or self._loose.get(_loose(keys))

    def resolve(self, text: str) -> AgencyMention:
        """A mention of `text`: resolved when known, otherwise kept as written with suggestions."""
        written = " ".join(text.split())
        entry = self.lookup(written)
        if entry is None:
            return AgencyMention(
                text=written,
                is_collective=looks_collective(written),
                suggestions=self.suggest(written),
            )
        return AgencyMention(
            text=written,
            resolved_name=entry.name,
            agency_id=None if entry.is_group else entry.id,
            group_id=entry.id if entry.is_group else None,
            is_collective=entry.is_group,
        )

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The closest known names (canonical spelling), best first."""
        key = " ".join(name_keys(text))
        if not key or limit <= 0:
            return []
        return list(self._suggest_cached(key, limit))

    def _suggest_uncached(self, key: str, limit: int) -> tuple[str, ...]:
        keys = list(self._names_by_key)
        close = difflib.get_close_matches(key, keys, n=limit, cutoff=0.6)
        return tuple(self._names_by_key[k] for k in close)

    def longest_match(self, keys: Sequence[str], start: int) -> tuple[int, DirectoryEntry] | None:
        """The longest known name starting at keys[start]: (number of keys it spans, entry)."""
        node = self._root
        best: tuple[int, DirectoryEntry] | None = None
        for pos in range(start, len(keys)):
            node = node.children.get(keys[pos])  # type: ignore[assignment]
            if node is None:
                break
            if node.entry is not None:
                best = (pos - start + 1, node.entry)
        return best

    def starts_name(self, key: str) -> bool:
        """Whether some known name begins with this normalised word (a cheap pre-check)."""
        return key in self._root.children
