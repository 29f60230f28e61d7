"""The reminder log (/reminders/): what was sent to whom, what failed and why."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.roles import agency_ids, is_office_staff, role_required, sees_everything
from directives.models import Digest, ReminderChannel
from directives.reminders import channels as registry
from directives.reminders import content, delivery
from directives.reminders.filters import DigestFilter, SkippedFilter
from directives.reminders.forms import channel_forms
from directives.reminders.selectors import digest_items, digests_visible_to, skipped_items
from directives.reminders.services import digest_retry, reminder_channels_update


def _get_digest_for_user(user, pk) -> Digest:
    return get_object_or_404(digests_visible_to(user), pk=pk)


def _page(request, queryset):
    page = Paginator(queryset, settings.TASKS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def skipped_list(request):
    """The reminders that were due and not sent, and why (an outage, a digest already sent)."""
    filterset = SkippedFilter(request.GET or None, queryset=skipped_items(request.user))
    page, query = _page(request, filterset.qs if filterset.is_bound else filterset.queryset)
    return render(
        request, "directives/reminders/skipped_list.html", {"filter": filterset, "page": page, "query": query}
    )


def digest_list(request):
    if request.GET.get("tab") == "skipped":
        return skipped_list(request)
    filterset = DigestFilter(request.GET or None, queryset=digests_visible_to(request.user))
    if not sees_everything(request.user):
        # An officer chooses among their own agencies only; others' names are not theirs to list.
        agencies = filterset.filters["agency"].queryset.filter(pk__in=agency_ids(request.user))
        filterset.form.fields["agency"].queryset = agencies
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page, query = _page(request, queryset.order_by("-day", "kind", "recipient_key"))
    return render(
        request,
        "directives/reminders/digest_list.html",
        {"filter": filterset, "page": page, "query": query, "can_retry": is_office_staff(request.user)},
    )


def digest_detail(request, pk):
    digest = _get_digest_for_user(request.user, pk)
    summary = content.digest_content(digest) if digest.kind == Digest.Kind.SUMMARY else None
    return render(
        request,
        "directives/reminders/digest_detail.html",
        {
            "digest": digest,
            "items": digest_items(digest),
            "summary": summary,
            "channels": [(channel.name, channel.label) for channel, _ in delivery.active_channels(digest)],
            "can_retry": is_office_staff(request.user) and digest.status == Digest.Status.FAILED,
        },
    )


@require_POST
def digest_resend(request, pk):
    digest = _get_digest_for_user(request.user, pk)
    if not is_office_staff(request.user):
        raise PermissionDenied("Chỉ Văn phòng được gửi lại bản tin nhắc việc.")
    try:
        digest_retry(digest=digest)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xếp bản tin vào hàng đợi gửi lại.")
    return redirect("reminder_detail", pk=digest.pk)


_office_channels = role_required(is_office_staff, message="Chỉ Văn phòng được thay đổi kênh nhắc việc của các cơ quan.")


@_office_channels
def channel_list(request):
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    rows = {(row.agency_id, row.channel): row for row in ReminderChannel.objects.filter(agency__in=agencies)}
    channels = registry.all_channels()
    table = [
        (agency, [(channel.label, channel.status_label(rows.get((agency.pk, channel.name)))) for channel in channels])
        for agency in agencies
    ]
    return render(request, "directives/reminders/channel_list.html", {"channels": channels, "table": table})


@_office_channels
def channel_edit(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    forms = channel_forms(agency, request.POST or None)
    if request.method == "POST" and all(form.is_valid() for _, form in forms):
        try:
            reminder_channels_update(agency=agency, changes={c.name: form.to_setting() for c, form in forms})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã lưu kênh nhắc việc của {agency.name}.")
            return redirect("reminder_channels")
    return render(request, "directives/reminders/channel_edit.html", {"agency": agency, "forms": forms})
