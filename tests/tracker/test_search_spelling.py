"""Finding promises: actions found by the titles and topics of the items they sit under,
the newest first on request, questions with their answers, and spelling suggestions from
the index's own words that never offer a word only restricted text holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import EXAMPLES, SEEDS
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Question, Topic
from watching_brief.tracker.search import spelling
from watching_brief.tracker.search.backends import SearchPage, get_backend
from watching_brief.tracker.search.models import SearchWord
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
HIDDEN_WORD = "zqxhiddenword"


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> Any:
    """The seed notes and the examples, indexed as they commit."""
    with django_capture_on_commit_callbacks(execute=True):
        ingest_paths([SEEDS], body="West Mercia OPCC")
        ingest_paths([EXAMPLES])
    return django_capture_on_commit_callbacks


def search(query: str, user: Any = None, **filters: Any) -> SearchPage:
    return get_backend().search(query, user=user or AnonymousUser(), limit=100, **filters)


def test_issue_15_an_action_is_found_by_the_theme_it_sits_under(indexed: Any) -> None:
    # given the September 2020 action under "2.3 Responding to calls for service", whose
    # words never say "mental health", under the theme "2 Holding to account - Mental Health"
    action = Action.objects.get(reference="MAM-20200924-1")
    assert action.item is not None and "mental" not in action.text.lower()
    assert "Mental Health" in action.item.parent.title  # type: ignore[union-attr]
    # when the public searches for mental health, then the action is among the hits
    hits = search("mental health", kinds=["action"]).hits
    assert action.pk in {hit.object_id for hit in hits}


def test_an_action_is_found_by_its_items_topic(indexed: Any) -> None:
    action = Action.objects.get(reference="MAM-20260224-3")
    assert search("quetzal", kinds=["action"]).total == 0
    with indexed(execute=True):
        topic = Topic.objects.create(name="Quetzal watch", slug="quetzal-watch")
        item = Item.objects.get(pk=action.item_id)
        item.topics.add(topic)
        item.save()  # the index follows the item
    assert action.pk in {hit.object_id for hit in search("quetzal", kinds=["action"]).hits}


def test_sort_by_date_gives_the_newest_meetings_first(indexed: Any) -> None:
    best = search("police")
    newest = search("police", sort="date")
    dates = [hit.meeting_date for hit in newest.hits]
    assert newest.total == best.total > 5
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == dt.date(2026, 3, 24)
    assert [hit.object_id for hit in best.hits] != [hit.object_id for hit in newest.hits]


def test_a_question_is_found_by_its_answer(indexed: Any) -> None:
    question = Question.objects.filter(item__title="Stalking").first()
    assert question is not None
    with indexed(execute=True):
        question.answer = "The DCC said the axolotl unit had doubled its caseload."
        question.save()
    hits = search("axolotl").hits
    assert [(hit.kind, hit.object_id) for hit in hits] == [("question", question.pk)]
    assert "<mark>axolotl</mark>" in hits[0].snippet


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("helth", "health", 1), ("health", "health", 0), ("stalkng", "stalking", 1),
     ("poilce", "police", 1), ("mentl", "mental", 1), ("abc", "xyz", 3), ("kitten", "sitting", 3)],
)  # fmt: skip
def test_edits_counts_insertions_deletions_changes_and_swaps(a: str, b: str, distance: int) -> None:
    assert spelling.edits(a, b, 5) == distance


def test_edits_stops_beyond_the_limit() -> None:
    assert spelling.edits("abcdefgh", "zyxwvuts", 2) == 3
    assert spelling.edits("ab", "abcdef", 2) == 3


def test_nearest_takes_the_fewest_edits_within_the_limit() -> None:
    assert spelling.nearest("helth", ["health", "wealth", "help"]) == "health"
    assert spelling.nearest("helth", ["hello"]) is None  # two edits in a five-letter word
    assert spelling.nearest("custdy", ["custody", "castle"]) == "custody"


def test_the_index_keeps_its_words(indexed: Any) -> None:
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"mental", "health", "stalking", "streetsafe"} <= words
    assert not any(any(c.isdigit() for c in w) or w != w.casefold() for w in words)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("mental helth", "mental health"), ("stalkng", "stalking"),
     ('"mental helth" -custody', '"mental health" -custody'), ("Mental Helth", "Mental health")],
)  # fmt: skip
def test_a_misspelt_query_gets_a_suggestion(indexed: Any, query: str, expected: str) -> None:
    assert search(query).total == 0
    suggestion = spelling.suggest(query, lambda words: bool(search(words).hits))
    assert suggestion == expected
    assert search(suggestion).total > 0


def test_no_suggestion_for_known_words_or_words_with_no_near_one(indexed: Any) -> None:
    finds = lambda words: bool(search(words).hits)  # noqa: E731 - a one-line search
    assert spelling.suggest("mental health", finds) is None
    assert spelling.suggest("qqqqqqqq", finds) is None
    assert spelling.suggest("helth*", finds) is None  # a prefix is taken as typed


def test_a_word_held_only_by_restricted_text_is_never_suggested(indexed: Any) -> None:
    # given a word that only a restricted action holds
    action = Action.objects.get(reference="MAM-20260324-2")
    with indexed(execute=True):
        action.restricted, action.text = True, f"{action.text} {HIDDEN_WORD}"
        action.save()
    assert SearchWord.objects.filter(word=HIDDEN_WORD).exists()  # the index holds it
    typo = HIDDEN_WORD[:-1] + "x"
    # when the public, or a contributor of another post, misspells it: no suggestion
    contributor = create_account(
        "cora", "a-Long-pass-2026", "contributor", ["CC"], "Northshire Police"
    )
    for user in (AnonymousUser(), contributor):
        assert spelling.suggest(typo, lambda words, u=user: bool(search(words, u).hits)) is None
    # while an officer, who may read the action, is offered it
    officer = create_account("olive", "a-Long-pass-2026", "officer", [])
    assert spelling.suggest(typo, lambda words: bool(search(words, officer).hits)) == HIDDEN_WORD
