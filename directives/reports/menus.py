"""The menus of the filters (documents, meetings, document kinds, leaders, agencies, agency kinds,
meeting chairs), as options for the `options` tag: (value, label) pairs selected by the query
string's value, or (value, label, selected) triples.

They list the latest ones (a link or a typed id still works for any other), so pages stay small
at tens of thousands of notices; labels are built here because template filters on hundreds of
options cost more than the query.

Every task list and dashboard shows all seven, and they change only when someone saves a notice,
a meeting, a document kind, an agency, an agency kind or an account. So each process keeps the
lists, as the working-day calendar does, behind a version number in Django's cache that every
such save bumps (the receivers below): one cache read per page instead of seven queries. The
version is bumped at once, for this process, and again when the transaction commits, so that no
process keeps a list read before the change was committed. Where the cache is each process's
own memory (no CACHE_URL), another process sees a change within KEEP_SECONDS. An officer's
document menu depends on their agency's tasks: it is read each time.
"""

import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_save

from agencies.models import Agency, AgencyKind
from agencies.roles import leader_accounts, sees_everything
from directives.notices.selectors import notices_visible_to
from meetings.models import ConclusionNotice, DocumentKind, Meeting, notice_reference

MENU_LIMIT = 100
VERSION_KEY = "menus:version"
KEEP_SECONDS = 300

_kept: dict[str, tuple[int, float, list]] = {}


def _version() -> int:
    return cache.get(VERSION_KEY, 0)


def _kept_list(name: str, version: int, build: Callable[[], list]) -> list:
    entry = _kept.get(name)
    now = time.monotonic()
    if entry is not None and entry[0] == version and now - entry[1] < KEEP_SECONDS:
        return entry[2]
    value = build()
    _kept[name] = (version, now, value)
    return value


def forget() -> None:
    """This process's lists are read again (tests start each from the database)."""
    _kept.clear()


def bump_version() -> None:
    """Every process reads the menus again."""
    _kept.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def _changed(**kwargs) -> None:
    bump_version()
    transaction.on_commit(bump_version)


def _account_changed(update_fields=None, **kwargs) -> None:
    # Signing in saves last_login alone: no menu shows it.
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    _changed(**kwargs)


for _model in (ConclusionNotice, Meeting, DocumentKind, Agency, AgencyKind):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"menus_{_model._meta.label_lower}_saved")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"menus_{_model._meta.label_lower}_deleted")
post_save.connect(_account_changed, sender=get_user_model(), dispatch_uid="menus_account_saved")
post_delete.connect(_changed, sender=get_user_model(), dispatch_uid="menus_account_deleted")
# A leader's account joining or leaving the leaders group.
m2m_changed.connect(_changed, sender=get_user_model().groups.through, dispatch_uid="menus_user_groups")
post_delete.connect(_changed, sender=Group, dispatch_uid="menus_group_deleted")


def filter_menus(user, data: dict) -> dict[str, list]:
    """Every menu of the filters for this person, with the choices in `data` (a filter form's
    cleaned data) selected."""
    version = _version()
    return {
        "agencies": _kept_list("agencies", version, _agencies),
        "kinds": _kept_list("agency_kinds", version, _agency_kinds),
        "chairs": _kept_list("chairs", version, _chairs),
        "notices": notice_menu(user, data.get("notice"), version),
        "meetings": meeting_menu(data.get("meeting"), version),
        "doc_kinds": _chosen(_kept_list("doc_kinds", version, _doc_kinds), data.get("doc_kind"), _doc_kind_option),
        "leaders": _chosen(_kept_list("leaders", version, _leaders), data.get("leader"), _leader_option),
    }


def _chosen(options: list[tuple], selected, option: Callable) -> list[tuple]:
    """The options as triples, `selected` marked and put first when the list does not hold it."""
    chosen = selected.pk if selected is not None else None
    marked = [(pk, label, pk == chosen) for pk, label in options]
    if chosen is not None and all(pk != chosen for pk, _ in options):
        marked.insert(0, (*option(selected), True))
    return marked


