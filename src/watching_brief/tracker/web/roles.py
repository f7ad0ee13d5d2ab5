"""The access rules, for the web views and templates: a re-export of
:mod:`watching_brief.tracker.access`, where they live (nothing outside ``web`` imports
this module)."""

from __future__ import annotations

from watching_brief.tracker.access import (
    CONTRIBUTOR,
    OFFICER,
    can_close,
    can_update,
    is_contributor,
    is_officer,
    own_posts,
    visible_actions,
    visible_items,
    visible_meetings,
    visible_updates,
)

__all__ = [
    "CONTRIBUTOR",
    "OFFICER",
    "can_close",
    "can_update",
    "is_contributor",
    "is_officer",
    "own_posts",
    "visible_actions",
    "visible_items",
    "visible_meetings",
    "visible_updates",
]
