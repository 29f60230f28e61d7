from django.http import HttpResponse
from django.shortcuts import redirect

from agencies.roles import is_leader, is_office_staff
from directives.access import get_task_for_user


def home(request):
    """Each role lands where its work is: office staff on the notices, leaders on the dashboard,
    agency officers on their agency's inbox."""
    user = request.user
    if is_office_staff(user):
        return redirect("notice_list")
    if is_leader(user):
        return redirect("dashboard")
    return redirect("task_list")


def task_detail_placeholder(request, pk):
    """Placeholder until the `work` branch lands its task page: same 404 rule, bare content."""
    task = get_task_for_user(request.user, pk)
    return HttpResponse(task.action, content_type="text/plain; charset=utf-8")
