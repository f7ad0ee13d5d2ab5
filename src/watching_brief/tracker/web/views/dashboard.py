"""The landing page: what the site holds (whose meetings, the latest published notes, the
state of each body's actions), actions by owner post, assurance over time, and the next
meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from watching_brief.tracker.actions.models import OPEN_STATUSES
from watching_brief.tracker.actions.worklists import work_counts
from watching_brief.tracker.caching.derived import remembered
from watching_brief.tracker.meetings.models import Body, Item, Meeting
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.programme import calendar
from watching_brief.tracker.programme.models import Schedule
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
DONE_STATUSES = ("done", "closed")


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
    today, user = timezone.localdate(), request.user
    # Each part read over the whole archive is kept until anything changes (and, for the
    # parts that depend on the day, until the day does), per class of access.
    chart = remembered("dashboard-chart", user, lambda: chart_data(recent_items(user)))
    context = {
        "bodies": remembered(
            f"dashboard-bodies-{today}", user, lambda: body_summaries(user, today)
        ),
        "latest": latest_notes(user),
        "owners": remembered(f"dashboard-owners-{today}", user, lambda: owner_counts(user, today)),
        "chart": chart,
        "chart_svg": render_svg(chart),
        "legend": LEGEND,
        "next_meetings": remembered(
            f"dashboard-next-{today}", user, lambda: next_meetings(user, today)
        ),
        "today": today,
        "overdue_responses": overdue_question_sets(request.user, today),
        "work": work_counts(request.user, today),
    }
    return render(request, "web/dashboard.html", context)


LATEST_NOTES = 5


@dataclass(slots=True)
class BodySummary:
    """One body: its series, how many of its meetings the reader may see and the state of
    the actions they set (open, of which overdue; done or closed)."""

    body: Body
    series: list[str]
    meetings: int = 0
    last: dt.date | None = None
    open: int = 0
    overdue: int = 0
    done: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done

    def share(self, count: int) -> float:
        """``count`` as a percentage of the open and done actions (for the bar)."""
        return round(100 * count / self.total, 1) if self.total else 0.0

    @property
    def bar(self) -> list[tuple[str, float, float, str]]:
        """(label, x, width, colour) of each part of the bar: done, open, overdue."""
        parts = [
            ("Done", self.done, "#00703c"),
            ("Open, not overdue", self.open - self.overdue, "#1d70b8"),
            ("Overdue", self.overdue, "#d4351c"),
        ]
        bar, x = [], 0.0
        for label, count, colour in parts:
            width = self.share(count)
            if width:
                bar.append((label, x, width, colour))
            x += width
        return bar


def body_summaries(user: Any, today: dt.date) -> list[BodySummary]:
    """Each body with meetings the reader may see, and its actions that the reader may
    see: open (and overdue) and done (done or closed). Two grouped queries."""
    meetings = visible_meetings(user)
    rows = list(
        meetings.values("series__body_id", "series__name")
        .annotate(count=Count("pk"), last=Max("date"))
        .order_by("series__name")
    )
    bodies = {b.pk: b for b in Body.objects.filter(pk__in=[r["series__body_id"] for r in rows])}
    summaries: dict[int, BodySummary] = {}
    for row in rows:
        body_id = row["series__body_id"]
        summary = summaries.setdefault(body_id, BodySummary(bodies[body_id], []))
        summary.series.append(row["series__name"])
        summary.meetings += row["count"]
        summary.last = max(filter(None, (summary.last, row["last"])))
    counts = (
        visible_actions(user)
        .values("meeting__series__body_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=today)),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES)),
        )
    )
    for count in counts:
        found = summaries.get(count["meeting__series__body_id"])
        if found is not None:
            found.open, found.overdue, found.done = count["open"], count["overdue"], count["done"]
    return sorted(summaries.values(), key=lambda s: s.body.name.casefold())


def latest_notes(user: Any) -> list[Meeting]:
    """The newest published meetings the reader may see."""
    published = visible_meetings(user).filter(status=Meeting.Status.PUBLISHED)
    return list(published.order_by("-date", "-pk")[:LATEST_NOTES])


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


def next_meetings(user: Any, today: dt.date) -> list[dict[str, Any]]:
    """For each series, its next meeting from today on, never one in the past: a visible
    meeting dated today or later, else the date its latest meeting announced, else the
    next date of its calendar. A series with none of these is left out."""
    visible = visible_meetings(user)
    # Each series' latest date in SQL, then only the meetings of those dates (not every
    # visible meeting as a model).
    last = visible.values("series_id").annotate(last=Max("date")).values_list("series_id", "last")
    wanted = reduce(or_, (Q(series_id=series, date=date) for series, date in last), Q(pk__in=[]))
    latest: dict[int, Meeting] = {}
    chosen = visible.filter(wanted).select_related("series__body")
    for meeting in chosen.order_by("series_id", "-pk"):
        latest.setdefault(meeting.series_id, meeting)
    # the first stored meeting ahead of each series, and the calendars (two queries)
    ahead: dict[int, Meeting] = {}
    coming = visible.filter(date__gte=today, series_id__in=list(latest)).order_by("date", "pk")
    for meeting in coming:
        ahead.setdefault(meeting.series_id, meeting)
    calendars = calendar_dates([pk for pk in latest if pk not in ahead], today)
    rows = []
    for meeting in latest.values():
        row = _next_meeting(meeting, ahead.get(meeting.series_id), calendars, today)
        if row is not None:
            rows.append(row)
    return sorted(rows, key=lambda row: (row["date"], row["series"].name))


def calendar_dates(series_ids: list[int], today: dt.date) -> dict[int, dt.date]:
    """The next date, from today on, of the calendar of each series that has one."""
    schedules = Schedule.objects.filter(series_id__in=series_ids).prefetch_related("changes")
    dates = {}
    for schedule in schedules:
        found = calendar.next_date(schedule, today, schedule.changes.all(), inclusive=True)
        if found is not None:
            dates[schedule.series_id] = found
    return dates


def _next_meeting(
    latest: Meeting, ahead: Meeting | None, calendars: dict[int, dt.date], today: dt.date
) -> dict[str, Any] | None:
    """The next meeting of ``latest``'s series from ``today`` on, or None."""
    row: dict[str, Any] = {"series": latest.series, "after": latest, "text": "", "meeting": None}
    if ahead is not None:  # a meeting of the series already stored for a coming day
        return {**row, "date": ahead.date, "meeting": ahead}
    announced = latest.next_meeting_date
    if announced is not None and announced >= today:
        return {**row, "date": announced, "text": latest.next_meeting_text}
    if latest.series_id in calendars:
        return {**row, "date": calendars[latest.series_id], "text": "From the series' calendar"}
    return None
