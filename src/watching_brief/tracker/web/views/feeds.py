"""Public feeds: Atom of published notes and of action status changes, and iCalendar of
a series' meetings and of a post's action due dates.

Feeds are public and are often fetched by shared readers, so they always read through
:mod:`watching_brief.tracker.access` (``web.roles``) as an anonymous visitor, whoever asks.
Atom is Django's syndication framework; iCalendar is written by ``icalendar``, with
times in Europe/London and its VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.views.decorators.http import require_GET
from icalendar import Calendar as ICalendar
from icalendar import Event as ICalEvent

from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, ActionUpdate
from watching_brief.tracker.meetings.models import Meeting, MeetingVersion, SourceDocument
from watching_brief.tracker.web.roles import visible_actions, visible_meetings, visible_updates
from watching_brief.tracker.web.views.shared import visible_posts

FEED_SIZE = 50
TITLE_SIZE = 120  # characters of the action's text in an entry's title
PUBLIC = AnonymousUser()
DOMAIN = "watching-brief"
LONDON = ZoneInfo("Europe/London")


def at_noon(day: dt.date) -> dt.datetime:
    """A date as an aware datetime, for feed entries that only have a date."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def long_date(day: dt.date) -> str:
    """A date as people read it: 7 April 2026."""
    return f"{day.day} {day:%B %Y}"


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


class PublicFeed(Feed):  # type: ignore[type-arg]
    """What both Atom feeds share: text summaries, the site as the feed's author (RFC 4287
    asks for one on the feed when an entry may lack its own), tag: ids."""

    feed_type = TextAtomFeed
    author_name = "Watching Brief"
    item_guid_is_permalink = False

    def author_link(self) -> str:
        return f"{settings.BRIEF_SITE_URL}/"


def _import_time(order: str) -> Subquery:
    """When the meeting's first ("imported_at") or latest ("-imported_at") document came."""
    documents = SourceDocument.objects.filter(meeting=OuterRef("pk"))
    return Subquery(documents.order_by(order).values("imported_at")[:1])


def published_meetings() -> QuerySet[Meeting]:
    """The public's meetings, newest publication first: when they were published, else
    when their notes were first imported, else (entered by hand before either was kept)
    noon on the day they met."""
    versions = MeetingVersion.objects.filter(meeting=OuterRef("pk")).order_by("-created")
    return (
        visible_meetings(PUBLIC)
        .annotate(
            issued=Coalesce("published_at", _import_time("imported_at")),
            last_import=_import_time("-imported_at"),
            last_version=Subquery(versions.values("created")[:1]),
        )
        .order_by(F("issued").desc(nulls_last=True), "-date", "-pk")
    )


