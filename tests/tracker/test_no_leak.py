"""No leak on any surface: every page, search, API endpoint, feed and export, crawled as a
member of the public and as a force contributor, never shows a restricted item, a
restricted action or anything of an unpublished meeting."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.conftest import EXAMPLES
from tests.tracker.readable import readable
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.exports import write_bundle
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

ITEM, ACTION, DRAFT = "Zqxitemmarker", "Zqxactionmarker", "Zqxdraftmarker"
MARKERS = (ITEM, ACTION, DRAFT)
SKIP = re.compile(r"^/(?:admin|accounts/logout|import)|\.(?:css|js|png|ico|woff2?)$")
LIMIT = 600


@pytest.fixture
def hidden(transactional_db: None) -> None:
    """The examples, with one marker in a restricted item, one in a restricted action
    (of the DCC post), and one all through a meeting put back in draft."""
    ingest_paths([EXAMPLES])
    item = Item.objects.filter(meeting__date="2026-02-24").order_by("position")[2]
    # the item's words were public in an earlier published version, restricted since:
    # the version history must not show them any more
    item.title, item.text = f"{ITEM} {item.title}", f"{ITEM} {item.text}"
    item.save()
    assert publication.after_edit(item.meeting, None) is not None
    item.restricted = True
    item.save()
    assert publication.after_edit(item.meeting, None) is not None
    assert ITEM in item.meeting.versions.get(number=1).text  # stored, never to be shown
    action = Action.objects.filter(meeting__date="2026-03-24", owner_post__abbrev="ACC").first()
    assert action is not None
    action.restricted, action.text = True, f"{ACTION} {action.text}"
    action.save()
    assert publication.after_edit(action.meeting, None) is not None
    draft = Meeting.objects.get(date="2026-01-27")
    draft.status, draft.title = Meeting.Status.DRAFT, f"{DRAFT} January"
    draft.save()
    for child in (*draft.items.all(), *draft.actions.all()):
        child.text = f"{DRAFT} {child.text}"
        child.save()


def start_urls() -> list[str]:
    urls = ["/", "/meetings/", "/actions/", "/posts/", "/topics/", "/search/"]
    # searched in lower case: the page repeats the query, the hits would carry the marker
    urls += [f"/search/?q={marker.lower()}" for marker in MARKERS]
    urls += [f"/topics/?q={marker.lower()}" for marker in MARKERS]
    urls += ["/feeds/meetings.atom", "/feeds/actions.atom"]
    urls += ["/actions/export/?format=csv", "/actions/export/?format=xlsx"]
    urls += ["/api/bodies", "/api/series", "/api/meetings", "/api/actions", "/api/posts"]
    urls += ["/api/meetings?limit=200", "/api/actions?limit=200", "/api/openapi.json"]
    for meeting in Meeting.objects.all():
        urls += [f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/source/"]
        urls += [f"/meetings/{meeting.pk}/versions/", f"/meetings/{meeting.pk}/pack.pdf"]
        urls += [f"/meetings/{meeting.pk}/notes.{kind}" for kind in ("pdf", "docx")]
        urls += [f"/meetings/{meeting.pk}/notes.pdf?view=full"]
        urls += [f"/api/meetings/{meeting.pk}", f"/series/{meeting.series.slug}/pack/"]
        urls += [f"/bodies/{meeting.series.body.slug}/series/{meeting.series.slug}/pack/"]
        urls += [f"/bodies/{meeting.series.body.slug}/series/{meeting.series.slug}/meetings.ics"]
    for action in Action.objects.all():
        urls += [f"/actions/{action.pk}/", f"/api/actions/{action.pk}"]
    for post in Post.objects.all():
        urls += [f"/posts/{post.pk}/", f"/posts/{post.pk}/due.ics"]
    return urls


def links(body: bytes, content_type: str) -> list[str]:
    if "html" not in content_type:
        return []
    soup = BeautifulSoup(body, "html.parser")
    found = [a.get("href", "") for a in soup.find_all("a")]
    return [href.split("#")[0] for href in found if href.startswith("/")]


def crawl(client: Client) -> dict[str, bytes]:
    """Every reachable internal URL (and the start list), with the bytes it returned."""
    seen: dict[str, bytes] = {}
    queue = deque(start_urls())
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        if url in seen or SKIP.search(url.split("?")[0]):
            continue
        response = client.get(url)
        body = response.content if hasattr(response, "content") else b"".join(response)
        seen[url] = readable(body)
        queue.extend(links(body, response.get("Content-Type", "")))
    return seen


def leaks(pages: dict[str, bytes]) -> list[str]:
    return [
        f"{url}: {marker}"
        for url, body in pages.items()
        for marker in MARKERS
        if marker.encode() in body
    ]


def test_nothing_hidden_reaches_the_public_anywhere(hidden: None, client: Client) -> None:
    pages = crawl(client)
    assert len(pages) > 100
    assert not leaks(pages)


def test_nothing_hidden_reaches_a_force_contributor_anywhere(hidden: None, client: Client) -> None:
    client.force_login(create_account("force7", "a-Long-pass-2026", "contributor", ["DCC"]))
    pages = crawl(client)
    assert len(pages) > 100
    assert not leaks(pages)


def test_nothing_hidden_reaches_the_public_bulk_data(hidden: None, tmp_path: Path) -> None:
    write_bundle(tmp_path)
    files = {str(p): readable(p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()}
    assert files
    assert not leaks(files)


def test_an_officer_does_see_them(hidden: None, client: Client) -> None:
    """The crawl can find the markers: an officer's crawl does."""
    client.force_login(create_account("officer7", "a-Long-pass-2026", "officer", []))
    pages = crawl(client)
    found = {leak.split(": ")[1] for leak in leaks(pages)}
    assert found == set(MARKERS)
    for marker in MARKERS:  # the lower-case searches do find the hidden text for officers
        assert marker.encode() in pages[f"/search/?q={marker.lower()}"], marker
