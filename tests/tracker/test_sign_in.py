"""Accounts (issue 13, finding 14): sign-in throttling with django-axes, and a TOTP
second factor for officers and admins. Signing in goes through the pages here, never
through the tests' ``client.login`` helper."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from typer.testing import CliRunner

from watching_brief.cli import app
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.two_factor import add_device, secret_text

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
LOGIN = "/accounts/login/"


def code(secret: str) -> str:
    """What an authenticator app shows now for a base32 key."""
    return f"{totp(base64.b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_an_officer_sets_up_the_app_then_reaches_officer_pages(client: Client) -> None:
    create_account("olivia", PASSWORD, "officer", [])
    response = sign_in(client, "olivia", next="/import/")
    assert response.status_code == 302
    # signed in with a password only: every page leads to the set-up page
    for url in ("/import/", "/", "/api/actions", "/admin/"):
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith(reverse("two_factor_setup")), url
    page = client.get(reverse("two_factor_setup"), {"next": "/import/"})
    content = page.content.decode()
    assert page.status_code == 200 and "<svg" in content  # the QR code, drawn locally
    assert 'href="/import/"' not in content  # no officer's pages offered yet
    secret = re.search(r'id="secret">([A-Z2-7]+)<', content)
    assert secret is not None
    device = TOTPDevice.objects.get(user__username="olivia")
    assert not device.confirmed and secret.group(1) == secret_text(device)
    wrong = client.post(reverse("two_factor_setup"), {"code": "12345x", "next": "/import/"})
    assert wrong.status_code == 200 and "6-digit code" in wrong.content.decode()
    right = client.post(
        reverse("two_factor_setup"), {"code": code(secret.group(1)), "next": "/import/"}
    )
    assert right.status_code == 302 and right["Location"] == "/import/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/import/").status_code == 200


def test_a_confirmed_device_is_asked_for_on_every_sign_in(client: Client) -> None:
    user = create_account("oscar", PASSWORD, "officer", [])
    secret = secret_text(add_device(user))
    sign_in(client, "oscar")
    assert client.get("/import/")["Location"].startswith(reverse("two_factor_verify"))
    # the set-up page shows no new key once a device is confirmed
    assert client.get(reverse("two_factor_setup"))["Location"].startswith(
        reverse("two_factor_verify")
    )
    assert TOTPDevice.objects.filter(user=user).count() == 1
    wrong = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert wrong.status_code == 200 and "not correct" in wrong.content.decode()
    # the wrong code started the device's throttle (django-otp doubles the wait): let it pass
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    right = client.post(reverse("two_factor_verify"), {"code": code(secret), "next": "/import/"})
    assert right.status_code == 302 and right["Location"] == "/import/"
    assert client.get("/import/").status_code == 200


def test_admins_need_the_second_factor_and_contributors_do_not(client: Client) -> None:
    create_account("ada", PASSWORD, "admin", [])
    sign_in(client, "ada")
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_setup"))
    contributor = Client()
    create_account("force", PASSWORD, "contributor", [])
    sign_in(contributor, "force")
    assert contributor.get("/").status_code == 200
    assert contributor.get(reverse("two_factor_verify"))["Location"] == reverse("web:dashboard")


def test_the_next_page_is_never_another_site(client: Client) -> None:
    user = create_account("otto", PASSWORD, "officer", [])
    secret = secret_text(add_device(user))
    sign_in(client, "otto")
    answer = client.post(
        reverse("two_factor_verify"), {"code": code(secret), "next": "https://evil.example/"}
    )
    assert answer["Location"] == reverse("web:dashboard")


def test_eleven_wrong_passwords_lock_the_account_for_a_while(client: Client) -> None:
    create_account("force-dcc", PASSWORD, "contributor", [])
    create_account("other", PASSWORD, "contributor", [])
    statuses = [sign_in(client, "force-dcc", f"wrong-{n}").status_code for n in range(11)]
    assert statuses == [200] * 9 + [429, 429]  # the tenth failure locks the account
    locked = sign_in(client, "force-dcc")
    assert locked.status_code == 429 and "Account locked" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    # another account (same address) is not locked
    assert sign_in(Client(), "other").status_code == 302
    # and once the lock has run out (attempts moved back past the 15 minutes) it opens
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in(client, "force-dcc").status_code == 302


def test_a_right_password_resets_the_count(client: Client) -> None:
    create_account("fern", PASSWORD, "contributor", [])
    for n in range(9):
        sign_in(client, "fern", f"wrong-{n}")
    assert sign_in(client, "fern").status_code == 302
    client.logout()
    for n in range(9):
        assert sign_in(client, "fern", f"again-{n}").status_code == 200
    assert sign_in(client, "fern").status_code == 302


def test_createuser_prints_the_key_of_an_officers_app(client: Client) -> None:
    result = CliRunner().invoke(
        app, ["createuser", "olga", "--role", "officer", "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    key = re.search(r"key: ([A-Z2-7]+)", result.stdout)
    assert key is not None and "otpauth://totp/" in result.stdout
    sign_in(client, "olga")
    answer = client.post(reverse("two_factor_verify"), {"code": code(key.group(1))})
    assert answer.status_code == 302
    assert client.get("/import/").status_code == 200
    contributor = CliRunner().invoke(
        app, ["createuser", "fred", "--role", "contributor", "--password", PASSWORD]
    )
    assert contributor.exit_code == 0 and "key:" not in contributor.stdout
