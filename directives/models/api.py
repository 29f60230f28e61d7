"""The API's own rows: the keys outside systems authenticate with, and the answers to writes
kept for their Idempotency-Key.

A key is a user's credential for a machine: it acts as that user, so the same role, agency and
access gate apply to it as to the person. Only a hash is stored; the key itself is shown once,
when it is created.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

KEY_PREFIX = "tdkl"
# The public part of a key, stored in clear to find the row; the rest is only ever hashed.
LOOKUP_LENGTH = 8


def hash_key(raw: str) -> str:
    # 256 random bits need no slow hash: nobody can guess them, so SHA-256 is enough and keeps
    # every API request at one indexed lookup.
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_key() -> tuple[str, str]:
    """(lookup, full key): "tdkl_<lookup>_<secret>"."""
    lookup = secrets.token_hex(LOOKUP_LENGTH // 2)
    return lookup, f"{KEY_PREFIX}_{lookup}_{secrets.token_urlsafe(32)}"


class ApiKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys", verbose_name="tài khoản"
    )
    name = models.CharField("tên hệ thống", max_length=120)
    lookup = models.CharField(max_length=LOOKUP_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def masked(self) -> str:
        return f"{KEY_PREFIX}_{self.lookup}_…"


class IdempotentResponse(models.Model):
    """The answer to a write sent with an Idempotency-Key: a retry gets it back instead of
    writing again. One row per (user, key); the request it answered is kept to refuse the same
    key reused for another request."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phản hồi theo Idempotency-Key"
        verbose_name_plural = "phản hồi theo Idempotency-Key"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_user_key"),
            models.CheckConstraint(condition=~Q(key=""), name="idempotency_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
