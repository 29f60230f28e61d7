"""Writes of the reminder log made by people (the automatic ones live in sweep and delivery)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.models import Agency
from directives.models import Digest, ReminderChannel
from directives.reminders import channels as registry


@transaction.atomic
def digest_retry(*, digest: Digest) -> Digest:
    """Send a failed digest again (after a crash, or once the webhook is fixed).

    Channels already delivered stay recorded, so only the missing ones are tried again. A channel
    whose outcome was unknown (a webhook that never answered) is tried again: the office asked.
    """
    updated = Digest.objects.filter(pk=digest.pk, status=Digest.Status.FAILED).update(
        status=Digest.Status.PENDING,
        attempts=0,
        next_attempt_at=None,
        enqueued_at=None,
        claimed_at=None,
        channels_unknown=[],
        handed_to="",
    )
    if updated != 1:
        raise ValidationError("Chỉ gửi lại được bản tin đang ở trạng thái “Gửi lỗi”.")
    digest.refresh_from_db()
    from directives.reminders.tasks import deliver_digest

    transaction.on_commit(lambda: deliver_digest.delay(digest.pk))
    return digest


@transaction.atomic
def reminder_channels_update(*, agency: Agency, changes: dict[str, tuple[bool, dict]]) -> list[ReminderChannel]:
    """Store an agency's channels: {channel name: (enabled, config)}, each config checked by its
    channel, all or nothing."""
    saved = []
    for name, (enabled, config) in changes.items():
        registry.get(name).check_config(config)
        row, _ = ReminderChannel.objects.select_for_update().get_or_create(agency=agency, channel=name)
        row.enabled, row.config = enabled, config
        row.full_clean()
        row.save()
        saved.append(row)
    return saved
