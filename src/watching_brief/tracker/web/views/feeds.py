"""Public feeds: Atom of published notes and of action status changes, and iCalendar of
a series' meetings and of a post's action due dates.

Feeds are public and are often fetched by shared readers, so they always read through
``web.roles`` as an anonymous visitor, whoever asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, ActionUpdate
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.roles import visible_actions, visible_meetings, visible_updates
from watching_brief.tracker.web.views.shared import visible_posts

FEED_SIZE = 50
PUBLIC = AnonymousUser()
DOMAIN = "watching-brief"


def at_noon(day: dt.date) -> dt.datetime:
    """A date as an aware datetime, for feed entries that only have a date."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


# ----------------------------------------------------------------------------- Atom


class TextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are ``type="text"``: a feed reader shows imported or
    contributor markup as the characters it is, never as live HTML (Django's Atom1Feed
    declares every summary ``type="html"``)."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        description = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if description:
            handler.addQuickElement("summary", description, {"type": "text"})


class MeetingsFeed(Feed):  # type: ignore[type-arg]
    """Each published meeting's notes, newest first."""

    feed_type = TextAtomFeed
    title = "Watching Brief: published meeting notes"
    subtitle = "The notes of holding-to-account meetings, as they are published."

    def link(self) -> str:
        return reverse("web:meeting_list")

    def items(self) -> QuerySet[Meeting]:
        return visible_meetings(PUBLIC).order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item: Meeting) -> str:
        return item.title or str(item)

    def item_description(self, item: Meeting) -> str:
        parts = [str(item.series), f"{item.date:%d %B %Y}", item.venue, item.chair]
        return ". ".join(part for part in parts if part)

    def item_link(self, item: Meeting) -> str:
        return reverse("web:meeting_detail", args=[item.pk])

    def item_pubdate(self, item: Meeting) -> dt.datetime:
        return at_noon(item.date)

    def item_guid(self, item: Meeting) -> str:
        return f"tag:{DOMAIN},2026:meeting-{item.pk}"

    item_guid_is_permalink = False


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of the action feed: an update with a status, or a closure at a meeting."""

    guid: str
    title: str
    text: str
    date: dt.date
    action_id: int


def status_updates() -> list[StatusChange]:
    """Updates with a status, on actions the public may see, minuted (if at all) at a
    meeting the public may see, and not waiting for an officer's review."""
    updates = (
        visible_updates(PUBLIC)
        .exclude(status="")
        .select_related("action")
        .order_by("-date", "-pk")[:FEED_SIZE]
    )
    return [
        StatusChange(
            guid=f"update-{update.pk}",
            title=f"{update.action.reference}: {Action.Status(update.status).label}",
            text=update.text,
            date=update.date,
            action_id=update.action_id,
        )
        for update in updates
    ]


def closures() -> list[StatusChange]:
    """Actions closed at a meeting the public may see, with no update recording it."""
    meetings = visible_meetings(PUBLIC)
    recorded = ActionUpdate.objects.exclude(status="").filter(
        action=OuterRef("pk"), meeting=OuterRef("closed_at_meeting")
    )
    actions = (
        visible_actions(PUBLIC)
        .filter(closed_at_meeting__in=meetings.values("pk"))
        .exclude(Exists(recorded))
        .select_related("closed_at_meeting")
    )
    return [
        StatusChange(
            guid=f"closure-{action.pk}",
            title=f"{action.reference}: {action.get_status_display()}",
            text=f"Closed at the meeting of {action.closed_at_meeting}.",
            date=action.closed_at_meeting.date,  # type: ignore[union-attr]
            action_id=action.pk,
        )
        for action in actions.order_by("-closed_at_meeting__date")[:FEED_SIZE]
    ]


class ActionsFeed(Feed):  # type: ignore[type-arg]
    """Status changes of the actions the public may see, newest first."""

    feed_type = TextAtomFeed
    title = "Watching Brief: action status changes"
    subtitle = "Updates that change an action's status, and closures."

    def link(self) -> str:
        return reverse("web:action_list")

    def items(self) -> list[StatusChange]:
        changes = status_updates() + closures()
        changes.sort(key=lambda change: (change.date, change.guid), reverse=True)
        return changes[:FEED_SIZE]

    def item_title(self, item: StatusChange) -> str:
        return item.title

    def item_description(self, item: StatusChange) -> str:
        return item.text

    def item_link(self, item: StatusChange) -> str:
        return reverse("web:action_detail", args=[item.action_id])

    def item_pubdate(self, item: StatusChange) -> dt.datetime:
        return at_noon(item.date)

    def item_guid(self, item: StatusChange) -> str:
        return f"tag:{DOMAIN},2026:{item.guid}"

    item_guid_is_permalink = False