class MeetingsFeed(PublicFeed):
    """Each published meeting's notes, the latest published or imported first."""

    title = "Watching Brief: published meeting notes"
    subtitle = "The notes of holding-to-account meetings, as they are published."

    def link(self) -> str:
        return reverse("web:meeting_list")

    def items(self) -> QuerySet[Meeting]:
        return published_meetings()[:FEED_SIZE]

    def item_title(self, item: Meeting) -> str:
        return item.title or str(item)

    def item_description(self, item: Meeting) -> str:
        parts = [str(item.series), f"Met on {long_date(item.date)}", item.venue, item.chair]
        return ". ".join(part for part in parts if part)

    def item_link(self, item: Meeting) -> str:
        return reverse("web:meeting_detail", args=[item.pk])

    def item_author_name(self, item: Meeting) -> str:
        return item.series.body.name

    def item_pubdate(self, item: Meeting) -> dt.datetime:
        return item.issued or at_noon(item.date)  # type: ignore[attr-defined]

    def item_updateddate(self, item: Meeting) -> dt.datetime:
        times: list[dt.datetime | None] = [
            item.issued,  # type: ignore[attr-defined]
            item.last_import,  # type: ignore[attr-defined]
            item.last_version,  # type: ignore[attr-defined]
        ]
        return max([time for time in times if time] or [at_noon(item.date)])

    def item_guid(self, item: Meeting) -> str:
        return f"tag:{DOMAIN},2026:meeting-{item.pk}"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of the action feed: an update with a status, or a closure at a meeting."""

    guid: str
    title: str
    text: str
    date: dt.date
    action_id: int
    body: str


def change_title(action: Action, status: str) -> str:
    """ "MAM-20260224-1 in progress: DCC to share the PMF plan ..." (the reference, the
    status it moved to, and what the action is)."""
    label = str(Action.Status(status).label).lower()
    return f"{action.reference} {label}: {Truncator(action.text).chars(TITLE_SIZE)}"


def status_updates() -> list[StatusChange]:
    """Updates with a status, on actions the public may see, minuted (if at all) at a
    meeting the public may see, and not waiting for an officer's review."""
    updates = (
        visible_updates(PUBLIC)
        .exclude(status="")
        .select_related("action__meeting__series__body")
        .order_by("-date", "-pk")[:FEED_SIZE]
    )
    return [
        StatusChange(
            guid=f"update-{update.pk}",
            title=change_title(update.action, update.status),
            text=update.text,
            date=update.date,
            action_id=update.action_id,
            body=update.action.meeting.series.body.name,
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
        .select_related("closed_at_meeting__series", "meeting__series__body")
    )
    return [
        StatusChange(
            guid=f"closure-{action.pk}",
            title=change_title(action, action.status),
            text=f"Closed at the meeting of {action.closed_at_meeting}.",
            date=action.closed_at_meeting.date,  # type: ignore[union-attr]
            action_id=action.pk,
            body=action.meeting.series.body.name,
        )
        for action in actions.order_by("-closed_at_meeting__date")[:FEED_SIZE]
    ]


class ActionsFeed(PublicFeed):
    """Status changes of the actions the public may see, newest first."""

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

    def item_author_name(self, item: StatusChange) -> str:
        return item.body

    def item_pubdate(self, item: StatusChange) -> dt.datetime:
        return at_noon(item.date)

    def item_updateddate(self, item: StatusChange) -> dt.datetime:
        return at_noon(item.date)  # an update is dated by its day only, and never edited

    def item_guid(self, item: StatusChange) -> str:
        return f"tag:{DOMAIN},2026:{item.guid}"


# ----------------------------------------------------------------------------- iCalendar


def calendar_response(name: str, events: list[ICalEvent], filename: str) -> HttpResponse:
    """A VCALENDAR of ``events`` written by ``icalendar``: text escaped, lines folded,
    and a VTIMEZONE for Europe/London covering the events' dates."""
    calendar = ICalendar.new(
        name=name,
        prodid="-//Watching Brief//Meeting record//EN",
        calscale="GREGORIAN",
        method="PUBLISH",
        uid=f"{filename}@{DOMAIN}",
    )
    for event in events:
        calendar.add_component(event)
    days = [_day(event.start) for event in events]
    if days:
        calendar.add_missing_timezones(min(days), max(days) + dt.timedelta(days=366))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _event(**fields: Any) -> ICalEvent:
    return ICalEvent.new(stamp=timezone.now().astimezone(dt.UTC), **fields)


def meeting_event(request: HttpRequest, meeting: Meeting) -> ICalEvent:
    """The meeting, at its times in Europe/London, or all day when no time is known."""
    start: dt.date | dt.datetime = meeting.date
    end: dt.date | dt.datetime = meeting.date + dt.timedelta(days=1)
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        finish = meeting.end_time or (start + dt.timedelta(hours=2)).time()
        end = max(
            dt.datetime.combine(meeting.date, finish, tzinfo=LONDON),
            start + dt.timedelta(minutes=1),
        )
    return _event(
        uid=f"meeting-{meeting.pk}@{DOMAIN}",
        summary=meeting.title or str(meeting),
        start=start,
        end=end,
        url=request.build_absolute_uri(reverse("web:meeting_detail", args=[meeting.pk])),
        description=f"Notes of the {meeting.series} meeting of {long_date(meeting.date)}.",
        location=meeting.venue or None,
    )


def next_meeting_event(request: HttpRequest, latest: Meeting) -> ICalEvent | None:
    """The next meeting as announced in the latest published notes, if still to come."""
    day = latest.next_meeting_date
    if day is None or day <= latest.date:
        return None
    return _event(
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


def due_event(request: HttpRequest, action: Action, due: dt.date, label: str) -> ICalEvent:
    """An all-day event on the day an action is due."""
    return _event(
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
