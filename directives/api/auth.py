"""API keys: issuing, revoking, and authenticating a request by its key.

A system sends `Authorization: Bearer tdkl_<lookup>_<secret>`. The lookup finds the row, the
hash of the whole key must match (compared in constant time), the key must not be revoked and
its user must still be active. The request then acts as that user: the access gate and the
services decide exactly as for the person.
"""

import datetime as dt
import hmac

from django.db import transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from directives.models import ApiKey
from directives.models.api import KEY_PREFIX, LOOKUP_LENGTH, hash_key, new_raw_key

MSG_BAD_KEY = "Khóa API không hợp lệ hoặc đã bị thu hồi."
MSG_BAD_HEADER = "Tiêu đề Authorization không đúng dạng: “Bearer <khóa API>”."
# Recording every use would write a row per request; a minute's precision is enough to tell
# which keys are still in use.
LAST_USE_PRECISION = dt.timedelta(minutes=1)


def api_key_create(*, user, name: str, actor) -> tuple[ApiKey, str]:
    """A new key for `user`; returns the row and the key itself, which is never stored."""
    lookup, raw = new_raw_key()
    key = ApiKey(user=user, name=name.strip(), lookup=lookup, key_hash=hash_key(raw), created_by=actor)
    key.full_clean()
    key.save()
    return key, raw


def api_key_revoke(*, key: ApiKey, actor) -> ApiKey:
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.revoked_by = actor
            key.save(update_fields=["revoked_at", "revoked_by"])
    return key


def _parse(raw: str) -> str | None:
    """The lookup part of a well-formed key, else None."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != LOOKUP_LENGTH or not parts[2]:
        return None
    return parts[1]


def key_user(raw: str) -> tuple[object, ApiKey] | None:
    lookup = _parse(raw)
    if lookup is None:
        return None
    key = ApiKey.objects.select_related("user").filter(lookup=lookup).first()
    if key is None or not hmac.compare_digest(key.key_hash, hash_key(raw)):
        return None
    if key.revoked_at is not None or not key.user.is_active:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USE_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key.user, key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1", "replace").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MSG_BAD_HEADER)
        found = key_user(header[1])
        if found is None:
            raise exceptions.AuthenticationFailed(MSG_BAD_KEY)
        return found

    def authenticate_header(self, request):
        # Makes a request without credentials a 401 (with this challenge), not a 403.
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Khóa API do Văn phòng UBND tỉnh cấp (tdkl_…), gửi trong tiêu đề Authorization.",
        }
