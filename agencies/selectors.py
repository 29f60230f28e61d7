"""Reads of agencies: searching by any written form, and the directory the notice reader uses."""

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from agencies.models import Agency, AgencyAlias, AgencyGroup
from agencies.names import normalize


def successor_in_force(agency: Agency, successor_of: Callable[[Agency], Agency | None] | None = None) -> Agency:
    """Who does a closed agency's work now: its successor, followed along a chain of mergers, and
    an active agency itself. A chain that ends in a closed agency without a successor ends there,
    and one that loops stops where it closes. `successor_of` looks a successor up among agencies
    already read (default: the database)."""
    seen = {agency.pk}
    while not agency.is_active and agency.successor_id is not None:
        heir = successor_of(agency) if successor_of else agency.successor
        if heir is None or heir.pk in seen:
            break
        agency = heir
        seen.add(agency.pk)
    return agency


def agency_directory():
    """Every agency and group with their aliases, as plain data for the notice reader.

    Short names count as aliases. A closed agency's names stand for its successor in force, so
    a notice written before a merger ("Sở TT&TT" after 1/3/2025) resolves to who does the work
    now; active names are indexed first, so they always win over a closed agency's.
    """
    from agencies.directory import AgencyDirectory, DirectoryEntry

    aliases: dict[tuple[str, int], list[str]] = {}
    for alias in AgencyAlias.objects.values("name", "agency_id", "group_id"):
        key = ("agency", alias["agency_id"]) if alias["agency_id"] else ("group", alias["group_id"])
        aliases.setdefault(key, []).append(alias["name"])
    agencies = list(Agency.objects.order_by("id").only("id", "name", "short_name", "is_active", "successor"))
    by_id = {agency.pk: agency for agency in agencies}

    def written(agency: Agency) -> tuple[str, ...]:
        names = [agency.short_name] if agency.short_name else []
        return tuple(dict.fromkeys(names + aliases.get(("agency", agency.pk), [])))

    entries = [DirectoryEntry(id=a.pk, name=a.name, aliases=written(a)) for a in agencies if a.is_active]
    entries += [
        DirectoryEntry(id=g["id"], name=g["name"], aliases=tuple(aliases.get(("group", g["id"]), ())), is_group=True)
        for g in AgencyGroup.objects.order_by("id").values("id", "name")
    ]
    for agency in agencies:
        if agency.is_active:
            continue
        heir = successor_in_force(agency, successor_of=lambda a: by_id.get(a.successor_id))
        if heir.is_active:
            entries.append(DirectoryEntry(id=heir.pk, name=heir.name, aliases=(agency.name, *written(agency))))
    return AgencyDirectory(entries)


def agencies_in(items: Iterable[Agency | AgencyGroup]) -> list[Agency]:
    """Every agency a list of agencies and groups stands for: a group is each of its active
    members (`AgencyGroup.member_agencies`), and each agency comes once, where it first appears."""
    agencies: dict[int, Agency] = {}
    for item in items:
        for agency in item.member_agencies() if isinstance(item, AgencyGroup) else [item]:
            agencies.setdefault(agency.pk, agency)
    return list(agencies.values())


# --- The agency picker: search, labels and resolving typed names ------------------------------
# A picked value is "a:<id>" for an agency and "g:<id>" for a group, so one field can hold both.

PICKER_REF = re.compile(r"^(?P<kind>[ag]):(?P<pk>\d{1,18})$")
_PICKER_CANDIDATES = 200


@dataclass(frozen=True)
class PickerChoice:
    value: str
    label: str
    hint: str = ""

    def as_json(self) -> dict[str, str]:
        data = {"value": self.value, "label": self.label}
        if self.hint:
            data["hint"] = self.hint
        return data


@dataclass(frozen=True)
class Resolution:
    """What a typed name stands for: one match, several (ambiguous), or none with suggestions."""

    match: Agency | AgencyGroup | None = None
    ambiguous: tuple[Agency | AgencyGroup, ...] = ()
    suggestions: tuple[str, ...] = ()


