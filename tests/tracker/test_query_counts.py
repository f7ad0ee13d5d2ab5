"""Each page's and API read's number of database queries does not grow with the rows it
shows: counted with one example meeting stored, then with every example and seed note
(more meetings, items, actions, posts, people and updates), anonymous and as an officer.

The response cache is off here, so every request runs its view."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import EXAMPLES, SEEDS
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Series
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.roles import visible_actions, visible_meetings
from watching_brief.tracker.web.views.topics import topic_rows

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password


def busiest_urls() -> dict[str, str]:
    """Each page at its largest: the meeting with most items, the action with most
    updates, the post with most actions, the series with most meetings, the first topic."""
    anyone = AnonymousUser()
    meeting = visible_meetings(anyone).annotate(n=Count("items")).order_by("-n", "pk").first()
    action = visible_actions(anyone).annotate(n=Count("updates")).order_by("-n", "pk").first()
    post = Post.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    series = Series.objects.annotate(n=Count("meetings")).order_by("-n", "pk").first()
    assert meeting and action and post and series
    topics = topic_rows(anyone)
    assert topics
    return {
        "dashboard": "/",
        "meetings": "/meetings/",
        "meeting": f"/meetings/{meeting.pk}/",
        "action log": "/actions/",
        "action log filtered": "/actions/?status=open&owner=DCC",
        "action": f"/actions/{action.pk}/",
        "posts": "/posts/",
        "post": f"/posts/{post.pk}/",
        "topic": f"/topics/{topics[0]['slug']}/",
        "search": "/search/?q=police",
        # (one body's: a slug two bodies share shows a pack for each, #13)
        "pack": f"/series/{series.slug}/pack/?body={series.body.slug}",
        "api meetings": "/api/meetings?limit=200",
        "api actions": "/api/actions?limit=200",
        "api actions filtered": "/api/actions?status=open&owner=DCC&limit=200",
        "api meeting": f"/api/meetings/{meeting.pk}",
        "api action": f"/api/actions/{action.pk}",
        "api posts": "/api/posts?limit=200",
    }


def counts(clients: dict[str, Client]) -> dict[str, tuple[int, int, str]]:
    """(queries, bytes, the queries' text) of each page for each reader, after one warm-up
    request."""
    out = {}
    for role, client in clients.items():
        for label, url in busiest_urls().items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (role, url)
            text = "\n".join(f"  {q['sql'][:160]}" for q in queries.captured_queries)
            out[f"{role} {label}"] = (len(queries), len(response.content), f"{url}\n{text}")
    return out


def add_updates(times: int) -> None:
    """Updates on every visible action, so action pages and logs have more to show."""
    actions = list(visible_actions(AnonymousUser()))
    for n in range(times):
        ActionUpdate.objects.bulk_create(
            ActionUpdate(
                action=action,
                date=dt.date(2026, 3, 1) + dt.timedelta(days=n),
                author_name="A. Officer",
                text=f"Progress note {n} on {action.reference}",
            )
            for action in actions
        )


def test_queries_do_not_grow_with_the_rows_shown(settings: Any) -> None:
    settings.BRIEF_PAGE_CACHE = False
    settings.BRIEF_API_RATE_LIMIT = 100_000
    officer = Client()
    officer.force_login(create_account("olivia", PASSWORD, "officer", []))
    clients = {"anonymous": Client(), "officer": officer}

    ingest_paths([SEEDS], body="West Mercia OPCC")
    add_updates(1)
    first = Action.objects.order_by("pk").first()
    assert first is not None  # one closed action (and a history that names a meeting) at both
    first.status, first.closed_at_meeting = "closed", first.meeting
    first.save()
    small = counts(clients)
    actions_before = Action.objects.count()

    ingest_paths([EXAMPLES])
    add_updates(3)
    large = counts(clients)
    assert Action.objects.count() >= 2 * actions_before  # far more rows to show

    grown = {
        page: (small[page][0], large[page][0]) for page in small if large[page][0] > small[page][0]
    }
    detail = "\n".join(f"{page}: {small[page][2]}\n→ {large[page][2]}" for page in grown)
    assert not grown, f"queries grew with the rows shown (small → large): {grown}\n{detail}"
    # The pages did show more: the bodies grew where the rows did.
    for page in ("anonymous action log", "anonymous meetings", "officer api actions"):
        assert large[page][1] > small[page][1], page
