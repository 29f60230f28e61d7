"""Every URL pattern, as every kind of person, with bad input: never a server error.

The patterns come from Django's resolver, so a page added later is fuzzed without anyone
editing this file. For each pattern:

- every person (the permission matrix's people, plus a superuser for the admin, plus an
  anonymous visitor whose CSRF check is enforced) sends a GET and a POST with the nastiest
  fixed input: far dates, NUL and control characters, forged ids, a body in another charset;
- then hypothesis sends generated requests: any person, path parameters from existing, huge,
  negative and forged ids and malformed strings, query strings and form bodies built from the
  field names of the page itself (and of its parent page, where the action's form lives) filled
  with extreme dates, huge numbers, control characters, unicode oddities and oversized text,
  bodies that are not UTF-8, not multipart, or not a form at all.

A response of 500 or more, or an exception, fails the test. Examples are derandomized and
bounded (`max_examples`, no example database), so CI sees the same requests on every run, on
SQLite and on PostgreSQL, in under two minutes each on a busy 2-core machine.
"""

import datetime as dt
import re
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directives.models import CalendarToken, Digest, Notification
from directives.tasks.workflow import extension_request, task_report_progress
from tests.factories import (
    AgencyFactory,
    ConclusionFactory,
    MeetingFactory,
    NoticeFactory,
    TaskFactory,
    UserFactory,
)
from tests.files import pdf_bytes, upload
from tests.matrix import the_people

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
PUBLISHED_AT = dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC)
EXAMPLES_PER_PATTERN = 5
FUZZ = settings(
    max_examples=EXAMPLES_PER_PATTERN,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# --- The URL patterns ---------------------------------------------------------------------------------

_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern as a template: literal text and named parameters with their kind."""

    template: str  # "tasks/{pk}/report/"
    params: tuple[tuple[str, str, tuple[str, ...]], ...]  # (name, kind, known values)

    def url(self, values: dict[str, str]) -> str:
        return "/" + self.template.format(**values)


def _route_part(pattern) -> tuple[str, list]:
    if isinstance(pattern, RoutePattern):
        text = str(pattern._route).replace("{", "{{").replace("}", "}}")
        params = [(m["name"], m["converter"] or "str", ()) for m in _PARAM.finditer(text)]
        return _PARAM.sub(lambda m: "{" + m["name"] + "}", text), params
    assert isinstance(pattern, RegexPattern), pattern
    text = str(pattern._regex).lstrip("^").rstrip("$").replace("{", "{{").replace("}", "}}")
    params = []
    for m in _GROUP.finditer(text):
        words = tuple(m["body"].split("|")) if re.fullmatch(r"[\w|]+", m["body"]) else ()
        params.append((m["name"], "regex", words))
    return _GROUP.sub(lambda m: "{" + m["name"] + "}", text).replace("\\", ""), params


def _walk(resolver, prefix="", params=()):
    for entry in resolver.url_patterns:
        text, found = _route_part(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + text, (*params, *found))
        elif isinstance(entry, URLPattern):
            yield Route(prefix + text, tuple((*params, *found)))


ROUTES = sorted(set(_walk(get_resolver())), key=lambda r: r.template)

# --- Bad input ------------------------------------------------------------------------------------------

FAR_DATES = ["31/12/9999", "01/01/0001", "00/00/0000", "29/02/2021", "9999-12-31", "0001-01-01", "31/12/99999999999"]
HUGE = ["0", "-1", "2147483648", "9223372036854775807", "9223372036854775808", str(10**30), "1e309", "NaN"]
NASTY = [
    "a\x00b",
    "\x00",
    "x\x0by\x01z",
    "\x7f\x85",
    "\u202eabc",
    "\ufeff",
    "😀" * 3,
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "' OR 1=1 --",
    '=HYPERLINK("http://x/")',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "a" * 5000,
]
RAW_SEGMENTS = ["%00", "a%00b", "%0B", "%C3%28", "%FF%FE", "..%2F..", "%E2%80%AE", "%F0%9F%98%80", "%20", "-"]
# Parameters every list, filter and admin page reads, besides the fields found on the page.
QUERY_KEYS = [
    "q", "on", "active_from", "active_to", "due_from", "due_to", "status", "agency", "role", "kind", "notice",
    "meeting", "chair", "o", "page", "period", "year", "quarter", "month", "start", "end", "day_from", "day_to",
    "groups", "closed", "next", "term", "app_label", "model_name", "field_name", "held_on__year",
    "held_on__month", "held_on__day", "e", "p", "all", "_popup", "_to_field", "_changelist_filters",
]  # fmt: skip
CHARSETS = ["latin-1", "utf-16", "windows-1258", "no-such-charset"]

values = st.one_of(
    st.sampled_from(FAR_DATES + HUGE + NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(lambda d: f"{d:%d/%m/%Y}"),
)


def _segment(known: tuple[str, ...]):
    return st.one_of(
        st.sampled_from(known) if known else st.nothing(),
        st.sampled_from(HUGE + RAW_SEGMENTS),
        st.text(min_size=1, max_size=20).map(lambda s: quote(s, safe="")),
    )


# --- The world ------------------------------------------------------------------------------------------


@pytest.fixture
def world(
    health_dept,
    ict_dept,
    health_dept_officer,
    ict_dept_officer,
    unrelated_officer,
    health_dept_head,
    office_clerk,
    leader,
):
    """A published task of Sở Y tế (Sở TT&TT coordinating) with a report, an attachment and an
    extension request; a draft; a digest, a notification and a calendar feed."""
    with time_machine.travel(NOW, tick=False):
        meeting = MeetingFactory()
        notice = NoticeFactory(meeting=meeting, status="published", published_at=PUBLISHED_AT)
        task = TaskFactory(conclusion=ConclusionFactory(notice=notice), lead=health_dept, coordinating=[ict_dept])
        report = task_report_progress(
            task=task, actor=health_dept_officer, text="Kèm kế hoạch", files=[upload("kh.pdf", pdf_bytes())]
        )
        extension = extension_request(
            task=task, actor=health_dept_officer, requested_date=dt.date(2021, 7, 10), reason="Chờ số liệu"
        )
        draft = NoticeFactory(status="draft")
        draft_task = TaskFactory(conclusion=ConclusionFactory(notice=draft), lead=health_dept, published_at=None)
        digest = Digest.objects.create(
            recipient_key=f"agency:{health_dept.pk}", agency=health_dept, kind=Digest.Kind.AGENCY, day=NOW.date()
        )
        notification = Notification.objects.create(recipient=health_dept_officer, kind="reminder", title="Nhắc")
        token = CalendarToken.objects.create(agency=health_dept)
    people = the_people(
        health_dept_officer, ict_dept_officer, unrelated_officer, health_dept_head, office_clerk, leader
    )
    people["superuser"] = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    ids = [task, draft_task, notice, draft, meeting, digest, notification, extension, report.attachments.get()]
    ids += [health_dept, ict_dept, AgencyFactory(), people["lead_officer"]]
    return SimpleNamespace(people=people, ids=tuple(str(row.pk) for row in ids), token=token.token)


@pytest.fixture
def clients(world):
    signed_in = {}
    for name, user in world.people.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        signed_in[name] = client
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["csrftoken"] = "a" * 32
    signed_in["anonymous_csrf_enforced"] = strict
    return signed_in


def _known(world, kind: str, words: tuple[str, ...]) -> tuple[str, ...]:
    if kind == "slug" or kind == "str":
        return (world.token, *world.ids)
    return (*words, *world.ids)


_NAME = re.compile(r"""<(?:input|textarea|select)\b[^>]*\bname=["']([^"']+)["']""")


def _field_names(client, urls: list[str]) -> list[str]:
    names: list[str] = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            names += _NAME.findall(response.content.decode())
    return sorted(set(names) - {"csrfmiddlewaretoken"})


def _send(client, method: str, url: str, body) -> None:
    if method == "get":
        response = client.get(url)
    elif body[0] == "form":
        response = client.post(url, body[1])
    else:
        response = client.generic("POST", url, body[1], content_type=body[2])
    assert response.status_code < 500, (method, url, response.status_code)


def _bodies(names: list[str]):
    pairs = st.lists(st.tuples(st.sampled_from(names or QUERY_KEYS) | st.text(max_size=10), values), max_size=8)
    return st.one_of(
        pairs.map(lambda p: ("form", dict(p))),
        pairs.map(lambda p: ("raw", urlencode(p).encode(), "application/x-www-form-urlencoded")),
        st.sampled_from(CHARSETS).map(
            lambda c: ("raw", b"q=%E9&a=\xe9\xff", f"application/x-www-form-urlencoded; charset={c}")
        ),
        st.just(("raw", b"--x\r\nnot a part", "multipart/form-data")),
        st.just(("raw", b'{"q": "\\u0000"}', "application/json")),
        st.just(("form", {"text": "x" * 300_000})),
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: "/" + r.template)
def test_no_server_error_on_bad_input(route: Route, world, clients):
    known = {name: _known(world, kind, words) for name, kind, words in route.params}
    first = {name: (options[0] if options else "1") for name, options in known.items()}
    url = route.url(first)
    parent = url.rstrip("/").rsplit("/", 1)[0] + "/"
    nasty_query = "?" + urlencode([(key, NASTY[0]) for key in QUERY_KEYS[:12]] + [("on", FAR_DATES[0])])
    with time_machine.travel(NOW, tick=False):
        names = _field_names(clients["office"], [url, parent]) + _field_names(clients["lead_officer"], [url, parent])
        for client in clients.values():
            _send(client, "get", url + nasty_query, None)
            _send(client, "post", url, ("form", {name: NASTY[0] for name in names} | {"q": FAR_DATES[0]}))
        # A body Django refuses fails the same way whoever sends it: signed in, or checked for CSRF.
        for person in ("office", "anonymous_csrf_enforced"):
            _send(
                clients[person], "post", url, ("raw", b"a=\xe9", "application/x-www-form-urlencoded; charset=latin-1")
            )

    @FUZZ
    @given(
        person=st.sampled_from(sorted(clients)),
        method=st.sampled_from(["get", "post"]),
        path=st.fixed_dictionaries({name: _segment(options) for name, options in known.items()}),
        query=st.lists(st.tuples(st.sampled_from(QUERY_KEYS + names), values), max_size=6),
        body=_bodies(names),
    )
    def fuzz(person, method, path, query, body):
        target = route.url(path) + ("?" + urlencode(query) if query else "")
        with time_machine.travel(NOW, tick=False):
            _send(clients[person], method, target, body)

    fuzz()
