"""Office staff lift login locks (see config/throttle.py) before their cool-off ends."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.utils import timezone

from agencies.roles import office_staff_required


def _recent_failures(field: str, limit: int) -> list[dict]:
    """Accounts (or addresses) with failures still counted, those locked first."""
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-failures", "-last")
    )
    return [{"key": row[field], **row, "locked": row["failures"] >= limit} for row in rows]


@office_staff_required
def lockout_list(request):
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        ip_address = request.POST.get("ip_address", "").strip()
        if username:
            reset(username=username)
            messages.success(request, f"Đã mở khóa đăng nhập cho tài khoản {username}.")
        elif ip_address:
            reset(ip=ip_address)
            messages.success(request, f"Đã mở khóa đăng nhập từ địa chỉ {ip_address}.")
        return redirect("lockout_list")
    context = {
        "accounts": _recent_failures("username", settings.AXES_FAILURE_LIMIT),
        "addresses": _recent_failures("ip_address", settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS),
        "account_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS,
        "minutes": settings.LOGIN_LOCKOUT_MINUTES,
    }
    return render(request, "registration/lockouts.html", context)
