"""The agency directory and the picker's search, both read-only and open to every signed-in user."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.selectors import agencies_for_directory, agency_picker_search, groups_for_directory


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
