"""What a newcomer meets under `make run`: working reminder links on any port, and the product's
own Vietnamese pages where Django would show its English debug pages."""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_make_run_points_reminder_links_at_the_port_it_serves():
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    commands = ("manage.py runserver", "bin/celery", "manage.py send_reminders")
    starts = [line for line in plan.splitlines() if any(command in line for command in commands)]
    assert len(starts) == 3
    for line in starts:
        assert "SITE_URL=http://127.0.0.1:8101" in line, line


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False
    return settings


def assert_product_404(response):
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text
    assert "DEBUG = True" not in text


def test_a_task_id_typed_by_hand_shows_the_product_page(debug, client, office_clerk):
    client.force_login(office_clerk)
    assert_product_404(client.get(reverse("task_detail", args=[987654])))


def test_an_officer_opening_a_draft_task_shows_the_product_page(debug, client, health_dept, health_dept_officer):
    draft = TaskFactory(
        conclusion=ConclusionFactory(notice=NoticeFactory(status="draft")), lead=health_dept, published_at=None
    )
    client.force_login(health_dept_officer)
    assert_product_404(client.get(reverse("task_detail", args=[draft.pk])))


def test_an_unknown_address_shows_the_product_page(debug, client, office_clerk):
    client.force_login(office_clerk)
    assert_product_404(client.get("/khong-co-trang-nay/"))


def test_the_technical_page_stays_available_to_developers(debug, client, office_clerk):
    debug.DEBUG_TECHNICAL_404 = True
    client.force_login(office_clerk)
    response = client.get(reverse("task_detail", args=[987654]))
    assert response.status_code == 404
    assert "DEBUG = True" in response.content.decode()
