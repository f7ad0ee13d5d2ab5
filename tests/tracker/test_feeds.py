"""Public feeds: Atom of published meetings and action status changes, iCalendar of a
series' meetings and a post's due dates. They parse (feedparser against RFC 4287's rules,
icalendar), hold the expected entries, and read as the public whoever asks: no
restricted or draft content ever shows."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting, Series, SourceDocument
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
ITEM_MARK = "zqxrestricteditem"
ACTION_MARK = "zqxrestrictedaction"
DRAFT_MARK = "zqxdraftmeeting"
UPDATE_MARK = "zqxrestrictedupdate"
MARKS = (ITEM_MARK, ACTION_MARK, DRAFT_MARK, UPDATE_MARK)
SERIES = "monthly-assurance-meeting"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def examples(db: None) -> None:
    ingest_paths([EXAMPLES])


@pytest.fixture
def marked(examples: None) -> None:
    """Markers in a restricted item and its action, a restricted action with a due date
    and a status update, and a draft meeting."""
    item = Item.objects.get(title="Stalking")
    item.restricted, item.title = True, f"Stalking {ITEM_MARK}"
    item.save()
    for action in Action.objects.filter(item=item):
        action.text += f" {ITEM_MARK}"
        action.save()
    action = Action.objects.get(reference="MAM-20260324-3")
    action.restricted, action.text = True, f"{action.text} {ACTION_MARK}"
    action.save()
    ActionUpdate.objects.create(
        action=action, date=dt.date(2026, 4, 1), text=UPDATE_MARK, status="in_progress"
    )
    draft = Meeting.objects.get(date=dt.date(2026, 1, 27))
    draft.status, draft.title = Meeting.Status.DRAFT, f"{DRAFT_MARK} January 2026"
    draft.save()


def atom_feed(client: Client, url: str) -> Any:
    """The feed parsed by feedparser, after checking RFC 4287's rules: the feed has an id,
    a title, an updated time and an author (so entries without one inherit it); every
    entry has an id, a title, an updated time and a link."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.author
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.updated_parsed and entry.link
    return parsed


def titles_of(client: Client, url: str) -> list[str]:
    return [entry.title for entry in atom_feed(client, url).entries]


def calendar(client: Client, url: str) -> icalendar.Calendar:
    """The calendar parsed by icalendar, after checking its lines (CRLF, at most 75
    octets) and that every time carries Europe/London, whose VTIMEZONE it holds."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(response.content)
    for event in parsed.events:
        assert event.uid and event.DTSTAMP and event.get("SUMMARY")
        if isinstance(event.start, dt.datetime):
            assert str(event.start.tzinfo) == "Europe/London"
            assert "Europe/London" in {zone.tz_name for zone in parsed.timezones}
    return parsed


def events_on(parsed: icalendar.Calendar, day: dt.date) -> list[icalendar.Event]:
    return [
        event
        for event in parsed.events
        if (event.start.date() if isinstance(event.start, dt.datetime) else event.start) == day
    ]


def test_meetings_feed_lists_published_meetings_by_import_time(
    examples: None, client: Client
) -> None:
    # given notes of an old meeting imported after the others (the latest import)
    oldest = Meeting.objects.order_by("date").first()
    assert oldest is not None
    later = timezone.now() + dt.timedelta(hours=1)
    SourceDocument.objects.filter(meeting=oldest).update(imported_at=later)
    # when the feed is read, it comes first, dated by that import, not by its meeting
    entries = atom_feed(client, "/feeds/meetings.atom").entries
    assert len(entries) == Meeting.objects.count()
    assert entries[0].link.endswith(f"/meetings/{oldest.pk}/")
    assert dt.datetime(*entries[0].published_parsed[:6], tzinfo=dt.UTC) == later.replace(
        microsecond=0
    )
    published = [entry.published_parsed for entry in entries]
    assert published == sorted(published, reverse=True)
    bodies = {f"/meetings/{m.pk}/": m.series.body.name for m in Meeting.objects.all()}
    assert [entry.author for entry in entries] == [
        bodies[entry.link[entry.link.index("/meetings/") :]] for entry in entries
    ]


def test_a_published_meeting_is_dated_by_its_publication(examples: None, client: Client) -> None:
    meeting = Meeting.objects.order_by("date").first()
    assert meeting is not None
    published = timezone.now() + dt.timedelta(days=2)
    Meeting.objects.filter(pk=meeting.pk).update(published_at=published)
    first = atom_feed(client, "/feeds/meetings.atom").entries[0]
    assert first.link.endswith(f"/meetings/{meeting.pk}/")
    assert first.published_parsed[:3] == published.utctimetuple()[:3]
    assert first.updated_parsed >= first.published_parsed


def test_actions_feed_titles_say_the_action_and_its_new_status(
    examples: None, client: Client
) -> None:
    entries = atom_feed(client, "/feeds/actions.atom").entries
    assert len(entries) == ActionUpdate.objects.exclude(status="").count()
    by_reference = {entry.title.split(" ", 1)[0]: entry.title for entry in entries}
    for reference in ("MAM-20260224-3", "MAM-20260224-1"):
        action = Action.objects.get(reference=reference)
        assert action.text[:40] in by_reference[reference]
    assert by_reference["MAM-20260224-3"].startswith("MAM-20260224-3 closed: ")
    assert by_reference["MAM-20260224-1"].startswith("MAM-20260224-1 in progress: ")
    updated = [entry.updated_parsed for entry in entries]
    assert updated == sorted(updated, reverse=True)


def series_ics(slug: str) -> str:
    """A series' calendar, under its body (/bodies/<body>/series/<slug>/meetings.ics)."""
    series = Series.objects.select_related("body").get(slug=slug)
    return f"/bodies/{series.body.slug}/series/{slug}/meetings.ics"


