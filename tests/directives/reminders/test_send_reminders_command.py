"""send_reminders on the demo data: the issue's "done when"."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from directives.models import Digest, ReminderItem, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", password="demo", stdout=io.StringIO())


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_eve_of_the_plans_mails_one_digest_to_each_agency_with_a_task_due_on_26_6(demo):
    output = _run("--at", "2021-06-25 07:00")
    due_26 = set(Task.objects.filter(due_date=dt.date(2021, 6, 26)).values_list("lead__name", flat=True))
    mailed = [m.extra_headers["X-Reminder-Digest"] for m in mail.outbox]
    assert len(mailed) == len(set(mailed))
    digests = Digest.objects.filter(pk__in=mailed).select_related("agency")
    assert due_26 <= {d.agency.name for d in digests}
    assert "Sở Thông tin và Truyền thông" in due_26 and "Sở Y tế" in due_26
    assert "Đã gửi: Sở Thông tin và Truyền thông – Bản tin nhắc việc của cơ quan" in output


def test_plans_due_26_6_get_the_one_day_reminder_and_nothing_earlier(demo):
    _run("--at", "2021-06-25 07:00")
    plan = Task.objects.get(lead__name="Sở Y tế", due_date=dt.date(2021, 6, 26), action__startswith="Ban hành")
    assert list(ReminderItem.objects.filter(task=plan).values_list("kind", "offset")) == [("before", 1)]


def test_running_it_again_sends_nothing(demo):
    _run("--at", "2021-06-25 07:00")
    sent = len(mail.outbox)
    output = _run("--at", "2021-06-25 07:00")
    assert len(mail.outbox) == sent and "Xong: 0 bản tin đã gửi." in output


def test_dry_run_prints_the_plan_and_writes_nothing(demo):
    output = _run("--at", "2021-06-25 07:00", "--dry-run")
    assert "Sẽ gửi: Sở Y tế" in output and "Chạy thử" in output
    assert (Digest.objects.count(), ReminderItem.objects.count(), len(mail.outbox)) == (0, 0, 0)


def test_malformed_moment_is_refused_in_vietnamese(db):
    with pytest.raises(CommandError, match="--at phải có dạng"):
        _run("--at", "25/06/2021 7h")
