"""Swagger UI and ReDoc in the real browser, under the site's Content-Security-Policy: each page
draws the API's operations from our own static files, the browser reports nothing refused or
missing, and no request leaves the server.

ReDoc's bundle always shows Redocly's logo from its CDN; the policy refuses that image (never
fetched), and ReDoc then hides it. That one refusal is expected; any other fails the test.
"""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.mark.parametrize(
    ("url", "shown"), [("/api/docs/", "/api/v1/tasks/"), ("/api/redoc/", "Theo dõi kết luận – API")]
)
def test_the_docs_draw_under_the_sites_policy(page, live_server, url, shown):
    problems, fetched_outside = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "requestfinished",
        lambda request: (
            request.url.startswith("http")
            and not request.url.startswith(live_server.url)
            and fetched_outside.append(request.url)
        ),
    )
    page.goto(url)
    # Swagger UI lists every path; ReDoc heads its page with the API's title.
    page.get_by_text(shown).or_(page.get_by_role("heading", name=shown)).first.wait_for()
    page.wait_for_load_state("networkidle")
    problems = [p for p in problems if REDOCLY_LOGO not in p]
    assert problems == [] and fetched_outside == [], (problems, fetched_outside)
