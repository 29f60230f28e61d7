"""The notice entry page (new and edit) and publishing, through the real views."""

import datetime as dt

import pytest
from django.urls import reverse

from agencies.models import AgencyAlias, AgencyGroup
from directives.models import Assignment, Task, TaskEvent
from meetings.models import Conclusion, ConclusionNotice, Meeting
from tests.directives.notices.notice_entry_data import entry_post, ref
from tests.factories import AgencyFactory, AgencyKindFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NEW = reverse("notice_create")


@pytest.fixture
def districts():
    kind = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    members = [AgencyFactory(name=f"UBND huyện {n}", kind=kind) for n in ("Lục Ngạn", "Tân Yên", "Yên Thế")]
    group = AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=kind)
    AgencyAlias.objects.create(name="UBND huyện, thành phố", group=group)
    return group, members


@pytest.fixture
def office(client, office_clerk):
    client.force_login(office_clerk)
    return client


def _nothing_saved():
    models = (Meeting, ConclusionNotice, Conclusion, Task, Assignment, TaskEvent)
    return all(not model.objects.exists() for model in models)


def _one_task(**task):
    return [{"label": "1.", "text": "Về chuyển đổi số.", "tasks": [task]}]


# --- Who may enter -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_open_or_post_the_entry_page(client, request, who, health_dept):
    client.force_login(request.getfixturevalue(who))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, entry_post(conclusions=_one_task(lead=ref(health_dept)))).status_code == 403
    assert _nothing_saved()


def test_entry_page_needs_login(client):
    response = client.get(NEW)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_entry_page_has_a_label_for_every_field(office):
    html = office.get(NEW).content.decode()
    for field_id in ("id_notice-title", "id_meeting-held_on", "id_c-0-label", "id_c-0-t-0-lead", "id_c-0-t-0-due_date"):
        assert f'<label for="{field_id}">' in html


# --- Saving ---------------------------------------------------------------------------------------------


def test_saving_a_new_notice_with_its_meeting_and_tasks(office, office_clerk, health_dept, ict_dept, unrelated_dept):
    data = entry_post(
        notice={"number": "123/TB-UBND"},
        conclusions=[
            {
                "label": "1.",
                "text": "Về chuyển đổi số.",
                "tasks": [{"lead": ref(health_dept), "coordinating": [ref(ict_dept), ref(unrelated_dept)]}],
            },
            {
                "label": "2.",
                "text": "Về kinh tế.",
                "tasks": [{"lead": ref(ict_dept), "deadline_kind": "ongoing", "due_date": ""}],
            },
        ],
    )
    response = office.post(NEW, data)
    notice = ConclusionNotice.objects.get()
    assert response.status_code == 302 and response.url == reverse("notice_detail", args=[notice.pk])
    assert (notice.number, notice.issued_on, notice.status) == ("123/TB-UBND", dt.date(2021, 6, 24), "draft")
    assert notice.meeting.title == "Hội nghị giao ban trực tuyến về phòng, chống dịch"
    assert list(notice.conclusions.values_list("label", flat=True)) == ["1.", "2."]
    first, second = Task.objects.order_by("id")
    assert (first.lead, first.due_date) == (health_dept, dt.date(2021, 6, 30))
    assert set(first.coordinating.all()) == {ict_dept, unrelated_dept}
    assert (second.deadline_kind, second.due_date) == ("ongoing", None)
    assert first.created_by == office_clerk


def test_a_group_lead_becomes_one_task_per_district(office, districts):
    group, members = districts
    office.post(NEW, entry_post(conclusions=_one_task(lead=ref(group))))
    assert sorted(Task.objects.values_list("lead__name", flat=True)) == sorted(m.name for m in members)
    assert Assignment.objects.get().group == group


