"""The agency directory and the picker's search, both read-only and open to every signed-in user;
the office's switch of an agency's head sign-off."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from agencies.models import Agency
from agencies.roles import office_staff_required
from agencies.selectors import agencies_for_directory, agency_picker_search, groups_for_directory
from agencies.services import agency_set_head_approval


@require_GET
def agency_list(request):
    query = request.GET.get("q", "").strip()
    include_closed = request.GET.get("closed") == "1"
    agencies = list(agencies_for_directory(query=query, include_closed=include_closed))
    context = {
        "query": query,
        "include_closed": include_closed,
        "agencies": agencies,
        "groups": groups_for_directory(query=query),
    }
    return render(request, "agencies/agency_list.html", context)


@require_GET
def agency_search(request):
    """JSON for the agency picker: [{"value": "a:12", "label": ..., "hint": ...}, ...]."""
    query = request.GET.get("q", "")[:200]
    include_groups = request.GET.get("groups", "1") != "0"
    choices = agency_picker_search(query=query, include_groups=include_groups)
    return JsonResponse([choice.as_json() for choice in choices], safe=False)


@require_POST
@office_staff_required
def agency_head_approval(request, pk):
    """Switch on or off the head's sign-off of completions for one agency (a checkbox: absent is off)."""
    agency = get_object_or_404(Agency, pk=pk)
    required = request.POST.get("required") == "1"
    agency_set_head_approval(agency=agency, actor=request.user, required=required)
    state = "phải được lãnh đạo cơ quan duyệt" if required else "gửi thẳng Văn phòng"
    messages.success(request, f"{agency.name}: báo cáo hoàn thành của chuyên viên từ nay {state}.")
    return redirect(f"{reverse('agency_list')}#co-quan-{agency.pk}")
