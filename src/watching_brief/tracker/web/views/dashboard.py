"""The dashboard: actions by owner post, assurance over time, and the next meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from watching_brief.tracker.actions.models import OPEN_STATUSES
from watching_brief.tracker.actions.worklists import work_counts
from watching_brief.tracker.caching.derived import remembered
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.roles import visible_actions, visible_items, visible_meetings
from watching_brief.tracker.web.views.chart import (
    LEGEND,
    MAX_DATES,
    ChartItem,
    chart_data,
    render_svg,
)
from watching_brief.tracker.web.views.question_sets import overdue_question_sets
from watching_brief.tracker.web.views.shared import current_holders

SOON = dt.timedelta(days=30)


@dataclass(slots=True)
class OwnerCounts:
    """Open, overdue and due-soon counts for one owner post (or an owner as written)."""

    owner: str
    title: str
    post_id: int | None
    holder: str = ""
    open: int = 0
    overdue: int = 0
    due_soon: int = 0


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    today, user = dt.date.today(), request.user
    # Each part read over the whole archive is kept until anything changes (and, for the
    # counts of overdue actions, until the day does), per class of access.
    chart = remembered("dashboard-chart", user, lambda: chart_data(recent_items(user)))
    context = {
        "owners": remembered(f"dashboard-owners-{today}", user, lambda: owner_counts(user, today)),
        "chart": chart,
        "chart_svg": render_svg(chart),
        "legend": LEGEND,
        "next_meetings": remembered("dashboard-next", user, lambda: next_meetings(user)),
        "today": today,
        "overdue_responses": overdue_question_sets(request.user, today),
        "work": work_counts(request.user, today),
    }
    return render(request, "web/dashboard.html", context)


def recent_items(user: Any) -> list[ChartItem]:
    """The visible items of the meetings on the chart's latest dates (not every item), as
    plain values: two queries (items, then their topics' names), no model per row."""
    meetings = visible_meetings(user)
    dates = list(
        meetings.order_by("-date").values_list("date", flat=True).distinct()[: MAX_DATES * 3]
    )
    items = visible_items(user)
    if dates:
        # the meetings first (the date index), then their items (the meeting index): a
        # date condition on the joined meeting made SQLite scan every item
        recent = meetings.filter(date__gte=min(dates)).values_list("pk", flat=True)
        items = items.filter(meeting_id__in=list(recent))
    rows = list(
        items.order_by("meeting__date", "position").values_list(
            "pk", "title", "assurance", "meeting_id", "meeting__date"
        )
    )
    topics: dict[int, list[str]] = {}
    links = Item.topics.through.objects.filter(item_id__in=[row[0] for row in rows])
    for item_id, name in links.order_by("topic__name").values_list("item_id", "topic__name"):
        topics.setdefault(item_id, []).append(name)
    return [
        ChartItem(title, assurance, meeting, date, tuple(topics.get(pk, ())))
        for pk, title, assurance, meeting, date in rows
    ]


def owner_counts(user: Any, today: dt.date) -> list[OwnerCounts]:
    """Counts of the visible open actions by owner post, busiest first (one query)."""
    counted = (
        visible_actions(user)
        .filter(status__in=OPEN_STATUSES)
        .values("owner_post", "owner_text")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due__lt=today)),
            due_soon=Count("pk", filter=Q(due__gte=today, due__lte=today + SOON)),
        )
    )
    rows: dict[str, OwnerCounts] = {}
    posts = {post.pk: post for post in Post.objects.select_related("body")}
    for count in counted:
        post = posts.get(count["owner_post"])
        key = f"post-{post.pk}" if post else f"text-{(count['owner_text'] or '').casefold()}"
        row = rows.get(key) or _owner(post, count["owner_text"])
        rows[key] = row
        row.open += count["open"]
        row.overdue += count["overdue"]
        row.due_soon += count["due_soon"]
    holders = current_holders(user, [row.post_id for row in rows.values() if row.post_id])
    for row in rows.values():
        row.holder = holders.get(row.post_id, "") if row.post_id else ""
    return sorted(rows.values(), key=lambda row: (-row.overdue, -row.open, row.owner))


def _owner(post: Post | None, owner_text: str) -> OwnerCounts:
    if post is None:
        return OwnerCounts(owner_text or "No owner recorded", "", None)
    return OwnerCounts(str(post), f"{post.title} ({post.body})" if post.title else "", post.pk)


def next_meetings(user: Any) -> list[dict[str, Any]]:
    """For each series, the next meeting its latest visible meeting announced."""
    visible = visible_meetings(user)
    # Each series' latest date in SQL, then only the meetings of those dates (not every
    # visible meeting as a model).
    last = visible.values("series_id").annotate(last=Max("date")).values_list("series_id", "last")
    wanted = reduce(or_, (Q(series_id=series, date=date) for series, date in last), Q(pk__in=[]))
    latest: dict[int, Meeting] = {}
    chosen = visible.filter(wanted).select_related("series__body")
    for meeting in chosen.order_by("series_id", "-pk"):
        latest.setdefault(meeting.series_id, meeting)
    rows = [
        {
            "series": meeting.series,
            "date": meeting.next_meeting_date,
            "text": meeting.next_meeting_text,
            "after": meeting,
        }
        for meeting in latest.values()
    ]
    return sorted(rows, key=lambda row: (row["date"] is None, row["date"] or dt.date.max))
