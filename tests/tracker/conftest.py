"""Tracker fixtures: the seed notes and the bundled examples ingested into the test DB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import EXAMPLES, SEEDS
from tests.tracker.world import World
from watching_brief.tracker.ingest.services import IngestResult, ingest_paths
from watching_brief.tracker.web.two_factor import needs_second_factor

WEST_MERCIA = "West Mercia OPCC"


def ingest_world() -> list[IngestResult]:
    """The two seed notes (filed under one body) and the four Northshire examples."""
    results = ingest_paths([SEEDS], body=WEST_MERCIA)
    results += ingest_paths([EXAMPLES])
    return results


@pytest.fixture(scope="session")
def world(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> World:
    """The seeds and examples ingested once per session (then rolled back), as rows."""
    generation = tmp_path_factory.mktemp("world") / "cache-generation"
    with django_db_blocker.unblock(), override_settings(BRIEF_CACHE_GENERATION_FILE=generation):
        return World.build(ingest_world)


@pytest.fixture
def ingested(db: None, world: World) -> list[IngestResult]:
    """The two seed notes (filed under one body) and the four Northshire examples, as
    :func:`ingest_world` stores them: the rows of the session's one ingest, inserted in
    bulk (a few statements a table) instead of reading six documents again."""
    world.restore()
    return world.results


@pytest.fixture
def notes_copy(tmp_path: Path) -> Path:
    """A writable copy of one example, to change and ingest again."""
    source = EXAMPLES / "northshire-assurance-2026-02.txt"
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


def verify_second_factor(client: Client, user: Any) -> None:
    """Pass the second factor for ``user`` signed in on ``client``, as django-otp's login
    does: a real TOTP device whose current code is computed here and checked by the device.
    (A new device each time: a device refuses a code it has already accepted.)"""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    assert device.verify_token(f"{code:0{device.digits}d}")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _second_factor_when_signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Officers and admins signed in by a test (``client.login``/``force_login``) also
    pass their second factor with a real code, and ``client.login`` hands django-axes the
    request it needs; the two-factor and lockout tests sign in through the pages instead."""
    login, sign_in = Client.login, Client._login

    def login_with_request(self: Client, **credentials: Any) -> bool:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        return login(self, request=request, **credentials)

    def sign_in_verified(self: Client, user: Any, backend: str | None = None) -> None:
        sign_in(self, user, backend)
        if needs_second_factor(user):
            verify_second_factor(self, user)

    monkeypatch.setattr(Client, "login", login_with_request)
    monkeypatch.setattr(Client, "_login", sign_in_verified)


@pytest.fixture(autouse=True)
def _empty_response_cache(settings: Any, tmp_path: Path) -> None:
    """Each test starts with no cached responses, its own generation file and its own
    API rate counters: a
    rolled-back test leaves no write behind to change the generation, and test processes
    running side by side must not change each other's."""
    settings.BRIEF_CACHE_GENERATION_FILE = tmp_path / "cache-generation"
    # The API's rate-limit counters too: a test's requests never count against another's.
    rate = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}
    settings.CACHES = {**settings.CACHES, "ratelimit": rate | {"LOCATION": tmp_path / "rate"}}


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """Django's default cache emptied before and after: counters kept there (the limits on
    questions and alert requests per address and network) start from nothing."""
    cache.clear()
    yield
    cache.clear()
