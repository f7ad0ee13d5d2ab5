"""Who holds a post, as far as the viewer may see: the one "holder of a post now".

For anyone but an officer, holders are worked out from the attendance of meetings the
viewer may see, so a draft meeting never shows through a post's history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min, Q, QuerySet

from watching_brief.tracker.access.roles import is_officer
from watching_brief.tracker.access.visibility import visible_actions, visible_meetings
from watching_brief.tracker.actions.log import current_holders as log_holders
from watching_brief.tracker.meetings.models import Attendance
from watching_brief.tracker.people.models import Post, Tenure


@dataclass(slots=True)
class Holder:
    """A person's time in a post, as far as the visitor may see."""

    name: str
    kind: str
    start: dt.date
    last_seen: dt.date
    until: dt.date | None = None


def post_holders(user: Any, posts: Iterable[int] | None = None) -> dict[int, list[Holder]]:
    """Holders of each post in date order; for the public only from visible meetings."""
    # Plain values, not models: a page of posts can have thousands of tenures.
    tenures = Tenure.objects.order_by("post_id", "start", "last_seen")
    wanted = None if posts is None else list(posts)
    if wanted is not None:
        tenures = tenures.filter(post_id__in=wanted)
    seen = None if is_officer(user) else _seen_in_posts(user, wanted)
    kinds = dict(Tenure.Kind.choices)
    result: dict[int, list[Holder]] = defaultdict(list)
    for post_id, person_id, name, kind, start, last in tenures.values_list(
        "post_id", "person_id", "person__name", "kind", "start", "last_seen"
    ):
        if seen is not None:
            if (post_id, person_id) not in seen:
                continue
            start, last = seen[(post_id, person_id)]
        label = str(kinds.get(kind, kind)) if kind != Tenure.Kind.SUBSTANTIVE else ""
        result[post_id].append(Holder(name, label, start, last))
    for holders in result.values():
        holders.sort(key=lambda holder: (holder.start, holder.last_seen))
        for holder, following in zip(holders, holders[1:], strict=False):
            holder.until = following.start if following.name != holder.name else None
    return dict(result)


def _seen_in_posts(
    user: Any, posts: list[int] | None = None
) -> dict[tuple[int, int], tuple[dt.date, dt.date]]:
    """First and last visible meeting each person attended in each post (only ``posts``,
    when given, so a page of posts reads only its own attendance)."""
    attendance = Attendance.objects.filter(meeting__in=visible_meetings(user), post__isnull=False)
    if posts is not None:
        attendance = attendance.filter(post_id__in=posts)
    rows = attendance.values("post", "person").annotate(
        first=Min("meeting__date"), last=Max("meeting__date")
    )
    return {(row["post"], row["person"]): (row["first"], row["last"]) for row in rows}


def current_holders(user: Any, posts: Iterable[int] | None = None) -> dict[int, str]:
    """The holder now of each post, as far as ``user`` may see (one rule everywhere: the
    holder whose time in the post, as seen, began last)."""
    if posts is None:
        posts = Post.objects.values_list("pk", flat=True)
    meetings = None if is_officer(user) else visible_meetings(user)
    return log_holders(set(posts), meetings)


def visible_posts(user: Any) -> QuerySet[Post]:
    """Posts seen in a visible meeting's attendance or owning a visible action."""
    posts = Post.objects.select_related("body")
    if is_officer(user):
        return posts
    attended = Attendance.objects.filter(meeting__in=visible_meetings(user)).values("post")
    owning = visible_actions(user).values("owner_post")
    return posts.filter(Q(pk__in=attended) | Q(pk__in=owning))
