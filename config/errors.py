"""The pages for a request Django refused (400) and for a form that failed its CSRF check (403),
in Vietnamese, saying what to do.

Neither reads the request's body: a body Django refused to parse (a charset other than UTF-8,
more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS) raises again when read. Django's own
`bad_request` is wrapped in `requires_csrf_token`, which reads it once more, so such a request
used to end in a server error, even for an anonymous visitor.
"""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

BAD_REQUEST = "Yêu cầu không hợp lệ: hãy quay lại trang trước, tải lại trang rồi thử lại."
TOO_MANY_FIELDS = (
    "Biểu mẫu gửi lên có quá nhiều ô. Hãy chia thông báo thành nhiều lần nhập "
    "(lưu dự thảo, rồi sửa để thêm phần còn lại)."
)
TOO_LARGE = "Dữ liệu gửi lên quá lớn. Hãy gửi tệp nhỏ hơn hoặc chia thành nhiều lần."
CSRF_FAILED = (
    "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của hệ thống. "
    "Hãy tải lại trang, nhập lại rồi gửi lại; nếu vẫn lỗi, hãy đăng nhập lại."
)


def _message(exception) -> str:
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return TOO_MANY_FIELDS
    if isinstance(exception, RequestDataTooBig):
        return TOO_LARGE
    return BAD_REQUEST


def _page(request, *, title: str, message: str, status: int) -> HttpResponse:
    context = {"title": title, "message": message}
    try:
        body = render_to_string("error.html", context, request=request)
    except Exception:
        # The page shows the menus of the person signed in; when even that cannot be read
        # (the request is that broken), a plain page still says what happened.
        logger.warning("Error page rendered without the layout", exc_info=True)
        body = f"<!doctype html><html lang='vi'><meta charset='utf-8'><h1>{title}</h1><p>{message}</p></html>"
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _page(request, title="Yêu cầu không hợp lệ", message=_message(exception), status=400)


def csrf_failure(request, reason: str = ""):
    return _page(request, title="Không gửi được biểu mẫu", message=CSRF_FAILED, status=403)
