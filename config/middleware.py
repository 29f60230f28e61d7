"""Middleware of the whole site: request size, Permissions-Policy, and no caching of what a
signed-in person sees. The Content-Security-Policy comes from django-csp (see settings)."""

from django.conf import settings
from django.http import HttpResponse

_TOO_LARGE_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Dữ liệu gửi lên quá lớn · Theo dõi kết luận</title></head>
<body><main>
<h1>Dữ liệu gửi lên quá lớn</h1>
<p>Yêu cầu vượt quá {limit} MB nên máy chủ không nhận. Mỗi tệp đính kèm tối đa {file_limit} MB.
Hãy chọn tệp nhỏ hơn hoặc gửi ít tệp hơn trong một lần. Chưa có gì được lưu.</p>
<p><a href="/">Về trang chính</a></p>
</main></body></html>
"""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


class RequestBodyLimitMiddleware:
    """Answers 413 to a request whose declared body exceeds MAX_REQUEST_BODY_BYTES, before anything
    (the CSRF check, the login check, a view) reads it. It sits before every middleware that might.

    A body sent without Content-Length (chunked) is capped by the proxy's client_max_body_size, and
    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE still bounds what is read into memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django refuses a malformed length itself
        if length > settings.MAX_REQUEST_BODY_BYTES:
            page = _TOO_LARGE_PAGE.format(
                limit=_megabytes(settings.MAX_REQUEST_BODY_BYTES), file_limit=_megabytes(settings.UPLOAD_MAX_BYTES)
            )
            return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sets Permissions-Policy from PERMISSIONS_POLICY: {feature: [allowed origins]}, [] for none."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivateCacheMiddleware:
    """Marks every response to a signed-in person "private, no-store": pages, exports, attachments
    must stay in neither a shared cache nor the browser's. A Cache-Control set by the view (the
    admin's never_cache, the calendar feed) is kept. Static files never get here: WhiteNoise answers
    them earlier in the chain, with their long-lived caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
