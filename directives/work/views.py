"""The task page, its actions, the agency inbox and the office's queues.

Every view fetches through `get_task_for_user` (404 for anything the user may not see), checks
the role (403) before reading the form, then lets a service do the work.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from agencies.roles import agency_ids, is_leader, is_office_staff, role_required
from directives.models import Attachment, ExtensionRequest, ProgressReport, Task, TaskAssignment
from directives.tasks import workflow
from directives.tasks.access import get_task_for_user, tasks_visible_to
from directives.tasks.chains import task_chain
from directives.tasks.inbox import (
    extension_requests_decided,
    extension_requests_pending,
    group_keys,
    inbox_groups,
    my_task_groups,
    tasks_awaiting_verification,
    with_completion_evidence,
)
from directives.tasks.periods import add_current_periods
from directives.tasks.permissions import Action, actions_for, allows, may
from directives.tasks.status import compute_status, days_overdue
from directives.tasks.workflow.head import assignable_people
from directives.work import forms

ROLE_TABS = [("all", "Tất cả"), ("lead", "Cơ quan chủ trì"), ("coordinating", "Cơ quan phối hợp")]


# The inbox shows the first rows of each group; each group's own pages ("?nhom=overdue") show
# the rest, TASKS_PER_PAGE at a time. A page of a few hundred rows helps nobody, and its
# rendering was most of the inbox's time for a busy agency.
INBOX_FIRST_ROWS = 20


def inbox(request):
    role = request.GET.get("vai_tro", "all")
    if role not in dict(ROLE_TABS):
        role = "all"
    group = request.GET.get("nhom", "")
    if group not in group_keys():
        group = ""
    context = {"role": role, "role_tabs": ROLE_TABS, "today": timezone.localdate(), "group": group}
    if not group:
        context["groups"] = inbox_groups(request.user, role=role, per_group=INBOX_FIRST_ROWS)
        return render(request, "directives/work/inbox.html", context)
    per_page = settings.TASKS_PER_PAGE
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        number = 1
    groups = inbox_groups(request.user, role=role, group=group, per_group=per_page, offset=(number - 1) * per_page)
    shown = next(g for g in groups if g.key == group)
    page = Paginator(range(shown.count), per_page).get_page(number)
    if page.number != number:
        # Past the last page (the group shrank): its last page instead.
        offset = (page.number - 1) * per_page
        groups = inbox_groups(request.user, role=role, group=group, per_group=per_page, offset=offset)
        shown = next(g for g in groups if g.key == group)
    context.update(groups=groups, shown=shown, page=page)
    return render(request, "directives/work/inbox.html", context)


@role_required(lambda user: bool(agency_ids(user)), message="Chỉ người của các cơ quan mới có trang Việc của tôi.")
def my_tasks(request):
    """ "Việc của tôi": the tasks the person's head gave them, in the inbox's groups."""
    groups = my_task_groups(request.user)
    return render(request, "directives/work/my_tasks.html", {"groups": groups, "today": timezone.localdate()})


# Each form of the task page and the actions it serves (one form closes a task either way).
_PAGE_FORMS = {
    "report": (forms.ProgressReportForm, {Action.REPORT}),
    "completion": (forms.CompletionForm, {Action.SUBMIT}),
    "extension": (forms.ExtensionRequestForm, {Action.REQUEST_EXTENSION}),
    "verify": (forms.VerifyForm, {Action.VERIFY}),
    "return": (forms.ReturnForm, {Action.RETURN}),
    "close": (forms.CloseForm, {Action.CANCEL, Action.SUPERSEDE}),
    "reassign": (forms.ReassignForm, {Action.REASSIGN}),
    "assign": (forms.AssignForm, {Action.ASSIGN}),
    "approve_submission": (forms.ApproveSubmissionForm, {Action.APPROVE_SUBMISSION}),
    "return_submission": (forms.ReturnSubmissionForm, {Action.RETURN_SUBMISSION}),
}


def _form(name: str, user, task: Task, *args):
    form_class = _PAGE_FORMS[name][0]
    if getattr(form_class, "needs_people", False):
        return form_class(*args, prefix=name, people=assignable_people(user, task))
    return form_class(*args, prefix=name)


def _task_page_forms(user, task: Task, actions: frozenset[Action]) -> dict:
    """A form for each action the viewer may take now, and none for the others: what the page
    offers is exactly what the services accept."""
    return {f"{name}_form": _form(name, user, task) for name, (_, served) in _PAGE_FORMS.items() if served & actions}


def _safe_next(request) -> str:
    """Where to go back after an action (the queue the task was opened from): a page of this
    site only, else nothing."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _completion_files(task: Task) -> int:
    """How many files the completion under review (the latest) carries."""
    return Attachment.objects.filter(
        report__in=task.reports.filter(kind=ProgressReport.Kind.COMPLETION).order_by("-created_at", "-id")[:1]
    ).count()


