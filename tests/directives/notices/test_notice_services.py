import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, AgencyGroup
from directives.models import Assignment, Task, TaskEvent
from directives.notices.selectors import notice_draft_of
from directives.notices.services import ConclusionInput, TaskInput, notice_draft_save, notice_publish
from meetings.models import Conclusion, ConclusionNotice, Meeting
from tests.factories import AgencyFactory, AgencyKindFactory, MeetingFactory

pytestmark = pytest.mark.django_db

FIELDS = {"number": "", "place": "Bắc Giang", "issued_on": dt.date(2021, 6, 24), "title": "Kết luận giao ban"}


@pytest.fixture
def districts():
    kind = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    agencies = [AgencyFactory(name=f"UBND huyện {n}", kind=kind) for n in ("Lục Ngạn", "Tân Yên", "Yên Thế")]
    return AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=kind), agencies


def _new_meeting():
    return Meeting(title="Hội nghị giao ban trực tuyến", held_on=dt.date(2021, 6, 24), chair_name="Chủ tịch UBND tỉnh")


def _task(lead, **kwargs):
    defaults = {"action": "Triển khai phần mềm", "deadline_kind": "date", "due_date": dt.date(2021, 6, 30)}
    return TaskInput(leads=[lead], **{**defaults, **kwargs})


def _nothing_written():
    counts = [model.objects.count() for model in (Meeting, ConclusionNotice, Conclusion, Task, Assignment, TaskEvent)]
    return counts == [0, 0, 0, 0, 0, 0]


def test_save_writes_meeting_notice_conclusions_and_tasks(office_clerk, health_dept, ict_dept, unrelated_dept):
    notice = notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[
            ConclusionInput(
                "1.", "Về phòng, chống dịch.", [_task(health_dept, coordinating=[ict_dept, unrelated_dept])]
            ),
            ConclusionInput("2.", "Về khôi phục kinh tế.", []),
        ],
        actor=office_clerk,
    )
    assert notice.status == ConclusionNotice.Status.DRAFT
    assert notice.created_by == office_clerk
    assert notice.meeting.created_by == office_clerk
    assert [(c.label, c.order) for c in notice.conclusions.order_by("order")] == [("1.", 1), ("2.", 2)]
    task = Task.objects.get()
    assert (task.lead, task.due_date, task.published_at) == (health_dept, dt.date(2021, 6, 30), None)
    assert set(task.coordinating.all()) == {ict_dept, unrelated_dept}
    assert list(task.events.values_list("kind", flat=True)) == ["created"]


def test_save_uses_an_existing_meeting(office_clerk, health_dept):
    meeting = MeetingFactory()
    notice = notice_draft_save(
        meeting=meeting, fields=FIELDS, conclusions=[ConclusionInput("1.", "x", [_task(health_dept)])], actor=None
    )
    assert notice.meeting == meeting
    assert Meeting.objects.count() == 1


def test_group_lead_becomes_one_task_per_member(office_clerk, districts):
    group, agencies = districts
    notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[ConclusionInput("1.", "x", [_task(group, lead_text="UBND huyện, thành phố")])],
        actor=office_clerk,
    )
    tasks = list(Task.objects.select_related("assignment"))
    assert sorted(t.lead.name for t in tasks) == sorted(a.name for a in agencies)
    assignment = Assignment.objects.get()
    assert (assignment.group, assignment.lead_text) == (group, "UBND huyện, thành phố")


def test_co_leads_each_get_a_task(office_clerk, health_dept, ict_dept):
    notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[ConclusionInput("1.", "x", [_task(health_dept, co_leads=[ict_dept])])],
        actor=office_clerk,
    )
    assert sorted(Task.objects.values_list("lead__name", flat=True)) == ["Sở Thông tin và Truyền thông", "Sở Y tế"]


def test_recurring_and_ongoing_tasks(office_clerk, health_dept):
    notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[
            ConclusionInput(
                "1.",
                "x",
                [
                    _task(health_dept, deadline_kind="recurring", due_date=None, recurrence="daily"),
                    _task(health_dept, deadline_kind="ongoing", due_date=None),
                ],
            )
        ],
        actor=office_clerk,
    )
    assert list(Task.objects.values_list("deadline_kind", "recurrence", "due_date")) == [
        ("recurring", "daily", None),
        ("ongoing", "", None),
    ]


def test_source_text_and_span_are_kept(office_clerk, health_dept):
    task = _task(health_dept, source_text="Giao Sở Y tế chủ trì...", span=(10, 42))
    notice_draft_save(
        meeting=_new_meeting(), fields=FIELDS, conclusions=[ConclusionInput("1.", "x", [task])], actor=office_clerk
    )
    saved = Task.objects.get()
    assert (saved.source_text, saved.source_start, saved.source_end) == ("Giao Sở Y tế chủ trì...", 10, 42)


