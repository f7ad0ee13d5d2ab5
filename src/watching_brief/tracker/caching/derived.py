"""Values a page derives from the whole archive (the filter forms' choices: every owner
post, series and year a viewer may pick), kept in the cache between requests.

Signed-in pages are never stored whole (:mod:`.pages`), but their choices are the same
for everyone who sees the same things, and listing them reads every visible action or
meeting. So each is stored under the generation (any write to what a page shows makes a
new one, :mod:`.generation`) and the viewer's class of access, as the access module
decides it: an officer, the public, or a force contributor with their posts. A viewer
never reads a value computed for a class that sees more.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches

from watching_brief.tracker.access import is_officer, own_posts
from watching_brief.tracker.caching import generation

T = TypeVar("T")


def access_class(user: Any) -> str:
    """What decides what ``user`` sees: ``officer``, ``public`` or their posts."""
    if is_officer(user):
        return "officer"
    posts = own_posts(user)
    return "posts:" + ",".join(map(str, sorted(posts))) if posts else "public"


def remembered(name: str, user: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or its value stored for this generation and access class."""
    if not getattr(settings, "BRIEF_PAGE_CACHE", True):
        return compute()
    token = generation.current()
    if token is None:
        return compute()
    cache: Any = caches[settings.BRIEF_CACHE_ALIAS]
    key = f"brief:derived:{token}:{name}:{access_class(user)}"
    try:
        found = cache.get(key)
    except Exception:  # noqa: BLE001 - cache server down: compute it
        return compute()
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    with contextlib.suppress(Exception):  # not stored: the value is still right
        cache.set(key, value, timeout=int(getattr(settings, "BRIEF_CACHE_TIMEOUT", 600)))
    return value