def picker_value(item: Agency | AgencyGroup) -> str:
    return f"g:{item.pk}" if isinstance(item, AgencyGroup) else f"a:{item.pk}"


def group_label(group: AgencyGroup, member_count: int | None = None) -> str:
    count = group.member_agencies().count() if member_count is None else member_count
    return f"{group.name} (nhóm: {count} cơ quan)"


def picker_label(item: Agency | AgencyGroup) -> str:
    return group_label(item) if isinstance(item, AgencyGroup) else item.name


def picker_items_by_ref(refs: Iterable[str]) -> dict[str, Agency | AgencyGroup]:
    """The agencies and groups named by picker values; unknown or malformed values are left out."""
    ids: dict[str, set[int]] = {"a": set(), "g": set()}
    for ref in refs:
        found = PICKER_REF.match(ref or "")
        if found:
            ids[found["kind"]].add(int(found["pk"]))
    items: dict[str, Agency | AgencyGroup] = {}
    if ids["a"]:
        items.update({f"a:{a.pk}": a for a in Agency.objects.filter(pk__in=ids["a"])})
    if ids["g"]:
        items.update({f"g:{g.pk}": g for g in AgencyGroup.objects.filter(pk__in=ids["g"])})
    return items


def _tokens_q(field: str, tokens: list[str]) -> Q:
    """Every token begins a word of the normalised name ("ngan luc" finds "ubnd huyen luc ngan")."""
    condition = Q()
    for token in tokens:
        condition &= Q(**{f"{field}__startswith": token}) | Q(**{f"{field}__contains": f" {token}"})
    return condition


def _rank(key: str, names: Iterable[str]) -> int:
    names = list(names)
    if key in names:
        return 0
    if any(name.startswith(key) for name in names):
        return 1
    return 2


def agency_picker_search(*, query: str, limit: int = 20, include_groups: bool = True) -> list[PickerChoice]:
    """Active agencies and groups whose name or an alias has a word starting with each word of the query.

    Accents and case are ignored ("so tttt" finds "Sở Thông tin và Truyền thông" through its
    alias "Sở TTTT"); exact and prefix matches come first.
    """
    key = normalize(query)
    tokens = key.split()
    if not tokens:
        return []
    alias_match = AgencyAlias.objects.filter(_tokens_q("name_normalized", tokens))
    agencies = list(
        Agency.objects.filter(is_active=True)
        .filter(
            _tokens_q("name_normalized", tokens)
            | Q(short_name__icontains=query.strip())
            | Q(pk__in=alias_match.filter(agency__isnull=False).values("agency_id"))
        )
        .prefetch_related("aliases")
        .order_by("name")[:_PICKER_CANDIDATES]
    )
    ranked: list[tuple[int, str, PickerChoice]] = []
    for agency in agencies:
        aliases = [alias.name for alias in agency.aliases.all()]
        written = [agency.short_name, *aliases] if agency.short_name else aliases
        hint = ", ".join(dict.fromkeys(written))
        names = [agency.name_normalized, normalize(agency.short_name), *(normalize(a) for a in aliases)]
        ranked.append((_rank(key, names), agency.name, PickerChoice(picker_value(agency), agency.name, hint)))
    if include_groups:
        groups = (
            AgencyGroup.objects.filter(
                _tokens_q("name_normalized", tokens)
                | Q(pk__in=alias_match.filter(group__isnull=False).values("group_id"))
            )
            .prefetch_related("aliases")
            .order_by("name")[:_PICKER_CANDIDATES]
        )
        for group in groups:
            aliases = [alias.name for alias in group.aliases.all()]
            names = [group.name_normalized, *(normalize(a) for a in aliases)]
            choice = PickerChoice(picker_value(group), group_label(group), ", ".join(aliases))
            ranked.append((_rank(key, names), group.name, choice))
    ranked.sort(key=lambda row: (row[0], normalize(row[1])))
    return [choice for _, _, choice in ranked[:limit]]


