"""Writes of the reminder log made by people (the automatic ones live in sweep and delivery)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.models import Agency
from directives.models import Digest, ReminderSettings


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


@transaction.atomic
def reminder_settings_update(
    *, agency: Agency, email_enabled: bool, notification_enabled: bool, webhook_url: str, webhook_secret: str = ""
) -> ReminderSettings:
    """Switch an agency's channels; an empty secret keeps the one in force."""
    settings, _ = ReminderSettings.objects.select_for_update().get_or_create(agency=agency)
    settings.email_enabled = email_enabled
    settings.notification_enabled = notification_enabled
    settings.webhook_url = webhook_url
    if webhook_secret:
        settings.webhook_secret = webhook_secret
    settings.full_clean()
    settings.save()
    return settings
