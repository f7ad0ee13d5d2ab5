"""The office's work lists: what waits for an officer, and what a force post has to do.

* an officer: the closures the force marked done, waiting for acceptance, and (where a
  body reviews the force's updates) the updates waiting to be read;
* a force contributor: the actions of the posts they are linked to, as overdue, due soon,
  open, and done but waiting for an officer to accept, with their updates still waiting
  or sent back.

Everything is read through :mod:`watching_brief.tracker.access`, so a list holds only
what its reader may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from watching_brief.tracker.access import is_officer, own_posts, visible_actions
from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, ActionUpdate

SOON = dt.timedelta(days=30)
RELATED = ("meeting", "meeting__series", "meeting__series__body", "item", "owner_post")


def closures_waiting(user: Any) -> QuerySet[Action]:
    """The actions marked done by the force, waiting for an officer to accept or send
    back (officers only: nobody else accepts a closure)."""
    if not is_officer(user):
        return Action.objects.none()
    done = visible_actions(user).filter(status=Action.Status.DONE)
    return done.select_related(*RELATED).order_by("due", "meeting__date", "position", "pk")


def updates_waiting(user: Any) -> QuerySet[ActionUpdate]:
    """The force's updates waiting for an officer's review, oldest first (officers only)."""
    if not is_officer(user):
        return ActionUpdate.objects.none()
    waiting = ActionUpdate.objects.filter(review=ActionUpdate.Review.PENDING)
    related = [f"action__{name}" for name in RELATED]
    return waiting.select_related("author", *related).order_by("date", "pk")


def post_actions(user: Any) -> QuerySet[Action]:
    """The actions of the posts ``user`` is linked to, as far as they may see them."""
    posts = own_posts(user)
    if not posts:
        return Action.objects.none()
    return visible_actions(user).filter(owner_post_id__in=posts)


@dataclass(slots=True)
class PostWork:
    """A contributor's posts' actions in the groups they act on, and their updates
    still with an officer (waiting) or sent back."""

    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    open: list[Action] = field(default_factory=list)
    awaiting: list[Action] = field(default_factory=list)
    waiting_updates: list[ActionUpdate] = field(default_factory=list)
    returned_updates: list[ActionUpdate] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.open or self.awaiting)


def post_work(user: Any, today: dt.date) -> PostWork:
    """The work of ``user``'s posts on ``today``: every open action in exactly one of
    overdue, due within 30 days, or open (later or no date); done ones awaiting."""
    work = PostWork()
    actions = post_actions(user).select_related(*RELATED)
    for action in actions.order_by("due", "meeting__date", "position", "pk"):
        if action.status == Action.Status.DONE:
            work.awaiting.append(action)
        elif action.status in OPEN_STATUSES:
            if action.due is not None and action.due < today:
                work.overdue.append(action)
            elif action.due is not None and action.due <= today + SOON:
                work.due_soon.append(action)
            else:
                work.open.append(action)
    updates = ActionUpdate.objects.filter(action__in=actions.values("pk")).select_related("action")
    for update in updates.exclude(review=ActionUpdate.Review.SHOWN).order_by("-date", "-pk"):
        pending = update.review == ActionUpdate.Review.PENDING
        (work.waiting_updates if pending else work.returned_updates).append(update)
    return work


@dataclass(frozen=True, slots=True)
class WorkCounts:
    """The counts a dashboard shows: for an officer what waits for them, for a
    contributor their posts' actions."""

    officer: bool = False
    closures: int = 0
    updates: int = 0
    overdue: int = 0
    due_soon: int = 0
    open: int = 0
    awaiting: int = 0


def work_counts(user: Any, today: dt.date) -> WorkCounts | None:
    """The dashboard's counts for ``user`` (None for the public: no work list)."""
    if is_officer(user):
        return WorkCounts(
            officer=True,
            closures=closures_waiting(user).count(),
            updates=updates_waiting(user).count(),
        )
    if not own_posts(user):
        return None
    counted = post_actions(user).aggregate(
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=today)),
        due_soon=Count(
            "pk", filter=Q(status__in=OPEN_STATUSES, due__gte=today, due__lte=today + SOON)
        ),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        awaiting=Count("pk", filter=Q(status=Action.Status.DONE)),
    )
    return WorkCounts(**counted)
