"""The private tokens of the agencies' calendar feeds (.ics)."""

import secrets

from django.db import models

from agencies.models import Agency


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The private part of an agency's calendar feed URL (.ics), for Outlook or a phone.

    Calendar apps cannot log in, so the token is the credential: long, random, and replaceable
    (a new token makes every old URL a 404).
    """

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mã lịch công việc"
        verbose_name_plural = "mã lịch công việc"

    def __str__(self) -> str:
        return f"Lịch của {self.agency}"

    def regenerate(self) -> None:
        self.token = _new_token()
