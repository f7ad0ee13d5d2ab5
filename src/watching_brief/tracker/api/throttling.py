"""Rate limits per client address and per token, counted in Django's cache.

``BRIEF_API_RATE_LIMIT`` (requests per window, default 120) and
``BRIEF_API_RATE_WINDOW`` (seconds, default 60) are read at each request, so tests can
override them. A request over either limit gets 429 with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

DEFAULT_RATE_LIMIT = 120
DEFAULT_RATE_WINDOW = 60
COUNTED = "_brief_rate_counted"


def _idents(request: HttpRequest) -> list[str]:
    idents = [f"ip:{request.META.get('REMOTE_ADDR', '')}"]
    header = request.headers.get("Authorization", "")
    if header:
        idents.append(f"token:{hashlib.sha256(header.encode()).hexdigest()}")
    return idents


def _hits(ident: str, window: int, now: float) -> int:
    """Count one more request in the current fixed window for ``ident``."""
    key = f"brief-api-rate:{ident}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        return 1


def check_rate(request: HttpRequest) -> None:
    """Count the request once; raise Throttled (429) when it is over a limit."""
    if getattr(request, COUNTED, False):
        return
    setattr(request, COUNTED, True)
    limit = int(getattr(settings, "BRIEF_API_RATE_LIMIT", DEFAULT_RATE_LIMIT))
    window = int(getattr(settings, "BRIEF_API_RATE_WINDOW", DEFAULT_RATE_WINDOW))
    now = time.time()
    counts = [_hits(ident, window, now) for ident in _idents(request)]
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
