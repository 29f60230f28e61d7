"""The bell's list: the user's own notifications only; opening one marks it read."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from directives.models import Notification


def notification_list(request):
    qs = Notification.objects.filter(recipient=request.user).select_related("task")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    unread = qs.filter(read_at__isnull=True).count()
    return render(request, "directives/work/notifications.html", {"page": page, "unread": unread})


@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notification_list")


@require_POST
def notifications_read_all(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notification_list")
