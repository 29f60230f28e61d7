"""Calendar feeds (.ics): an agency's deadlines for Outlook or a phone, at a private URL.

Calendar apps cannot log in, so the feed is login_not_required and the token in the URL is the
credential: a wrong or replaced token is a 404, like a page that does not exist.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.roles import agency_ids, is_office_staff
from directives.models import CalendarToken, Task, TaskCoordination
from directives.tasks.status import WORKING_Q

# Deadlines older than this stay out of the feed: a calendar is for what is coming.
PAST_DAYS = 90


def agencies_with_feeds(user):
    """Agencies whose feed the user may see and renew: office staff all, officers their own."""
    agencies = Agency.objects.filter(is_active=True).select_related("calendar_token").order_by("name")
    return agencies if is_office_staff(user) else agencies.filter(pk__in=agency_ids(user))


@transaction.atomic
def calendar_token_issue(*, agency: Agency, renew: bool = False) -> CalendarToken:
    """The agency's feed token, created on first use; `renew` replaces it (old URLs stop working)."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(agency=agency)
    if renew and not created:
        token.regenerate()
        token.full_clean()
        token.save(update_fields=["token"])
    return token


def calendar_list(request):
    agencies = agencies_with_feeds(request.user)
    rows = []
    for agency in agencies:
        token = getattr(agency, "calendar_token", None)
        url = request.build_absolute_uri(reverse("calendar_feed", args=[token.token])) if token else ""
        rows.append({"agency": agency, "url": url})
    return render(request, "directives/reports/calendar_list.html", {"rows": rows})


@require_POST
def calendar_issue(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    if not agencies_with_feeds(request.user).filter(pk=agency.pk).exists():
        raise PermissionDenied("Bạn không quản lý lịch của cơ quan này.")
    renew = request.POST.get("renew") == "1"
    calendar_token_issue(agency=agency, renew=renew)
    messages.success(
        request, "Đã đổi đường dẫn lịch; đường dẫn cũ không còn dùng được." if renew else "Đã tạo đường dẫn lịch."
    )
    return redirect("calendar_list")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _day_after(day: dt.date) -> dt.date:
    # Dates typed today are bounded (agencies.inputs), but one stored before that could be the
    # last day Python knows: one bad task must not break the feed of every agency on it.
    return day + dt.timedelta(days=1) if day < dt.date.max else day


@login_not_required
def calendar_feed(request, token: str):
    if len(token) > 64:
        raise Http404
    feed = CalendarToken.objects.select_related("agency").filter(token=token).first()
    if feed is None:
        raise Http404("Không tìm thấy lịch.")
    agency = feed.agency
    since = timezone.localdate() - dt.timedelta(days=PAST_DAYS)
    tasks = (
        Task.objects.published()
        .filter(WORKING_Q, due_date__gte=since)
        .filter(Q(lead=agency) | Exists(TaskCoordination.objects.filter(task=OuterRef("pk"), agency=agency)))
        .select_related("conclusion__notice", "lead")
        .order_by("due_date", "id")
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    host = settings.SITE_URL.split("//")[-1]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Theo doi ket luan//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape('Hạn nhiệm vụ – ' + agency.name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for task in tasks:
        role = "Chủ trì" if task.lead_id == agency.pk else "Phối hợp"
        url = f"{settings.SITE_URL}{reverse('task_detail', args=[task.pk])}"
        description = f"{role}. Cơ quan chủ trì: {task.lead.name}. {task.conclusion.notice.number_display}. {url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:task-{task.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{task.due_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{_day_after(task.due_date):%Y%m%d}",
            f"SUMMARY:{_escape('Hạn: ' + task.action[:200])}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-{agency.pk}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
