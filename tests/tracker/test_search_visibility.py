"""Search never shows what ``web.roles`` hides: restricted items and actions, questions
and decisions under a restricted item, and anything of an unpublished meeting, stay out
of an anonymous visitor's (and a contributor's) results; an officer finds them all.
The index follows saves and deletes once the transaction commits; `reindex` rebuilds it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question
from watching_brief.tracker.search.backends import SearchPage, get_backend
from watching_brief.tracker.search.index import fill_empty_index, reindex_meeting
from watching_brief.tracker.search.models import SearchEntry
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
ITEM_MARK = "zqxrestricteditem"
QUESTION_MARK = "zqxrestrictedquestion"
ACTION_MARK = "zqxrestrictedaction"
DRAFT_MARK = "zqxdraftmeeting"
DRAFT_ITEM_MARK = "zqxdraftitem"
DRAFT_DECISION_MARK = "zqxdraftdecision"
SECRETS = (ITEM_MARK, QUESTION_MARK, ACTION_MARK, DRAFT_MARK, DRAFT_ITEM_MARK, DRAFT_DECISION_MARK)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the index's on-commit callbacks, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def indexed(db: None, on_commit: Any) -> None:
    with on_commit():
        ingest_paths([EXAMPLES])


@pytest.fixture
def marked(indexed: None, on_commit: Any) -> None:
    """Markers in a restricted item (and its question), a restricted action, and a
    draft meeting (its title, an item and a decision), saved as an officer would."""
    with on_commit():
        stalking = Item.objects.get(title="Stalking")
        stalking.restricted, stalking.text = True, f"{stalking.text} {ITEM_MARK}"
        stalking.save()
        question = Question.objects.filter(item=stalking).first()
        assert question is not None
        question.text += f" {QUESTION_MARK}"
        question.save()
        action = Action.objects.get(reference="MAM-20260324-2")
        action.restricted, action.text = True, f"{action.text} {ACTION_MARK}"
        action.save()
        draft = Meeting.objects.get(date=dt.date(2026, 1, 27))
        draft.status, draft.title = Meeting.Status.DRAFT, f"{DRAFT_MARK} January 2026"
        draft.save()
        item = draft.items.exclude(text="").first()
        assert item is not None
        item.text += f" {DRAFT_ITEM_MARK}"
        item.save()
        Decision.objects.create(meeting=draft, text=f"Agreed {DRAFT_DECISION_MARK}.")


def search(query: str, user: Any = None, **filters: Any) -> SearchPage:
    return get_backend().search(query, user=user or AnonymousUser(), limit=100, **filters)


def test_anonymous_search_finds_no_restricted_or_draft_content(marked: None) -> None:
    for mark in SECRETS:
        assert search(mark).total == 0, mark
    everything = search(" OR ".join(SECRETS))
    assert everything.total == 0
    draft = Meeting.objects.get(date=dt.date(2026, 1, 27))
    assert draft.pk not in {hit.meeting_id for hit in search("PCC OR DCC OR ACC").hits}
    assert not any("zqx" in hit.snippet + hit.title for hit in search("stalking").hits)


def test_a_contributor_sees_what_the_public_sees(marked: None) -> None:
    contributor = create_account("cora", PASSWORD, "contributor", ["ACC"])
    for mark in SECRETS:
        assert search(mark, contributor).total == 0, mark


def test_an_officer_finds_restricted_and_draft_content(marked: None) -> None:
    officer = create_account("olive", PASSWORD, "officer", [])
    found = {mark: search(mark, officer) for mark in SECRETS}
    assert all(page.total >= 1 for page in found.values()), found
    assert found[ITEM_MARK].hits[0].kind == "item"
    assert found[QUESTION_MARK].hits[0].kind == "question"
    assert found[ACTION_MARK].hits[0].kind == "action"
    assert found[DRAFT_DECISION_MARK].hits[0].kind == "decision"
    assert "meeting" in {hit.kind for hit in found[DRAFT_MARK].hits}
    assert f"<mark>{ACTION_MARK}</mark>" in found[ACTION_MARK].hits[0].snippet


def test_visibility_is_read_live_even_when_the_index_is_stale(indexed: None) -> None:
    """A change that bypasses the signals (a queryset update) still hides the entry."""
    action = Action.objects.get(reference="MAM-20260224-3")
    assert action.pk in {hit.object_id for hit in search("StreetSafe", kinds=["action"]).hits}
    Action.objects.filter(pk=action.pk).update(restricted=True)
    assert search("StreetSafe", kinds=["action"]).total == 0
    Meeting.objects.filter(pk=action.meeting_id).update(status=Meeting.Status.DRAFT)
    assert action.meeting_id not in {hit.meeting_id for hit in search("StreetSafe").hits}


def test_the_index_follows_edits_after_commit(indexed: None, on_commit: Any) -> None:
    item = Item.objects.get(title="Stalking")
    with on_commit():
        item.text += " quokka"
        item.save()
    assert search("quokka").hits[0].object_id == item.pk
    with on_commit():
        item.delete()
    assert search("quokka").total == 0


def test_a_rolled_back_change_is_not_indexed(indexed: None, on_commit: Any) -> None:
    item = Item.objects.get(title="Stalking")
    with on_commit(), pytest.raises(RuntimeError), transaction.atomic():
        item.text += " wombat"
        item.save()
        raise RuntimeError("roll back")
    assert search("wombat").total == 0


def test_deleting_a_meeting_removes_its_entries(indexed: None, on_commit: Any) -> None:
    meeting = Meeting.objects.get(date=dt.date(2026, 2, 24))
    assert search("StreetSafe").total > 0
    with on_commit():
        meeting.delete()
    assert not SearchEntry.objects.filter(meeting_id=meeting.pk).exists()
    assert meeting.pk not in {hit.meeting_id for hit in search("StreetSafe OR stalking").hits}


def test_reindex_command_rebuilds_the_index(indexed: None) -> None:
    count = SearchEntry.objects.count()
    total = search("stalking").total
    get_backend().clear()
    assert search("stalking").total == 0
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert out.getvalue().strip() == "Indexed 4 meetings."
    assert SearchEntry.objects.count() == count
    assert search("stalking").total == total


def test_reindex_meeting_is_idempotent(indexed: None) -> None:
    meeting = Meeting.objects.get(date=dt.date(2026, 2, 24))
    before = search("stalking").total
    reindex_meeting(meeting)
    reindex_meeting(meeting.pk)
    assert search("stalking").total == before


def test_migrate_fills_an_empty_index(indexed: None) -> None:
    count = SearchEntry.objects.count()
    get_backend().clear()
    fill_empty_index()
    assert SearchEntry.objects.count() == count
    assert search("stalking").total > 0