def notice_menu(user, selected: ConclusionNotice | None, version: int) -> list[tuple[int, str, bool]]:
    # Only the notices this person may see: an officer's menu must not name drafts or the notices
    # of other agencies (the notice pages answer 404 for those), even one typed into the URL.
    visible = notices_visible_to(user)
    if selected is not None and not visible.filter(pk=selected.pk).exists():
        selected = None
    # Office staff and leaders see every notice: theirs is one list, kept.
    shared = sees_everything(user)
    options = _kept_list("notices", version, lambda: _notices(visible)) if shared else _notices(visible)
    if selected is not None and all(pk != selected.pk for pk, _ in options):
        options = [*_notices(visible.filter(pk=selected.pk)), *options]
    chosen = selected.pk if selected is not None else None
    return [(pk, label, pk == chosen) for pk, label in options]


def _notices(visible) -> list[tuple[int, str]]:
    # Plain values, not a hundred notices and their kinds as objects.
    rows = visible.order_by("-id").values_list("id", "number", "title", "issued_on", "kind__name")[:MENU_LIMIT]
    return [
        (
            pk,
            notice_reference(number, title, issued_on, kind)
            + (f" – {issued_on:%d/%m/%Y}" if number and issued_on else ""),
        )
        for pk, number, title, issued_on, kind in rows
    ]


def _published_meetings():
    # Only meetings with a published notice: a meeting whose notice is still a draft has no task
    # anyone can filter by, and its title is not for agency people to read.
    return Meeting.objects.filter(
        Exists(ConclusionNotice.objects.filter(meeting=OuterRef("pk"), status=ConclusionNotice.Status.PUBLISHED))
    )


def _meeting_label(title: str, held_on) -> str:
    return f"{held_on:%d/%m/%Y} – {title if len(title) <= 60 else title[:59] + '…'}"


def _meetings() -> list[tuple[int, str]]:
    rows = _published_meetings().order_by("-id").values_list("id", "title", "held_on")[:MENU_LIMIT]
    return [(pk, _meeting_label(title, held_on)) for pk, title, held_on in rows]


def _meeting_option(meeting: Meeting) -> tuple[int, str]:
    return meeting.pk, _meeting_label(meeting.title, meeting.held_on)


def meeting_menu(selected: Meeting | None, version: int) -> list[tuple[int, str, bool]]:
    if selected is not None and not _published_meetings().filter(pk=selected.pk).exists():
        selected = None
    return _chosen(_kept_list("meetings", version, _meetings), selected, _meeting_option)


def _agencies() -> list[tuple[int, str]]:
    """The active agencies by name, as (id, name)."""
    return list(Agency.objects.filter(is_active=True).order_by("name").values_list("id", "name"))


def _agency_kinds() -> list[tuple[int, str]]:
    return list(AgencyKind.objects.values_list("id", "name"))


def _chairs() -> list[tuple[str, str]]:
    """The meetings' chairs (people's titles), each once."""
    chairs = Meeting.objects.order_by("chair_name").values_list("chair_name", flat=True).distinct()
    return [(chair, chair) for chair in chairs]


def _doc_kinds() -> list[tuple[int, str]]:
    return [(kind.pk, kind.name) for kind in DocumentKind.objects.all()]


def _doc_kind_option(kind: DocumentKind) -> tuple[int, str]:
    return kind.pk, kind.name


def _leaders() -> list[tuple[int, str]]:
    # The leaders who directed a published document: the others have no task to filter by.
    leaders = leader_accounts().filter(
        Exists(ConclusionNotice.objects.filter(leader=OuterRef("pk"), status=ConclusionNotice.Status.PUBLISHED))
    )
    return [_leader_option(user) for user in leaders.order_by("first_name", "last_name", "id")]


def _leader_option(user) -> tuple[int, str]:
    return user.pk, user.get_full_name() or user.get_username()
