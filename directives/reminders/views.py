"""The reminder log (/reminders/): what was sent to whom, what failed and why."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.roles import agency_ids, is_office_staff, sees_everything
from directives.models import Digest, ReminderSettings
from directives.reminders import delivery
from directives.reminders.filters import DigestFilter
from directives.reminders.forms import ReminderSettingsForm
from directives.reminders.selectors import digest_items, digests_visible_to
from directives.reminders.services import digest_retry, reminder_settings_update


def _get_digest_for_user(user, pk) -> Digest:
    return get_object_or_404(digests_visible_to(user), pk=pk)


def digest_list(request):
    filterset = DigestFilter(request.GET or None, queryset=digests_visible_to(request.user))
    if not sees_everything(request.user):
        # An officer chooses among their own agencies only; others' names are not theirs to list.
        agencies = filterset.filters["agency"].queryset.filter(pk__in=agency_ids(request.user))
        filterset.form.fields["agency"].queryset = agencies
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(queryset.order_by("-day", "kind", "recipient_key"), settings.TASKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directives/reminders/digest_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "can_retry": is_office_staff(request.user)},
    )


def digest_detail(request, pk):
    digest = _get_digest_for_user(request.user, pk)
    content = delivery.digest_content(digest) if digest.kind == Digest.Kind.SUMMARY else None
    return render(
        request,
        "directives/reminders/digest_detail.html",
        {
            "digest": digest,
            "items": digest_items(digest),
            "summary": content,
            "channels": delivery.channels_for(digest),
            "can_retry": is_office_staff(request.user) and digest.status == Digest.Status.FAILED,
        },
    )


@require_POST
def digest_resend(request, pk):
    digest = _get_digest_for_user(request.user, pk)
    if not is_office_staff(request.user):
        raise PermissionDenied("Chỉ Văn phòng được gửi lại bản tin nhắc việc.")
    try:
        digest_retry(digest=digest, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã xếp bản tin vào hàng đợi gửi lại.")
    return redirect("reminder_detail", pk=digest.pk)


def _require_office(user):
    if not is_office_staff(user):
        raise PermissionDenied("Chỉ Văn phòng được thay đổi kênh nhắc việc của các cơ quan.")


def channel_list(request):
    _require_office(request.user)
    agencies = Agency.objects.filter(is_active=True).select_related("reminder_settings").order_by("name")
    return render(request, "directives/reminders/channel_list.html", {"agencies": agencies})


def channel_edit(request, agency_id):
    _require_office(request.user)
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    instance = ReminderSettings.objects.filter(agency=agency).first() or ReminderSettings(agency=agency)
    form = ReminderSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        reminder_settings_update(agency=agency, **form.cleaned_data)
        messages.success(request, f"Đã lưu kênh nhắc việc của {agency.name}.")
        return redirect("reminder_channels")
    return render(request, "directives/reminders/channel_edit.html", {"agency": agency, "form": form})