def agency_resolve(text: str, *, include_groups: bool = True) -> Resolution:
    """The agency or group a typed name means: its name, short name or an alias, ignoring accents."""
    key = normalize(text)
    if not key:
        return Resolution()
    found: dict[str, Agency | AgencyGroup] = {}
    for agency in Agency.objects.filter(name_normalized=key):
        found[picker_value(agency)] = agency
    # Short names are few and not stored normalised: compare them here.
    for agency in Agency.objects.exclude(short_name=""):
        if normalize(agency.short_name) == key:
            found[picker_value(agency)] = agency
    for alias in AgencyAlias.objects.filter(name_normalized=key).select_related("agency", "group"):
        item = alias.agency or alias.group
        found[picker_value(item)] = item
    if include_groups:
        for group in AgencyGroup.objects.filter(name_normalized=key):
            found[picker_value(group)] = group
    else:
        found = {ref: item for ref, item in found.items() if isinstance(item, Agency)}
    # Closed agencies stand for their successor; those without one cannot be given work.
    items: dict[str, Agency | AgencyGroup] = {}
    for item in found.values():
        if isinstance(item, Agency):
            item = successor_in_force(item)
            if not item.is_active:
                continue
        items[picker_value(item)] = item
    if len(items) == 1:
        return Resolution(match=next(iter(items.values())))
    if len(items) > 1:
        return Resolution(ambiguous=tuple(items.values()))
    return Resolution(suggestions=tuple(_suggestions(key, include_groups=include_groups)))


def _suggestions(key: str, *, include_groups: bool, limit: int = 5) -> list[str]:
    """Names close to an unknown one: those sharing its words, else those spelled alike."""
    close = [choice.label for choice in agency_picker_search(query=key, limit=limit, include_groups=include_groups)]
    if close:
        return close
    names = {a.name_normalized: a.name for a in Agency.objects.filter(is_active=True).only("name", "name_normalized")}
    if include_groups:
        names.update({g.name_normalized: g.name for g in AgencyGroup.objects.only("name", "name_normalized")})
    return [names[match] for match in difflib.get_close_matches(key, list(names), n=limit, cutoff=0.6)]


def agency_picker_names() -> list[str]:
    """Every name the picker offers, for the page's <datalist> (suggestions without JavaScript)."""
    names = list(Agency.objects.filter(is_active=True).order_by("name").values_list("name", flat=True))
    return names + list(AgencyGroup.objects.order_by("name").values_list("name", flat=True))


# --- The agency directory page ------------------------------------------------------------------


def agencies_for_directory(*, query: str = "", include_closed: bool = False) -> QuerySet[Agency]:
    """Agencies ordered by kind then name, with what the directory shows, matching the query."""
    qs = Agency.objects.select_related("kind", "parent", "successor").prefetch_related("aliases")
    if not include_closed:
        qs = qs.filter(is_active=True)
    tokens = normalize(query).split()
    if tokens:
        alias_ids = AgencyAlias.objects.filter(_tokens_q("name_normalized", tokens), agency__isnull=False)
        qs = qs.filter(
            _tokens_q("name_normalized", tokens)
            | Q(short_name__icontains=query.strip())
            | Q(pk__in=alias_ids.values("agency_id"))
        )
    return qs.order_by("kind__order", "kind__name", "name")


def groups_for_directory(*, query: str = "") -> list[AgencyGroup]:
    """Agency groups matching the query, each with `member_count` set."""
    qs = AgencyGroup.objects.select_related("kind").prefetch_related("aliases")
    tokens = normalize(query).split()
    if tokens:
        alias_ids = AgencyAlias.objects.filter(_tokens_q("name_normalized", tokens), group__isnull=False)
        qs = qs.filter(_tokens_q("name_normalized", tokens) | Q(pk__in=alias_ids.values("group_id")))
    groups = list(qs.order_by("name"))
    for group in groups:
        group.member_count = group.member_agencies().count()
    return groups
