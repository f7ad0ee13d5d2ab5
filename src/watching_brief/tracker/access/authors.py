"""Who wrote an update or made a change, as the viewer may be told.

Officers see account names. Everyone else sees the post or the office, never an
account name: an update by a force contributor is signed with their post (the action's
owner post when they are linked to it), one by an officer with the office (the body
whose meeting set the action). Text written by the system ("Minuted at ...") stays.
"""

from __future__ import annotations

from typing import Any

from watching_brief.tracker.access.roles import CONTRIBUTOR, OFFICER, is_officer
from watching_brief.tracker.actions.models import Action, ActionUpdate

IMPORTED = "Import"


def office(action: Action) -> str:
    """The office whose meeting set the action."""
    body = action.meeting.series.body
    return str(body.name)


def signature(author: Any, action: Action, viewer: Any) -> str:
    """How ``author`` (a user, or None for the system) of a change to ``action`` is named."""
    if author is None:
        return IMPORTED
    if is_officer(viewer):
        return str(author.get_username())
    posts = {link.post_id: link.post for link in author.post_links.select_related("post")}
    names = {group.name for group in author.groups.all()}
    if OFFICER not in names and not author.is_superuser and CONTRIBUTOR in names and posts:
        post = posts.get(action.owner_post_id or 0) or next(iter(posts.values()))
        return str(post)
    return office(action)


def update_author(update: ActionUpdate, viewer: Any) -> str:
    """The name an update is signed with, for ``viewer``."""
    if update.author_id is None:
        return update.author_name or "Not recorded"
    return signature(update.author, update.action, viewer)
