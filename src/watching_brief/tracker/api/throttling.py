"""Rate limits per client address and per token, counted in Django's cache framework.

``BRIEF_API_RATE_LIMIT`` (requests per window, default 120) and
``BRIEF_API_RATE_WINDOW`` (seconds, default 60) are read at each request, so tests can
override them. A request over either limit gets 429 with ``Retry-After``.

The counters live in the ``ratelimit`` cache (settings), one key per client (or token)
and fixed window, expiring with it. With Redis (``BRIEF_CACHE_URL``) every app server,
process or machine, counts into the same keys with Redis's atomic ``INCR``; without it,
in files under the data folder, which every process on the machine shares. Counting
never writes to the database, so API reads do not queue behind SQLite's one writer.

The client's address is ``REMOTE_ADDR`` unless that is one of ``BRIEF_TRUSTED_PROXIES``;
then ``X-Forwarded-For`` is read from the right, past the trusted proxies, and the first
address they did not vouch for is the client (see :func:`client_address`).
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

DEFAULT_RATE_LIMIT = 120
DEFAULT_RATE_WINDOW = 60
COUNTED = "_brief_rate_counted"
CACHE_ALIAS = "ratelimit"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=16)
def trusted_networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks of ``BRIEF_TRUSTED_PROXIES`` entries (an address is a /32 or /128)."""
    try:
        return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())
    except ValueError as error:
        raise ImproperlyConfigured(f"BRIEF_TRUSTED_PROXIES: {error}") from None


def _parse(value: str) -> Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: Address | None, networks: Iterable[Network]) -> bool:
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: past trusted proxies only, read from the right."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = tuple(getattr(settings, "BRIEF_TRUSTED_PROXIES", ()))
    networks = trusted_networks(proxies) if proxies else ()
    if not _trusted(_parse(remote), networks):
        return remote
    client = remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            break  # not written by a proxy we trust: keep the last address vouched for
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def _idents(request: HttpRequest) -> list[str]:
    idents = [f"ip:{client_address(request)}"[:100]]
    header = request.headers.get("Authorization", "")
    if header:
        idents.append(f"token:{hashlib.sha256(header.encode()).hexdigest()}")
    return idents


def hit(ident: str, window: int, now: float) -> int:
    """Count one more request for ``ident`` in the current fixed window; return the count.

    ``add`` opens the window's key at 0 (it expires when the window ends, a second late
    for clocks apart) and ``incr`` raises it: atomic in Redis and in local memory; in
    files, two processes counting the same client at the same instant may count once.
    """
    start = int(now // window) * window
    key = f"rate:{start}:{ident}"
    cache = caches[CACHE_ALIAS]
    cache.add(key, 0, timeout=max(1, int(start + window - now) + 1))
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: the window's first hit
        cache.set(key, 1, timeout=max(1, int(start + window - now) + 1))
        return 1


def check_rate(request: HttpRequest) -> None:
    """Count the request once; raise Throttled (429) when it is over a limit."""
    if getattr(request, COUNTED, False):
        return
    setattr(request, COUNTED, True)
    limit = int(getattr(settings, "BRIEF_API_RATE_LIMIT", DEFAULT_RATE_LIMIT))
    window = int(getattr(settings, "BRIEF_API_RATE_WINDOW", DEFAULT_RATE_WINDOW))
    now = time.time()
    counts = [hit(ident, window, now) for ident in _idents(request)]
    if max(counts) > limit:
        raise Throttled(wait=math.ceil(window - now % window))


class RateLimit(BaseThrottle):
    """The API-wide throttle: every operation is counted once per request."""

    def __init__(self) -> None:
        self._local = threading.local()  # the wait of this thread's latest refusal

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        try:
            check_rate(request)
        except Throttled as error:
            self._local.wait = error.wait
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
