"""The entry form prefilled from plain data, as the import review uses it."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from agencies.models import AgencyAlias
from directives.models import Task
from directives.notices.forms import NoticeEntryForm
from directives.notices.services import ConclusionInput, NoticeDraft, TaskInput
from meetings.models import ConclusionNotice, Meeting
from tests.directives.notices.notice_entry_data import entry_post, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_from_text(health_dept, ict_dept):
    """What the notice reader would hand over: one lead still a name, another already an agency."""
    AgencyAlias.objects.create(name="Sở TTTT", agency=ict_dept)
    return NoticeDraft(
        fields={"number": "", "place": "Bắc Giang", "issued_on": dt.date(2021, 6, 24), "title": "Kết luận giao ban"},
        meeting=Meeting(title="Hội nghị giao ban trực tuyến", held_on=dt.date(2021, 6, 24), chair_name="Chủ tịch"),
        conclusions=[
            ConclusionInput(
                "1.",
                "Về chuyển đổi số.",
                [
                    TaskInput(
                        leads=["Sở TTTT"],
                        coordinating=[health_dept],
                        action="Hoàn thành triển khai phần mềm",
                        deadline_kind="date",
                        due_date=dt.date(2021, 6, 30),
                        source_text="Giao Sở TTTT chủ trì, phối hợp với Sở Y tế hoàn thành triển khai...",
                        span=(120, 190),
                        lead_text="Sở TTTT",
                    )
                ],
            )
        ],
    )


def _render(entry):
    return render_to_string("directives/notices/_entry_form.html", {"entry": entry})


def test_prefilled_form_shows_the_data(read_from_text, health_dept):
    html = _render(NoticeEntryForm(initial=read_from_text))
    assert "Kết luận giao ban" in html
    assert 'value="24/06/2021"' in html and 'value="30/06/2021"' in html
    assert 'value="Hội nghị giao ban trực tuyến"' in html  # the new meeting, to be created
    assert 'value="new" required id="id_notice-meeting_mode_0" checked' in html
    assert 'name="c-0-t-0-lead" value="Sở TTTT"' in html  # a name not yet resolved stays typed
    assert f'name="c-0-t-0-coordinating" value="a:{health_dept.pk}" checked' in html
    assert "Trích văn bản:" in html and 'name="c-0-t-0-source_start" value="120"' in html


def test_prefilled_form_posts_back_and_saves(client, office_clerk, read_from_text, ict_dept, health_dept):
    data = form_values(_render(NoticeEntryForm(initial=read_from_text)))
    client.force_login(office_clerk)
    response = client.post(reverse("notice_create"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    task = Task.objects.get()
    assert (task.lead, list(task.coordinating.all())) == (ict_dept, [health_dept])
    assert (task.source_start, task.source_end, task.due_date) == (120, 190, dt.date(2021, 6, 30))
    assert ConclusionNotice.objects.get().meeting.title == "Hội nghị giao ban trực tuyến"


def test_edit_page_posts_back_unchanged(client, office_clerk, health_dept, ict_dept):
    client.force_login(office_clerk)
    client.post(
        reverse("notice_create"),
        entry_post(conclusions=[{"label": "1.", "text": "x", "tasks": [{"lead": f"a:{health_dept.pk}"}]}]),
    )
    notice = ConclusionNotice.objects.get()
    before = list(Task.objects.values_list("lead", "action", "due_date", "deadline_kind"))
    page = client.get(reverse("notice_edit", args=[notice.pk])).content.decode()
    response = client.post(reverse("notice_edit", args=[notice.pk]), form_values(page))
    assert response.status_code == 302
    assert list(Task.objects.values_list("lead", "action", "due_date", "deadline_kind")) == before


def test_to_draft_gives_back_plain_data(read_from_text, ict_dept, health_dept):
    data = form_values(_render(NoticeEntryForm(initial=read_from_text)))
    entry = NoticeEntryForm(MultiValueDict(data))
    assert entry.is_valid()
    draft = entry.to_draft()
    assert draft.fields["title"] == "Kết luận giao ban" and draft.meeting.pk is None
    [task] = draft.conclusions[0].tasks
    assert (task.leads, task.coordinating, task.span, task.lead_text) == (
        [ict_dept],
        [health_dept],
        (120, 190),
        "Sở TTTT",
    )


def test_service_errors_land_beside_their_fields(read_from_text):
    from django.core.exceptions import ValidationError

    entry = NoticeEntryForm(MultiValueDict(form_values(_render(NoticeEntryForm(initial=read_from_text)))))
    assert entry.is_valid()
    entry.add_service_errors(
        ValidationError(
            {
                "__all__": ["Thông báo đã ban hành: không thể sửa nội dung nữa."],
                "meeting.title": ["Tên cuộc họp sai."],
                "title": ["Trích yếu sai."],
                "conclusions.0.text": ["Kết luận sai."],
                "conclusions.0.tasks.0.lead": ["Cơ quan sai."],
                "conclusions.7.tasks.0.lead": ["Không còn dòng này."],
            }
        )
    )
    assert entry.has_errors()
    assert entry.top_errors == ["Thông báo đã ban hành: không thể sửa nội dung nữa.", "Không còn dòng này."]
    assert entry.meeting.errors["title"] == ["Tên cuộc họp sai."]
    assert entry.notice.errors["title"] == ["Trích yếu sai."]
    [conclusion] = entry.conclusions.live_forms()
    assert conclusion.errors["text"] == ["Kết luận sai."]
    assert conclusion.tasks.live_forms()[0].errors["lead"] == ["Cơ quan sai."]
