"""Public feeds: Atom of published meetings and action status changes, iCalendar of a
series' meetings and a post's due dates. They parse, hold the expected entries, and read
as the public whoever asks: no restricted or draft content ever shows."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting, Series
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.views.feeds import fold, ical_text

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
ITEM_MARK = "zqxrestricteditem"
ACTION_MARK = "zqxrestrictedaction"
DRAFT_MARK = "zqxdraftmeeting"
UPDATE_MARK = "zqxrestrictedupdate"
MARKS = (ITEM_MARK, ACTION_MARK, DRAFT_MARK, UPDATE_MARK)
SERIES = "monthly-assurance-meeting"


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


def atom_entries(client: Client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def text_of(entry: ET.Element, name: str) -> str:
    return entry.findtext(f"{ATOM}{name}") or ""


def calendar(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    return body.replace("\r\n ", "")  # unfolded


def test_meetings_feed_lists_published_meetings_newest_first(
    examples: None, client: Client
) -> None:
    entries = atom_entries(client, "/feeds/meetings.atom")
    assert len(entries) == Meeting.objects.count()
    links = [entry.find(f"{ATOM}link").get("href", "") for entry in entries]  # type: ignore[union-attr]
    newest = Meeting.objects.order_by("-date").first()
    assert newest is not None
    assert links[0].endswith(f"/meetings/{newest.pk}/")
    updated = [text_of(entry, "updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)


def test_actions_feed_lists_status_changes_and_closures(examples: None, client: Client) -> None:
    entries = atom_entries(client, "/feeds/actions.atom")
    titles = [text_of(entry, "title") for entry in entries]
    assert "MAM-20260224-3: Closed" in titles
    assert "MAM-20260224-1: In progress" in titles
    assert len(titles) == ActionUpdate.objects.exclude(status="").count()
    updated = [text_of(entry, "updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)


def series_ics(slug: str) -> str:
    """A series' calendar, under its body (/bodies/<body>/series/<slug>/meetings.ics)."""
    series = Series.objects.select_related("body").get(slug=slug)
    return f"/bodies/{series.body.slug}/series/{slug}/meetings.ics"


def test_series_calendar_has_past_meetings_and_the_next_one(examples: None, client: Client) -> None:
    body = calendar(client, series_ics(SERIES))
    assert body.count("BEGIN:VEVENT") == 4
    assert "DTSTART:20260324T100000" in body
    assert "DTSTART;VALUE=DATE:20260428" in body
    assert "next meeting" in body
    assert client.get("/series/no-such-series/meetings.ics").status_code == 404
    old = client.get(f"/series/{SERIES}/meetings.ics")  # the URL before series had a body
    assert old.status_code == 301 and old["Location"] == series_ics(SERIES)


def test_post_calendar_has_all_day_events_for_open_due_actions(
    examples: None, client: Client
) -> None:
    action = Action.objects.get(reference="MAM-20260224-1")
    assert action.owner_post is not None
    body = calendar(client, f"/posts/{action.owner_post_id}/due.ics")
    assert body.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20260430" in body
    assert "DTEND;VALUE=DATE:20260501" in body
    assert "MAM-20260224-1" in body


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
    titles = [text_of(e, "title") for e in atom_entries(client, "/feeds/actions.atom")]
    assert titles and not any(title.startswith("MAM-20260127") for title in titles)
    assert "MAM-20260224-3: Closed" in titles


def test_post_calendars_never_hold_the_markers(marked: None, client: Client) -> None:
    posts = set(Action.objects.exclude(owner_post=None).values_list("owner_post", flat=True))
    for post in posts:
        response = client.get(f"/posts/{post}/due.ics")
        assert not any(mark in response.content.decode() for mark in MARKS)
    pcc = Action.objects.get(reference="MAM-20260324-3").owner_post_id
    assert "BEGIN:VEVENT" not in client.get(f"/posts/{pcc}/due.ics").content.decode()


def test_ical_escaping_and_folding() -> None:
    assert ical_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("SUMMARY:" + "é" * 100)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 100
