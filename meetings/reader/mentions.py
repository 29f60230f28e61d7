"""Where an agency name begins and ends in a sentence, and lists of them.

A name starts with a head ("Sở", "Ban", "UBND", "các sở", "Ban Chỉ đạo", ...) and runs on
through capitalised words, the second syllable of a capitalised word ("Y tế", "Giáo dục"),
known lower-case name parts ("tỉnh", "vận tải", "các khu công nghiệp") and connectors that
join capitalised words ("và Đào tạo", ", Thể thao", "- Thương binh"). It ends at a predicate
("chủ trì", "phối hợp", "tăng cường", ...), at punctuation, or where ", X" / "và X" starts a
new name. When a directory is given, the longest known name at the position wins whenever it
ends at a clean boundary, and a collective's match never ends inside its comma-joined list
("các địa phương, đơn vị": see `_collective_goes_on`). Every loop is bounded by a small
constant per name.
"""

from __future__ import annotations

from functools import lru_cache

from agencies.directory import AgencyDirectory, DirectoryEntry, looks_collective, name_keys
from meetings.reader import lexicon as lx
from meetings.reader.cleaning import collapse
from meetings.reader.namelists import Mention, colon_list, expand_districts, named_place, names_on
from meetings.reader.tokens import Tok, unrun, words

