"""The three kinds of people: office staff and leaders are Django groups; agency officers and
heads are users with a Membership. Every permission check in the product goes through here:
pages of one role say so with `@role_required(...)`, and what a person may do on one task is
`directives.tasks.permissions.actions_for`, built on these roles."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from agencies.names import normalize

OFFICE_STAFF_GROUP = "office_staff"
LEADERS_GROUP = "leaders"


def _group_names(user) -> frozenset[str]:
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) if user.is_authenticated else frozenset()
        user._role_group_names = cached
    return cached


def is_office_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or OFFICE_STAFF_GROUP in _group_names(user))


def is_leader(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated and LEADERS_GROUP in _group_names(user)


def sees_everything(user) -> bool:
    """Office staff and leaders see every task; officers only their agencies'."""
    return is_office_staff(user) or is_leader(user)


def memberships(user) -> list:
    """The user's memberships with their agencies, read once per user object (one request): the
    agencies they work for, those they lead, and the header's names all come from this one query."""
    cached = getattr(user, "_role_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("agency")) if user.is_authenticated else []
        user._role_memberships = cached
    return cached


def agency_ids(user) -> frozenset[int]:
    """The agencies the user works for (officer or head)."""
    return frozenset(m.agency_id for m in memberships(user))


def head_agency_ids(user) -> frozenset[int]:
    """The agencies the user leads (head or deputy): they assign its tasks to its people and sign
    off its officers' completions."""
    from agencies.models import Membership

    return frozenset(m.agency_id for m in memberships(user) if m.role in Membership.HEAD_ROLES)


def leader_users():
    """The provincial leaders' active accounts (the leaders group), by name: who may direct a document."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(groups__name=LEADERS_GROUP, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def leader_accounts():
    """Every account of the leaders group, locked ones too (filters still find their documents)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=LEADERS_GROUP).distinct()


def leader_for_name(name: str):
    """The one leader account whose full name is `name` (accents and case aside), else None."""
    key = normalize(name or "")
    if not key:
        return None
    found = [user for user in leader_users() if normalize(user.get_full_name()) == key]
    return found[0] if len(found) == 1 else None


# Office staff keep the reference data (agencies, aliases, groups, memberships, kinds of
# directive documents) in the admin.
_OFFICE_STAFF_PERMISSIONS = {
    "agencies": ["agency", "agencyalias", "agencygroup", "agencykind", "membership"],
    "meetings": ["meeting", "conclusionnotice", "conclusion", "documentkind"],
}


def ensure_role_groups() -> None:
    """Create the role groups and give office staff their admin permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    office, _ = Group.objects.get_or_create(name=OFFICE_STAFF_GROUP)
    Group.objects.get_or_create(name=LEADERS_GROUP)
    codenames = [
        f"{action}_{model}"
        for models in _OFFICE_STAFF_PERMISSIONS.values()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=list(_OFFICE_STAFF_PERMISSIONS), codename__in=codenames
    )
    office.permissions.add(*permissions)


def role_required(*roles: Callable[..., bool], message: str = "Bạn không có quyền mở trang này."):
    """A page for some roles only (`@role_required(is_office_staff, is_leader)`): anyone holding
    none of them gets 403 before the view runs, so a refused request reads and writes nothing.
    The login comes first: the middleware sends anonymous visitors to the login page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(role(request.user) for role in roles):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# The common case: pages only office staff use (entering notices, importing them, meetings).
office_staff_required = role_required(
    is_office_staff, message="Chỉ chuyên viên Văn phòng UBND tỉnh được thực hiện thao tác này."
)
