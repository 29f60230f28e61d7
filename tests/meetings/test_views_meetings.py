import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import AgencyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Hội nghị giao ban trực tuyến về công tác phòng, chống dịch",
        "kind": "giao_ban",
        "held_on": "24/06/2021",
        "chair_name": "Chủ tịch UBND tỉnh",
        "chair_title": "",
        "place": "",
        "attendees_note": "",
    }
    return {**data, **overrides}


def test_list_is_open_to_agency_officers(client, health_dept_officer):
    MeetingFactory(title="Cuộc họp về chuyển đổi số", held_on=dt.date(2021, 6, 24))
    client.force_login(health_dept_officer)
    response = client.get(reverse("meeting_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cuộc họp về chuyển đổi số" in html
    assert "24/06/2021" in html
    assert reverse("meeting_create") not in html  # no create button for them


def test_list_search_ignores_accents_and_case(client, leader):
    MeetingFactory(title="Hội nghị giao ban về phòng, chống dịch Covid-19")
    MeetingFactory(title="Buổi làm việc với Sở Công Thương")
    client.force_login(leader)
    response = client.get(reverse("meeting_list"), {"q": "PHONG chong dich"})
    assert [m.title for m in response.context["page"].object_list] == [
        "Hội nghị giao ban về phòng, chống dịch Covid-19"
    ]


def test_list_search_finds_the_chair(client, leader):
    MeetingFactory(title="Cuộc họp A", chair_name="Phó Chủ tịch Phan Thế Tuấn")
    MeetingFactory(title="Cuộc họp B", chair_name="Chủ tịch UBND tỉnh")
    client.force_login(leader)
    response = client.get(reverse("meeting_list"), {"q": "the tuan"})
    assert [m.title for m in response.context["page"].object_list] == ["Cuộc họp A"]


def test_list_is_paginated_with_a_count(client, office_clerk):
    for day in range(1, 26):
        MeetingFactory(title=f"Giao ban ngày {day}", held_on=dt.date(2021, 5, day))
    client.force_login(office_clerk)
    first = client.get(reverse("meeting_list"))
    assert "25 cuộc họp" in first.content.decode()
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].object_list[0].title == "Giao ban ngày 25"  # newest first
    second = client.get(reverse("meeting_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_office_staff_create_a_meeting(client, office_clerk):
    health = AgencyFactory(name="Sở Y tế")
    client.force_login(office_clerk)
    response = client.post(reverse("meeting_create"), _form(is_online="on", attending=[f"a:{health.pk}"]))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.held_on == dt.date(2021, 6, 24)
    assert meeting.is_online
    assert meeting.created_by == office_clerk
    assert list(meeting.attending_agencies.all()) == [health]


def test_create_resolves_typed_attending_agencies(client, office_clerk):
    health = AgencyFactory(name="Sở Y tế")
    ict = AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    client.force_login(office_clerk)
    client.post(reverse("meeting_create"), _form(attending="so y te; Sở TT&TT"))
    assert set(Meeting.objects.get().attending_agencies.all()) == {health, ict}


def test_create_refuses_an_impossible_date_and_keeps_the_input(client, office_clerk):
    client.force_login(office_clerk)
    response = client.post(reverse("meeting_create"), _form(held_on="31/02/2021"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có ngày 31/02/2021: tháng 2 năm 2021 chỉ có 28 ngày." in html
    assert 'value="31/02/2021"' in html
    assert not Meeting.objects.exists()


def test_create_needs_title_and_chair(client, office_clerk):
    client.force_login(office_clerk)
    response = client.post(reverse("meeting_create"), _form(title="", chair_name=""))
    assert "Nhập tên cuộc họp." in response.content.decode()
    assert "Nhập người chủ trì." in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_create(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("meeting_create")).status_code == 403
    assert client.post(reverse("meeting_create"), _form()).status_code == 403
    assert not Meeting.objects.exists()


def test_office_staff_edit_a_meeting(client, office_clerk):
    meeting = MeetingFactory(title="Tên cũ")
    client.force_login(office_clerk)
    page = client.get(reverse("meeting_edit", args=[meeting.pk]))
    assert 'value="24/06/2021"' in page.content.decode()  # the date shown as typed
    response = client.post(reverse("meeting_edit", args=[meeting.pk]), _form(title="Tên mới", held_on="25/06/2021"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.held_on) == ("Tên mới", dt.date(2021, 6, 25))


@pytest.mark.parametrize("who", ["leader", "health_dept_officer"])
def test_only_office_staff_edit(client, request, who):
    meeting = MeetingFactory(title="Tên cũ")
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meeting_edit", args=[meeting.pk]), _form(title="Tên mới")).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "Tên cũ"


def test_edit_unknown_meeting_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get(reverse("meeting_edit", args=[999999])).status_code == 404