def test_editing_a_draft_replaces_its_conclusions_and_tasks(office_clerk, health_dept, ict_dept):
    notice = notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[ConclusionInput("1.", "Cũ", [_task(health_dept), _task(ict_dept)])],
        actor=office_clerk,
    )
    old_tasks = set(Task.objects.values_list("pk", flat=True))
    edited = notice_draft_save(
        notice=notice,
        meeting=notice.meeting,
        fields={**FIELDS, "number": "123/TB-UBND"},
        conclusions=[ConclusionInput("1.", "Mới", [_task(ict_dept, action="Việc mới")])],
        actor=office_clerk,
    )
    assert edited.pk == notice.pk and edited.number == "123/TB-UBND" and edited.created_by == office_clerk
    assert list(Conclusion.objects.values_list("text", flat=True)) == ["Mới"]
    task = Task.objects.get()
    assert task.pk not in old_tasks and task.action == "Việc mới"


def test_a_published_notice_cannot_be_saved_as_draft(office_clerk, health_dept):
    notice = notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[ConclusionInput("1.", "x", [_task(health_dept)])],
        actor=None,
    )
    notice_publish(notice=notice, actor=office_clerk, warnings_confirmed=True)  # due in 2021, now past
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(
            notice=notice, meeting=notice.meeting, fields=FIELDS, conclusions=[ConclusionInput("1.", "y")], actor=None
        )
    assert "Thông báo đã ban hành" in exc.value.messages[0]
    assert list(Conclusion.objects.values_list("text", flat=True)) == ["x"]
    assert Task.objects.get().published_at is not None


BAD_TASKS = {
    "no lead": (lambda a: TaskInput(action="x", deadline_kind="none"), "lead", "Chọn cơ quan chủ trì."),
    "no action": (lambda a: _task(a["health"], action="  "), "action", "Nhập nội dung nhiệm vụ."),
    "date kind without date": (lambda a: _task(a["health"], due_date=None), "due_date", "Nhập hạn xử lý"),
    "date with another kind": (lambda a: _task(a["health"], deadline_kind="ongoing"), "due_date", "Chỉ nhập hạn"),
    "no kind": (lambda a: _task(a["health"], deadline_kind=""), "deadline_kind", "Chọn loại thời hạn."),
    "recurring without period": (
        lambda a: _task(a["health"], deadline_kind="recurring", due_date=None),
        "recurrence",
        "Chọn chu kỳ",
    ),
    "period without recurring": (lambda a: _task(a["health"], recurrence="daily"), "recurrence", "Chỉ chọn chu kỳ"),
    "lead also coordinating": (
        lambda a: _task(a["health"], coordinating=[a["ict"], a["health"]]),
        "coordinating",
        "“Sở Y tế” vừa là cơ quan chủ trì vừa là cơ quan phối hợp.",
    ),
    "group lead with a member coordinating": (
        lambda a: _task(a["group"], coordinating=[a["district"]]),
        "coordinating",
        "vừa là cơ quan chủ trì vừa là cơ quan phối hợp",
    ),
    "unresolved name": (lambda a: _task("Sở Không Có"), "lead", "Chưa xác định được cơ quan “Sở Không Có”"),
    "forged agency": (lambda a: _task(Agency(pk=999999, name="Giả")), "lead", "không có trong danh mục"),
    "closed agency": (lambda a: _task(a["closed"]), "lead", "đã giải thể hoặc sáp nhập"),
    "empty group": (lambda a: _task(a["empty_group"]), "lead", "chưa có cơ quan nào"),
    "bad span": (lambda a: _task(a["health"], source_text="x", span=(9, 3)), "source_text", "Vị trí trích dẫn"),
}


@pytest.fixture
def agencies(health_dept, ict_dept, districts):
    group, members = districts
    return {
        "health": health_dept,
        "ict": ict_dept,
        "group": group,
        "district": members[0],
        "closed": AgencyFactory(name="Sở Đã Giải Thể", is_active=False),
        "empty_group": AgencyGroup.objects.create(name="Nhóm chưa có ai"),
    }


