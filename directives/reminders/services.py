"""Writes of the reminder log made by people (the automatic ones live in sweep and delivery)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from directives.models import Digest


@transaction.atomic
def digest_retry(*, digest: Digest, actor) -> Digest:
    """Send a failed digest again (after a crash, or once the webhook is fixed).

    Channels already delivered stay recorded, so only the missing ones are tried again.
    """
    updated = Digest.objects.filter(pk=digest.pk, status=Digest.Status.FAILED).update(
        status=Digest.Status.PENDING, attempts=0, next_attempt_at=None, enqueued_at=None, claimed_at=None
    )
    if updated != 1:
        raise ValidationError("Chỉ gửi lại được bản tin đang ở trạng thái “Gửi lỗi”.")
    digest.refresh_from_db()
    from directives.reminders.tasks import deliver_digest

    transaction.on_commit(lambda: deliver_digest.delay(digest.pk))
    return digest
