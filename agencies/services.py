"""Writes on agencies that the office makes in the product's pages (the rest of the reference data
is kept in the admin)."""

from django.core.exceptions import PermissionDenied

from agencies.models import Agency
from agencies.roles import is_office_staff


def agency_set_head_approval(*, agency: Agency, actor, required: bool) -> Agency:
    """Whether an officer's completion waits for the agency's head before it reaches the office.
    Only office staff decide it: an agency does not choose to skip its own sign-off."""
    if not is_office_staff(actor):
        raise PermissionDenied("Chỉ Văn phòng UBND tỉnh mới thay đổi thiết lập này.")
    agency.requires_head_approval = required
    agency.save(update_fields=["requires_head_approval"])
    return agency
