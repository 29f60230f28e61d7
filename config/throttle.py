"""Login throttling with django-axes: per account and, more loosely, per address.

An account is locked after AXES_FAILURE_LIMIT failed logins, from any address; an address after
LOGIN_FAILURE_LIMIT_PER_ADDRESS failed logins, for any accounts (one machine guessing many
passwords). The looser address limit is because a whole office often reaches the site through one
address. Failures count for LOGIN_LOCKOUT_MINUTES after the last one; office staff can lift a lock
sooner at /accounts/lockouts/ (config/lockouts.py)."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def client_ip(request) -> str | None:
    """The client's address: the proxy's header named by CLIENT_IP_HEADER when set (production,
    behind nginx, which overwrites it), else the connection's address."""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").strip()
        if value:
            return value
    return request.META.get("REMOTE_ADDR")


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for the address.

    axes locks when get_failures() reaches AXES_FAILURE_LIMIT, one limit for every lockout
    parameter. This returns the account's failures as they are, and the address's failures scaled
    so that they reach AXES_FAILURE_LIMIT exactly when they reach LOGIN_FAILURE_LIMIT_PER_ADDRESS.
    AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"], in that order."""

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        account_limit = settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address * account_limit // settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login, forget that account's mistakes, never the address's: one
        valid account must not wipe the count of an address that is guessing others."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while a lock lasts (AXES_LOCKOUT_CALLABLE)."""
    context = {"minutes": settings.LOGIN_LOCKOUT_MINUTES}
    return render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
