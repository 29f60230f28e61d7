from agencies.roles import agency_ids, is_leader, is_office_staff, memberships


def current_roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    return {
        "is_office_staff": is_office_staff(user),
        "is_leader": is_leader(user),
        "is_agency_member": bool(agency_ids(user)),
        "user_memberships": memberships(user),
    }
