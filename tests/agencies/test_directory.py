"""The agency directory: one agency behind every way of writing it (pure, no database)."""

from __future__ import annotations

import pytest

from agencies.directory import AgencyDirectory, DirectoryEntry, name_keys

ENTRIES = [
    DirectoryEntry(1, "Sở Thông tin và Truyền thông", ("Sở TT&TT",)),
    DirectoryEntry(2, "Sở Y tế", ("SYT",)),
    DirectoryEntry(3, "Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT",)),
    DirectoryEntry(4, "Ủy ban nhân dân huyện Lục Ngạn", ()),
    DirectoryEntry(5, "Bộ Chỉ huy Quân sự tỉnh", ()),
    DirectoryEntry(6, "Ban Quản lý các Khu công nghiệp", ("BQL các KCN",)),
    DirectoryEntry(100, "UBND các huyện, thành phố", ("UBND huyện, thành phố",), is_group=True),
    DirectoryEntry(101, "Các sở, ban, ngành tỉnh", ("các sở, ngành",), is_group=True),
]


@pytest.fixture
def directory() -> AgencyDirectory:
    return AgencyDirectory(ENTRIES)


def test_resolves_the_canonical_name(directory):
    mention = directory.resolve("Sở Y tế")
    assert (mention.resolved_name, mention.agency_id, mention.group_id) == ("Sở Y tế", 2, None)
    assert not mention.is_collective and mention.suggestions == []


def test_resolves_an_alias_and_keeps_the_text_as_written(directory):
    mention = directory.resolve("Sở  TT&TT")
    assert (mention.text, mention.resolved_name, mention.agency_id) == ("Sở TT&TT", "Sở Thông tin và Truyền thông", 1)


@pytest.mark.parametrize(
    "written", ["so tt&tt", "SỞ TT & TT", "Sở TTTT", "sở thông tin và truyền thông", "So Thong tin va Truyen thong"]
)
def test_accents_case_spacing_and_ampersands_do_not_matter(directory, written):
    assert directory.resolve(written).agency_id == 1


def test_abbreviations_meet_their_long_form(directory):
    assert directory.resolve("UBND huyện Lục Ngạn").agency_id == 4
    assert directory.resolve("Ban Quản lý các KCN").agency_id == 6


def test_a_trailing_tinh_or_a_leading_cac_may_be_left_out(directory):
    assert directory.resolve("Bộ Chỉ huy Quân sự").agency_id == 5
    assert directory.resolve("Sở Y tế tỉnh").agency_id == 2
    assert directory.resolve("UBND các huyện, thành phố").group_id == 100


def test_collective_groups_resolve_to_a_group(directory):
    mention = directory.resolve("UBND huyện, thành phố")
    assert (mention.group_id, mention.agency_id, mention.is_collective) == (100, None, True)
    assert mention.resolved_name == "UBND các huyện, thành phố"
    assert directory.resolve("Các sở, ngành").group_id == 101


def test_unknown_names_are_kept_with_suggestions(directory):
    mention = directory.resolve("Sở Nông nghiệp và PTNT")
    assert mention.resolved_name is None and mention.agency_id is None
    assert mention.text == "Sở Nông nghiệp và PTNT"
    assert mention.suggestions[0] == "Sở Nông nghiệp và Phát triển nông thôn"


def test_suggestions_are_limited_and_empty_when_nothing_is_close(directory):
    assert len(directory.suggest("Sở Y", limit=1)) <= 1
    assert directory.suggest("Hợp tác xã nông nghiệp Quyết Thắng") == []
    assert directory.suggest("") == []


def test_unknown_collective_names_are_still_flagged_collective(directory):
    assert directory.resolve("các cơ quan liên quan").is_collective


def test_longest_match_finds_where_a_name_ends_in_a_sentence(directory):
    keys = list(name_keys("Sở Nông nghiệp và Phát triển nông thôn phối hợp với Sở Y tế"))
    length, entry = directory.longest_match(keys, 0)
    assert entry.id == 3 and keys[length : length + 2] == ["phoi", "hop"]
    assert directory.longest_match(keys, 1) is None
    assert directory.longest_match(keys, len(keys) - 3)[1].id == 2


def test_the_first_entry_keeps_a_name_claimed_twice():
    directory = AgencyDirectory([DirectoryEntry(1, "Sở Y tế"), DirectoryEntry(2, "Ngành Y tế", ("Sở Y tế",))])
    assert directory.resolve("Sở Y tế").agency_id == 1
    assert directory.resolve("Ngành Y tế").agency_id == 2


def test_an_empty_directory_resolves_nothing():
    directory = AgencyDirectory([])
    mention = directory.resolve("Sở Y tế")
    assert mention.resolved_name is None and mention.suggestions == []
    assert len(directory) == 0