def _render_task(request, task: Task, *, bound: dict | None = None, status: int = 200):
    today = timezone.localdate()
    actions = actions_for(request.user, task)
    next_url = _safe_next(request)
    add_current_periods([task], today)
    context = {
        "next_url": next_url,
        "next_is_queue": next_url == reverse("verification_queue"),
        "task": task,
        "status": compute_status(task, today),
        "days_overdue": days_overdue(task, today),
        "coordinations": task.coordinations.select_related("agency"),
        "reports": task.reports.select_related("author").prefetch_related("attachments"),
        "extension_requests": task.extension_requests.select_related("requested_by", "decided_by"),
        "events": task.events.select_related("actor"),
        "chain": task_chain(request.user, task),
        "can_decide_extensions": Action.DECIDE_EXTENSION in actions,
        "completion_files": _completion_files(task) if Action.VERIFY in actions else None,
        "handlers": TaskAssignment.objects.filter(task=task, ended_at__isnull=True)
        .select_related("user", "agency")
        .order_by("agency__name", "-role", "assigned_at"),
        **_task_page_forms(request.user, task, actions),
        **(bound or {}),
    }
    return render(request, "directives/work/task_detail.html", context, status=status)


def task_detail(request, pk):
    task = get_task_for_user(request.user, pk)
    return _render_task(request, task)


def _body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    # Every file at its limit, plus room for the text fields and the multipart framing.
    return length > settings.UPLOAD_MAX_BYTES * settings.ATTACHMENTS_PER_REPORT + 1024 * 1024


def _task_action(request, pk, *, name: str, run, done):
    """The shape of every action: visible (404), the person's role (403), valid input, the
    service (which asks `require_action` again on the locked task), redirect."""
    task = get_task_for_user(request.user, pk)
    served = _PAGE_FORMS[name][1]
    if not any(may(request.user, task, action) for action in served):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này trên nhiệm vụ.")
    if _body_too_large(request):
        # Refused before Django reads the body, so a huge upload never reaches the disk.
        messages.error(
            request,
            f"Dữ liệu gửi lên quá lớn: mỗi tệp tối đa {filesizeformat(settings.UPLOAD_MAX_BYTES)}, "
            f"mỗi lần tối đa {settings.ATTACHMENTS_PER_REPORT} tệp. Không có gì được lưu.",
        )
        return _render_task(request, task, status=413)
    form = _form(name, request.user, task, request.POST, request.FILES)
    if form.is_valid():
        try:
            result = run(task, form.cleaned_data)
        except ValidationError as error:
            forms.add_service_error(form, error)
        else:
            # `done` is the message, or makes it from what the service returned.
            messages.success(request, done(result) if callable(done) else done.format(pk=task.pk))
            return redirect(_safe_next(request) or reverse("task_detail", args=[task.pk]))
    messages.error(request, "Chưa lưu được: xem lỗi bên dưới.")
    task.refresh_from_db()
    return _render_task(request, task, bound={f"{name}_form": form, "open_form": name}, status=400)


@require_POST
def task_report(request, pk):
    return _task_action(
        request,
        pk,
        name="report",
        run=lambda task, data: workflow.task_report_progress(
            task=task,
            actor=request.user,
            text=data["text"],
            document_number=data["document_number"],
            document_date=data["document_date"],
            percent=data["percent"],
            files=data["files"],
        ),
        done="Đã gửi báo cáo tiến độ.",
    )


@require_POST
def task_submit(request, pk):
    return _task_action(
        request,
        pk,
        name="completion",
        run=lambda task, data: workflow.task_submit_completion(
            task=task, actor=request.user, note=data["note"], files=data["files"]
        ),
        done=lambda task: (
            "Đã báo cáo hoàn thành; báo cáo chờ lãnh đạo cơ quan duyệt trước khi gửi Văn phòng."
            if task.head_review_since
            else "Đã báo cáo hoàn thành; nhiệm vụ chờ Văn phòng xác nhận."
        ),
    )


@require_POST
def task_extension_request(request, pk):
    return _task_action(
        request,
        pk,
        name="extension",
        run=lambda task, data: workflow.extension_request(
            task=task, actor=request.user, requested_date=data["requested_date"], reason=data["reason"]
        ),
        done="Đã gửi đề nghị gia hạn.",
    )


@require_POST
def task_verify(request, pk):
    return _task_action(
        request,
        pk,
        name="verify",
        run=lambda task, data: workflow.task_verify(task=task, actor=request.user, completed_on=data["completed_on"]),
        done="Đã xác nhận hoàn thành nhiệm vụ #{pk}.",
    )


