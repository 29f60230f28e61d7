"""What a person may do on a task now: the one answer the task page and the workflow services share.

Every action asks two questions, in this order:
- who: does the person hold the role the action needs toward this task? If not, 403
  (PermissionDenied) whatever the task's state, so a refused person learns nothing from it;
- when: does the task's state allow the action now? If not, a ValidationError whose Vietnamese
  message says why.

`actions_for(user, task)` is the set of actions for which both hold; the task page offers a form
for exactly those. Each workflow service calls `require_action` on the task it has locked, which
asks the same two questions, so the page never offers what the service refuses. What the person
types (a date, a reason, another lead) is the service's to check after that.

The roles (seeing the task at all is `directives.tasks.access`):
- agency people (officers and heads alike: a head acts on behalf of the officers) report on
  published tasks their agency leads or coordinates; only the lead agency submits completion and
  asks for extensions;
- the head (or deputy) of an agency that leads or coordinates the task assigns it to the
  agency's people; the head of the lead agency approves or sends back an officer's completion
  where the agency requires that sign-off (`Agency.requires_head_approval`);
- office staff verify, return, cancel, supersede and reassign;
- leaders decide extensions, and office staff too where OFFICE_DECIDES_EXTENSIONS allows.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.roles import agency_ids, head_agency_ids, is_leader, is_office_staff
from directives.models import ExtensionRequest, Task
from directives.models.task import DeadlineKind


class Action(enum.StrEnum):
    REPORT = "report"
    SUBMIT = "submit"
    REQUEST_EXTENSION = "request_extension"
    VERIFY = "verify"
    RETURN = "return"
    DECIDE_EXTENSION = "decide_extension"
    CANCEL = "cancel"
    SUPERSEDE = "supersede"
    REASSIGN = "reassign"
    ASSIGN = "assign"
    APPROVE_SUBMISSION = "approve_submission"
    RETURN_SUBMISSION = "return_submission"


def acting_agency_id(user, task: Task) -> int | None:
    """The agency the user acts for on this task: the lead if they belong to it, else a coordinator."""
    ids = agency_ids(user)
    if task.lead_id in ids:
        return task.lead_id
    coordinating = task.coordinations.filter(agency_id__in=ids).values_list("agency_id", flat=True).first()
    return coordinating


# --- who ------------------------------------------------------------------------------------------


def _reports(user, task: Task) -> bool:
    return task.published_at is not None and acting_agency_id(user, task) is not None


def _leads(user, task: Task) -> bool:
    return task.published_at is not None and task.lead_id in agency_ids(user)


def headed_agency_id(user, task: Task) -> int | None:
    """The agency of the task (lead first, then a coordinator) that the user heads, if any."""
    ids = head_agency_ids(user)
    if not ids:
        return None
    if task.lead_id in ids:
        return task.lead_id
    return task.coordinations.filter(agency_id__in=ids).values_list("agency_id", flat=True).first()


def _heads_an_agency_of(user, task: Task) -> bool:
    return task.published_at is not None and headed_agency_id(user, task) is not None


def _heads_lead(user, task: Task) -> bool:
    return task.published_at is not None and task.lead_id in head_agency_ids(user)


def _office(user, task: Task) -> bool:
    return is_office_staff(user)


def _decides_extensions(user, task: Task) -> bool:
    return is_leader(user) or (settings.OFFICE_DECIDES_EXTENSIONS and is_office_staff(user))


# --- when: None when the state allows the action, else (message, code) -----------------------------

Refusal = tuple[str, str] | None


def _open(task: Task) -> Refusal:
    if task.cancelled_at is not None:
        return "Nhiệm vụ đã bị hủy.", "cancelled"
    if task.completed_on is not None:
        return "Nhiệm vụ đã được xác nhận hoàn thành.", "completed"
    return None


def _working(task: Task) -> Refusal:
    if task.submitted_at is not None:
        return "Nhiệm vụ đã được báo cáo hoàn thành và đang chờ xác nhận.", "already_submitted"
    if task.head_review_since is not None:
        return "Báo cáo hoàn thành đang chờ lãnh đạo cơ quan duyệt.", "awaiting_head"
    return _open(task)


def _awaiting_head(task: Task) -> Refusal:
    if refusal := _open(task):
        return refusal
    if task.head_review_since is None:
        return "Nhiệm vụ không có báo cáo hoàn thành nào chờ lãnh đạo cơ quan duyệt.", "not_awaiting_head"
    return None


def _awaiting(task: Task) -> Refusal:
    if refusal := _open(task):
        return refusal
    if task.submitted_at is None:
        return "Nhiệm vụ không ở trạng thái chờ xác nhận (có thể đã được xử lý bởi người khác).", "not_submitted"
    return None


def _extendable(task: Task) -> Refusal:
    if refusal := _open(task):
        return refusal
    # Only a dated task has a due date to move (the database refuses a date on any other kind).
    if task.deadline_kind != DeadlineKind.DATE or task.due_date is None:
        return "Nhiệm vụ này không có hạn xử lý nên không cần gia hạn.", "no_due_date"
    if task.submitted_at is not None or task.head_review_since is not None:
        return "Nhiệm vụ đã báo cáo hoàn thành, đang chờ xác nhận: không thể đề nghị gia hạn.", "submitted"
    pending = task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).count()
    if pending >= settings.EXTENSION_MAX_PENDING:
        return (
            f"Nhiệm vụ đã có {pending} đề nghị gia hạn chờ quyết định; "
            f"tối đa {settings.EXTENSION_MAX_PENDING} đề nghị cùng lúc.",
            "too_many_pending",
        )
    return None


@dataclass(frozen=True)
class _Rule:
    who: Callable[[object, Task], bool]
    forbidden: str
    when: Callable[[Task], Refusal]


_RULES = {
    Action.REPORT: _Rule(_reports, "Chỉ cơ quan chủ trì hoặc phối hợp mới báo cáo được nhiệm vụ này.", _open),
    Action.SUBMIT: _Rule(_leads, "Chỉ cơ quan chủ trì mới báo cáo hoàn thành nhiệm vụ.", _working),
    Action.REQUEST_EXTENSION: _Rule(_leads, "Chỉ cơ quan chủ trì mới đề nghị gia hạn được.", _extendable),
    Action.VERIFY: _Rule(_office, "Chỉ Văn phòng UBND tỉnh mới xác nhận hoàn thành.", _awaiting),
    Action.RETURN: _Rule(_office, "Chỉ Văn phòng UBND tỉnh mới trả lại báo cáo hoàn thành.", _awaiting),
    Action.DECIDE_EXTENSION: _Rule(_decides_extensions, "Bạn không có quyền quyết định gia hạn.", _open),
    Action.CANCEL: _Rule(_office, "Chỉ Văn phòng UBND tỉnh mới hủy hoặc thay thế nhiệm vụ.", _open),
    Action.SUPERSEDE: _Rule(_office, "Chỉ Văn phòng UBND tỉnh mới hủy hoặc thay thế nhiệm vụ.", _open),
    Action.REASSIGN: _Rule(_office, "Chỉ Văn phòng UBND tỉnh mới đổi cơ quan chủ trì.", _open),
    Action.ASSIGN: _Rule(
        _heads_an_agency_of, "Chỉ lãnh đạo cơ quan chủ trì hoặc phối hợp mới phân công xử lý nhiệm vụ.", _open
    ),
    Action.APPROVE_SUBMISSION: _Rule(
        _heads_lead, "Chỉ lãnh đạo cơ quan chủ trì mới duyệt báo cáo hoàn thành.", _awaiting_head
    ),
    Action.RETURN_SUBMISSION: _Rule(
        _heads_lead, "Chỉ lãnh đạo cơ quan chủ trì mới trả lại báo cáo hoàn thành.", _awaiting_head
    ),
}


def may(user, task: Task, action: Action) -> bool:
    """Whether the person holds the role the action needs on this task, whatever its state: the
    views ask this before reading a form, so a person without the role gets 403 and nothing else."""
    return _RULES[action].who(user, task)


def require_action(user, task: Task, action: Action) -> None:
    """Refuse the action unless it is in `actions_for(user, task)`: PermissionDenied for the wrong
    person, ValidationError (with a Vietnamese message) for the right person at the wrong time."""
    rule = _RULES[action]
    if not rule.who(user, task):
        raise PermissionDenied(rule.forbidden)
    if refusal := rule.when(task):
        message, code = refusal
        raise ValidationError(message, code=code)


def allows(user, task: Task, action: Action) -> bool:
    """Whether `action` is in `actions_for(user, task)`, asking only about that one action."""
    rule = _RULES[action]
    return rule.who(user, task) and rule.when(task) is None


def actions_for(user, task: Task) -> frozenset[Action]:
    """Every action the person may take on the task now."""
    return frozenset(action for action in Action if allows(user, task, action))
