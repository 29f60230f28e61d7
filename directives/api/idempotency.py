"""`Idempotency-Key` on writes: a POST retried with the same key gets the first answer back and
writes nothing the second time.

The first request inserts its row, (user, key) unique, in the same transaction as the write and
its answer. A retry arriving meanwhile waits on that row in the database (PostgreSQL blocks the
second insert until the first commits), then finds it and replays the stored answer. The same
key sent with another method, path or body is a client's mistake: 422, nothing written. A write
that fails rolls back its row too, so the retry runs again: a refused write changed nothing,
so running it again is safe, and its answer is the same refusal.
"""

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from directives.models import IdempotentResponse
from directives.notices.importing.files import MAX_PASTE_BYTES

HEADER = "Idempotency-Key"
MAX_KEY = 255
MSG_BAD_KEY = f"{HEADER} phải có từ 1 đến {MAX_KEY} ký tự."
MSG_REUSED = (
    f"{HEADER} này đã được dùng cho một yêu cầu khác (khác thao tác, đường dẫn hoặc nội dung). "
    "Mỗi yêu cầu mới cần một khóa mới; chưa có gì được ghi."
)
MSG_IN_PROGRESS = f"Yêu cầu với {HEADER} này đang được xử lý: hãy thử lại sau giây lát."


def _file_digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return f"{upload.name}:{upload.size}:{digest.hexdigest()}"


def _plain(value):
    return _file_digest(value) if isinstance(value, UploadedFile) else value


def request_fingerprint(request) -> str:
    """The request's body as parsed, files by their content, hashed in a stable order."""
    data = request.data
    if hasattr(data, "lists"):
        data = {name: [_plain(v) for v in values] for name, values in data.lists()}
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _refuse_huge_body(request) -> None:
    # The body is read here, before the view's own checks: bound it by the largest any write takes.
    limit = settings.UPLOAD_MAX_BYTES * max(settings.ATTACHMENTS_PER_REPORT, 1) + MAX_PASTE_BYTES + 1024 * 1024
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = limit + 1
    if length > limit:
        error = APIException("Dữ liệu gửi lên quá lớn. Không có gì được lưu.")
        error.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        raise error


def _replay(stored: IdempotentResponse) -> Response:
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(handler):
    """Wrap a view's POST handler; requests without the header run as usual."""

    @wraps(handler)
    def wrapped(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return handler(view, request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY:
            raise ValidationError({HEADER: [MSG_BAD_KEY]})
        _refuse_huge_body(request)
        facts = {"method": request.method, "path": request.path[:500], "body_hash": request_fingerprint(request)}
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotentResponse.objects.create(user=request.user, key=key, **facts)
            except IntegrityError:
                stored = IdempotentResponse.objects.get(user=request.user, key=key)
                if any(getattr(stored, name) != value for name, value in facts.items()):
                    return Response({"detail": MSG_REUSED}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
                if stored.status_code is None:
                    return Response({"detail": MSG_IN_PROGRESS}, status=status.HTTP_409_CONFLICT)
                return _replay(stored)
            response = handler(view, request, *args, **kwargs)
            record.status_code = response.status_code
            record.body = response.data
            record.save(update_fields=["status_code", "body"])
        return response

    return wrapped
