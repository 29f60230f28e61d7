"""Reads of agencies: searching by any written form, and the directory the notice reader uses."""

from django.db.models import Q, QuerySet

from agencies.models import Agency, AgencyAlias, AgencyGroup
from agencies.names import normalize


def agencies_search(*, query: str, limit: int = 20) -> QuerySet[Agency]:
    """Active agencies whose name, short name or alias contains the query, ignoring accents."""
    key = normalize(query)
    qs = Agency.objects.filter(is_active=True).select_related("kind")
    if key:
        alias_agency_ids = AgencyAlias.objects.filter(name_normalized__contains=key, agency__isnull=False).values(
            "agency_id"
        )
        qs = qs.filter(Q(name_normalized__contains=key) | Q(pk__in=alias_agency_ids))
    return qs.order_by("name")[:limit]


def agency_directory():
    """Every agency and group with their aliases, as plain data for the notice reader."""
    from agencies.directory import AgencyDirectory, DirectoryEntry

    aliases: dict[tuple[str, int], list[str]] = {}
    for alias in AgencyAlias.objects.values("name", "agency_id", "group_id"):
        key = ("agency", alias["agency_id"]) if alias["agency_id"] else ("group", alias["group_id"])
        aliases.setdefault(key, []).append(alias["name"])
    entries = [
        DirectoryEntry(id=a["id"], name=a["name"], aliases=tuple(aliases.get(("agency", a["id"]), ())))
        for a in Agency.objects.filter(is_active=True).values("id", "name")
    ]
    entries += [
        DirectoryEntry(id=g["id"], name=g["name"], aliases=tuple(aliases.get(("group", g["id"]), ())), is_group=True)
        for g in AgencyGroup.objects.values("id", "name")
    ]
    return AgencyDirectory(entries)