def test_typed_names_are_resolved_without_javascript(office, health_dept, ict_dept, districts):
    group, members = districts
    office.post(NEW, entry_post(conclusions=_one_task(lead="Sở TT&TT", coordinating="so y te; UBND huyen Luc Ngan")))
    task = Task.objects.get()
    assert task.lead == ict_dept
    assert set(task.coordinating.all()) == {health_dept, members[0]}


def test_choosing_an_existing_meeting(office, health_dept):
    meeting = MeetingFactory()
    office.post(NEW, entry_post(existing_meeting=meeting, conclusions=_one_task(lead=ref(health_dept))))
    assert ConclusionNotice.objects.get().meeting == meeting
    assert Meeting.objects.count() == 1


def test_untouched_blank_rows_and_removed_rows_are_left_out(office, health_dept):
    data = entry_post(
        conclusions=[
            {"label": "1.", "text": "Giữ", "tasks": [{"lead": ref(health_dept)}, {"action": "", "due_date": ""}]},
            {"label": "2.", "text": "Bỏ", "DELETE": True, "tasks": [{"lead": ref(health_dept)}]},
            {"tasks": [{"action": "", "due_date": ""}]},
        ]
    )
    assert office.post(NEW, data).status_code == 302
    assert list(Conclusion.objects.values_list("text", flat=True)) == ["Giữ"]
    assert Task.objects.count() == 1


# --- Bad input: errors beside the fields, everything kept, nothing saved ----------------------------------


