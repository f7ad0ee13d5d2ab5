"""Who the viewer is: the public, a force contributor linked to posts, or an officer."""

from __future__ import annotations

import contextlib
from typing import Any

OFFICER = "officer"
CONTRIBUTOR = "force contributor"


def _groups(user: Any) -> frozenset[str]:
    """The names of the user's groups, asked once per user object (a page asks the role
    many times: every visibility filter, holder and author)."""
    cached = getattr(user, "_access_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        with contextlib.suppress(AttributeError):  # a user object without a __dict__
            user._access_groups = cached
    return frozenset(cached)


def is_officer(user: Any) -> bool:
    """Officers and admins see everything and edit everything."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or OFFICER in _groups(user))


def is_contributor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and CONTRIBUTOR in _groups(user))


def own_posts(user: Any) -> list[int]:
    """The posts a force contributor is linked to (none for anyone else); asked once per
    user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_access_posts", None)
    if cached is None:
        cached = list(user.post_links.values_list("post_id", flat=True))
        if not is_contributor(user):
            cached = []
        with contextlib.suppress(AttributeError):  # a user object without a __dict__
            user._access_posts = cached
    return list(cached)


def can_update(user: Any, action: Any) -> bool:
    """Officers, and force contributors linked to the action's owner post."""
    if is_officer(user):
        return True
    return action.owner_post_id is not None and action.owner_post_id in own_posts(user)


def can_close(user: Any) -> bool:
    """Only officers accept a closure."""
    return is_officer(user)
