"""What each viewer may see, as query filters the database answers from the stored flags.

* the public (anonymous): published meetings, and of them only the items and actions not
  restricted, whether on their own or by sitting under a restricted item;
* a force contributor: as the public, plus the actions set for a post they are linked to
  (restricted or not), which they may update; nothing else restricted;
* an officer: everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from watching_brief.tracker.access.roles import is_officer, own_posts
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.meetings.models import CarriedForward, Item, Meeting

PUBLISHED = Meeting.Status.PUBLISHED


def withheld(obj: Item | Action) -> bool:
    """Whether an item or action is hidden from the public (its meeting apart)."""
    return bool(obj.restricted or obj.effective_restricted)


WITHHELD_ROWS = Q(restricted=True) | Q(effective_restricted=True)


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("series", "series__body")
    if is_officer(user):
        return meetings
    return meetings.filter(status=PUBLISHED)


def public_items() -> Q:
    """The public's items. The stored flag carries restriction down from parents; the
    item's own flag is read too (same row, no cost), in case it changed behind our back."""
    return Q(meeting__status=PUBLISHED, effective_restricted=False, restricted=False)


def visible_items(user: Any) -> QuerySet[Item]:
    items = Item.objects.select_related("meeting")
    if is_officer(user):
        return items
    return items.filter(public_items())


def public_actions(prefix: str = "") -> Q:
    """The public's actions, as a filter (``prefix`` for a relation, e.g. ``"action__"``)."""
    return Q(
        **{
            f"{prefix}meeting__status": PUBLISHED,
            f"{prefix}effective_restricted": False,
            f"{prefix}restricted": False,
        }
    )


def action_filter(user: Any, prefix: str = "") -> Q | None:
    """The filter of the actions ``user`` may see (None: every action)."""
    if is_officer(user):
        return None
    allowed = Q(**{f"{prefix}effective_restricted": False, f"{prefix}restricted": False})
    posts = own_posts(user)
    if posts:
        allowed |= Q(**{f"{prefix}owner_post_id__in": posts})
    return allowed & Q(**{f"{prefix}meeting__status": PUBLISHED})


def visible_actions(user: Any) -> QuerySet[Action]:
    actions = Action.objects.all()
    allowed = action_filter(user)
    return actions if allowed is None else actions.filter(allowed)


def visible_updates(user: Any) -> QuerySet[ActionUpdate]:
    """The updates ``user`` may read, on actions they may see.

    The public (and contributors of other posts) read only the updates shown: none still
    waiting for an officer's review or sent back (``ActionUpdate.review``), none minuted at
    a meeting not published. The contributors of the owner post also read their post's
    waiting and sent-back updates; officers read everything.
    """
    updates = ActionUpdate.objects.all()
    if is_officer(user):
        return updates
    shown = Q(review=ActionUpdate.Review.SHOWN)
    posts = own_posts(user)
    if posts:
        shown |= Q(action__owner_post_id__in=posts)
    minuted = Q(meeting__isnull=True) | Q(meeting__status=PUBLISHED)
    return updates.filter(shown, minuted, action_filter(user, "action__"))


def may_see_action(user: Any, action: Action) -> bool:
    if is_officer(user):
        return True
    if action.owner_post_id is not None and action.owner_post_id in own_posts(user):
        return action.meeting.status == PUBLISHED
    return not withheld(action) and action.meeting.status == PUBLISHED


def public_matters() -> Q:
    """Carried-forward matters the public may read: repeating no action, or a public one."""
    return Q(action__isnull=True) | public_actions("action__")


def visible_matters(user: Any) -> QuerySet[CarriedForward]:
    matters = CarriedForward.objects.all()
    if is_officer(user):
        return matters
    return matters.filter(public_matters()).exclude(
        Q(item__effective_restricted=True) | Q(item__restricted=True)
    )


def may_see_source(user: Any, meeting: Meeting) -> bool:
    """The document text holds everything, so the public sees it only when nothing in the
    meeting is restricted, and no matter it brings forward repeats a hidden action."""
    if is_officer(user):
        return True
    return not (
        meeting.items.filter(WITHHELD_ROWS).exists()
        or meeting.actions.filter(WITHHELD_ROWS).exists()
        or meeting.carried_forward.exclude(public_matters()).exists()
    )
