"""Pages that have a feed or a calendar link to it where people see it and announce it in
the head (``<link rel="alternate">``); each announced address answers with that feed."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
ATOM, ICAL = "application/atom+xml", "text/calendar"


@pytest.fixture
def examples(db: None) -> None:
    ingest_paths([EXAMPLES])


def offered(client: Client, url: str) -> list[tuple[str, str]]:
    """(href, type) of the page's feeds, after checking the head and the page agree."""
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    head = [(link["href"], link["type"]) for link in soup.head.select("link[rel=alternate]")]  # type: ignore[union-attr]
    shown = [(a["href"], a["type"]) for a in soup.select("#feed-links a")]
    assert head == shown, url
    for link in soup.head.select("link[rel=alternate]"):  # type: ignore[union-attr]
        assert link.get("title"), url
    return head  # type: ignore[return-value]


def answers(client: Client, href: str, media_type: str) -> bool:
    response = client.get(href)
    return response.status_code == 200 and response["Content-Type"].startswith(media_type)


def test_lists_announce_their_feeds(examples: None, client: Client) -> None:
    assert offered(client, "/") == [("/feeds/meetings.atom", ATOM), ("/feeds/actions.atom", ATOM)]
    assert offered(client, "/meetings/") == [("/feeds/meetings.atom", ATOM)]
    assert offered(client, "/actions/") == [("/feeds/actions.atom", ATOM)]


def test_a_meeting_offers_its_series_calendar(examples: None, client: Client) -> None:
    meeting = Meeting.objects.select_related("series__body").get(date=dt.date(2026, 3, 24))
    series = meeting.series
    calendar = f"/bodies/{series.body.slug}/series/{series.slug}/meetings.ics"
    links = offered(client, f"/meetings/{meeting.pk}/")
    assert links == [("/feeds/meetings.atom", ATOM), (calendar, ICAL)]
    assert offered(client, f"/bodies/{series.body.slug}/series/{series.slug}/pack/") == [
        (calendar, ICAL)
    ]
    assert all(answers(client, href, kind) for href, kind in links)


def test_an_action_and_its_post_offer_the_post_calendar(examples: None, client: Client) -> None:
    action = Action.objects.get(reference="MAM-20260224-1")
    post = f"/posts/{action.owner_post_id}/due.ics"
    links = offered(client, f"/actions/{action.pk}/")
    assert links == [("/feeds/actions.atom", ATOM), (post, ICAL)]
    assert offered(client, f"/posts/{action.owner_post_id}/") == [(post, ICAL)]
    assert all(answers(client, href, kind) for href, kind in links)


def test_pages_without_a_feed_announce_none(examples: None, client: Client) -> None:
    for url in ("/search/", "/topics/", "/posts/"):
        assert offered(client, url) == [], url


def test_a_series_with_no_published_meeting_offers_no_calendar(
    examples: None, client: Client
) -> None:
    # given a series whose meetings are all drafts (an officer can open one)
    meeting = Meeting.objects.get(date=dt.date(2026, 3, 24))
    Meeting.objects.filter(series=meeting.series).update(status=Meeting.Status.DRAFT)
    # then no page offers a calendar the public could not open
    client.force_login(create_account("olive", "a-Long-pass-2026", "officer", []))
    assert offered(client, f"/meetings/{meeting.pk}/") == [("/feeds/meetings.atom", ATOM)]