@pytest.mark.parametrize("case", list(BAD_TASKS))
def test_a_bad_task_saves_nothing(office_clerk, agencies, case):
    build, field, message = BAD_TASKS[case]
    good = ConclusionInput("1.", "Kết luận tốt", [_task(agencies["health"])])
    bad = ConclusionInput("2.", "Kết luận có lỗi", [_task(agencies["ict"]), build(agencies)])
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(meeting=_new_meeting(), fields=FIELDS, conclusions=[good, bad], actor=office_clerk)
    errors = exc.value.message_dict
    assert list(errors) == [f"conclusions.1.tasks.1.{field}"]
    assert message in errors[f"conclusions.1.tasks.1.{field}"][0]
    assert _nothing_written()


def test_no_conclusion_saves_nothing(office_clerk):
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(meeting=_new_meeting(), fields=FIELDS, conclusions=[], actor=office_clerk)
    assert exc.value.message_dict == {"conclusions": ["Thông báo phải có ít nhất một kết luận."]}
    assert _nothing_written()


def test_blank_conclusion_text_and_title_save_nothing(office_clerk):
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(
            meeting=_new_meeting(), fields={**FIELDS, "title": " "}, conclusions=[ConclusionInput("1.", "")], actor=None
        )
    assert set(exc.value.message_dict) == {"title", "conclusions.0.text"}
    assert _nothing_written()


def test_an_invalid_new_meeting_saves_nothing(office_clerk, health_dept):
    meeting = Meeting(title="", held_on=dt.date(2021, 6, 24), chair_name="Chủ tịch")
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(
            meeting=meeting, fields=FIELDS, conclusions=[ConclusionInput("1.", "x", [_task(health_dept)])], actor=None
        )
    assert list(exc.value.message_dict) == ["meeting.title"]
    assert _nothing_written()


def test_no_meeting_saves_nothing(office_clerk):
    with pytest.raises(ValidationError) as exc:
        notice_draft_save(meeting=None, fields=FIELDS, conclusions=[ConclusionInput("1.", "x")], actor=None)
    assert list(exc.value.message_dict) == ["meeting"]
    assert _nothing_written()


def test_unknown_notice_field_is_a_programming_error(office_clerk):
    with pytest.raises(ValueError):
        notice_draft_save(meeting=_new_meeting(), fields={"status": "published"}, conclusions=[], actor=None)


def test_a_bad_edit_leaves_the_draft_as_it_was(office_clerk, health_dept):
    notice = notice_draft_save(
        meeting=_new_meeting(),
        fields=FIELDS,
        conclusions=[ConclusionInput("1.", "x", [_task(health_dept)])],
        actor=None,
    )
    task = Task.objects.get()
    with pytest.raises(ValidationError):
        notice_draft_save(
            notice=notice,
            meeting=notice.meeting,
            fields={**FIELDS, "title": "Đổi"},
            conclusions=[ConclusionInput("1.", "y", [TaskInput(action="z", deadline_kind="none")])],
            actor=None,
        )
    notice.refresh_from_db()
    assert notice.title == "Kết luận giao ban"
    assert list(Task.objects.all()) == [task]


def test_draft_of_a_saved_notice_saves_back_to_the_same_tasks(office_clerk, health_dept, ict_dept, districts):
    group, members = districts
    conclusions = [
        ConclusionInput(
            "1.",
            "Phòng, chống dịch",
            [
                _task(health_dept, coordinating=[ict_dept], source_text="trích", span=(1, 5)),
                _task(group, lead_text="UBND huyện, thành phố", deadline_kind="ongoing", due_date=None),
                _task(health_dept, co_leads=[ict_dept], deadline_kind="recurring", due_date=None, recurrence="weekly"),
            ],
        )
    ]
    notice = notice_draft_save(meeting=_new_meeting(), fields=FIELDS, conclusions=conclusions, actor=office_clerk)
    draft = notice_draft_of(notice)
    assert draft.meeting == notice.meeting
    assert draft.fields["title"] == "Kết luận giao ban"
    [conclusion] = draft.conclusions
    first, grouped, co_led = conclusion.tasks
    assert (first.leads, first.coordinating, first.span, first.source_text) == (
        [health_dept],
        [ict_dept],
        (1, 5),
        "trích",
    )
    assert (grouped.leads, grouped.co_leads, grouped.lead_text, grouped.deadline_kind) == (
        [group],
        [],
        "UBND huyện, thành phố",
        "ongoing",
    )
    assert (co_led.leads, co_led.co_leads, co_led.recurrence) == ([health_dept], [ict_dept], "weekly")

    before = sorted(Task.objects.values_list("lead__name", "deadline_kind", "due_date", "recurrence"))
    notice_draft_save(
        notice=notice, meeting=draft.meeting, fields=draft.fields, conclusions=draft.conclusions, actor=office_clerk
    )
    assert sorted(Task.objects.values_list("lead__name", "deadline_kind", "due_date", "recurrence")) == before
