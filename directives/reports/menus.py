"""The document, meeting, kind and leader menus of the filters, as (value, label, selected) options.

They list the latest ones (a link or a typed id still works for any other), so pages stay small
at tens of thousands of notices; labels are built here because template filters on hundreds of
options cost more than the query.
"""

from django.db.models import Exists, OuterRef

from agencies.models import Agency, AgencyKind
from agencies.roles import leader_accounts
from directives.notices.selectors import notices_visible_to
from meetings.models import ConclusionNotice, DocumentKind, Meeting, notice_reference

MENU_LIMIT = 100


def notice_menu(user, selected: ConclusionNotice | None) -> list[tuple[int, str, bool]]:
    # Only the notices this person may see: an officer's menu must not name drafts or the notices
    # of other agencies (the notice pages answer 404 for those), even one typed into the URL.
    visible = notices_visible_to(user)
    if selected is not None and not visible.filter(pk=selected.pk).exists():
        selected = None
    # Plain values, not a hundred notices and their kinds as objects.
    columns = ("id", "number", "title", "issued_on", "kind__name")
    notices = list(visible.order_by("-id").values_list(*columns)[:MENU_LIMIT])
    if selected is not None and all(pk != selected.pk for pk, *_ in notices):
        notices.insert(0, visible.filter(pk=selected.pk).values_list(*columns).get())
    chosen = selected.pk if selected is not None else None
    return [
        (
            pk,
            notice_reference(number, title, issued_on, kind)
            + (f" – {issued_on:%d/%m/%Y}" if number and issued_on else ""),
            pk == chosen,
        )
        for pk, number, title, issued_on, kind in notices
    ]


def meeting_menu(selected: Meeting | None) -> list[tuple[int, str, bool]]:
    # Only meetings with a published notice: a meeting whose notice is still a draft has no task
    # anyone can filter by, and its title is not for agency people to read.
    published = Meeting.objects.filter(
        Exists(ConclusionNotice.objects.filter(meeting=OuterRef("pk"), status=ConclusionNotice.Status.PUBLISHED))
    )
    if selected is not None and not published.filter(pk=selected.pk).exists():
        selected = None
    meetings = list(published.order_by("-id").values_list("id", "title", "held_on")[:MENU_LIMIT])
    if selected is not None and all(pk != selected.pk for pk, _, _ in meetings):
        meetings.insert(0, (selected.pk, selected.title, selected.held_on))
    chosen = selected.pk if selected is not None else None
    return [
        (pk, f"{held_on:%d/%m/%Y} – {title if len(title) <= 60 else title[:59] + '…'}", pk == chosen)
        for pk, title, held_on in meetings
    ]


def agency_menu() -> list[tuple[int, str]]:
    """The active agencies by name, as (id, name): selected by the query string's value."""
    return list(Agency.objects.filter(is_active=True).order_by("name").values_list("id", "name"))


def agency_kind_menu() -> list[tuple[int, str]]:
    return list(AgencyKind.objects.values_list("id", "name"))


def chair_menu() -> list[tuple[str, str]]:
    """The meetings' chairs (people's titles), each once."""
    chairs = Meeting.objects.order_by("chair_name").values_list("chair_name", flat=True).distinct()
    return [(chair, chair) for chair in chairs]


def kind_menu(selected: DocumentKind | None) -> list[tuple[int, str, bool]]:
    return [(kind.pk, kind.name, kind == selected) for kind in DocumentKind.objects.all()]


def leader_menu(selected) -> list[tuple[int, str, bool]]:
    # The leaders who directed a published document: the others have no task to filter by.
    leaders = leader_accounts().filter(
        Exists(ConclusionNotice.objects.filter(leader=OuterRef("pk"), status=ConclusionNotice.Status.PUBLISHED))
    )
    items = list(leaders.order_by("first_name", "last_name", "id"))
    if selected is not None and selected not in items:
        items.insert(0, selected)
    return [(user.pk, user.get_full_name() or user.get_username(), user == selected) for user in items]