def test_series_calendar_has_past_meetings_and_the_next_one(examples: None, client: Client) -> None:
    parsed = calendar(client, series_ics(SERIES))
    assert len(parsed.events) == 4
    [march] = events_on(parsed, dt.date(2026, 3, 24))
    assert march.start == dt.datetime(2026, 3, 24, 10, tzinfo=LONDON)
    assert march.start.utcoffset() == dt.timedelta(0)  # GMT until the clocks go forward
    [announced] = events_on(parsed, dt.date(2026, 4, 28))
    assert announced.start == dt.date(2026, 4, 28)  # a date only: an all-day event
    assert "next meeting" in announced["SUMMARY"]
    assert client.get("/series/no-such-series/meetings.ics").status_code == 404
    old = client.get(f"/series/{SERIES}/meetings.ics")  # the URL before series had a body
    assert old.status_code == 301 and old["Location"] == series_ics(SERIES)


def test_post_calendar_has_all_day_events_for_open_due_actions(
    examples: None, client: Client
) -> None:
    action = Action.objects.get(reference="MAM-20260224-1")
    assert action.owner_post is not None
    [event] = calendar(client, f"/posts/{action.owner_post_id}/due.ics").events
    assert (event.start, event.end) == (dt.date(2026, 4, 30), dt.date(2026, 5, 1))
    assert "MAM-20260224-1" in event["SUMMARY"]
    assert event["DESCRIPTION"] == action.text


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/meetings.atom",
        "/feeds/actions.atom",
        SERIES,
        "northshire-police-and-crime-panel",
    ],
)
def test_feeds_never_hold_the_markers_even_for_an_officer(
    marked: None, client: Client, url: str
) -> None:
    client.force_login(create_account("olive", "a-Long-pass-2026", "officer", []))
    url = url if url.startswith("/") else series_ics(url)
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert not any(mark in body for mark in MARKS), url
    assert "20260127" not in body and "27 January 2026" not in body


def test_actions_feed_drops_actions_of_a_draft_meeting(marked: None, client: Client) -> None:
    titles = titles_of(client, "/feeds/actions.atom")
    assert titles and not any(title.startswith("MAM-20260127") for title in titles)
    assert any(title.startswith("MAM-20260224-3 closed: ") for title in titles)


def test_post_calendars_never_hold_the_markers(marked: None, client: Client) -> None:
    posts = set(Action.objects.exclude(owner_post=None).values_list("owner_post", flat=True))
    for post in posts:
        response = client.get(f"/posts/{post}/due.ics")
        assert not any(mark in response.content.decode() for mark in MARKS)
    pcc = Action.objects.get(reference="MAM-20260324-3").owner_post_id
    assert "BEGIN:VEVENT" not in client.get(f"/posts/{pcc}/due.ics").content.decode()


def test_calendar_text_is_escaped_folded_and_read_back_whole(
    examples: None, client: Client
) -> None:
    # given a venue and title with the characters iCalendar escapes, and a long one
    meeting = Meeting.objects.get(date=dt.date(2026, 3, 24))
    venue = "Room 1, HQ; Hindlip\\Worcester\nSecond line " + "é" * 60
    Meeting.objects.filter(pk=meeting.pk).update(venue=venue)
    # when the calendar is read back, the venue is the same text
    [event] = events_on(calendar(client, series_ics(SERIES)), meeting.date)
    assert event["LOCATION"] == venue


def test_summer_meetings_are_in_british_summer_time(examples: None, client: Client) -> None:
    meeting = Meeting.objects.get(date=dt.date(2026, 3, 24))
    Meeting.objects.filter(pk=meeting.pk).update(date=dt.date(2026, 7, 21))
    [event] = events_on(calendar(client, series_ics(SERIES)), dt.date(2026, 7, 21))
    assert event.start.utcoffset() == dt.timedelta(hours=1)
    assert event.start.astimezone(dt.UTC).hour == 9