_MAX_NAME = 24  # tokens in one name
_MAX_LIST = 40  # names in one list
_PLACE_WORDS = frozenset(
    {"tỉnh", "huyện", "cấp", "thành", "phố", "xã", "trung", "ương", "quốc", "gia", "sở", "phương", "ủy"}
)
_STRONG_STOPS = lx.PhraseTable(
    lx.phrases("chủ trì; phối hợp; phải; cần; khẩn trương; tiếp tục; thường xuyên; hằng; có trách nhiệm")
    + ["đã", "chưa", "là", "được", "đang"]
)
# Last syllables of the common nouns a collective ends with ("các sở, ban, ngành", "UBND
# huyện, thành phố", "các địa phương, đơn vị"): only after them does ", X" go on naming it.
_COMMON_NOUN_ENDS = words(
    "ban ngành quan vị phương thể phố xã huyện phường trấn quận ủy cấp viên hội sở phòng trường tỉnh chức nghiệp"
    " thị khu bộ"
)
# A chair's title alone ("Chủ tịch UBND tỉnh yêu cầu") is the person giving the directive.
_CHAIR_TITLES = frozenset({"chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "lãnh đạo"})
_SPEECH_ENDINGS = frozenset({"cầu", "luận", "đạo", "nghị", "nhất", "báo", "sau", "giao"})


_HEAD_FIRSTS = lx.COMMITTEE_HEADS.firsts | lx.COLLECTIVE_HEADS.firsts | lx.TITLES.firsts | lx.SPECIFIC_HEADS.firsts


def head_words() -> tuple[set[str], set[str]]:
    """(first syllables of the heads that need a capital, whole collective phrases): the
    words a name can begin with, to find candidates in a long text quickly."""
    caps = set(lx.SPECIFIC_HEADS.firsts | lx.COMMITTEE_HEADS.firsts | lx.TITLES.firsts)
    return caps, set(lx.COLLECTIVE_HEADS.phrases())


@lru_cache(maxsize=4096)
def _collective(text: str) -> bool:
    return looks_collective(text)


@lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    return name_keys(word)


class MentionParser:
    """Finds agency names in token lists; one parser per notice (it reads its view)."""

    def __init__(self, view: str, directory: AgencyDirectory | None) -> None:
        self.view = view
        self.directory = directory

    # --- public -------------------------------------------------------------------------

    def starts_name(self, toks: list[Tok], i: int) -> bool:
        """Whether a name (of any kind) begins at toks[i]."""
        return self._head(toks, i)[0] != "" or self._dir_match(toks, i) is not None

    def may_start_known_name(self, word: str) -> bool:
        """Whether the directory knows a name or alias beginning with this word."""
        if self.directory is None:
            return False
        first = _keys(word)
        return bool(first) and self.directory.starts_name(first[0])

    def parse_list(self, toks: list[Tok], i: int) -> tuple[list[Mention], int]:
        """Names joined by ",", "và", "cùng" starting at toks[i]; (names, index after them)."""
        n = lx.TITLES.match(toks, i) if i < len(toks) and toks[i].cap else 0
        if n and i + n + 1 < len(toks) and toks[i + n].text == ":":
            # "Giao Giám đốc: Sở A, Sở B, Đài C ...": the agencies the heads of which are told.
            return self.parse_list(toks, i + n + 1)
        first, j = self.parse_one(toks, i)
        if first is None:
            return [], i
        if j + 1 < len(toks) and toks[j].text == ":" and toks[j + 1].cap and toks[j - 1].cap:
            listed, k = colon_list(self.view, toks, j)
            if listed:
                return listed, k
        found = [first]
        while len(found) < _MAX_LIST:
            j = self._skip_apposition(toks, j)
            k = self._list_link(toks, j)
            if k is None:
                break
            nxt, k2 = self.parse_one(toks, k)
            if nxt is None:
                break
            found.append(nxt)
            j = k2
        return [m for mention in found for m in expand_districts(mention)], j

    def parse_one(self, toks: list[Tok], i: int) -> tuple[Mention | None, int]:
        """One name starting exactly at toks[i]."""
        if i >= len(toks) or not toks[i].word:
            return None, i
        kind, n = self._head(toks, i)
        start = i
        if kind == "title":
            i += n
            kind, n = self._head(toks, i)
            if kind in ("", "title"):
                return None, start
        heur_end = self._extend(toks, i, kind, n) if kind else None
        name_from = i  # where the agency's own name starts (after a title)
        dir_hit = self._dir_match(toks, i)
        end, entry = heur_end, None
        if dir_hit is not None:
            dir_end, dir_entry = dir_hit
            longer_committee = kind == "committee" and heur_end is not None and heur_end > dir_end
            collective = dir_entry.is_group or kind == "collective"
            if collective and self._collective_goes_on(toks, dir_end):
                # "các địa phương, đơn vị": the known alias "các địa phương" is only the start
                # of the collective; read it as written (the directory may know it whole).
                if heur_end is None or heur_end <= dir_end:
                    end = self._name_end(toks, dir_end, limit=i + _MAX_NAME)
            elif self._clean_boundary(toks, dir_end) and not longer_committee:
                end, entry = dir_end, dir_entry
        if end is None or end <= i:
            return None, start
        return self._make(toks, start, end, entry, kind, name_from), end

    # --- heads --------------------------------------------------------------------------

    def _head(self, toks: list[Tok], i: int) -> tuple[str, int]:
        """("committee" | "collective" | "specific" | "title" | "", length) of a head at i."""
        if i >= len(toks) or not toks[i].word:
            return "", 0
        tok = toks[i]
        if tok.low not in _HEAD_FIRSTS:
            return "", 0
        if tok.cap:
            n = lx.COMMITTEE_HEADS.match(toks, i)
            if n:
                return "committee", n
        n = lx.COLLECTIVE_HEADS.match(toks, i)
        if n:
            return "collective", n
        if tok.cap:
            # A title names agencies in the plural ("Chủ tịch UBND các huyện") or as the head
            # of one ("Giám đốc Sở Y tế"); "Chủ tịch UBND tỉnh" alone is a person, usually the
            # one giving the directive ("Chủ tịch UBND tỉnh yêu cầu").
            n = lx.TITLES.match(toks, i)
            if n and i + n + 1 < len(toks):
                plural = toks[i + n].low == "các" or toks[i + n + 1].low == "các"
                h = lx.SPECIFIC_HEADS.match(toks, i + n)
                chair = " ".join(t.low for t in toks[i : i + n]) in _CHAIR_TITLES
                heads_one = h and (not chair or named_place(toks, i + n + h))
                if plural or heads_one:
                    return "title", n
            n = lx.SPECIFIC_HEADS.match(toks, i)
            if n and (n > 1 or names_on(toks, i + n)):
                return "specific", n
        return "", 0

    def _is_head(self, toks: list[Tok], i: int) -> bool:
        return self._head(toks, i)[0] != ""

    # --- extending a name ---------------------------------------------------------------

    def _extend(self, toks: list[Tok], i: int, kind: str, n: int) -> int:
        if kind == "committee":
            end = self._committee_end(toks, i, n)
            if end is not None:
                return end
        return self._name_end(toks, i + n, limit=i + _MAX_NAME)

    def _name_end(self, toks: list[Tok], j: int, limit: int) -> int:
        """Index after the last token of a name whose head ends before toks[j]."""
        i_start = max(0, limit - _MAX_NAME)
        while j < len(toks) and j < limit:
            tok, prev = toks[j], toks[j - 1]
            if tok.word:
                if tok.low == "và":
                    if self._cap_non_head(toks, j + 1) or self._joint_office(toks, i_start, j + 1):
                        j += 1
                        continue
                    break
                if tok.cap:
                    n = lx.COMMITTEE_HEADS.match(toks, j)
                    end = self._committee_end(toks, j, n) if n else None
                    # "Các thành viên Ban Chỉ đạo phòng, chống thiên tai cấp huyện": a committee
                    # inside the name runs to its place word, as it does on its own.
                    j = end if end is not None and end > j else j + 1
                    continue
                m = lx.NAME_PARTS.match(toks, j)
                if m:
                    j += m
                    continue
                if lx.PREDICATE_STARTS.match(toks, j):
                    break
                if prev.word and prev.cap and (len(prev.text) == 1 or not prev.text.isupper()):
                    # The second syllable of a capitalised word ("Y tế", "Giáo dục"); an
                    # abbreviation ("PTNT", "UBND") is a whole word and takes none.
                    j += 1
                    continue
                break
            if tok.text == ",":
                step = self._join_after_comma(toks, j)
                if step:
                    j += step
                    continue
                break
            if tok.text in "-–&" and (self._cap_non_head(toks, j + 1) or lx.NAME_PARTS.match(toks, j + 1)):
                j += 1
                continue
            break
        return j

    def _joint_office(self, toks: list[Tok], start: int, j: int) -> bool:
        """ "Văn phòng Đoàn ĐBQH và HĐND tỉnh": one office serving two elected bodies."""
        if j >= len(toks) or toks[start].low != "văn":
            return False
        return toks[j].low == "hđnd" or (toks[j].low == "hội" and j + 1 < len(toks) and toks[j + 1].low == "đồng")

    def _join_after_comma(self, toks: list[Tok], j: int) -> int:
        """Tokens to consume when the comma at j is inside the name, else 0.

        "UBND huyện, thành phố", "các sở, ban, ngành" (a collective goes on), "Sở Văn hóa, Thể
        thao và Du lịch" (a capitalised word that starts no name of its own).
        """
        if j + 1 >= len(toks):
            return 0
        n = 0 if toks[j + 1].cap else lx.JOIN_WORDS.match(toks, j + 1)
        if n and toks[j - 1].low in _COMMON_NOUN_ENDS:
            # "các địa phương, tổ chức thực hiện": a verb phrase, not one more collective.
            if lx.PREDICATE_STARTS.match(toks, j + 1) and lx.PREDICATE_STARTS.match(toks, j + 1 + n):
                return 0
            return 1 + n
        return 1 if self._cap_non_head(toks, j + 1) else 0

    def _collective_goes_on(self, toks: list[Tok], j: int) -> bool:
        """Whether a collective ending before toks[j] goes on past it.

        The rule: a known name ends at a mention boundary. After a collective ("các địa
        phương", "các sở, ban, ngành"), ", " followed by a word that names a kind of public
        body without being the head of a new name (", đơn vị", ", ngành", ", cơ quan") goes on
        listing the same collective, so the directory's match stops inside a mention there.
        A new head after the comma (", các cơ quan", ", địa phương", ", doanh nghiệp", ", Sở Y
        tế") starts a new mention and anything else (a verb) ends the list, as without a
        directory (NOTES.md, case 7). A specific agency ("Công an tỉnh, đơn vị ...") never goes on.
        """
        if j + 1 >= len(toks) or toks[j].text != "," or toks[j + 1].cap:
            return False
        return self._join_after_comma(toks, j) > 1 and not self._is_head(toks, j + 1)

    def _cap_non_head(self, toks: list[Tok], j: int) -> bool:
        if j >= len(toks) or not toks[j].word or not toks[j].cap:
            return False
        return self._head(toks, j)[0] == "" and self._dir_match(toks, j) is None

    def _committee_end(self, toks: list[Tok], i: int, n: int) -> int | None:
        """ "Ban Chỉ đạo <purpose> tỉnh": the name runs to its last place word."""
        best: int | None = None
        j = i + n
        limit = min(len(toks), i + _MAX_NAME)
        while j < limit:
            tok = toks[j]
            if not tok.word:
                if tok.text == ":":
                    if best is None and toks[j - 1].low not in _SPEECH_ENDINGS and i == 0:
                        best = j
                    break
                if tok.text != "," and tok.text not in "-–":
                    break
                if tok.text == "," and (self._is_head(toks, j + 1) or self._dir_match(toks, j + 1)):
                    break
                j += 1
                continue
            if tok.low == "và" and self._is_head(toks, j + 1):
                break
            if j > i + n and _STRONG_STOPS.match(toks, j) and not tok.cap:
                break
            step = lx.NAME_PARTS.match(toks, j)
            if toks[j + max(step, 1) - 1].low in _PLACE_WORDS:
                # Only a place word ("tỉnh", "các cấp", "cấp huyện") can end such a name.
                after = j + max(step, 1)
                if after >= len(toks) or self._boundary_after_committee(toks, after):
                    best = after
                    if after < len(toks) and toks[after].word and lx.PREDICATE_STARTS.match(toks, after):
                        break
                j = after
                continue
            j += max(step, 1)
        return best

    def _boundary_after_committee(self, toks: list[Tok], j: int) -> bool:
        tok = toks[j]
        if not tok.word:
            return tok.text in ",;:.()-–"
        if tok.cap or lx.NAME_PARTS.match(toks, j):
            return False
        return tok.low == "và" or bool(lx.PREDICATE_STARTS.match(toks, j))

    # --- lists --------------------------------------------------------------------------

    def _list_link(self, toks: list[Tok], j: int) -> int | None:
        """Index of the next name after ", " / "và" / "cùng (với)", or None."""
        if j >= len(toks):
            return None
        tok = toks[j]
        if tok.text == ",":
            k = j + 1
            if k < len(toks) and toks[k].low == "và":
                k += 1
            return k if self.starts_name(toks, k) else None
        if tok.low in ("và", "cùng", "hoặc"):
            k = j + 1
            if k < len(toks) and toks[k].low == "với":
                k += 1
            return k if self.starts_name(toks, k) else None
        return None

    def _skip_apposition(self, toks: list[Tok], j: int) -> int:
        """Skip "(Ban Chỉ đạo)" or " - Cơ quan Thường trực ..." right after a name."""
        if j >= len(toks):
            return j
        if toks[j].text == "(":
            for k in range(j + 1, min(len(toks), j + 14)):
                if toks[k].text == ")":
                    return k + 1
            return j
        if toks[j].text in "-–" and j + 1 < len(toks) and self.starts_name(toks, j + 1):
            _, k = self.parse_one(toks, j + 1)
            return k
        return j

    # --- directory ----------------------------------------------------------------------

    def _dir_match(self, toks: list[Tok], i: int) -> tuple[int, DirectoryEntry] | None:
        """(token index after, entry) of the longest known name starting at toks[i]."""
        if self.directory is None or i >= len(toks) or not toks[i].word:
            return None
        first = _keys(toks[i].text)
        if not first or not self.directory.starts_name(first[0]):
            return None
        keys: list[str] = []
        ends: list[int] = []  # ends[k] = token index after the token that produced keys[k]
        for j in range(i, min(len(toks), i + _MAX_NAME)):
            if toks[j].word:
                for k in _keys(toks[j].text):
                    keys.append(k)
                    ends.append(j + 1)
        hit = self.directory.longest_match(keys, 0)
        if hit is None:
            return None
        n, entry = hit
        if n < len(ends) and ends[n] == ends[n - 1]:
            return None  # the match stops inside a word ("Ủy ban" of "UBND")
        return ends[n - 1], entry

    def _clean_boundary(self, toks: list[Tok], j: int) -> bool:
        if j >= len(toks):
            return True
        tok = toks[j]
        if not tok.word:
            return True
        if tok.cap:
            return self._is_head(toks, j)
        return not lx.NAME_PARTS.match(toks, j) or bool(lx.PREDICATE_STARTS.match(toks, j))

    # --- building -----------------------------------------------------------------------

    def _make(
        self, toks: list[Tok], start: int, end: int, entry: DirectoryEntry | None, kind: str, name_from: int
    ) -> Mention:
        s, e = toks[start].start, toks[end - 1].end
        # "Bộ Kế hoạch vàĐầu tư" (words run together by a converter): the name as it reads.
        text = unrun(collapse(self.view[s:e]))
        if entry is None and self.directory is not None:
            # "Giám đốc Sở Y tế" is followed up at Sở Y tế.
            entry = self.directory.lookup(text) or self.directory.lookup(collapse(self.view[toks[name_from].start : e]))
        # The directory knows better than the wording whether a name is a group.
        collective = entry.is_group if entry is not None else kind in ("collective", "title") or _collective(text)
        return Mention(text, s, e, collective, entry)