@require_POST
def task_return(request, pk):
    return _task_action(
        request,
        pk,
        name="return",
        run=lambda task, data: workflow.task_return(task=task, actor=request.user, reason=data["reason"]),
        done="Đã trả lại báo cáo hoàn thành nhiệm vụ #{pk}; cơ quan đã được thông báo.",
    )


def _close(request, task, data):
    if data["action"] == "cancel":
        return workflow.task_cancel(task=task, actor=request.user, reason=data["reason"])
    replacement = None
    if data["superseded_by"]:
        # A forged id names no task this user can see: a form error, not a leak.
        replacement = tasks_visible_to(request.user).filter(pk=data["superseded_by"]).first()
        if replacement is None:
            raise ValidationError("Không tìm thấy nhiệm vụ thay thế với mã này.")
    return workflow.task_supersede(task=task, actor=request.user, reason=data["reason"], superseded_by=replacement)


@require_POST
def task_close(request, pk):
    return _task_action(
        request,
        pk,
        name="close",
        run=lambda task, data: _close(request, task, data),
        done="Đã đóng nhiệm vụ.",
    )


@require_POST
def task_reassign(request, pk):
    return _task_action(
        request,
        pk,
        name="reassign",
        run=lambda task, data: workflow.task_reassign(
            task=task, actor=request.user, new_lead=data["new_lead"], reason=data["reason"]
        ),
        done="Đã đổi cơ quan chủ trì.",
    )


@require_POST
def task_assign(request, pk):
    return _task_action(
        request,
        pk,
        name="assign",
        run=lambda task, data: workflow.task_assign_handlers(
            task=task,
            actor=request.user,
            in_charge=data["in_charge"],
            assisting=list(data["assisting"]),
            note=data["note"],
            internal_due_on=data["internal_due_on"],
        ),
        done="Đã phân công xử lý nhiệm vụ.",
    )


@require_POST
def task_approve_submission(request, pk):
    return _task_action(
        request,
        pk,
        name="approve_submission",
        run=lambda task, data: workflow.task_approve_submission(task=task, actor=request.user),
        done="Đã duyệt báo cáo hoàn thành; nhiệm vụ chờ Văn phòng xác nhận.",
    )


@require_POST
def task_return_submission(request, pk):
    return _task_action(
        request,
        pk,
        name="return_submission",
        run=lambda task, data: workflow.task_return_submission(task=task, actor=request.user, reason=data["reason"]),
        done="Đã trả lại báo cáo hoàn thành cho người báo cáo.",
    )


@role_required(is_office_staff, is_leader, message="Chỉ Văn phòng và lãnh đạo xem được danh sách chờ xác nhận.")
def verification_queue(request):
    # A page at a time, oldest first: at a million tasks a thousand wait at once.
    paginator = Paginator(with_completion_evidence(tasks_awaiting_verification()), settings.TASKS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    tasks = list(page.object_list)
    for task in tasks:
        task.can_verify = allows(request.user, task, Action.VERIFY)
        # The completion under review is the latest one (earlier ones were returned).
        task.completion = task.completion_reports[0] if task.completion_reports else None
    return render(
        request,
        "directives/work/verification_queue.html",
        {
            "tasks": tasks,
            "page": page,
            "count": paginator.count,
            # Back to this page of the queue after verifying or returning a task.
            "queue_url": request.get_full_path(),
            "evidence_required": settings.REQUIRE_COMPLETION_EVIDENCE,
        },
    )


@role_required(is_office_staff, is_leader, message="Chỉ Văn phòng và lãnh đạo xem được danh sách đề nghị gia hạn.")
def extension_queue(request):
    pending = list(extension_requests_pending())
    for extension in pending:
        extension.can_decide = allows(request.user, extension.task, Action.DECIDE_EXTENSION)
    return render(
        request,
        "directives/work/extension_queue.html",
        {"pending": pending, "decided": extension_requests_decided()},
    )


@require_POST
def extension_decide(request, pk):
    extension = get_object_or_404(ExtensionRequest.objects.select_related("task"), pk=pk)
    task = get_task_for_user(request.user, extension.task_id)
    if not may(request.user, task, Action.DECIDE_EXTENSION):
        raise PermissionDenied("Bạn không có quyền quyết định gia hạn.")
    form = forms.ExtensionDecisionForm(request.POST, prefix="decision")
    if form.is_valid():
        try:
            workflow.extension_decide(
                request=extension,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                approved_date=form.cleaned_data["approved_date"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Đã ghi quyết định gia hạn.")
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    target = request.POST.get("next")
    if target == "queue":
        return redirect("extension_queue")
    return redirect("task_detail", pk=task.pk)


def attachment_download(request, pk):
    visible = tasks_visible_to(request.user).values("pk")
    attachment = Attachment.objects.filter(pk=pk, task__in=visible).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
