"""Rows the clerk removed ("Xóa") are left out of validation: their errors neither block the save
nor come back hidden in a removed row."""

import pytest
from django.urls import reverse

from directives.models import Task
from meetings.models import Conclusion
from tests.directives.notices.notice_entry_data import entry_post, ref

pytestmark = pytest.mark.django_db

NEW = reverse("notice_create")
BAD = {"action": "Nhiệm vụ đã xóa", "lead": "Sở Không Có Thật", "due_date": "31/02/2021", "DELETE": True}


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


def _kept_and_removed(health_dept, **notice):
    return entry_post(
        notice=notice or None,
        conclusions=[
            {"label": "1.", "text": "Giữ", "tasks": [{"lead": ref(health_dept)}, BAD]},
            {"label": "2.", "text": "Bỏ", "DELETE": True, "tasks": [{**BAD, "DELETE": False}]},
        ],
    )


def test_removed_invalid_rows_do_not_block_the_save(office, health_dept):
    response = office.post(NEW, _kept_and_removed(health_dept))
    assert response.status_code == 302
    assert list(Conclusion.objects.values_list("text", flat=True)) == ["Giữ"]
    assert list(Task.objects.values_list("lead", flat=True)) == [health_dept.pk]


def test_removed_rows_show_no_errors_when_another_field_is_wrong(office, health_dept):
    response = office.post(NEW, _kept_and_removed(health_dept, title=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu." in html
    # The removed rows are still on the page (so "Hoàn tác" can bring them back), without errors.
    assert "Nhiệm vụ đã xóa" in html
    assert "Sở Không Có Thật" in html
    assert "Không tìm thấy cơ quan" not in html
    assert "không có trong lịch" not in html and "không tồn tại" not in html
    assert html.count('class="errorlist') == 1  # the title's only
