"""The entry form takes a deadline "trong N ngày (làm việc) kể từ ngày …": the due date is
computed on the working-day calendar and the task keeps the wording."""

import datetime as dt

import pytest
from django.urls import reverse

from directives.models import DeclaredDay, Task
from directives.workdays.services import declare_day
from tests.directives.notices.notice_entry_data import entry_post, ref

pytestmark = pytest.mark.django_db

NEW = reverse("notice_create")


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


def _post(office, health_dept, *, issued="11/02/2026", **task):
    task = {"lead": ref(health_dept), **task}
    return office.post(
        NEW,
        entry_post(notice={"issued_on": issued}, conclusions=[{"label": "1.", "text": "Về y tế.", "tasks": [task]}]),
    )


def test_five_working_days_over_tet(office, health_dept):
    # From Wednesday 11/02/2026: Thu 12, Fri 13, (Tết 16-20 and two weekends), Mon 23, Tue 24, Wed 25.
    response = _post(office, health_dept, due_date="", due_term="trong 05 ngày làm việc kể từ ngày 11/02/2026")
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.due_date, task.due_term) == (dt.date(2026, 2, 25), "trong 05 ngày làm việc kể từ ngày 11/02/2026")
    page = office.get(reverse("task_detail", args=[task.pk])).content.decode()
    assert "25/02/2026" in page and "trong 05 ngày làm việc kể từ ngày 11/02/2026" in page


def test_a_term_from_the_signing_day_uses_the_notices_date(office, health_dept):
    response = _post(office, health_dept, due_date="", due_term="10 ngày kể từ ngày ký")
    assert response.status_code == 302
    assert Task.objects.get().due_date == dt.date(2026, 2, 21)


def test_a_declared_day_counts(office, office_clerk, health_dept):
    declare_day(day=dt.date(2026, 2, 14), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)
    _post(office, health_dept, due_date="", due_term="trong 05 ngày làm việc kể từ ngày 11/02/2026")
    assert Task.objects.get().due_date == dt.date(2026, 2, 24)


@pytest.mark.parametrize(
    "task, issued, message",
    [
        ({"due_date": "", "due_term": "sớm nhất có thể"}, "11/02/2026", "Không đọc được thời hạn"),
        ({"due_date": "", "due_term": "10 ngày kể từ ngày ký"}, "", "hãy nhập ngày ban hành"),
        (
            {"due_date": "20/02/2026", "due_term": "trong 05 ngày làm việc kể từ ngày 11/02/2026"},
            "11/02/2026",
            "Hạn xử lý khác hạn tính theo thời hạn theo văn bản (25/02/2026)",
        ),
    ],
)
def test_a_term_that_cannot_be_used_is_refused(office, health_dept, task, issued, message):
    response = _post(office, health_dept, issued=issued, **task)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Task.objects.exists()


def test_an_imported_term_is_counted_with_the_declared_days(office_clerk):
    from directives.notices.importing.convert import review_from_reading
    from meetings.reader import read_notice

    text = (
        "Số: 35/UBND-TH\n\nSơn La, ngày 11 tháng 02 năm 2026\n\nV/v triển khai nhiệm vụ\n\n"
        "Giao Sở Y tế báo cáo tình hình dịch bệnh trong thời hạn 05 ngày làm việc kể từ ngày 11/02/2026.\n"
    )
    read = read_notice(text)
    assert read.tasks[0].due_date == dt.date(2026, 2, 25)  # the reader knows the national calendar only
    declare_day(day=dt.date(2026, 2, 14), kind=DeclaredDay.Kind.WORKED, actor=office_clerk)
    task = review_from_reading(read).draft.conclusions[0].tasks[0]
    assert (task.due_date, task.due_term) == (
        dt.date(2026, 2, 24),
        "trong thời hạn 05 ngày làm việc kể từ ngày 11/02/2026",
    )
