from django.shortcuts import redirect

from agencies.roles import is_leader, is_office_staff
from directives.work.views import inbox


def home(request):
    """Each role lands where its work is: office staff on the notices, leaders on the dashboard,
    agency officers on their agency's inbox (served here, at `/`)."""
    user = request.user
    if is_office_staff(user):
        return redirect("notice_list")
    if is_leader(user):
        return redirect("dashboard")
    return inbox(request)
