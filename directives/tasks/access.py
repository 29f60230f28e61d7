"""Who may see which task: checked on the server for every request.

Office staff and leaders see every task; an agency's officers and heads see the published
tasks their agency leads or coordinates. Anything else is a 404, as if it did not exist.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from agencies.roles import agency_ids, sees_everything
from directives.models import Task, TaskAgency


def tasks_visible_to(user, queryset: QuerySet[Task] | None = None) -> QuerySet[Task]:
    qs = Task.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    ids = agency_ids(user)
    if not ids:
        return qs.none()
    # Through the agency rows (directives.models.reach): "leads or coordinates, published" from
    # one index, which holds the publication too, so the tasks' own rows are not read to check it.
    reached = TaskAgency.objects.filter(agency_id__in=ids, published_at__isnull=False).values("task_id")
    return qs.filter(pk__in=reached)


def get_task_for_user(user, pk) -> Task:
    """The task, if this user may see it; 404 otherwise (also for ids that are not numbers)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        from django.http import Http404

        raise Http404("Không tìm thấy nhiệm vụ.") from None
    return get_object_or_404(tasks_visible_to(user).select_related("lead", "conclusion__notice"), pk=pk)
