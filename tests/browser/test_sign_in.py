"""Signing in (issue 13, finding 14): an officer signs in with a second factor set up from
the QR page's key, and eleven wrong passwords lock the account for a while."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, authenticator_code, check_page, login

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database


def sign_in_form(page: Any, site: str, username: str, password: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_officer_signs_in_with_a_code_from_their_app(page: Any, site: str) -> None:
    from watching_brief.tracker.web.accounts import create_account

    # given a new officer
    create_account("officer-2fa", PASSWORD, "officer", [])
    # when they sign in with their password, officer pages are not open yet
    sign_in_form(page, site, "officer-2fa", PASSWORD)
    page.wait_for_url("**/accounts/two-factor/**")
    page.goto(f"{site}/import/")
    assert "/accounts/two-factor/" in page.url
    # the set-up page shows a QR code and the key as text
    assert page.locator("svg.segno").count() == 1
    secret = page.locator("#secret").inner_text().strip()
    check_page(page, "two-factor-setup")
    # a wrong code is refused with an error
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("The code is not correct").count() >= 1
    check_page(page, "two-factor-setup-error")
    # the code their app shows lets them in, on to the page they asked for (after a wrong
    # code, django-otp refuses every code for a second, as it would a guessing script)
    page.wait_for_timeout(1_500)
    page.get_by_label("Code from your authenticator app").fill(authenticator_code(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"^[^?]*/import/$"))
    assert page.get_by_role("heading", level=1).count() == 1
    # and the next time, the password then a code from the same app
    page.context.clear_cookies()
    sign_in_form(page, site, "officer-2fa", PASSWORD)
    page.wait_for_url("**/accounts/two-factor/verify/**")
    check_page(page, "two-factor-verify")
    page.get_by_label("Code from your authenticator app").fill(authenticator_code(secret))
    page.get_by_role("button", name="Continue").click()
    assert "/accounts/" not in page.url
    assert page.get_by_role("link", name="Import").count() == 1


def test_eleven_wrong_passwords_lock_the_account_for_a_while(page: Any, site: str) -> None:
    from axes.models import AccessAttempt

    from watching_brief.tracker.web.accounts import create_account

    create_account("officer-locked", PASSWORD, "officer", [])
    # eleven wrong passwords: the last meets the lock
    for attempt in range(1, 12):
        sign_in_form(page, site, "officer-locked", f"wrong-{attempt}")
        locked = page.get_by_role("heading", name="Account locked for now").count() == 1
        assert locked == (attempt >= 10), attempt
    check_page(page, "sign-in-locked")
    # then the right password does not open it
    sign_in_form(page, site, "officer-locked", PASSWORD)
    assert page.get_by_role("heading", name="Account locked for now").count() == 1
    # until the lock has expired (15 minutes: the attempts are moved back in time)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    login(page, site, "officer-locked", PASSWORD)
    assert "/accounts/" not in page.url
