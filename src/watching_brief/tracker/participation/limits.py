"""How many questions or alert requests one address and one network may send: counted in
Django's cache (Redis where it runs, local memory otherwise), so no script floods them."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

# (how many, per seconds) for one e-mail address and for one network.
DEFAULT_LIMITS = {"address": (3, 24 * 3600), "network": (10, 3600)}
SETTINGS = {"publicq": "BRIEF_QUESTION_LIMITS", "alerts": "BRIEF_ALERT_LIMITS"}


def _limits(scope: str) -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, SETTINGS[scope], {})}


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
    return f"{scope}:{kind}:{digest}"


def allow(address: str, network: str, scope: str = "publicq") -> bool:
    """Count one request (a question, an alert) from this address and network; False when
    either is over its limit for ``scope``."""
    allowed = True
    for kind, value in (("address", address), ("network", network)):
        if not value:
            continue
        most, seconds = _limits(scope)[kind]
        key = _key(scope, kind, value)
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)
            count = 1
        allowed = allowed and count <= most
    return allowed
