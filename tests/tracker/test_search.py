"""Search: words, phrases, OR and exclusion, snippets, links and filters, on the bundled
examples, through whichever backend the database has (FTS5 on SQLite, tsvector on
PostgreSQL). Malformed input never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.search.backends import SearchPage, get_backend
from watching_brief.tracker.search.backends.sqlite import to_fts_query

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> None:
    """The bundled examples, ingested and indexed (the index is built on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        ingest_paths([EXAMPLES])


def search(query: str, **filters: Any) -> SearchPage:
    filters.setdefault("user", ANONYMOUS)
    return get_backend().search(query, **filters)


def test_search_finds_items_questions_and_actions_by_their_words(indexed: None) -> None:
    page = search("StreetSafe")
    kinds = {hit.kind for hit in page.hits}
    assert {"item", "question", "action"} <= kinds
    assert page.total == len(page.hits)
    assert all("<mark>StreetSafe</mark>" in hit.snippet for hit in page.hits)


def test_search_finds_decisions_and_meetings(indexed: None) -> None:
    assert "decision" in {hit.kind for hit in search("funding IDVA").hits}
    meeting = search("Monthly Assurance March", kinds=["meeting"]).hits[0]
    assert meeting.meeting_date == dt.date(2026, 3, 24)


def test_search_matches_word_forms(indexed: None) -> None:
    """Stemming: "stalk" finds "stalking" (porter on SQLite, english on PostgreSQL)."""
    assert search("stalk").total == search("stalking").total > 0


def test_hits_link_to_the_passage(indexed: None, client: Client) -> None:
    item = Item.objects.get(title="Stalking")
    action = Action.objects.get(reference="MAM-20260224-3")
    hits = search("StreetSafe").hits + search("stalking", kinds=["item"]).hits
    urls = {(hit.kind, hit.object_id): hit.url for hit in hits}
    assert urls[("item", item.pk)] == f"/meetings/{item.meeting_id}/#item-{item.pk}"
    assert urls[("action", action.pk)] == f"/actions/{action.pk}/"
    for url in urls.values():
        assert client.get(url.split("#")[0]).status_code == 200


def test_snippets_escape_the_text_and_mark_only_the_matches(indexed: None) -> None:
    item = Item.objects.get(title="Stalking")
    item.text += ' Officers saw (x < y & "z") zebrafish.'
    item.save()
    from watching_brief.tracker.search.index import reindex_meeting

    reindex_meeting(item.meeting)
    (hit,) = search("zebrafish").hits
    assert "(x &lt; y &amp; &quot;z&quot;) <mark>zebrafish</mark>" in hit.snippet
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_phrase_query_needs_the_words_together(indexed: None) -> None:
    phrase = search('"protection orders"')
    assert phrase.total > 0
    for hit in phrase.hits:  # FTS5 marks the phrase, ts_headline each word
        assert "<mark>" in hit.snippet
        assert "protection orders" in re.sub("</?mark>", "", hit.snippet.lower())
    assert search('"orders protection"').total == 0


def test_or_query_finds_either_word(indexed: None) -> None:
    either = search("StreetSafe OR abandonment", limit=100)
    streetsafe, abandonment = search("StreetSafe").total, search("abandonment").total
    assert either.total == len(either.hits)
    assert max(streetsafe, abandonment) < either.total <= streetsafe + abandonment
    assert search("StreetSafe abandonment").total < either.total


def test_minus_excludes_a_word(indexed: None) -> None:
    everything = search("stalking").total
    without = search("stalking -orders")
    assert 0 < without.total < everything
    assert all("orders" not in hit.snippet.lower() for hit in without.hits)


def test_filter_by_kind(indexed: None) -> None:
    page = search("stalking", kinds=["question"])
    assert page.total > 0
    assert {hit.kind for hit in page.hits} == {"question"}


def test_filter_by_body_and_series(indexed: None) -> None:
    panel = Meeting.objects.get(date=dt.date(2026, 2, 12))
    in_panel = search("police", series="northshire-police-and-crime-panel", limit=100)
    assert in_panel.total > 0
    assert {hit.meeting_id for hit in in_panel.hits} == {panel.pk}
    by_name = search("police", series="Monthly Assurance Meeting", limit=100)
    assert panel.pk not in {hit.meeting_id for hit in by_name.hits}
    body = panel.series.body
    assert search("police", body=body.slug).total == in_panel.total
    assert search("police", body=str(body.pk)).total == in_panel.total


def test_filter_by_topic_words_of_the_item_title(indexed: None) -> None:
    page = search("PCC", topic="public spaces", limit=100)
    assert page.total > 0
    item = Item.objects.get(title="Safety in public spaces")
    assert {hit.url.split("#")[1] for hit in page.hits if "#" in hit.url} == {f"item-{item.pk}"}


def test_filter_by_owner_and_status(indexed: None) -> None:
    page = search("neighbourhood OR PCC", owner="ACC", status="open", limit=100)
    actions = Action.objects.filter(pk__in=[hit.object_id for hit in page.hits])
    assert page.total > 0
    assert {hit.kind for hit in page.hits} == {"action"}
    assert {(a.owner_post.abbrev, a.status) for a in actions if a.owner_post} == {("ACC", "open")}
    closed = search("neighbourhood OR PCC", owner="acc", status=["closed", "done"], limit=100)
    assert closed.total > 0 and not {h.object_id for h in closed.hits} & {a.pk for a in actions}


def test_filter_by_date_range(indexed: None) -> None:
    february = search("PCC", date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28), limit=100)
    assert february.total > 0
    assert {hit.meeting_date.month for hit in february.hits} == {2}
    assert search("PCC", date_from=dt.date(2027, 1, 1)).total == 0


def test_pages_of_results(indexed: None) -> None:
    first, second = search("PCC", limit=5), search("PCC", limit=5, offset=5)
    assert first.total == second.total > 10
    assert len(first.hits) == len(second.hits) == 5
    assert not {(h.kind, h.object_id) for h in first.hits} & {
        (h.kind, h.object_id) for h in second.hits
    }


@pytest.mark.parametrize(
    "query",
    ['"', '"unclosed phrase', "AND(", "(", ")", "*", "**", "-", "- -", "OR", "OR OR", "NOT",
     "NEAR(a b)", "title:stalking", "^stalking", "stalking AND", "a\"b", "'", "😀", "😀 stalking",
     "\x00stalking", "{stalking}", "\\", ":", "+", "&&", "||", "!", "::", "<mark>", "%", "_",
     "x" * 2000, "", "   "],
)  # fmt: skip
def test_malformed_input_never_raises(indexed: None, query: str) -> None:
    page = search(query)
    assert page.total >= len(page.hits) >= 0


def test_emoji_beside_a_word_still_finds_the_word(indexed: None) -> None:
    assert search("😀 stalking").total == search("stalking").total > 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stalking orders", '("stalking") AND ("orders")'),
        ('"protection orders"', '("protection orders")'),
        ("a OR b c", '("a" OR "b") AND ("c")'),
        ("stalking -orders", '("stalking") NOT "orders"'),
        ('-"protection orders" stalking', '("stalking") NOT "protection orders"'),
        ("polic*", '("polic" *)'),
        ('say "hi', '("say") AND ("hi")'),
        ('a"b', '("a""b")'),
        ("AND( NEAR", '("AND(") AND ("NEAR")'),
        ("* - OR 😀", ""),
        ("-only", ""),
    ],
)
def test_user_input_becomes_a_quoted_fts5_query(query: str, expected: str) -> None:
    assert to_fts_query(query) == expected
