"""Middleware of the whole site: request size, Permissions-Policy, no caching of what a
signed-in person sees, and the product's own 404 page under DEBUG. The Content-Security-Policy
comes from django-csp (see settings)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

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


class ProductNotFoundMiddleware:
    """Under DEBUG (`make run`), Django answers a 404 with its English technical page. A newcomer
    trying the demo (a task id typed by hand, an officer opening a draft) should meet the product's
    own Vietnamese page, as in production; the technical page stays one server restart away
    (DEBUG_TECHNICAL_404=1). Without DEBUG this does nothing: Django already uses 404.html."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self) -> bool:
        return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_404", False)

    def __call__(self, request):
        response = self.get_response(request)
        # A URL that matches no pattern never reaches a view: its technical page is recognised here.
        if (
            self._active()
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and b"DEBUG = True" in response.content
        ):
            return self._page(request)
        return response

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return self._page(request)
        return None

    @staticmethod
    def _page(request):
        return render(request, "404.html", status=404)
