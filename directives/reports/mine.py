""" "Chỉ đạo của tôi": a leader's own directives (the documents they directed, their meetings'
conclusion notices among them) and the tasks that came from them."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.roles import is_leader, role_required
from directives.reports import selectors
from directives.tasks import status as st
from directives.tasks.status import TaskStatus
from meetings.models import ConclusionNotice


def my_documents(user):
    """The published documents this leader directed, newest first, with their task counts."""
    return (
        ConclusionNotice.objects.filter(leader=user, status=ConclusionNotice.Status.PUBLISHED)
        .select_related("kind", "meeting")
        .annotate(task_count=Count("conclusions__tasks", filter=Q(conclusions__tasks__published_at__isnull=False)))
        .order_by("-published_at", "-id")
    )


@require_GET
@role_required(is_leader, message="Trang này dành cho lãnh đạo UBND tỉnh.")
def my_directives(request):
    params = {"leader": str(request.user.pk)}
    listed = selectors.task_list(request.user, params)
    rows = listed.rows.filter(published_at__isnull=False).select_related("lead", "conclusion__notice__kind")
    page = Paginator(rows, settings.TASKS_PER_PAGE).get_page(request.GET.get("page"))
    for task in page.object_list:
        task.days_late = st.days_overdue_on(task.due_on, listed.day) if task.row_status == TaskStatus.OVERDUE else 0
    context = {
        "documents": my_documents(request.user),
        "page": page,
        "day": listed.day,
        "dashboard_query": f"leader={request.user.pk}",
    }
    return render(request, "directives/reports/my_directives.html", context)
