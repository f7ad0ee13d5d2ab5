"""Settings, read from the environment once, with defaults that run on a fresh machine.

Every setting of the project's own is listed in docs/configuration.md.

* ``DATABASE_URL``: a database URL (``postgres://user@host:5432/name``); SQLite in the
  data folder when unset.
* ``BRIEF_DATA_DIR``: folder for the SQLite database and stored files (default ``./data``).
* ``BRIEF_SECRET_KEY``: Django's secret key (a development key when unset and debugging).
* ``BRIEF_DEBUG``: "1" to turn on debugging (default off).
* ``BRIEF_ALLOWED_HOSTS``: comma-separated host names (default ``localhost,127.0.0.1``).
* ``BRIEF_TASKS_BACKEND``: ``database`` (a queue in the database, run by ``brief worker``)
  or ``immediate`` (jobs run in-process when enqueued); by default ``database`` on
  PostgreSQL and ``immediate`` on SQLite.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path

import dj_database_url

BRIEF_DATA_DIR = Path(os.environ.get("BRIEF_DATA_DIR", Path.cwd() / "data")).resolve()
DEBUG = os.environ.get("BRIEF_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("BRIEF_SECRET_KEY") or "development-only-key-not-for-production"  # noqa: S105 - replaced in production by BRIEF_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("BRIEF_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For/-Proto are believed.
BRIEF_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("BRIEF_TRUSTED_PROXIES", "").split(",") if p.strip()
]
if BRIEF_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "watching_brief.tracker.people",
    "watching_brief.tracker.meetings",
    "watching_brief.tracker.actions",
    "watching_brief.tracker.ingest",
    "watching_brief.tracker.web",
    "watching_brief.tracker.api",
    "watching_brief.tracker.search",
    "watching_brief.tracker.programme",
    "watching_brief.tracker.caching",
    "watching_brief.tracker.participation",
    "watching_brief.tracker.alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every response, 304 for a matching If-None-Match (pages, feeds and the API);
    # before the cache, so that a response served from it is answered 304 too.
    "django.middleware.http.ConditionalGetMiddleware",
    "watching_brief.tracker.caching.pages.AnonymousCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "watching_brief.tracker.web.two_factor.RequireSecondFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "watching_brief.tracker.urls"
# A form refused for a missing or stale security token: a GOV.UK page with a way back.
CSRF_FAILURE_VIEW = "watching_brief.tracker.web.views.errors.csrf_failure"
WSGI_APPLICATION = "watching_brief.tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "watching_brief.tracker.web.context.roles",
                "watching_brief.tracker.web.feed_links.feeds",
            ]
        },
    }
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BRIEF_DATA_DIR / "brief.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}


# The cache of anonymous responses (tracker/caching/): Redis when BRIEF_CACHE_URL (or
# REDIS_URL) names one, shared by every process; else local memory in each process, with
# the generation that invalidates it in a file of the data folder. "off" turns it off.
# API rate limit per client address and per token (requests per window of seconds).
BRIEF_API_RATE_LIMIT = int(os.environ.get("BRIEF_API_RATE_LIMIT") or 120)
BRIEF_API_RATE_WINDOW = int(os.environ.get("BRIEF_API_RATE_WINDOW") or 60)

BRIEF_CACHE_URL = (os.environ.get("BRIEF_CACHE_URL") or os.environ.get("REDIS_URL") or "").strip()
BRIEF_PAGE_CACHE = BRIEF_CACHE_URL.lower() not in ("off", "none", "0")
BRIEF_CACHE_SHARED = BRIEF_CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
BRIEF_CACHE_ALIAS = "default"
BRIEF_CACHE_TIMEOUT = int(os.environ.get("BRIEF_CACHE_TIMEOUT") or 600)
BRIEF_CACHE_MAX_BYTES = 2_000_000
if BRIEF_CACHE_URL and BRIEF_PAGE_CACHE and not BRIEF_CACHE_SHARED:
    raise ValueError("BRIEF_CACHE_URL must be a redis://, rediss:// or unix:// URL, or off")
CACHES: dict[str, dict[str, object]] = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": BRIEF_CACHE_URL,
            "KEY_PREFIX": os.environ.get("BRIEF_CACHE_PREFIX", "brief"),
            "TIMEOUT": BRIEF_CACHE_TIMEOUT,
        }
        if BRIEF_CACHE_SHARED
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "brief-pages",
            "TIMEOUT": BRIEF_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    ),
    # The API's rate-limit counters (api/throttling.py): in Redis beside the pages when it
    # is configured (atomic INCR, shared by every process and machine), else in files of
    # the data folder, shared by every process on the machine. Never in the database, so
    # counting a read does not queue it behind SQLite's one writer. (Whatever the page
    # cache's setting: "off" leaves the limit on.)
    "ratelimit": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": BRIEF_CACHE_URL,
            "KEY_PREFIX": os.environ.get("BRIEF_CACHE_PREFIX", "brief") + "-rate",
        }
        if BRIEF_CACHE_SHARED
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BRIEF_DATA_DIR / "rate-limits",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def _tasks_backend() -> str:
    """The job queue: in the database on PostgreSQL, in-process on SQLite (overridable)."""
    choice = os.environ.get("BRIEF_TASKS_BACKEND", "").strip().lower()
    if not choice:
        engine = str(DATABASES["default"]["ENGINE"])
        choice = "database" if "postgresql" in engine else "immediate"
    if choice not in TASKS_BACKENDS:
        raise ValueError(f"BRIEF_TASKS_BACKEND must be one of {sorted(TASKS_BACKENDS)}")
    return TASKS_BACKENDS[choice]


TASKS = {"default": {"BACKEND": _tasks_backend()}}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BRIEF_DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True  # serve app static files directly; collectstatic optional
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# Sign-in throttling (django-axes): after BRIEF_SIGNIN_FAILURES wrong passwords in a row
# for one user name, that account cannot sign in for BRIEF_SIGNIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("BRIEF_SIGNIN_FAILURES") or 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("BRIEF_SIGNIN_LOCKOUT_MINUTES") or 15))
# The account is what is locked, not an address: an office's staff often share one.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # "no ip_address in the lockout parameters": as meant
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "watching_brief.tracker.web.two_factor.locked_out"
AXES_VERBOSE = False
# Two-factor sign-in (django-otp, TOTP) for officers and admins: web/two_factor.py.
OTP_TOTP_ISSUER = os.environ.get("BRIEF_TOTP_ISSUER", "Watching Brief")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:dashboard"
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
MEDIA_ROOT = BRIEF_DATA_DIR / "files"
# E-mail (approval notices, reminders): console (default), file or smtp.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_choice = os.environ.get("BRIEF_EMAIL_BACKEND", "console").strip().lower() or "console"
if _email_choice not in EMAIL_BACKENDS:
    raise ValueError(f"BRIEF_EMAIL_BACKEND must be one of {sorted(EMAIL_BACKENDS)}")
EMAIL_BACKEND = EMAIL_BACKENDS[_email_choice]
EMAIL_FILE_PATH = Path(os.environ.get("BRIEF_EMAIL_FILE_PATH") or BRIEF_DATA_DIR / "mail")
EMAIL_USE_TLS = os.environ.get("BRIEF_SMTP_TLS", "1") == "1"
EMAIL_HOST = os.environ.get("BRIEF_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BRIEF_SMTP_PORT") or (587 if EMAIL_USE_TLS else 25))
EMAIL_HOST_USER = os.environ.get("BRIEF_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BRIEF_SMTP_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("BRIEF_EMAIL_FROM", "Watching Brief <brief@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
BRIEF_SITE_URL = os.environ.get("BRIEF_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
