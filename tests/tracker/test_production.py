"""The production settings pass Django's deployment checks and refuse a missing key."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SETTINGS = "watching_brief.tracker.production"


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    leave_out = ("BRIEF_", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")  # set by other tests
    base = {k: v for k, v in os.environ.items() if not k.startswith(leave_out)}
    base.update(DJANGO_SETTINGS_MODULE=SETTINGS, BRIEF_DATA_DIR=str(tmp_path), **env)
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, env=base, cwd=ROOT, timeout=120)


def test_check_deploy_passes_at_warning_level(tmp_path: Path) -> None:
    key = secrets.token_urlsafe(50)[:50]
    result = run(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING",
        BRIEF_SECRET_KEY=key, BRIEF_ALLOWED_HOSTS="example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_or_development_key_is_refused(tmp_path: Path) -> None:
    for key in ("", "development-only-key-not-for-production"):
        result = run(tmp_path, "check", BRIEF_SECRET_KEY=key, BRIEF_ALLOWED_HOSTS="example.org")
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr and "BRIEF_SECRET_KEY" in result.stderr


def test_missing_allowed_hosts_are_refused(tmp_path: Path) -> None:
    result = run(tmp_path, "check", BRIEF_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0 and "BRIEF_ALLOWED_HOSTS" in result.stderr


def test_production_settings_harden_the_defaults(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.STORAGES['staticfiles']['BACKEND'], s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run(
        tmp_path, "shell", "-c", code,
        BRIEF_SECRET_KEY=secrets.token_urlsafe(50), BRIEF_ALLOWED_HOSTS="example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[:4] == ["False", "True", "True", "31536000"]
    assert "CompressedManifestStaticFilesStorage" in result.stdout
    assert "HTTP_X_FORWARDED_PROTO" in result.stdout
