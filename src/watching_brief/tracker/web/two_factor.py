"""Two-factor sign-in (TOTP, django-otp) for officers and admins.

An officer or admin who has signed in with a password reaches no page until they have
also given a code from their authenticator app: :class:`RequireSecondFactor` sends them to
the set-up page (first sign-in: a QR code drawn here, no network, and the key as text) or
to the verify page. Contributors and the public are not asked. `brief createuser` sets up
the device of a new officer or admin and prints its key, so they can sign in at once.
Wrong codes are throttled by the device itself (django-otp doubles the wait each time).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from watching_brief.tracker.web.roles import is_officer

DEVICE_NAME = "Authenticator app"
# Pages an officer may reach between the password and the code (and static files).
OPEN_URL_NAMES = ("two_factor_setup", "two_factor_verify", "logout")


def needs_second_factor(user: Any) -> bool:
    """Officers and admins (anyone with the admin site) sign in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or is_officer(user))


def add_device(user: Any, confirmed: bool = True) -> TOTPDevice:
    """A new TOTP device (authenticator app) for ``user``."""
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=confirmed)


def secret_text(device: TOTPDevice) -> str:
    """The device's key in base32, as an authenticator app asks for it when typed."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG QR code, drawn here (no network)."""
    code = segno.make(device.config_url, error="m")
    return str(code.svg_inline(scale=5, title="QR code of the authenticator app key"))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:dashboard")


class RequireSecondFactor:
    """Middleware (after django-otp's): an officer or admin not yet verified by a code
    is sent to set up or verify their device, whatever page they asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if needs_second_factor(user) and not user.is_verified() and not _open(request):  # type: ignore[union-attr]
            page = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
            return redirect(f"{reverse(page)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def _open(request: HttpRequest) -> bool:
    from django.conf import settings

    if request.path.startswith(settings.STATIC_URL):
        return True
    return request.path in {reverse(name) for name in OPEN_URL_NAMES}


def locked_out(request: HttpRequest, response: Any, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a sign-in while the account is locked: a GOV.UK page, 429."""
    from django.conf import settings

    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "registration/locked.html", context, status=429)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app", max_length=8, strip=True,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )  # fmt: skip

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return code


def _wrong_code(form: CodeForm) -> None:
    form.add_error("code", "The code is not correct (or has been used): wait for a new one")


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: show a new device's key (QR code and text) and confirm it by a code."""
    user = request.user
    if not needs_second_factor(user):
        return redirect(_next_url(request))
    if user_has_device(user):
        return redirect(f"{reverse('two_factor_verify')}?next={quote(_next_url(request))}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = add_device(user, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        _wrong_code(form)
    context = {
        "form": form,
        "qr": qr_svg(device),
        "secret": secret_text(device),
        "next": _next_url(request),
    }
    return render(request, "registration/two_factor_setup.html", context)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the user's authenticator app."""
    user = request.user
    if not needs_second_factor(user) or user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if not user_has_device(user):
        return redirect(f"{reverse('two_factor_setup')}?next={quote(_next_url(request))}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        _wrong_code(form)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/two_factor_verify.html", context)
