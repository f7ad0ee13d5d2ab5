"""Helpers the dashboard, meeting, post and topic pages share.

Everything here reads through the visibility rules of :mod:`..roles`: holders of posts
are worked out for the public from the attendance of meetings they may see, so a draft
meeting never shows through a post's history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Max, Min, Q, QuerySet
from django.http import HttpRequest

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Attendance, Item, Meeting
from watching_brief.tracker.people.models import Post, Tenure
from watching_brief.tracker.web.roles import is_officer, visible_actions, visible_meetings

STATUS_COLOURS = {
    "open": "blue",
    "in_progress": "yellow",
    "done": "green",
    "closed": "grey",
    "dropped": "grey",
}
ASSURANCE_COLOURS = {"assured": "green", "partly": "yellow", "not_assured": "red", "": "grey"}
PROCEDURAL = re.compile(
    r"matters arising|^aob$|any other business|next meeting|apologies|declarations? of"
    r"|minutes of the previous|work programme",
    re.IGNORECASE,
)


def status_tag(action: Action, today: dt.date | None = None) -> dict[str, str]:
    """The tag for an action's status now: red when it is overdue."""
    if action.is_overdue(today or dt.date.today()):
        return {"text": f"{action.get_status_display()} – overdue", "colour": "red"}
    return {"text": action.get_status_display(), "colour": STATUS_COLOURS.get(action.status, "")}


def assurance_tag(value: str) -> dict[str, str]:
    label = dict(Item.Assurance.choices)
    return {"text": str(label.get(value, "Not rated")), "colour": ASSURANCE_COLOURS.get(value, "")}


def span_query(source: Any, *fields: str) -> str:
    """``start=..&end=..`` covering the spans of ``fields`` in a part's source, or ""."""
    if not isinstance(source, dict):
        return ""
    spans = [
        span
        for name in fields
        for span in source.get(name) or []
        if isinstance(span, dict)
        and isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
    ]
    if not spans:
        return ""
    start = min(span["start"] for span in spans)
    end = max(span["end"] for span in spans)
    return urlencode({"start": start, "end": end}) if end > start else ""


def paginate(request: HttpRequest, rows: Any, per_page: int = 50) -> tuple[Page[Any], str]:
    """The requested page, and the query string of the other parameters for page links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    return page, others.urlencode()


def may_see_source(user: Any, meeting: Meeting) -> bool:
    """The document text holds everything, so the public sees it only when nothing in the
    meeting is restricted."""
    if is_officer(user):
        return True
    return not (
        meeting.items.filter(restricted=True).exists()
        or meeting.actions.filter(restricted=True).exists()
    )


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
    tenures = Tenure.objects.select_related("person").order_by("post_id", "start", "last_seen")
    if posts is not None:
        tenures = tenures.filter(post_id__in=list(posts))
    seen = None if is_officer(user) else _seen_in_posts(user)
    result: dict[int, list[Holder]] = defaultdict(list)
    for tenure in tenures:
        start, last = tenure.start, tenure.last_seen
        if seen is not None:
            if (tenure.post_id, tenure.person_id) not in seen:
                continue
            start, last = seen[(tenure.post_id, tenure.person_id)]
        kind = tenure.get_kind_display() if tenure.kind != Tenure.Kind.SUBSTANTIVE else ""
        result[tenure.post_id].append(Holder(tenure.person.name, kind, start, last))
    for holders in result.values():
        holders.sort(key=lambda holder: (holder.start, holder.last_seen))
        for holder, following in zip(holders, holders[1:], strict=False):
            holder.until = following.start if following.name != holder.name else None
    return dict(result)


def _seen_in_posts(user: Any) -> dict[tuple[int, int], tuple[dt.date, dt.date]]:
    rows = (
        Attendance.objects.filter(meeting__in=visible_meetings(user), post__isnull=False)
        .values("post", "person")
        .annotate(first=Min("meeting__date"), last=Max("meeting__date"))
    )
    return {(row["post"], row["person"]): (row["first"], row["last"]) for row in rows}


def current_holders(user: Any, posts: Iterable[int] | None = None) -> dict[int, str]:
    """The latest visible holder's name for each post."""
    return {
        post: holders[-1].name for post, holders in post_holders(user, posts).items() if holders
    }


def visible_posts(user: Any) -> QuerySet[Post]:
    """Posts seen in a visible meeting's attendance or owning a visible action."""
    posts = Post.objects.select_related("body")
    if is_officer(user):
        return posts
    attended = Attendance.objects.filter(meeting__in=visible_meetings(user)).values("post")
    owning = visible_actions(user).values("owner_post")
    return posts.filter(Q(pk__in=attended) | Q(pk__in=owning))
