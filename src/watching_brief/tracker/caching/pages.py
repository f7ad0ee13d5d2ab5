"""The middleware that caches anonymous responses and marks every response for HTTP caches.

A request is answered from the cache, or its response stored, only when it is anonymous:

- GET or HEAD (only a GET's response is stored; a HEAD may be answered from it);
- no session cookie, no ``Authorization`` header, and no cookie but the CSRF cookie;
- not under ``/admin/``, ``/accounts/`` or ``/static/``.

A response is stored only when it is a complete 200 (not streamed, at most
``BRIEF_CACHE_MAX_BYTES``), set no cookie, used no CSRF token, is not ``private`` or
``no-store``, varies on nothing but ``Cookie``/``Authorization``, and the request turned
out anonymous (no signed-in user, no API token). So a signed-in officer is never served a
cached page, and nothing an officer sees is ever stored for the public.

The key holds the generation (see :mod:`.generation`), today's date (pages say what is
overdue), the scheme, host and full path with its query. An anonymous API read answered
from the cache is still counted against the API rate limit.

Every response gets an ETag by :class:`django.middleware.http.ConditionalGetMiddleware`
(placed before this one), which answers a matching ``If-None-Match`` with 304. Anonymous
responses also get ``Last-Modified`` (when the generation was made, or midnight if later)
and ``Vary: Cookie, Authorization``; responses without a ``Cache-Control`` of their own
get ``no-cache`` (anonymous: shared caches may keep them but must revalidate) or
``private, no-cache`` (signed in). The header ``X-Brief-Cache`` says ``hit``, ``miss``
(stored now) or ``pass``.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

from watching_brief.tracker.caching import generation

SKIP_PREFIXES = ("/admin/", "/accounts/", "/static/")
ALLOWED_COOKIES = frozenset({"csrftoken"})
VARY_OK = frozenset({"cookie", "authorization", "accept-encoding"})
HEADER = "X-Brief-Cache"
DROP_HEADERS = frozenset({"set-cookie", HEADER.lower()})

try:
    _VERSION = importlib.metadata.version("watching-brief")
except importlib.metadata.PackageNotFoundError:
    _VERSION = "0"


def enabled() -> bool:
    return bool(getattr(settings, "BRIEF_PAGE_CACHE", True))


def anonymous_request(request: HttpRequest) -> bool:
    """Could this request be answered from the cache (before any view runs)?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(name not in ALLOWED_COOKIES for name in request.COOKIES):
        return False
    return not request.path.startswith(SKIP_PREFIXES)


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return True
    return getattr(request, "auth", None) is not None  # an API token


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """May ``response`` to the anonymous ``request`` be stored for every visitor?"""
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or not isinstance(response, HttpResponse):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - VARY_OK:
        return False
    if len(response.content) > int(getattr(settings, "BRIEF_CACHE_MAX_BYTES", 2_000_000)):
        return False
    return not _signed_in(request)


def cache_key(request: HttpRequest, token: str) -> str:
    today = timezone.localdate().isoformat()
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"brief:page:{_VERSION}:{token}:{today}:{where}"


def last_modified(token: str) -> float:
    """When the data last changed as far as we know: the generation, or midnight today."""
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    made = generation.made_at(token) or midnight.timestamp()
    return max(made, midnight.timestamp())


def freeze(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(k, v) for k, v in response.items() if k.lower() not in DROP_HEADERS]
    return response.status_code, headers, response.content


def thaw(frozen: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for key, value in headers:
        response[key] = value
    return response


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    """Count a cached API read against the rate limit; the 429 when it is over."""
    if not request.path.startswith("/api/"):
        return None
    import math

    from ninja.errors import Throttled

    from watching_brief.tracker.api.throttling import check_rate

    try:
        check_rate(request)
    except Throttled as error:
        refused = JsonResponse({"detail": error.message}, status=429)
        if error.wait is not None:
            refused["Retry-After"] = str(math.ceil(error.wait))
        return refused
    return None


def _mark_public(response: HttpResponseBase, token: str | None) -> None:
    patch_vary_headers(response, ("Cookie", "Authorization"))
    if (
        token is not None
        and response.status_code == 200
        and not response.has_header("Last-Modified")
    ):
        response["Last-Modified"] = http_date(last_modified(token))
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)


def _mark_private(response: HttpResponseBase) -> None:
    """A response that may depend on who asked: no shared cache keeps it."""
    patch_vary_headers(response, ("Cookie", "Authorization"))
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


class AnonymousCacheMiddleware:
    """Serve and store anonymous responses (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not (enabled() and anonymous_request(request)):
            response = self.get_response(request)
            _mark_private(response)
            response[HEADER] = "pass"
            return response
        token = generation.current()
        cache: Any = caches[settings.BRIEF_CACHE_ALIAS]
        key = cache_key(request, token) if token else None
        if key is not None:
            try:
                frozen = cache.get(key)
            except Exception:  # noqa: BLE001 - cache server down: answer uncached
                frozen, key = None, None
            if frozen is not None:
                refused = _rate_limited(request)
                if refused is not None:
                    return refused
                response = thaw(frozen)
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        if key is not None and isinstance(response, HttpResponse) and storable(request, response):
            _mark_public(response, token)
            if not response.has_header("ETag"):
                set_response_etag(response)
            timeout = int(getattr(settings, "BRIEF_CACHE_TIMEOUT", 600))
            try:
                cache.set(key, freeze(response), timeout=timeout)
                response[HEADER] = "miss"
            except Exception:  # noqa: BLE001 - not stored; the response is still right
                response[HEADER] = "pass"
            return response
        if response.cookies or _signed_in(request):
            _mark_private(response)
        else:
            _mark_public(response, None)
        response[HEADER] = "pass"
        return response
