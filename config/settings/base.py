"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see config/env.py and the
README). The defaults run on a laptop with no server at all: SQLite and the Celery broker in
var/, mail written to var/mail/.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from config.env import env_bool, env_int, env_int_list, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Core -------------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
# Under DEBUG, a 404 shows the product's page; set this to see Django's technical page instead.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY phải được đặt khi DEBUG tắt.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "agencies",
    "meetings",
    "directives",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    # Before anything that reads the body (the CSRF check reads the form before the login check).
    "config.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: control characters out of queries, forms and cookies (config/cleaning.py).
    "config.cleaning.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view says otherwise (login page, calendar feeds).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After WhiteNoise, so static files keep their caching; after authentication, to know who asks.
    "config.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.ProductNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agencies.context_processors.current_roles",
                "directives.navigation.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL không hợp lệ: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one SQLite file under `make run`: wait for locks, don't fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The dashboard: PostgreSQL's JIT spends ~250 ms compiling the dashboard's
    # one-scan aggregate, more than running it; measured by benchmarks/bench_dashboard.py.
    # A parallel plan starts its workers first (~7 ms here), which PostgreSQL's default setup cost
    # (1,000) undervalues: the task list's page of 50 rows took 16 ms in parallel, 0.8 ms without.
    # At ten times that cost only the scans of the whole period (the dashboard) still go parallel.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c parallel_setup_cost={env_int('DB_PARALLEL_SETUP_COST', 10_000, minimum=0)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes, see config/throttle.py): the site's login page and the admin's.
# axes' backend comes first and refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)  # per account
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20, minimum=1)
if LOGIN_FAILURE_LIMIT_PER_ADDRESS < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT_PER_ADDRESS không được nhỏ hơn LOGIN_FAILURE_LIMIT.")
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # config.throttle relies on this order
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_HANDLER = "config.throttle.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "config.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = "Đăng nhập tạm thời bị khóa do nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau."
AXES_PERMALOCK_MESSAGE = AXES_COOLOFF_MESSAGE
# No start-up banner: it would open the output of every command (extract_notice, send_reminders).
AXES_VERBOSE = False
# The request header that carries the client's address, set by the proxy (production: X-Real-IP,
# which nginx overwrites). Empty: the connection's own address.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")

# --- Response headers -------------------------------------------------------------------------
# The product loads nothing from elsewhere and has no inline script or style. The one inline
# handler left (the report page's print button, onclick="window.print()") is allowed by its hash;
# a template that needs an inline <script> gives it nonce="{{ request.csp_nonce }}".
_PRINT_BUTTON_HASH = "'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, UNSAFE_HASHES, _PRINT_BUTTON_HASH],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Device features no page uses: off for the page and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Language, time, formats ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Attachments are never served from MEDIA_URL: a view checks who may read each one.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Scanned notices and photos read by Tesseract (Debian: tesseract-ocr tesseract-ocr-vie
# poppler-utils). A notice is a few pages; the limits keep one upload from holding a worker.
OCR_MAX_PAGES = env_int("OCR_MAX_PAGES", 20, minimum=1)
OCR_PAGE_TIMEOUT = env_int("OCR_PAGE_TIMEOUT", 60, minimum=1)
OCR_DPI = env_int("OCR_DPI", 300, minimum=72)
OCR_TESSERACT_CMD = env_str("OCR_TESSERACT_CMD", "tesseract")
OCR_PDFTOPPM_CMD = env_str("OCR_PDFTOPPM_CMD", "pdftoppm")
# Attachments of one report; each file is at most UPLOAD_MAX_BYTES and checked by content.
ATTACHMENTS_PER_REPORT = env_int("ATTACHMENTS_PER_REPORT", 5, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A 300-task plan entered on one page posts ~4,000 fields; Django's default of 1,000 refused it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
# Anything larger is answered 413 before Django reads it: a little above the largest legitimate
# request (a report with every attachment at its limit). The proxy's client_max_body_size matches.
MAX_REQUEST_BODY_BYTES = env_int(
    "MAX_REQUEST_BODY_BYTES", UPLOAD_MAX_BYTES * ATTACHMENTS_PER_REPORT + 2 * 1024 * 1024, minimum=1024
)

# --- Email ------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Theo dõi kết luận <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))

# --- Celery -----------------------------------------------------------------------------------
# Without CELERY_BROKER_URL the broker is kombu's filesystem transport in var/celery/: a worker
# and beat run with no server at all. Production sets a Redis URL.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _celery_dir = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        # Broadcast and worker-control messages; kombu would otherwise write ./control in the cwd.
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540, minimum=1)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Task modules outside an app's tasks.py (autodiscovery only finds <app>.tasks).
CELERY_IMPORTS = ["directives.reminders.tasks", "directives.notices.importing.tasks"]