def _refused(office, data, *, field_id=None, message):
    response = office.post(NEW, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu." in html
    assert message in html
    if field_id:
        error_list = html[html.index(f'id="{field_id}_error"') :][:600]
        assert message in error_list
        assert f'id="{field_id}"' in html and 'aria-invalid="true"' in html
    assert _nothing_saved()
    return html


def test_no_conclusion_is_refused(office):
    html = _refused(office, entry_post(conclusions=[{"label": "", "text": ""}]), message="ít nhất một kết luận")
    assert "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban" in html  # the notice fields are kept


def test_a_task_without_lead_is_refused(office):
    html = _refused(
        office,
        entry_post(conclusions=_one_task(action="Việc không có ai làm")),
        field_id="id_c-0-t-0-lead",
        message="Chọn cơ quan chủ trì.",
    )
    assert "Việc không có ai làm" in html  # what was typed is kept


def test_a_date_kind_without_a_date_is_refused(office, health_dept):
    _refused(
        office,
        entry_post(conclusions=_one_task(lead=ref(health_dept), due_date="")),
        field_id="id_c-0-t-0-due_date",
        message="Nhập hạn xử lý (dd/mm/yyyy)",
    )


def test_an_impossible_date_is_refused_and_kept(office, health_dept):
    html = _refused(
        office,
        entry_post(conclusions=_one_task(lead=ref(health_dept), due_date="31/02/2021")),
        field_id="id_c-0-t-0-due_date",
        message="Không có ngày 31/02/2021: tháng 2 năm 2021 chỉ có 28 ngày.",
    )
    assert 'value="31/02/2021"' in html
    assert "Nhập hạn xử lý" not in html  # one message per problem


def test_a_lead_also_coordinating_is_refused(office, health_dept, ict_dept):
    html = _refused(
        office,
        entry_post(conclusions=_one_task(lead=ref(health_dept), coordinating=[ref(ict_dept), ref(health_dept)])),
        field_id="id_c-0-t-0-coordinating",
        message="“Sở Y tế” vừa là cơ quan chủ trì vừa là cơ quan phối hợp.",
    )
    assert f'value="a:{ict_dept.pk}" checked' in html  # the choices are kept


def test_a_forged_agency_id_is_refused(office, health_dept):
    _refused(
        office,
        entry_post(conclusions=_one_task(lead="a:999999")),
        field_id="id_c-0-t-0-lead",
        message="Cơ quan đã chọn không có trong danh mục; hãy chọn lại.",
    )


def test_an_unknown_typed_name_is_refused_with_suggestions(office, health_dept):
    html = _refused(
        office,
        entry_post(conclusions=_one_task(lead="Sở Y tê xã")),
        field_id="id_c-0-t-0-lead",
        message="Không tìm thấy cơ quan “Sở Y tê xã”.",
    )
    assert 'value="Sở Y tê xã"' in html


def test_an_unknown_name_close_to_a_real_one_gets_a_suggestion(office, health_dept):
    _refused(office, entry_post(conclusions=_one_task(lead="Sở Y")), message="Có phải: Sở Y tế?")


def test_a_forged_meeting_id_is_refused(office, health_dept):
    _refused(
        office,
        entry_post(existing_meeting=999999, conclusions=_one_task(lead=ref(health_dept))),
        field_id="id_notice-meeting",
        message="Cuộc họp đã chọn không có trong danh sách.",
    )


def test_existing_meeting_chosen_but_not_picked_is_refused(office, health_dept):
    data = entry_post(conclusions=_one_task(lead=ref(health_dept)))
    data["notice-meeting_mode"] = "existing"
    _refused(office, data, field_id="id_notice-meeting", message="Chọn cuộc họp đã có hoặc nhập cuộc họp mới.")


def test_a_bad_new_meeting_is_refused(office, health_dept):
    _refused(
        office,
        entry_post(meeting={"held_on": "32/13/2021"}, conclusions=_one_task(lead=ref(health_dept))),
        field_id="id_meeting-held_on",
        message="Không có tháng 13",
    )


def test_a_blank_title_is_refused(office, health_dept):
    _refused(
        office,
        entry_post(notice={"title": ""}, conclusions=_one_task(lead=ref(health_dept))),
        field_id="id_notice-title",
        message="Nhập trích yếu của thông báo.",
    )


def test_errors_in_several_rows_show_together(office, health_dept):
    data = entry_post(
        conclusions=[
            {"label": "1.", "text": "", "tasks": [{"lead": ref(health_dept), "due_date": "31/02/2021"}]},
            {"label": "2.", "text": "Có", "tasks": [{"lead": "", "deadline_kind": "recurring", "due_date": ""}]},
        ]
    )
    html = _refused(office, data, message="Nhập nội dung kết luận.")
    for field_id in ("id_c-0-text", "id_c-0-t-0-due_date", "id_c-1-t-0-lead", "id_c-1-t-0-recurrence"):
        assert f'id="{field_id}_error"' in html


def test_a_group_expanding_to_nobody_is_refused(office):
    empty = AgencyGroup.objects.create(name="Nhóm chưa có ai")
    _refused(office, entry_post(conclusions=_one_task(lead=ref(empty))), message="chưa có cơ quan nào")


# --- Adding rows without JavaScript -----------------------------------------------------------------------


def test_add_task_button_shows_one_more_row_and_saves_nothing(office, health_dept):
    data = entry_post(conclusions=_one_task(lead=ref(health_dept), action="Việc đang nhập"), extra={"add": "c-0-t"})
    response = office.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="c-0-t-TOTAL_FORMS" value="2"' in html
    assert 'id="id_c-0-t-1-action"' in html
    assert "Việc đang nhập" in html
    assert "Chưa lưu." not in html
    assert _nothing_saved()


def test_add_conclusion_button_shows_one_more_conclusion(office):
    response = office.post(NEW, entry_post(extra={"add": "c"}))
    assert 'name="c-TOTAL_FORMS" value="2"' in response.content.decode()
    assert _nothing_saved()


# --- Editing a draft ----------------------------------------------------------------------------------------


@pytest.fixture
def draft(office, health_dept, ict_dept):
    office.post(
        NEW,
        entry_post(conclusions=_one_task(lead=ref(health_dept), coordinating=[ref(ict_dept)], action="Việc cũ")),
    )
    return ConclusionNotice.objects.get()


def test_edit_page_is_prefilled(office, draft, health_dept):
    html = office.get(reverse("notice_edit", args=[draft.pk])).content.decode()
    assert "Việc cũ" in html
    assert f'value="a:{health_dept.pk}" checked' in html
    assert 'value="30/06/2021"' in html
    assert f'<option value="{draft.meeting.pk}" selected>' in html


def test_edit_replaces_the_draft_content(office, draft, ict_dept):
    data = entry_post(existing_meeting=draft.meeting, conclusions=_one_task(lead=ref(ict_dept), action="Việc mới"))
    response = office.post(reverse("notice_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.action, task.lead) == ("Việc mới", ict_dept)
    assert ConclusionNotice.objects.get().pk == draft.pk


def test_bad_edit_changes_nothing(office, draft):
    before = list(Task.objects.values_list("pk", "action"))
    data = entry_post(existing_meeting=draft.meeting, conclusions=_one_task(lead="", action="Đổi"))
    assert office.post(reverse("notice_edit", args=[draft.pk]), data).status_code == 200
    assert list(Task.objects.values_list("pk", "action")) == before


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_edit(client, request, who, draft, ict_dept):
    client.force_login(request.getfixturevalue(who))
    url = reverse("notice_edit", args=[draft.pk])
    assert client.get(url).status_code == 403
    data = entry_post(existing_meeting=draft.meeting, conclusions=_one_task(lead=ref(ict_dept), action="Đổi"))
    assert client.post(url, data).status_code == 403
    assert Task.objects.get().action == "Việc cũ"


def test_a_published_notice_cannot_be_edited(office, draft, ict_dept):
    office.post(reverse("notice_publish", args=[draft.pk]), {"confirmed": "1", "deadlines_confirmed": "1"})
    url = reverse("notice_edit", args=[draft.pk])
    response = office.get(url)
    assert response.status_code == 302 and response.url == reverse("notice_detail", args=[draft.pk])
    data = entry_post(existing_meeting=draft.meeting, conclusions=_one_task(lead=ref(ict_dept), action="Đổi"))
    office.post(url, data)
    assert Task.objects.get().action == "Việc cũ"


# --- Publishing ---------------------------------------------------------------------------------------------


def test_publishing_makes_the_tasks_live(office, draft, office_clerk):
    # Due 30/06/2021, past today: the clerk confirms the warning (tests/.../test_deadline_warnings.py).
    confirmed = {"confirmed": "1", "deadlines_confirmed": "1"}
    response = office.post(reverse("notice_publish", args=[draft.pk]), confirmed, follow=True)
    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == ("published", office_clerk)
    assert all(task.published_at == draft.published_at for task in Task.objects.all())
    assert TaskEvent.objects.filter(kind=TaskEvent.Kind.PUBLISHED).count() == 1
    html = response.content.decode()
    assert "Đã ban hành thông báo: 1 nhiệm vụ đã được giao" in html
    assert "Sửa dự thảo" not in html


def test_publishing_without_confirmation_asks_first(office, draft):
    for response in (
        office.get(reverse("notice_publish", args=[draft.pk])),
        office.post(reverse("notice_publish", args=[draft.pk])),
    ):
        assert response.status_code == 200
        assert "Xác nhận ban hành" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publishing_a_notice_without_tasks_is_refused(office):
    office.post(NEW, entry_post())
    notice = ConclusionNotice.objects.get()
    response = office.post(reverse("notice_publish", args=[notice.pk]), {"confirmed": "1"}, follow=True)
    assert "Thông báo chưa có nhiệm vụ nào" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == "draft"


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_publish(client, request, who, draft):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("notice_publish", args=[draft.pk]), {"confirmed": "1"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Task.objects.filter(published_at__isnull=False).exists()


@pytest.mark.parametrize("data", [{}, {"c-TOTAL_FORMS": "abc"}, {"add": "c-5-t"}, {"add": "not-a-row"}])
def test_a_tampered_post_shows_the_page_and_saves_nothing(office, data):
    response = office.post(NEW, data)
    assert response.status_code == 200
    assert "ManagementForm" not in response.content.decode()
    assert _nothing_saved()
