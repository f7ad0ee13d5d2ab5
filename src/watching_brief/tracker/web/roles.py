"""Roles and what each may see and do. Every page, export and API reads through here.

* public (anonymous): published meetings, and only their unrestricted items and actions;
* force contributor: as public, plus adding updates to the actions of their posts;
* officer: sees and edits everything, accepts closures;
* admin: Django's superuser.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Item, Meeting

OFFICER = "officer"
CONTRIBUTOR = "force contributor"


def is_officer(user: Any) -> bool:
    """Officers and admins see everything and edit everything."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.groups.filter(name=OFFICER).exists())


def is_contributor(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.groups.filter(name=CONTRIBUTOR).exists()
    )


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("series", "series__body")
    if is_officer(user):
        return meetings
    return meetings.filter(status=Meeting.Status.PUBLISHED)


def visible_items(user: Any) -> QuerySet[Item]:
    items = Item.objects.select_related("meeting")
    if is_officer(user):
        return items
    return items.filter(meeting__status=Meeting.Status.PUBLISHED, restricted=False)


def visible_actions(user: Any) -> QuerySet[Action]:
    actions = Action.objects.all()
    if is_officer(user):
        return actions
    return actions.filter(meeting__status=Meeting.Status.PUBLISHED, restricted=False).exclude(
        item__restricted=True
    )


def can_update(user: Any, action: Action) -> bool:
    """Officers, and force contributors linked to the action's owner post."""
    if is_officer(user):
        return True
    if not is_contributor(user) or action.owner_post_id is None:
        return False
    return bool(user.post_links.filter(post_id=action.owner_post_id).exists())


def can_close(user: Any) -> bool:
    """Only officers accept a closure."""
    return is_officer(user)