# --- Reminders (nhắc việc, đôn đốc) -------------------------------------------------------------
# Every decision is taken in TIME_ZONE (Asia/Ho_Chi_Minh). See directives/reminders/policy.py.
# Days before a due date on which the agencies are reminded, then the due day itself.
REMINDER_BEFORE_DAYS = sorted(set(env_int_list("REMINDER_BEFORE_DAYS", [7, 3, 1], minimum=1)), reverse=True)
# Local time of day of the agencies' daily digest.
REMINDER_HOUR = env_int("REMINDER_HOUR", 7, minimum=0)
REMINDER_MINUTE = env_int("REMINDER_MINUTE", 0, minimum=0)
# After the due date the lead agency is chased daily for this many days, then every N days.
REMINDER_OVERDUE_DAILY_DAYS = env_int("REMINDER_OVERDUE_DAILY_DAYS", 7, minimum=0)
REMINDER_OVERDUE_EVERY_DAYS = env_int("REMINDER_OVERDUE_EVERY_DAYS", 3, minimum=1)
# Weekly overdue summary to leaders and the office: weekday (0 = Monday) and local time.
REMINDER_SUMMARY_WEEKDAY = env_int("REMINDER_SUMMARY_WEEKDAY", 0, minimum=0)
REMINDER_SUMMARY_HOUR = env_int("REMINDER_SUMMARY_HOUR", 7, minimum=0)
REMINDER_SUMMARY_MINUTE = env_int("REMINDER_SUMMARY_MINUTE", 30, minimum=0)
# A completion awaiting verification for more than this many working days reminds the office.
REMINDER_VERIFICATION_WORKING_DAYS = env_int("REMINDER_VERIFICATION_WORKING_DAYS", 2, minimum=0)
# Ongoing tasks ("thường xuyên"): a nudge to report on this day of every month.
REMINDER_ONGOING_DAY = env_int("REMINDER_ONGOING_DAY", 1, minimum=1)
# Recurring tasks: the due day of a weekly period (0 = Monday) and of a monthly one (clipped to
# the month's length); a daily period is due every day.
REMINDER_WEEKLY_REPORT_WEEKDAY = env_int("REMINDER_WEEKLY_REPORT_WEEKDAY", 4, minimum=0)
REMINDER_MONTHLY_REPORT_DAY = env_int("REMINDER_MONTHLY_REPORT_DAY", 25, minimum=1)
# Delivery: tries before a digest is marked failed, and the first retry delay (doubled each time).
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5, minimum=1)
REMINDER_RETRY_BACKOFF_SECONDS = env_int("REMINDER_RETRY_BACKOFF_SECONDS", 60, minimum=1)
# A digest claimed by a worker that never recorded the outcome (killed) is marked failed after
# this many minutes, never resent on its own: see directives/reminders/delivery.py.
REMINDER_SENDING_TIMEOUT_MINUTES = env_int("REMINDER_SENDING_TIMEOUT_MINUTES", 30, minimum=1)
# Reminders missed during an outage are looked for this many days back (and recorded as skipped).
REMINDER_CATCHUP_DAYS = env_int("REMINDER_CATCHUP_DAYS", 7, minimum=0)
REMINDER_SWEEP_MINUTES = env_int("REMINDER_SWEEP_MINUTES", 15, minimum=1)
REMINDER_BATCH_SIZE = env_int("REMINDER_BATCH_SIZE", 2000, minimum=1)
# Seconds for one whole webhook attempt (connect, send, answer), not per read.
REMINDER_WEBHOOK_TIMEOUT = env_int("REMINDER_WEBHOOK_TIMEOUT", 10, minimum=1)
# Webhooks never reach loopback, private, link-local, multicast or reserved addresses, except
# networks listed here (CIDR, comma-separated): an SMS gateway inside the office network.
REMINDER_WEBHOOK_ALLOWED_NETWORKS = env_list("REMINDER_WEBHOOK_ALLOWED_NETWORKS", [])
for _net in REMINDER_WEBHOOK_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_net, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"REMINDER_WEBHOOK_ALLOWED_NETWORKS: {_net!r} không phải một mạng (ví dụ 10.20.0.0/16)."
        ) from None
# A pending digest handed to the queue is handed again after this many minutes, or at the next
# sweep when the queue is found empty (Redis lost it).
REMINDER_REQUEUE_AFTER_MINUTES = env_int("REMINDER_REQUEUE_AFTER_MINUTES", 10, minimum=1)
# Webhooks go out from their own queue: a slow gateway never holds up e-mail and the bell. A
# worker started without -Q consumes both; production runs one worker per queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue("celery"), Queue("webhooks")]
CELERY_TASK_ROUTES = {"directives.reminders.deliver_handed_over": {"queue": "webhooks"}}

CELERY_BEAT_SCHEDULE: dict = {
    "reminders-sweep": {
        "task": "directives.reminders.sweep",
        "schedule": REMINDER_SWEEP_MINUTES * 60,
    },
    "reminders-weekly-summary": {
        "task": "directives.reminders.weekly_summary",
        # crontab counts weekdays from Sunday = 0; our setting from Monday = 0 like Python.
        "schedule": crontab(
            minute=REMINDER_SUMMARY_MINUTE, hour=REMINDER_SUMMARY_HOUR, day_of_week=(REMINDER_SUMMARY_WEEKDAY + 1) % 7
        ),
    },
}

