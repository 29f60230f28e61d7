"""Notice pages: list, entry (new and edit of a draft), the notice with its tasks, publishing,
deleting a draft.

Office staff enter, edit and publish; leaders see every notice; an agency's officers see the
published notices that give their agency a task. Views fetch through a permission-checked
selector, validate with a form, call a service, redirect.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from agencies.roles import is_office_staff, office_staff_required
from directives.models import Task
from directives.notices.filters import NoticeFilter
from directives.notices.forms import NoticeEntryForm
from directives.notices.selectors import (
    get_notice_for_user,
    notice_conclusions_for,
    notice_draft_of,
    notices_for_list,
)
from directives.notices.services import MSG_PUBLISHED_NOT_DELETED, NoticeDraft, notice_draft_delete, notice_publish
from directives.notices.validation import DeadlineWarnings, notice_deadline_warnings
from directives.sorting import sort_headers
from directives.tasks.access import tasks_visible_to
from meetings.models import ConclusionNotice

NOTICES_PER_PAGE = 20
NOTICE_COLUMNS = [("date", "Nơi, ngày ban hành")]


@require_GET
def notice_list(request):
    filters = NoticeFilter(request.GET or None, queryset=notices_for_list(request.user), user=request.user)
    page = Paginator(filters.qs, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    # Newest first unless the clerk turned the date column round.
    order = request.GET.get("o") if request.GET.get("o") in ("date", "-date") else "-date"
    headers = sort_headers(request.GET, NOTICE_COLUMNS, param="o", current=order)
    context = {"filters": filters, "page": page, "can_create": is_office_staff(request.user), "headers": headers}
    return render(request, "directives/notices/notice_list.html", context)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_create(request):
    return _notice_entry(request, notice=None, initial=None)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_edit(request, pk: int):
    notice = get_object_or_404(ConclusionNotice.objects.select_related("meeting"), pk=pk)
    if not notice.is_draft:
        messages.error(request, "Thông báo đã ban hành: không thể sửa nội dung nữa.")
        return redirect("notice_detail", pk=notice.pk)
    initial = notice_draft_of(notice) if request.method == "GET" else None
    return _notice_entry(request, notice=notice, initial=initial)


def _notice_entry(request, *, notice: ConclusionNotice | None, initial: NoticeDraft | None):
    """The entry page's GET and POST, for a new notice and for editing a draft (the import's
    review has its own page and saves through the same `NoticeEntryForm.save`).

    GET shows the form prefilled with `initial` (the draft being edited); POST saves the draft
    and redirects to it. On a bad submission the page comes back with
    everything typed and the errors beside the fields; nothing is saved.
    """
    if request.method == "POST":
        entry = NoticeEntryForm(request.POST, add_row=request.POST.get("add"))
        saved = entry.save(notice=notice, actor=request.user)
        if saved is not None:
            messages.success(request, "Đã lưu dự thảo thông báo.")
            return redirect("notice_detail", pk=saved.pk)
    else:
        entry = NoticeEntryForm(initial=initial)
    return render(request, "directives/notices/notice_form.html", {"entry": entry, "notice": notice})


@require_GET
def notice_detail(request, pk: int):
    notice = get_notice_for_user(request.user, pk)
    office = is_office_staff(request.user)
    context = {
        "notice": notice,
        "conclusions": notice_conclusions_for(request.user, notice),
        "can_edit": office and notice.is_draft,
        "can_publish": office and notice.is_draft,
        "can_delete": office and notice.is_draft,
    }
    return render(request, "directives/notices/notice_detail.html", context)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_publish_view(request, pk: int):
    """GET (or a POST without `confirmed`): the confirmation page. POST confirmed: publish."""
    notice = get_object_or_404(ConclusionNotice.objects.select_related("meeting"), pk=pk)
    if not notice.is_draft:
        messages.info(request, "Thông báo này đã được ban hành.")
        return redirect("notice_detail", pk=notice.pk)
    warnings = None
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        try:
            notice_publish(
                notice=notice,
                actor=request.user,
                warnings_confirmed=request.POST.get("deadlines_confirmed") == "1",
            )
        except DeadlineWarnings as exc:
            # Shown again with the warnings and the box that confirms them; nothing published.
            warnings = exc.warnings
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("notice_detail", pk=notice.pk)
        else:
            count = tasks_visible_to(request.user).filter(conclusion__notice=notice).count()
            messages.success(request, f"Đã ban hành thông báo: {count} nhiệm vụ đã được giao cho các cơ quan.")
            return redirect("notice_detail", pk=notice.pk)
    task_count = tasks_visible_to(request.user).filter(conclusion__notice=notice).count()
    context = {
        "notice": notice,
        "task_count": task_count,
        "warnings": warnings if warnings is not None else notice_deadline_warnings(notice),
        "warnings_refused": warnings is not None,
    }
    return render(request, "directives/notices/notice_publish_confirm.html", context)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_delete_view(request, pk: int):
    """GET: the confirmation page of deleting a draft. POST: delete it. A published notice is
    never deleted: no button leads here, and the service refuses with the reason."""
    notice = get_object_or_404(ConclusionNotice.objects.select_related("meeting"), pk=pk)
    if request.method == "POST":
        try:
            notice_draft_delete(notice=notice, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("notice_detail", pk=notice.pk)
        messages.success(request, f"Đã xóa dự thảo {notice.number_display}.")
        return redirect("notice_list")
    if not notice.is_draft:
        messages.error(request, MSG_PUBLISHED_NOT_DELETED)
        return redirect("notice_detail", pk=notice.pk)
    task_count = Task.objects.filter(conclusion__notice=notice).count()
    return render(
        request, "directives/notices/notice_delete_confirm.html", {"notice": notice, "task_count": task_count}
    )
