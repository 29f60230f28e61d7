"""Input cleaned once, before any view, form, filter or the admin reads it."""

from django.http import QueryDict

from agencies.inputs import clean_text, has_control_chars


def _cleaned(data: QueryDict) -> QueryDict:
    if not any(has_control_chars(key) or any(has_control_chars(v) for v in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


class _CleanedForm:
    """Mixed into the request's class: the form body is cleaned when it is parsed, whoever reads it
    first. Parsing stays lazy, so a view can still refuse an oversized body before reading it, and
    a body Django refuses (not UTF-8, too many fields) still ends in the 400 page."""

    def _load_post_and_files(self):
        super()._load_post_and_files()
        self._post = _cleaned(self._post)


_cleaned_classes: dict[type, type] = {}


def _clean_form_when_read(request) -> None:
    cls = type(request)
    if cls not in _cleaned_classes:
        _cleaned_classes[cls] = type(f"Cleaned{cls.__name__}", (_CleanedForm, cls), {})
    request.__class__ = _cleaned_classes[cls]


class CleanInputMiddleware:
    """Control characters (NUL included) are taken out of every query, form value and cookie.

    PostgreSQL refuses NUL in text, so `?q=a%00b` or a forged session cookie used to be a server
    error; a `\\x0b` typed in a task's action was stored and then broke the .xlsx export of
    everyone whose list held it. One place covers every page, the admin and its autocomplete,
    and pages written later. Uploaded files are left alone: they are checked by content.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        if any(has_control_chars(value) for value in request.COOKIES.values()):
            request.COOKIES = {key: clean_text(value) for key, value in request.COOKIES.items()}
        _clean_form_when_read(request)
        return self.get_response(request)
