"""Meetings: everyone signed in may list them; office staff create and edit."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from agencies.roles import office_staff_required
from meetings.forms import MeetingForm
from meetings.models import Meeting
from meetings.selectors import meetings_search
from meetings.services import meeting_save

MEETINGS_PER_PAGE = 20


@require_GET
def meeting_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(meetings_search(query=query), MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"query": query, "page": page})


@office_staff_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    return _meeting_form(request, Meeting())


@office_staff_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    return _meeting_form(request, get_object_or_404(Meeting, pk=pk))


def _meeting_form(request, meeting: Meeting):
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        created = meeting.pk is None
        meeting = meeting_save(
            meeting=form.save(commit=False), attending=form.cleaned_data["attending"], actor=request.user
        )
        messages.success(request, "Đã thêm cuộc họp." if created else "Đã lưu cuộc họp.")
        return redirect("meeting_list")
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})
