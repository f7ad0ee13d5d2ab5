"""Search and the API's action list at archive scale: a capped count, candidates taken
from the index's stored flags but every hit shown checked against ``web.roles``, and the
API's filters validated without listing every owner and series of the archive."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Question
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.search.backends import SearchPage, base, get_backend, postgres, sqlite
from watching_brief.tracker.search.models import SearchEntry
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
MARK = "zqxstalemark"


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> Any:
    with django_capture_on_commit_callbacks(execute=True):
        ingest_paths([EXAMPLES])
    return django_capture_on_commit_callbacks


def search(query: str, user: Any = None, **filters: Any) -> SearchPage:
    return get_backend().search(query, user=user or AnonymousUser(), limit=100, **filters)


@pytest.fixture
def ranked_three(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (base, postgres, sqlite):
        monkeypatch.setattr(module, "RANKED", 3)


def test_a_common_word_gets_a_capped_count(indexed: Any, ranked_three: None) -> None:
    every = SearchEntry.objects.filter(published=True, restricted=False, text__icontains="police")
    assert every.count() > 3
    page = search("police")
    assert page.capped
    assert page.total == 3
    assert 1 <= len(page.hits) <= 3
    assert len({hit.object_id for hit in page.hits}) == len(page.hits)


def test_a_rare_word_is_counted_exactly(indexed: Any, ranked_three: None) -> None:
    page = search("StreetSafe", kinds=["action"])
    assert not page.capped
    assert page.total == len(page.hits) >= 1


def test_a_stale_entry_of_an_item_restricted_since_is_not_shown(indexed: Any) -> None:
    """The entry still says public (the change bypassed the signals), the roles do not."""
    item = Item.objects.filter(question__isnull=False).first()
    assert item is not None
    question = Question.objects.filter(item=item).first()
    assert question is not None
    with indexed(execute=True):
        item.text = f"{item.text} {MARK}"
        item.save()
        question.text = f"{question.text} {MARK}"
        question.save()
    assert {hit.kind for hit in search(MARK).hits} == {"item", "question"}
    Item.objects.filter(pk=item.pk).update(restricted=True)
    entries = SearchEntry.objects.filter(item_id=item.pk, text__contains=MARK)
    assert entries.count() == 2 and not entries.filter(restricted=True).exists()
    page = search(MARK)
    assert page.hits == [] and page.total == 0
    officer = create_account("olive", PASSWORD, "officer", [])
    assert search(MARK, officer).total == 2


def test_a_stale_hit_on_one_page_leaves_the_other_hits(indexed: Any) -> None:
    before = search("StreetSafe OR stalking", kinds=["action"])
    assert before.total >= 2
    dropped = before.hits[0]
    Action.objects.filter(pk=dropped.object_id).update(restricted=True)
    after = search("StreetSafe OR stalking", kinds=["action"])
    assert dropped.object_id not in {hit.object_id for hit in after.hits}
    assert after.total == len(after.hits) == before.total - 1


def test_the_api_checks_an_owner_without_listing_every_owner(indexed: Any) -> None:
    client = Client()
    post = Post.objects.filter(actions__restricted=False).first()
    assert post is not None
    response = client.get("/api/actions", {"owner": post.abbrev})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and all(
        row["owner"].startswith(post.abbrev) or post.abbrev in row["owner"] for row in items
    )
    unknown = client.get("/api/actions", {"owner": "NOBODY"})  # names nothing the reader may see
    assert unknown.status_code == 200 and unknown.json()["items"] == []


def test_an_owner_of_restricted_actions_only_is_unknown_to_the_public(indexed: Any) -> None:
    action = Action.objects.select_related("meeting__series").filter(restricted=False).first()
    assert action is not None
    hidden = Post.objects.create(body=action.meeting.series.body, abbrev="ZQXP", title="Hidden")
    Action.objects.filter(pk=action.pk).update(owner_post=hidden, restricted=True)
    client = Client()
    unknown = client.get("/api/actions", {"owner": "ZQXP"})  # names nothing the reader may see
    assert unknown.status_code == 200 and unknown.json()["items"] == []
    officer = create_account("olive", PASSWORD, "officer", [])
    client.force_login(officer)
    found = client.get("/api/actions", {"owner": "ZQXP"})
    assert found.status_code == 200
    assert [row["id"] for row in found.json()["items"]] == [action.pk]


def test_the_api_checks_a_series_by_slug(indexed: Any) -> None:
    client = Client()
    slug = "monthly-assurance-meeting"
    rows = client.get("/api/actions", {"series": slug}).json()["items"]
    assert rows and all(row["meeting_id"] for row in rows)
    unknown = client.get("/api/actions", {"series": "no-such-series"})  # names nothing
    assert unknown.status_code == 200 and unknown.json()["items"] == []


def test_the_search_page_says_when_the_count_is_capped(
    indexed: Any, ranked_three: None, client: Client
) -> None:
    body = client.get("/search/", {"q": "police"}).content.decode()
    assert "More than 3 results" in body
    body = client.get("/search/", {"q": "abstraction"}).content.decode()
    assert search("abstraction").total <= 3
    assert "More than" not in body and "result" in body
