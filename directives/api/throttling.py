"""Rate limits: one count per API key (or per signed-in person using the pages' session), and one
per client address for the public schema and docs (a request without credentials to the rest is
refused before any counting).

The counts live in the default cache. Under `make run` that is local memory, one count per
process; production with several web workers should set CACHES to Redis so every worker counts
against the same limit (see the README).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from directives.models import ApiKey

MSG_THROTTLED = "Quá nhiều yêu cầu: hãy thử lại sau {wait} giây."


class PerKeyThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # The rate is read from the settings on every request (allow_request), not once at import.
        return None

    def allow_request(self, request, view):
        key = request.auth if isinstance(request.auth, ApiKey) else None
        self.rate = settings.API_RATE_LIMIT if request.user.is_authenticated else settings.API_ANON_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self._ident = (
            f"key:{key.pk}"
            if key is not None
            else f"user:{request.user.pk}"
            if request.user.is_authenticated
            else f"addr:{self.get_ident(request)}"
        )
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self._ident}
