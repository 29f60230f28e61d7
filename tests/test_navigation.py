"""The frame of every page: one current item in the navigation, the inbox in an officer's menu,
the favicon, and what a refused request leaves in the log."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from directives.navigation import current_section
from tests.directives.conftest import PUBLISHED
from tests.factories import ConclusionFactory, MeetingFactory, NoticeFactory, TaskFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/", "inbox"),
        ("/tasks/", "tasks"),
        ("/tasks/42/", "tasks"),
        ("/tasks/verification/", "verification"),
        ("/tasks/extensions/", "extensions"),
        ("/tasks/extensions/3/decide/", "extensions"),
        ("/dashboard/report/", "dashboard"),
        ("/my-directives/", "my_directives"),
        ("/notices/import/", "notices"),
        ("/accounts/lockouts/", "lockouts"),
        ("/api-keys/", "api_keys"),
        ("/khong-co/", ""),
    ],
)
def test_the_longest_section_prefix_is_the_current_item(path, section):
    assert current_section(path) == section


def test_a_queue_page_marks_one_item_only(client, office_clerk):
    client.force_login(office_clerk)
    page = client.get(reverse("verification_queue")).content.decode()
    nav = page[page.index('id="sidenav"') : page.index("</nav>")]
    assert nav.count('aria-current="page"') == 1
    assert 'aria-current="page">Chờ xác nhận' in nav


def test_an_officer_has_a_menu_link_to_the_agency_inbox(client, health_dept_officer):
    client.force_login(health_dept_officer)
    page = client.get(reverse("home")).content.decode()
    nav = page[page.index('id="sidenav"') : page.index("</nav>")]
    assert 'href="/" aria-current="page">Việc của cơ quan' in nav
    assert "Tài khoản bị khóa" not in nav


def test_office_staff_reach_the_locked_accounts_from_the_menu(client, office_clerk):
    client.force_login(office_clerk)
    page = client.get(reverse("notice_list")).content.decode()
    assert reverse("lockout_list") in page
    assert reverse("api_key_list") in page
    assert reverse("account_list") in page
    assert "Việc của cơ quan" not in page


def test_favicon_ico_answers_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")


# What `make run` configures (DEBUG on): a request's log line must reach one console, not two.
_HANDLERS_REACHED = """
import logging
import django
django.setup()
logger, found = logging.getLogger("django.request"), []
while logger is not None:
    found += [type(h).__name__ for h in logger.handlers if isinstance(h, logging.StreamHandler)]
    if not logger.propagate:
        break
    logger = logger.parent
print(len(found))
"""


def test_a_request_log_line_is_written_once():
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    out = subprocess.run(
        [sys.executable, "-c", _HANDLERS_REACHED], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1"


class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_a_refused_request_is_logged_without_a_traceback(client, health_dept_officer):
    records = _Records()
    logging.getLogger("django.request").addHandler(records)
    try:
        client.force_login(health_dept_officer)
        assert client.get(reverse("verification_queue")).status_code == 403
    finally:
        logging.getLogger("django.request").removeHandler(records)
    forbidden = [r for r in records.records if getattr(r, "status_code", None) == 403]
    assert len(forbidden) == 1
    assert forbidden[0].exc_info is None


def test_the_meeting_filter_lists_no_meeting_of_a_draft(client, office_clerk):
    published = MeetingFactory(title="Giao ban đã có thông báo")
    TaskFactory(
        conclusion=ConclusionFactory(
            notice=NoticeFactory(meeting=published, status="published", published_at=PUBLISHED)
        )
    )
    draft = MeetingFactory(title="Giao ban chỉ có dự thảo")
    NoticeFactory(meeting=draft, status="draft")
    client.force_login(office_clerk)
    page = client.get(reverse("task_list")).content.decode()
    assert "Giao ban đã có thông báo" in page
    assert "Giao ban chỉ có dự thảo" not in page
