"""A plan of 300 tasks saves from the entry form and from the import review, posting every field
the page renders (as a browser would), and the page folds its conclusions with their counts."""

import datetime as dt

import pytest
from django.urls import reverse

from directives.models import Task
from directives.notices.services import ConclusionInput, TaskInput, notice_draft_save
from meetings.models import ConclusionNotice, Meeting
from tests.directives.notices.notice_entry_data import form_values

pytestmark = pytest.mark.django_db

TASKS_PER_CONCLUSION = 100


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


def _field_count(values: dict[str, list[str]]) -> int:
    return sum(len(v) for v in values.values())


def test_the_field_limit_was_raised_past_a_300_task_page(settings):
    # A task row posts 13 fields: 300 tasks are ~4,000; Django's default refused past 1,000.
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS >= 10_000


def _plan_draft(health_dept, office_clerk) -> ConclusionNotice:
    meeting = Meeting(title="Hội nghị triển khai kế hoạch", held_on=dt.date(2021, 6, 24), chair_name="Chủ tịch")
    conclusions = [
        ConclusionInput(
            label=f"{c}.",
            text=f"Nhóm nhiệm vụ {c}.",
            tasks=[
                TaskInput(
                    leads=[health_dept],
                    action=f"Nhiệm vụ {c}.{t}",
                    deadline_kind="date",
                    due_date=dt.date(2021, 12, 31),
                )
                for t in range(1, TASKS_PER_CONCLUSION + 1)
            ],
        )
        for c in range(1, 4)
    ]
    fields = {"title": "Kế hoạch thực hiện", "issued_on": dt.date(2021, 6, 24)}
    return notice_draft_save(meeting=meeting, fields=fields, conclusions=conclusions, actor=office_clerk)


def test_a_300_task_plan_saves_again_from_the_entry_form(office, office_clerk, health_dept):
    draft = _plan_draft(health_dept, office_clerk)
    url = reverse("notice_edit", args=[draft.pk])
    page = office.get(url)
    html = page.content.decode()
    values = form_values(html)
    assert _field_count(values) > 3_000
    values["c-1-t-5-action"] = ["Nhiệm vụ đã sửa"]

    response = office.post(url, values)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Task.objects.filter(conclusion__notice=draft).count() == 300
    assert Task.objects.filter(action="Nhiệm vụ đã sửa", conclusion__label="2.").exists()


def test_a_300_task_page_folds_its_conclusions_with_their_counts(office, office_clerk, health_dept):
    draft = _plan_draft(health_dept, office_clerk)
    html = office.get(reverse("notice_edit", args=[draft.pk])).content.decode()
    assert html.count('<details class="conclusion-tasks" data-task-count="100">') == 3
    assert html.count("(100 nhiệm vụ)") == 3


def test_a_short_notice_shows_its_tasks_unfolded(office):
    html = office.get(reverse("notice_create")).content.decode()
    assert '<details class="conclusion-tasks" open data-task-count="1">' in html


def _plan_text(sections: int, per_section: int) -> str:
    """A plan as its text reads: numbered sections, each giving several tasks. (The reader numbers
    conclusions up to 99, so 300 tasks come as 30 sections of 10.)"""
    items = "\n".join(
        f"{i}. Về nhóm nhiệm vụ {i}: "
        + " ".join(
            f"Giao Sở Y tế chủ trì thực hiện nội dung {i}.{j}, hoàn thành trước ngày 31/12/2021."
            for j in range(1, per_section + 1)
        )
        for i in range(1, sections + 1)
    )
    return (
        "Số: 15/TB-UBND\n\nBắc Giang, ngày 24 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n"
        "Kết luận của Chủ tịch UBND tỉnh tại hội nghị triển khai kế hoạch\n\n" + items + "\n"
    )


def test_a_300_task_plan_saves_from_the_import_review(office, health_dept):
    review = office.post(reverse("notice_import"), {"text": _plan_text(30, 10)})
    assert review.status_code == 200
    values = form_values(review.content.decode())
    assert sum(1 for key in values if key.endswith("-action")) == 300
    assert _field_count(values) > 3_000
    # What the text does not say, the clerk types: the meeting's date and chair.
    values.update({"meeting-held_on": ["24/06/2021"], "meeting-chair_name": ["Chủ tịch UBND tỉnh"]})

    response = office.post(reverse("notice_import_save"), values)

    assert response.status_code == 302
    notice = ConclusionNotice.objects.get()
    assert Task.objects.filter(conclusion__notice=notice, lead=health_dept).count() == 300