# --- Product rules ----------------------------------------------------------------------------
# A task due within this many days (inclusive of today) is "Sắp đến hạn".
DUE_SOON_DAYS = env_int("DUE_SOON_DAYS", 3, minimum=0)
TASKS_PER_PAGE = env_int("TASKS_PER_PAGE", 50, minimum=1)

# Agency work: the inbox, reports, attachments, extensions.
# The inbox's "due this week" group: open tasks due within this many days.
INBOX_DUE_WINDOW_DAYS = env_int("INBOX_DUE_WINDOW_DAYS", 7, minimum=1)
# ATTACHMENTS_PER_REPORT (files of one report) is set with the upload limits above.
# Pending extension requests a task may have at once.
EXTENSION_MAX_PENDING = env_int("EXTENSION_MAX_PENDING", 1, minimum=1)
# Leaders always decide extensions; office staff too only when the province allows it.
OFFICE_DECIDES_EXTENSIONS = env_bool("OFFICE_DECIDES_EXTENSIONS", False)
# On: a completion report is refused unless it carries at least one attachment (the evidence).
REQUIRE_COMPLETION_EVIDENCE = env_bool("REQUIRE_COMPLETION_EVIDENCE", False)

# --- The chasing letter (văn bản đôn đốc, issue 15) -------------------------------------------------
# The province's name as letters write it ("Bắc Giang"): the issuing body, the place, the date line.
PROVINCE_NAME = env_str("PROVINCE_NAME", "")
# The heading's two lines on the left, the number's suffix ("Số: …/UBND-TH"), the place.
LETTER_ISSUER = env_str("LETTER_ISSUER", f"UBND TỈNH {PROVINCE_NAME.upper()}" if PROVINCE_NAME else "UBND TỈNH …")
LETTER_ISSUER_UNIT = env_str("LETTER_ISSUER_UNIT", "")
LETTER_NUMBER_SUFFIX = env_str("LETTER_NUMBER_SUFFIX", "UBND-TH")
LETTER_PLACE = env_str("LETTER_PLACE", PROVINCE_NAME or "…")
# The signature block: the formula (TL., KT., TM. …), the title, the name (blank: written by hand).
LETTER_SIGNING_FORMULA = env_str("LETTER_SIGNING_FORMULA", "TL. CHỦ TỊCH")
LETTER_SIGNER_TITLE = env_str("LETTER_SIGNER_TITLE", "CHÁNH VĂN PHÒNG")
LETTER_SIGNER_NAME = env_str("LETTER_SIGNER_NAME", "")
# The Word template (docxtpl). Unset: var/letters/van_ban_don_doc.docx when the office put one
# there, else the one shipped in directives/reports/letters/templates/.
LETTER_TEMPLATE = env_str("LETTER_TEMPLATE", "")

# --- API (issue 16) ------------------------------------------------------------------------------
# REST under /api/v1/ with its OpenAPI schema at /api/schema/; Swagger UI and ReDoc are served from
# drf-spectacular-sidecar's static files, never a CDN. Systems send an API key (Authorization:
# Bearer ...), the product's own pages their session.
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
# Where rate-limit counts are kept. Unset: Django's local memory, a count per process (fine for
# `make run`); production sets a Redis URL so all web processes share one count per key.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"CACHE_URL phải là địa chỉ Redis (redis://...): {CACHE_URL!r}.")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
# Requests per key (or per signed-in person using the pages' session), and per client address for
# the public schema and docs: N/second, minute, hour or day.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/minute")
API_ANON_RATE_LIMIT = env_str("API_ANON_RATE_LIMIT", "60/minute")
for _name, _rate in (("API_RATE_LIMIT", API_RATE_LIMIT), ("API_ANON_RATE_LIMIT", API_ANON_RATE_LIMIT)):
    _count, _, _period = _rate.partition("/")
    if not _count.isdigit() or int(_count) < 1 or _period not in ("second", "minute", "hour", "day"):
        raise ImproperlyConfigured(f"{_name} không hợp lệ: {_rate!r} (ví dụ: 600/minute).")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "directives.api.auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["directives.api.throttling.PerKeyThrottle"],
    "DEFAULT_PAGINATION_CLASS": "directives.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "directives.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "directives.api.views.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Theo dõi kết luận – API",
    "DESCRIPTION": (
        "Đọc thông báo kết luận, nhiệm vụ, danh bạ cơ quan và số liệu tổng hợp; gửi dự thảo thông báo, "
        "báo cáo tiến độ, báo cáo hoàn thành, đề nghị gia hạn; xác nhận, trả lại và quyết định gia hạn. "
        "Mỗi khóa API hành động với quyền của tài khoản gắn với nó."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI otherwise sends the schema to validator.swagger.io for a badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "ENUM_NAME_OVERRIDES": {
        "DocumentStatusEnum": "meetings.models.ConclusionNotice.Status",
        "ExtensionStatusEnum": "directives.models.work.ExtensionRequest.Status",
    },
}

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"forbidden_without_traceback": {"()": "config.logs.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print each record a second time under DEBUG.
        "django": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"filters": ["forbidden_without_traceback"]},
    },
}
