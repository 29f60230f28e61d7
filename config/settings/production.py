"""Production: the base settings behind the HTTPS proxy, with the checks Django's deploy check asks for.

TLS ends at the proxy (nginx in docker-compose.yml), which tells Django the scheme in
X-Forwarded-Proto and the client's address in X-Real-IP, overwriting whatever the client sent.
gunicorn must therefore be reachable only through that proxy. Every default here is the secure
one; the environment can relax a setting only by naming it.
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import CSRF_TRUSTED_ORIGINS

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind nginx every connection comes from the proxy: the client's address is in X-Real-IP.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "X-Real-IP")

# HSTS: browsers refuse plain HTTP to this host (and, with INCLUDE_SUBDOMAINS, to the hosts under
# it) for SECURE_HSTS_SECONDS after their first HTTPS visit. A year by default.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is the domain owner's decision (it covers the whole registered domain and is slow to
# undo), so it is off unless asked for; the deploy check's reminder about it is silenced only then.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# A form posted from a plain-HTTP page can be read and changed on the way: never trust one.
_insecure_origins = [origin for origin in CSRF_TRUSTED_ORIGINS if not origin.startswith("https://")]
if _insecure_origins:
    raise ImproperlyConfigured(
        "CSRF_TRUSTED_ORIGINS chỉ được gồm địa chỉ https://, không phải " + ", ".join(_insecure_origins) + "."
    )
