"""The channel tests were written when an agency's channels were one row of columns
(email_enabled, notification_enabled, webhook_url, webhook_secret). They keep those words: this
translates them to and from the per-channel ReminderChannel rows the product stores, so each
test still states the same behaviour. New tests use ReminderChannel directly.
"""

from dataclasses import dataclass

from directives.models import ReminderChannel


@dataclass
class ReminderSettings:
    agency: object
    email_enabled: bool = True
    notification_enabled: bool = True
    webhook_url: str = ""
    webhook_secret: str = ""

    class DoesNotExist(Exception):
        pass

    class _Manager:
        def create(self, *, agency, **columns) -> "ReminderSettings":
            old = ReminderSettings(agency=agency, **columns)
            ReminderChannel.objects.create(agency=agency, channel="email", enabled=old.email_enabled)
            ReminderChannel.objects.create(agency=agency, channel="notification", enabled=old.notification_enabled)
            ReminderChannel.objects.create(
                agency=agency,
                channel="webhook",
                enabled=bool(old.webhook_url),
                config={"url": old.webhook_url, "secret": old.webhook_secret},
            )
            return old

        def get(self, *, agency) -> "ReminderSettings":
            rows = {row.channel: row for row in ReminderChannel.objects.filter(agency=agency)}
            if not rows:
                raise ReminderSettings.DoesNotExist(agency)
            webhook = rows.get("webhook")
            return ReminderSettings(
                agency=agency,
                email_enabled=rows["email"].enabled if "email" in rows else True,
                notification_enabled=rows["notification"].enabled if "notification" in rows else True,
                webhook_url=webhook.config.get("url", "") if webhook and webhook.enabled else "",
                webhook_secret=webhook.config.get("secret", "") if webhook else "",
            )

        def exists(self) -> bool:
            return ReminderChannel.objects.exists()

    objects = _Manager()
