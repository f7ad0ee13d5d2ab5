"""The cache of anonymous responses: restricting something empties every cached public
response that held it (local memory and Redis), signed-in users never share it, and every
page, feed and API read answers a matching If-None-Match with 304."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.caching import generation, pages
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item
from watching_brief.tracker.web.accounts import create_account

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
ITEM_MARKER = "MARKER-CACHE-ITEM-71c3"
ACTION_MARKER = "MARKER-CACHE-ACTION-0be9"
HEADER = "X-Brief-Cache"


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def backend(request: pytest.FixtureRequest, settings: Any) -> Iterator[str]:
    """Each test twice: local memory (the SQLite default) and the Redis server, if it runs."""
    if request.param == "locmem":
        yield "locmem"
        return
    if not redis_reachable():
        pytest.skip("no Redis server at 127.0.0.1:6379")
    prefix = f"brief-test-{secrets.token_hex(4)}"
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
    redis["LOCATION"] = "redis://127.0.0.1:6379/0"
    settings.CACHES = {  # the pages and the API's rate counters, as settings.py has them
        "default": redis | {"KEY_PREFIX": prefix},
        "ratelimit": redis | {"KEY_PREFIX": f"{prefix}-rate"},
    }
    settings.BRIEF_CACHE_SHARED = True
    yield "redis"
    client = caches["default"]._cache.get_client(write=True)  # type: ignore[attr-defined]
    for key in client.scan_iter(match=f"{prefix}*"):  # only this test's keys
        client.delete(key)


@pytest.fixture
def marked(db: None) -> dict[str, Any]:
    """One published meeting; an item's text and another item's action carry a marker."""
    ingest_paths([EXAMPLES / "northshire-assurance-2026-02.txt"])
    item = Item.objects.exclude(actions=None).order_by("pk").first()
    assert item is not None
    item.title = f"{ITEM_MARKER} {item.title}"
    item.save()
    action = Action.objects.exclude(item=item).exclude(item=None).order_by("pk").first()
    assert action is not None
    action.text = f"{ACTION_MARKER} {action.text}"
    action.save()
    return {"meeting": item.meeting, "item": item, "action": action}


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


def public_urls(marked: dict[str, Any]) -> list[str]:
    meeting, action = marked["meeting"], marked["action"]
    return [
        f"/meetings/{meeting.pk}/",
        "/actions/",
        f"/actions/{action.pk}/",
        "/api/actions?limit=200",
        f"/api/meetings/{meeting.pk}",
        f"/api/actions/{action.pk}",
    ]


def warm(client: Client, urls: list[str]) -> dict[str, str]:
    """GET each URL twice: the second answer must come from the cache."""
    bodies = {}
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        again = client.get(url)
        assert again[HEADER] == "hit", (url, again[HEADER])
        assert again.content == first.content
        bodies[url] = again.content.decode()
    return bodies


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["item", "action"])
def test_restricting_empties_the_cached_public_responses_that_held_it(
    backend: str, marked: dict[str, Any], what: str
) -> None:
    marker = ITEM_MARKER if what == "item" else ACTION_MARKER
    anonymous = Client()
    urls = public_urls(marked)
    holding = [url for url, body in warm(anonymous, urls).items() if marker in body]
    meeting = marked["meeting"].pk
    assert {f"/meetings/{meeting}/", f"/api/meetings/{meeting}"} <= set(holding)
    if what == "action":
        assert {"/actions/", "/api/actions?limit=200", f"/actions/{marked['action'].pk}/"} <= set(
            holding
        )

    thing = marked[what]  # as an officer's save does: committed at once (autocommit)
    thing.restricted = True
    thing.save()

    for url in holding:
        response = anonymous.get(url)
        assert response[HEADER] != "hit", url
        assert marker not in response.content.decode(), url


@pytest.mark.parametrize("bulk", [False, True])
def test_a_change_inside_a_transaction_is_seen_by_the_next_read(
    marked: dict[str, Any], bulk: bool
) -> None:
    """Within one transaction (a test, or a command that writes then reads) too; and a
    QuerySet.update(), which sends no signal, empties the cache like a save()."""
    anonymous = Client()
    url = f"/meetings/{marked['meeting'].pk}/"
    assert ITEM_MARKER in warm(anonymous, [url])[url]
    item = marked["item"]
    if bulk:
        Item.objects.filter(pk=item.pk).update(restricted=True)
    else:
        item.restricted = True
        item.save()
    response = anonymous.get(url)
    assert response[HEADER] == "miss" and ITEM_MARKER not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_commit_changes_the_generation_again() -> None:
    """A visitor who read the old rows while a transaction was open stored them under the
    generation of its first write; the commit makes that generation unreachable."""
    from django.db import transaction

    with transaction.atomic():
        Item.objects.filter(pk=0).update(restricted=True)  # a write, no row needed
        during = generation.current()
    after = generation.current()
    assert during is not None and after is not None and during != after


def test_what_does_not_empty_the_cache() -> None:
    quiet = generation.is_quiet
    assert quiet('SELECT "meetings_item"."id" FROM "meetings_item"')
    assert quiet('UPDATE "django_session" SET "expire_date" = %s')
    assert quiet('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)')
    assert not quiet('UPDATE "meetings_item" SET "restricted" = %s')
    assert not quiet('INSERT INTO "actions_action" ("text") VALUES (%s)')
    assert not quiet('DELETE FROM "people_post" WHERE "id" = %s')
    assert not quiet("ALTER TABLE x ADD COLUMN y int")


def test_a_signed_in_officer_is_never_served_an_anonymous_page(
    backend: str, marked: dict[str, Any], officer: Any
) -> None:
    Item.objects.filter(pk=marked["item"].pk).update(restricted=True)
    url = f"/meetings/{marked['meeting'].pk}/"
    public = warm(Client(), [url])[url]
    assert ITEM_MARKER not in public
    signed_in = Client()
    signed_in.force_login(officer)
    for _ in range(2):
        response = signed_in.get(url)
        assert response[HEADER] == "pass"
        assert ITEM_MARKER in response.content.decode()  # the officer's own view
        assert "private" in response["Cache-Control"]


def test_an_officers_page_is_never_cached_for_the_public(
    backend: str, marked: dict[str, Any], officer: Any
) -> None:
    Item.objects.filter(pk=marked["item"].pk).update(restricted=True)
    signed_in = Client()
    signed_in.force_login(officer)
    token_header = {"HTTP_AUTHORIZATION": "Bearer not-a-real-token"}
    for url in public_urls(marked):
        signed_in.get(url)
        Client().get(url, **token_header)
    for url in public_urls(marked):
        response = Client().get(url)
        assert response[HEADER] == "miss", url  # nothing was stored by the officer
        assert ITEM_MARKER not in response.content.decode(), url


@pytest.mark.parametrize(
    "url", ["/", "/meetings/", "/actions/?status=open", "/feeds/meetings.atom", "/api/meetings"]
)
def test_if_none_match_gives_304(marked: dict[str, Any], officer: Any, url: str) -> None:
    anonymous = Client()
    first = anonymous.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert first.has_header("Last-Modified") and "Cookie" in first["Vary"]
    cached = anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304 and cached.content == b""
    assert anonymous.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    signed_in = Client()
    signed_in.force_login(officer)
    own = signed_in.get(url)  # (its page holds a fresh CSRF token each time: a new ETag)
    assert own.status_code == 200 and own["ETag"].startswith('"') and own[HEADER] == "pass"


def test_cached_api_reads_still_count_against_the_rate_limit(
    marked: dict[str, Any], settings: Any
) -> None:
    settings.BRIEF_API_RATE_LIMIT = 3
    anonymous = Client()
    answers = [anonymous.get("/api/bodies") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert answers[2][HEADER] == "hit" and answers[3].has_header("Retry-After")


def test_responses_that_depend_on_the_visitor_are_not_stored(db: None) -> None:
    factory = RequestFactory()
    request = factory.get("/meetings/")
    assert pages.anonymous_request(request)
    plain = HttpResponse(b"page")
    assert pages.storable(request, plain)
    with_cookie = HttpResponse(b"page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not pages.storable(request, with_cookie)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # the page holds a CSRF token
    assert not pages.storable(request, plain)
    varying = HttpResponse(b"page")
    varying["Vary"] = "Accept-Language"
    assert not pages.storable(factory.get("/meetings/"), varying)
    assert not pages.storable(factory.get("/meetings/"), HttpResponse(b"x", status=404))
    signed = factory.get("/meetings/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert not pages.anonymous_request(signed)
    assert not pages.anonymous_request(factory.get("/", HTTP_AUTHORIZATION="Bearer x"))
    assert not pages.anonymous_request(factory.post("/meetings/"))
    assert not pages.anonymous_request(factory.get("/admin/"))


def test_the_cache_is_off_when_set_off(marked: dict[str, Any], settings: Any) -> None:
    settings.BRIEF_PAGE_CACHE = False
    anonymous = Client()
    url = f"/meetings/{marked['meeting'].pk}/"
    assert [anonymous.get(url)[HEADER] for _ in range(2)] == ["pass", "pass"]
