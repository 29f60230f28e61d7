"""The office's accounts: who may sign in, for which agency, in which role.

Office staff manage every account but superusers, and grant no more than the product's own roles:
office staff, leader, agency officer or head. Superuser and admin flags are never set here, so an
office clerk cannot become, or make anyone, more than office staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import Agency, Membership
from agencies.roles import LEADERS_GROUP, OFFICE_STAFF_GROUP, ensure_role_groups, is_leader, is_office_staff

ROLE_OFFICE = "office"
ROLE_LEADER = "leader"
ROLE_OFFICER = Membership.Role.OFFICER
ROLE_HEAD = Membership.Role.HEAD
ROLE_DEPUTY = Membership.Role.DEPUTY
ROLES = [
    (ROLE_OFFICER, "Chuyên viên cơ quan"),
    (ROLE_HEAD, "Lãnh đạo cơ quan"),
    (ROLE_DEPUTY, "Phó thủ trưởng cơ quan"),
    (ROLE_OFFICE, "Chuyên viên Văn phòng UBND tỉnh"),
    (ROLE_LEADER, "Lãnh đạo UBND tỉnh"),
]
AGENCY_ROLES = {ROLE_OFFICER, ROLE_HEAD, ROLE_DEPUTY}


@dataclass(frozen=True)
class AccountInput:
    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    agency: Agency | None
    is_active: bool = True


def account_role(user) -> tuple[str, Agency | None]:
    """The one role the account form shows for a user, with the agency for agency roles."""
    if is_office_staff(user):
        return ROLE_OFFICE, None
    if is_leader(user):
        return ROLE_LEADER, None
    membership = user.memberships.select_related("agency").order_by("pk").first()
    if membership:
        return membership.role, membership.agency
    return ROLE_OFFICER, None


def accounts_manageable():
    """Accounts the office may see and change: everyone but superusers."""
    return get_user_model().objects.filter(is_superuser=False)


@transaction.atomic
def account_save(*, data: AccountInput, actor, user=None, password: str | None = None):
    """Create (user=None) or update an account, with its role groups and its agency membership."""
    if not is_office_staff(actor):
        raise PermissionDenied("Chỉ chuyên viên Văn phòng UBND tỉnh được quản lý tài khoản.")
    User = get_user_model()
    if user is not None:
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_superuser:
            raise PermissionDenied("Tài khoản quản trị hệ thống không sửa được ở đây.")
    if data.role in AGENCY_ROLES and data.agency is None:
        raise ValidationError({"agency": "Hãy chọn cơ quan của tài khoản này."})
    if user is not None and user.pk == actor.pk and (data.role != ROLE_OFFICE or not data.is_active):
        raise ValidationError("Bạn không thể tự bỏ vai trò Văn phòng hoặc khóa tài khoản của chính mình.")
    user = user or User()
    user.username = data.username
    user.first_name = data.first_name
    user.last_name = data.last_name
    user.email = data.email
    user.is_active = data.is_active
    if password:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()  # until the person sets one through the reset e-mail
    user.full_clean(exclude=["password"])
    user.save()
    _role_set(user, data.role, data.agency)
    return user


def _role_set(user, role: str, agency: Agency | None) -> None:
    ensure_role_groups()
    groups = Group.objects.filter(name__in=[OFFICE_STAFF_GROUP, LEADERS_GROUP])
    user.groups.remove(*groups)
    if role == ROLE_OFFICE:
        user.groups.add(Group.objects.get(name=OFFICE_STAFF_GROUP))
    elif role == ROLE_LEADER:
        user.groups.add(Group.objects.get(name=LEADERS_GROUP))
    if role in AGENCY_ROLES:
        user.memberships.exclude(agency=agency).delete()
        Membership.objects.update_or_create(user=user, agency=agency, defaults={"role": role})
    else:
        user.memberships.all().delete()
    # The role caches of roles.py belong to the user object of one request.
    for cache in ("_role_group_names", "_role_memberships"):
        user.__dict__.pop(cache, None)


@transaction.atomic
def account_password_set(*, user, password: str, actor) -> None:
    if not is_office_staff(actor):
        raise PermissionDenied("Chỉ chuyên viên Văn phòng UBND tỉnh được đặt lại mật khẩu.")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.is_superuser:
        raise PermissionDenied("Tài khoản quản trị hệ thống không sửa được ở đây.")
    user.set_password(password)
    user.save(update_fields=["password"])
