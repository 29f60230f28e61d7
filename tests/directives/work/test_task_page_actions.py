"""The task page offers exactly what the workflow services accept: for every state of a task and
every person who can see it (among them an officer the head assigned the task to, one not
assigned, and the head of the coordinating agency), the forms on the page are the actions the real services carry out
(each tried in a transaction that is then rolled back), and nothing else."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from agencies.models import Membership
from agencies.roles import OFFICE_STAFF_GROUP
from directives.models import ExtensionRequest, Task
from directives.tasks import workflow
from directives.tasks.permissions import Action, actions_for
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2021, 6, 27, 3, 0, tzinfo=dt.UTC)
PEOPLE = [
    "lead_officer",
    "assigned_officer",
    "coordinating_officer",
    "agency_head",
    "coordinating_head",
    "office",
    "leader",
    "office_deciding",
]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _state(name, world) -> Task:
    """A task of Sở Y tế (Sở TT&TT coordinating) in the named state, reached through the services."""
    lead, officer, office = world.health_dept, world.lead_officer, world.office
    kinds = {
        "ongoing": {"deadline_kind": "ongoing", "due_date": None, "original_due_date": None},
        "recurring": {
            "deadline_kind": "recurring",
            "recurrence": "monthly",
            "due_date": None,
            "original_due_date": None,
        },
        "overdue": {"due_date": dt.date(2021, 6, 20)},
        "unpublished": {"published_at": None},
    }
    task = TaskFactory(lead=lead, coordinating=[world.ict_dept], **kinds.get(name, {}))
    later = dt.date(2021, 7, 15)
    if name in ("extension_pending", "awaiting_extension_pending", "completed_extension_pending"):
        workflow.extension_request(task=task, actor=officer, requested_date=later, reason="Chờ số liệu")
    if name in ("awaiting", "awaiting_extension_pending", "returned", "completed", "completed_extension_pending"):
        workflow.task_submit_completion(task=task, actor=officer, note="Đã xong")
    if name == "returned":
        workflow.task_return(task=task, actor=office, reason="Thiếu minh chứng")
    if name in ("assigned", "awaiting_head"):
        head, assigned = world.people["agency_head"], world.people["assigned_officer"]
        workflow.task_assign_handlers(task=task, actor=head, in_charge=assigned, assisting=[officer])
    if name == "awaiting_head":
        lead.requires_head_approval = True
        lead.save()
        workflow.task_submit_completion(task=task, actor=world.people["assigned_officer"], note="Đã xong")
        lead.requires_head_approval = False
        lead.save()
    if name in ("completed", "completed_extension_pending"):
        workflow.task_verify(task=task, actor=office)
    if name == "cancelled":
        workflow.task_cancel(task=task, actor=office, reason="Không còn phù hợp")
    return Task.objects.get(pk=task.pk)


STATES = [
    "in_progress",
    "overdue",
    "ongoing",
    "recurring",
    "extension_pending",
    "awaiting",
    "awaiting_extension_pending",
    "returned",
    "completed",
    "completed_extension_pending",
    "cancelled",
    "unpublished",
    "assigned",
    "awaiting_head",
]


@pytest.fixture
def world(
    settings,
    health_dept,
    ict_dept,
    health_dept_officer,
    ict_dept_officer,
    health_dept_head,
    office_clerk,
    leader,
    django_user_model,
):
    assigned = MembershipFactory(user=UserFactory(username="soyte-2"), agency=health_dept).user
    ict_head = MembershipFactory(
        user=UserFactory(username="giamdoc-sotttt"), agency=ict_dept, role=Membership.Role.DEPUTY
    ).user
    deciding = django_user_model.objects.create_user("chanh-van-phong")
    deciding.groups.add(Group.objects.get_or_create(name=OFFICE_STAFF_GROUP)[0])
    return SimpleNamespace(
        health_dept=health_dept,
        ict_dept=ict_dept,
        lead_officer=health_dept_officer,
        office=office_clerk,
        other_agency=AgencyFactory(name="Sở Kế hoạch và Đầu tư"),
        people={
            "lead_officer": health_dept_officer,
            "assigned_officer": assigned,
            "coordinating_officer": ict_dept_officer,
            "agency_head": health_dept_head,
            "coordinating_head": ict_head,
            "office": office_clerk,
            "leader": leader,
            "office_deciding": deciding,
        },
    )


class _RolledBack(Exception):
    pass


def _accepted(run) -> bool:
    """Whether the service carries the action out; whatever it wrote is rolled back."""
    try:
        with transaction.atomic():
            run()
            raise _RolledBack
    except _RolledBack:
        return True
    except (PermissionDenied, ValidationError):
        return False


def _accepted_actions(task: Task, user, other_agency, world) -> set[Action]:
    pending = task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).first()
    later = (task.due_date or dt.date(2021, 6, 27)) + dt.timedelta(days=30)
    runs = {
        Action.REPORT: lambda: workflow.task_report_progress(task=task, actor=user, text="Đang triển khai"),
        Action.SUBMIT: lambda: workflow.task_submit_completion(task=task, actor=user, note="Đã xong"),
        Action.REQUEST_EXTENSION: lambda: workflow.extension_request(
            task=task, actor=user, requested_date=later, reason="Chờ số liệu"
        ),
        Action.VERIFY: lambda: workflow.task_verify(task=task, actor=user),
        Action.RETURN: lambda: workflow.task_return(task=task, actor=user, reason="Thiếu minh chứng"),
        Action.DECIDE_EXTENSION: lambda: (
            pending is not None
            and workflow.extension_decide(request=pending, actor=user, approve=False, reason="Chưa đủ căn cứ")
        ),
        Action.CANCEL: lambda: workflow.task_cancel(task=task, actor=user, reason="Không còn phù hợp"),
        Action.SUPERSEDE: lambda: workflow.task_supersede(task=task, actor=user, reason="Thay bằng chỉ đạo mới"),
        Action.REASSIGN: lambda: workflow.task_reassign(task=task, actor=user, new_lead=other_agency),
        # Each head gives the task to someone of their own agency.
        Action.ASSIGN: lambda: workflow.task_assign_handlers(
            task=task,
            actor=user,
            in_charge=world.people[
                "coordinating_officer" if user == world.people["coordinating_head"] else "lead_officer"
            ],
        ),
        Action.APPROVE_SUBMISSION: lambda: workflow.task_approve_submission(task=task, actor=user),
        Action.RETURN_SUBMISSION: lambda: workflow.task_return_submission(task=task, actor=user, reason="Bổ sung"),
    }
    accepted = set()
    for action, run in runs.items():
        if action == Action.DECIDE_EXTENSION and pending is None:
            continue  # nothing to decide: neither the page nor the service has a request to act on
        if _accepted(run):
            accepted.add(action)
    return accepted


def _offered_actions(client, task: Task) -> set[Action]:
    """The actions whose forms the page shows, read from the HTML a person gets."""
    page = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    forms = {
        "task_report": {Action.REPORT},
        "task_submit": {Action.SUBMIT},
        "task_extension_request": {Action.REQUEST_EXTENSION},
        "task_verify": {Action.VERIFY},
        "task_return": {Action.RETURN},
        "task_close": {Action.CANCEL, Action.SUPERSEDE},
        "task_reassign": {Action.REASSIGN},
        "task_assign": {Action.ASSIGN},
        "task_approve_submission": {Action.APPROVE_SUBMISSION},
        "task_return_submission": {Action.RETURN_SUBMISSION},
    }
    offered = set()
    for url_name, actions in forms.items():
        if f'action="{reverse(url_name, args=[task.pk])}"' in page:
            offered |= actions
    for request in task.extension_requests.all():
        if f'action="{reverse("extension_decide", args=[request.pk])}"' in page:
            offered.add(Action.DECIDE_EXTENSION)
    return offered


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("state", STATES)
def test_the_page_offers_exactly_what_the_services_accept(client, settings, world, state, person):
    settings.OFFICE_DECIDES_EXTENSIONS = person == "office_deciding"
    task = _state(state, world)
    user = world.people[person]
    if state == "unpublished" and person not in ("office", "leader", "office_deciding"):
        return  # a draft's task is invisible to agencies: 404, in the permission matrix
    client.force_login(user)
    offered = _offered_actions(client, task)
    accepted = _accepted_actions(task, user, world.other_agency, world)
    assert offered == accepted
    # actions_for answers the same, but it also names deciding an extension while none is pending.
    if not task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
        accepted |= actions_for(user, task) & {Action.DECIDE_EXTENSION}
    assert actions_for(user, task) == accepted


def test_no_extension_form_while_a_request_is_pending(client, world):
    """The page used to offer a second extension request that the service then refused
    (EXTENSION_MAX_PENDING): the form showed whenever the task had a due date."""
    task = _state("extension_pending", world)
    client.force_login(world.lead_officer)
    response = client.get(reverse("task_detail", args=[task.pk]))
    assert "extension_form" not in response.context
    assert "completion_form" in response.context


def test_an_ongoing_task_offers_no_extension(client, world):
    task = _state("ongoing", world)
    client.force_login(world.lead_officer)
    response = client.get(reverse("task_detail", args=[task.pk]))
    assert "extension_form" not in response.context
    assert Action.REQUEST_EXTENSION not in actions_for(world.lead_officer, task)


def test_the_extension_queue_offers_a_decision_only_where_the_service_takes_one(client, world, leader):
    """A request still pending on a task verified since: the queue used to show the buttons, and
    the service refused the click (the task is completed)."""
    closed = _state("completed_extension_pending", world)
    open_ = _state("extension_pending", world)
    client.force_login(leader)
    page = client.get(reverse("extension_queue")).content.decode()
    closed_request, open_request = closed.extension_requests.get(), open_.extension_requests.get()
    assert f'action="{reverse("extension_decide", args=[open_request.pk])}"' in page
    assert f'action="{reverse("extension_decide", args=[closed_request.pk])}"' not in page
