"""Settings for lapor, read from the environment.

Development needs nothing: SQLite in the project folder, a fixed insecure key and
DEBUG on. Production (``LAPOR_ENV=production``) refuses to start without its secrets.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


LAPOR_ENV = os.environ.get("LAPOR_ENV", "development")
PRODUCTION = LAPOR_ENV == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)

_DEV_SECRET = "django-insecure-lapor-development-only-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Key for data encrypted at rest (NIK). Separate from SECRET_KEY so that rotating
# the session key does not make stored identity numbers unreadable.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "" if PRODUCTION else SECRET_KEY)
if PRODUCTION and not os.environ.get("FIELD_ENCRYPTION_KEY"):
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Only for its templates and static files: the API docs page without a CDN.
    "ninja",
    "lapor.core",
    "lapor.regions",
    "lapor.agencies",
    "lapor.accounts",
    "lapor.deadlines",
    "lapor.reports",
    "lapor.community",
    "lapor.portal",
    "lapor.notifications",
    "lapor.integrations",
    "lapor.webhooks",
    "lapor.console",
    "lapor.api",
    "lapor.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lapor.core.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The API answers every error as JSON (after LocaleMiddleware: in the request's language).
    "lapor.api.middleware.ApiErrorShapeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lapor.accounts.middleware.PrincipalMiddleware",
    "lapor.core.middleware.NotFoundMiddleware",
    # Signed-in, console and admin pages: never in a shared cache (after auth, so the
    # user is known; it only reads the response on the way out).
    "lapor.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lapor.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lapor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lapor.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "lapor.wsgi.application"
ASGI_APPLICATION = "lapor.asgi.application"

# Database: DATABASE_URL, or SQLite in the project folder so that a newcomer needs
# no server. SQLite takes the write lock at BEGIN (IMMEDIATE) so that two requests
# cannot both read a report and then both change it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # SQLITE_FILE_TEST_DB=1: tests use a file (one per test run) instead of memory, so
    # that the tests that start real worker processes or race two connections run too.
    DATABASES["default"]["TEST"] = (
        {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
        if env_bool("SQLITE_FILE_TEST_DB", False)
        else {}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["lapor.accounts.backends.EmailOrPhoneBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lapor" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "lapor" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: attachments go through a checked view

# Development serves static files straight from the app folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Attachments: what a reporter or an officer may upload.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_VIDEO_MAX_BYTES = int(
    os.environ.get("ATTACHMENT_VIDEO_MAX_BYTES", str(50 * 1024 * 1024))
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A shared cache (Redis) in production, so that every process sees a holiday change at
# once; a per-process memory cache in development.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The API's fixed-window rate limits (lapor.api.ratelimit), per minute; 0 turns one off.
API_RATE_LIMIT_PER_MINUTE = int(os.environ.get("API_RATE_LIMIT_PER_MINUTE", "120"))
API_KEY_RATE_LIMIT_PER_MINUTE = int(os.environ.get("API_KEY_RATE_LIMIT_PER_MINUTE", "600"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# E-mail carries one-time codes and what officials write to reporters. Development prints
# it (``make run``: lapor.demo.mail); production refuses to start without a real backend,
# so that no message ever lands in the server's output and logs by accident.
_PRINTING_EMAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "lapor.demo.mail.ConsoleSummaryEmailBackend",
    }
)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "" if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
if PRODUCTION and (not EMAIL_BACKEND or EMAIL_BACKEND in _PRINTING_EMAIL_BACKENDS):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set in production, to a backend that sends (not one that prints)."
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LAPOR! <no-reply@lapor.localhost>")

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Outbox (lapor.core.outbox): side effects promised by a committed change are delivered
# at least once by `manage.py outbox_dispatch` and the `deliver_outbox` task. A failed
# try waits base * 2**(attempt-1) seconds (capped, less up to JITTER of it), and the
# message is dead-lettered after MAX_ATTEMPTS tries. A worker holds a message for
# LEASE_SECONDS; if it dies, the message is due again after that.
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))
OUTBOX_BACKOFF_BASE_SECONDS = float(os.environ.get("OUTBOX_BACKOFF_BASE_SECONDS", "30"))
OUTBOX_BACKOFF_CAP_SECONDS = float(os.environ.get("OUTBOX_BACKOFF_CAP_SECONDS", str(6 * 3600)))
OUTBOX_BACKOFF_JITTER = float(os.environ.get("OUTBOX_BACKOFF_JITTER", "0.2"))
OUTBOX_LEASE_SECONDS = float(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
OUTBOX_BATCH_SIZE = int(os.environ.get("OUTBOX_BATCH_SIZE", "10"))
# Enqueue a `deliver_outbox` task after each commit that wrote messages, for prompt
# delivery; correctness never depends on it (the periodic pass finds every due row).
OUTBOX_KICK_ON_COMMIT = env_bool("OUTBOX_KICK_ON_COMMIT", True)
# Modules that register handlers besides each app's `outbox_handlers` module.
OUTBOX_HANDLER_MODULES = env_list("OUTBOX_HANDLER_MODULES", "")

# Webhooks (lapor.webhooks): deliveries never go to private, loopback or link-local
# addresses unless this allows it (development and tests, where receivers are local).
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", DEBUG)

# Notifications (lapor.notifications): in-app, e-mail and SMS, and the officials' daily
# digest. Links in e-mails start with SITE_URL; the report pages live at the two URL
# templates (the reporter's page and the officials' console).
NOTIFICATIONS_SITE_URL = os.environ.get("NOTIFICATIONS_SITE_URL", "http://127.0.0.1:8000")
NOTIFICATIONS_REPORT_URL = os.environ.get("NOTIFICATIONS_REPORT_URL", "/laporan/{tracking_id}/")
NOTIFICATIONS_CONSOLE_REPORT_URL = os.environ.get(
    "NOTIFICATIONS_CONSOLE_REPORT_URL", "/konsol/laporan/{tracking_id}/"
)
NOTIFICATIONS_PAGE_SIZE = int(os.environ.get("NOTIFICATIONS_PAGE_SIZE", "20"))
NOTIFICATIONS_DIGEST_MAX_ITEMS = int(os.environ.get("NOTIFICATIONS_DIGEST_MAX_ITEMS", "50"))
# SMS: LoggingSmsGateway (default) sends nothing and logs masked numbers; HttpSmsGateway
# calls a provider: SMS_HTTP_BODY_TEMPLATE holds {to} and {text} (escaped for the
# content type), SMS_HTTP_AUTH_HEADER is "Name: value". A non-2xx answer raises, and the
# outbox tries again later.
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "lapor.core.sms.LoggingSmsGateway")
SMS_HTTP_URL = os.environ.get("SMS_HTTP_URL", "")
SMS_HTTP_METHOD = os.environ.get("SMS_HTTP_METHOD", "POST")
SMS_HTTP_AUTH_HEADER = os.environ.get("SMS_HTTP_AUTH_HEADER", "")
SMS_HTTP_CONTENT_TYPE = os.environ.get("SMS_HTTP_CONTENT_TYPE", "application/json")
SMS_HTTP_BODY_TEMPLATE = os.environ.get(
    "SMS_HTTP_BODY_TEMPLATE", '{"to": "{to}", "text": "{text}"}'
)
SMS_HTTP_TIMEOUT = float(os.environ.get("SMS_HTTP_TIMEOUT", "10"))

# Console (lapor.console): the officials' pages. Every official signs in with a second
# factor (TOTP); a session idle for longer than IDLE_SECONDS is ended.
CONSOLE_IDLE_SECONDS = int(os.environ.get("CONSOLE_IDLE_SECONDS", str(30 * 60)))
CONSOLE_PAGE_SIZE = int(os.environ.get("CONSOLE_PAGE_SIZE", "25"))
CONSOLE_RECOVERY_CODES = int(os.environ.get("CONSOLE_RECOVERY_CODES", "10"))
CONSOLE_INVITATION_DAYS = int(os.environ.get("CONSOLE_INVITATION_DAYS", "7"))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "LAPOR!")