# ----------------------------------------------------------------------------- iCalendar


def ical_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (never inside a UTF-8 character)."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    url: str
    description: str = ""
    location: str = ""


def _stamp(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):  # floating local time
        return f":{value:%Y%m%dT%H%M%S}"
    return f";VALUE=DATE:{value:%Y%m%d}"


def event_lines(event: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART{_stamp(event.start)}",
        f"DTEND{_stamp(event.end)}",
        f"SUMMARY:{ical_text(event.summary)}",
        f"URL:{event.url}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{ical_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{ical_text(event.location)}")
    return [*lines, "END:VEVENT"]


def calendar_response(name: str, events: list[Event], filename: str) -> HttpResponse:
    """A VCALENDAR of ``events``, CRLF line ends, folded lines."""
    stamp = f"{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Watching Brief//Meeting record//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_text(name)}",
    ]
    for event in events:
        lines += event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    body = "".join(fold(line) + "\r\n" for line in lines)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_event(request: HttpRequest, meeting: Meeting) -> Event:
    start: dt.date | dt.datetime = meeting.date
    end: dt.date | dt.datetime = meeting.date + dt.timedelta(days=1)
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time)
        finish = meeting.end_time or (start + dt.timedelta(hours=2)).time()
        end = max(dt.datetime.combine(meeting.date, finish), start + dt.timedelta(minutes=1))
    return Event(
        uid=f"meeting-{meeting.pk}@{DOMAIN}",
        summary=meeting.title or str(meeting),
        start=start,
        end=end,
        url=request.build_absolute_uri(reverse("web:meeting_detail", args=[meeting.pk])),
        description=f"Notes of the {meeting.series} meeting of {meeting.date:%d %B %Y}.",
        location=meeting.venue,
    )


def next_meeting_event(request: HttpRequest, latest: Meeting) -> Event | None:
    """The next meeting as announced in the latest published notes, if still to come."""
    day = latest.next_meeting_date
    if day is None or day <= latest.date:
        return None
    return Event(
        uid=f"series-{latest.series_id}-next-{day:%Y%m%d}@{DOMAIN}",
        summary=f"{latest.series}: next meeting",
        start=day,
        end=day + dt.timedelta(days=1),
        url=request.build_absolute_uri(reverse("web:meeting_detail", args=[latest.pk])),
        description=latest.next_meeting_text or f"Announced in the notes of {latest}.",
    )


@require_GET
def series_calendar(request: HttpRequest, body: str, slug: str) -> HttpResponse:
    """The published meetings of one body's series, and the next meeting it announced."""
    meetings = list(
        visible_meetings(PUBLIC)
        .filter(series__body__slug=body, series__slug=slug)
        .order_by("date", "pk")[:1000]
    )
    if not meetings:
        raise Http404("No such series.")
    events = [meeting_event(request, meeting) for meeting in meetings]
    announced = next_meeting_event(request, meetings[-1])
    if announced and announced.start not in {meeting.date for meeting in meetings}:
        events.append(announced)
    name = f"{meetings[-1].series} ({meetings[-1].series.body})"
    return calendar_response(name, events, f"{body}-{slug}-meetings.ics")


@require_GET
def old_series_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """/series/<slug>/meetings.ics from before series carried their body: moved to the
    body's calendar when one body has such a series; never two bodies' meetings in one."""
    bodies = set(
        visible_meetings(PUBLIC).filter(series__slug=slug).values_list("series__body__slug")
    )
    if len(bodies) != 1:
        raise Http404("No such series, or several bodies have one: name the body.")
    [(body,)] = bodies
    return redirect("web:body_series_calendar", body=body, slug=slug, permanent=True)


def due_event(request: HttpRequest, action: Action, due: dt.date, label: str) -> Event:
    """An all-day event on the day an action is due."""
    return Event(
        uid=f"action-{action.pk}-due@{DOMAIN}",
        summary=f"Due: {action.reference} ({label})",
        start=due,
        end=due + dt.timedelta(days=1),
        url=request.build_absolute_uri(reverse("web:action_detail", args=[action.pk])),
        description=action.text,
    )


@require_GET
def post_due_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """All-day events on the due dates of a post's open actions the public may see."""
    post = get_object_or_404(visible_posts(PUBLIC), pk=pk)
    label = post.abbrev or post.title
    actions = (
        visible_actions(PUBLIC)
        .filter(owner_post=post, status__in=OPEN_STATUSES, due__isnull=False)
        .order_by("due", "reference")
    )
    events = [due_event(request, a, a.due, label) for a in actions if a.due is not None]
    return calendar_response(f"Actions due: {label}", events, f"post-{pk}-due.ics")
