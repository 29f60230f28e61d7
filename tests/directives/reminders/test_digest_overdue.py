"""The agency's digest lists every overdue task of the agency, as its inbox does, and marks the
ones being chased today (the chase of an overdue task is daily for a week, then every few days)."""

import datetime as dt

import pytest
from django.core import mail

from directives.models import Digest
from directives.reminders import delivery
from directives.reminders.content import digest_content
from directives.reminders.sweep import sweep
from directives.tasks.inbox import inbox_groups
from tests.directives.reminders.conftest import local
from tests.factories import MembershipFactory, TaskFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2021, 7, 8)  # a Thursday: no day off to send ahead of, reminders go on working days only


@pytest.fixture
def five_overdue(health_dept, settings):
    settings.REMINDER_OVERDUE_DAILY_DAYS = 7
    settings.REMINDER_OVERDUE_EVERY_DAYS = 3
    # 3 days late: chased (daily for a week). 8, 9, 11 and 12 days late: not today (every 3 days
    # after the week, so on the 10th and 13th day).
    chased = TaskFactory(lead=health_dept, due_date=DAY - dt.timedelta(days=3), action="Báo cáo kết quả kiểm tra")
    for late in (8, 9, 11, 12):
        TaskFactory(lead=health_dept, due_date=DAY - dt.timedelta(days=late), action=f"Quá hạn {late} ngày")
    return chased


def test_digest_lists_every_overdue_task_and_marks_the_one_chased_today(five_overdue, health_dept):
    officer = MembershipFactory(agency=health_dept).user
    sweep(at=local(2021, 7, 8))
    digest = Digest.objects.get(agency=health_dept, day=DAY)
    assert list(digest.items.values_list("task_id", flat=True)) == [five_overdue.pk]

    content = digest_content(digest)
    overdue = next(s for s in content["sections"] if s["title"] == "Quá hạn")
    inbox = next(g for g in inbox_groups(officer, today=DAY) if g.key == "overdue")
    assert len(overdue["rows"]) == inbox.count == 5
    assert [row["task_id"] for row in overdue["rows"] if row["chased_today"]] == [five_overdue.pk]
    # Longest overdue first, each with its days.
    assert [row["days_overdue"] for row in overdue["rows"]] == [12, 11, 9, 8, 3]

    delivery.deliver(digest.pk, now=local(2021, 7, 8))
    message = mail.outbox[0]
    assert "== Quá hạn (5) ==" in message.body
    assert message.body.count("nhắc hôm nay") == 1
    assert "Báo cáo kết quả kiểm tra" in message.body.split("nhắc hôm nay")[0].rsplit("- ", 1)[1]
    html = message.alternatives[0][0]
    assert "Quá hạn (5)" in html and html.count("nhắc hôm nay") == 1
    assert message.subject == "[Nhắc việc] Sở Y tế: 5 nhiệm vụ cần lưu ý ngày 08/07/2021"
