"""Production settings: the defaults of ``settings`` hardened for a public deployment.

Use with ``DJANGO_SETTINGS_MODULE=watching_brief.tracker.production``. It refuses to
start without a real ``BRIEF_SECRET_KEY`` and ``BRIEF_ALLOWED_HOSTS``; it expects HTTPS
to end at a reverse proxy that sets ``X-Forwarded-Proto``, and static files collected
into ``STATIC_ROOT`` when the image is built (``manage.py collectstatic``). See
docs/deploying.md.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from watching_brief.tracker.settings import *  # noqa: F403

DEVELOPMENT_KEY = "development-only-key-not-for-production"  # noqa: S105 - refused below


def _secret_key() -> str:
    key = os.environ.get("BRIEF_SECRET_KEY", "").strip()
    if not key or key == DEVELOPMENT_KEY:
        raise ImproperlyConfigured("Set BRIEF_SECRET_KEY to a long random string in production.")
    return key


def _allowed_hosts() -> list[str]:
    hosts = [h.strip() for h in os.environ.get("BRIEF_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        raise ImproperlyConfigured("Set BRIEF_ALLOWED_HOSTS to the site's host name(s).")
    return hosts


DEBUG = False
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _allowed_hosts()
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # serve only what collectstatic built into the image

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {"django": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
}
