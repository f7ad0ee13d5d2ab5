"""Approving and publishing notes, the versions kept after publication, and the public text."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.tracker.factories import (
    ActionFactory,
    BodyFactory,
    DecisionFactory,
    ItemFactory,
    MeetingFactory,
    PersonFactory,
    PostFactory,
    QuestionFactory,
    SeriesFactory,
    TenureFactory,
)
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.minuting import autosave_item, current_minutes, save_item
from watching_brief.tracker.meetings.models import (
    Item,
    Meeting,
    MeetingVersion,
)
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
ITEM_TITLE = "MARKER-ITEM-TITLE-5d1e"
ITEM_TEXT = "MARKER-ITEM-TEXT-a07c"
ACTION_IN_ITEM = "MARKER-ACTION-IN-ITEM-33f0"
ACTION_RESTRICTED = "MARKER-ACTION-RESTRICTED-e9b2"
QUESTION_IN_ITEM = "MARKER-QUESTION-IN-ITEM-7c41"
SUMMARY = "A staffing matter was discussed in private."


@dataclass
class Built:
    """A small meeting with public and restricted parts."""

    meeting: Meeting
    public_item: Item
    restricted_item: Item
    public_action: Action
    dcc: Post
    acc: Post


def build_meeting(
    status: str = Meeting.Status.DRAFT,
    date: dt.date = dt.date(2026, 3, 3),
    prefix: str = "T",
) -> Built:
    """A meeting of a test body: one public item and one restricted, actions of both kinds."""
    body = BodyFactory(name="Testshire OPCC", slug="testshire-opcc")
    series = SeriesFactory(body=body, name="Assurance Board", slug="assurance")
    dcc = PostFactory(
        body=body, abbrev="DCC", title="Deputy Chief Constable", email="dcc@example.org"
    )
    acc = PostFactory(body=body, abbrev="ACC", title="Assistant Chief Constable")
    person = PersonFactory(name="Dana Carter")
    TenureFactory(person=person, post=dcc, start=dt.date(2025, 1, 1), last_seen=date)
    meeting = MeetingFactory(
        series=series,
        title=f"Assurance Board {date:%B %Y}",
        date=date,
        start_time=dt.time(10, 0),
        venue="Headquarters",
        chair="The Commissioner",
        status=status,
    )
    public_item = ItemFactory(
        meeting=meeting, number="1", title="Public contact", text="Calls answered on time.",
        assurance=Item.Assurance.PARTLY, position=0,
    )  # fmt: skip
    restricted_item = ItemFactory(
        meeting=meeting, number="2", title=ITEM_TITLE, text=ITEM_TEXT, restricted=True,
        restricted_reason="Personal data", public_summary=SUMMARY, position=1,
    )  # fmt: skip
    public_action = ActionFactory(
        reference=f"{prefix}-1", meeting=meeting, item=public_item, position=0,
        text="Report call waiting times", owner_post=dcc, due=date + dt.timedelta(days=28),
    )  # fmt: skip
    ActionFactory(
        reference=f"{prefix}-2", meeting=meeting, item=restricted_item, position=1,
        text=ACTION_IN_ITEM, owner_post=dcc, due=date + dt.timedelta(days=14),
    )  # fmt: skip
    ActionFactory(
        reference=f"{prefix}-3", meeting=meeting, item=None, position=2,
        text=ACTION_RESTRICTED, owner_post=acc, restricted=True,
    )  # fmt: skip
    QuestionFactory(
        meeting=meeting, item=public_item, asker="PCC", text="How long do callers wait?",
        answer="Four minutes on average.",
    )  # fmt: skip
    QuestionFactory(meeting=meeting, item=restricted_item, text=QUESTION_IN_ITEM)
    DecisionFactory(meeting=meeting, item=public_item, text="The report was noted.")
    return Built(meeting, public_item, restricted_item, public_action, dcc, acc)


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def built(db: None) -> Built:
    return build_meeting()


def test_draft_is_approved_returned_and_published(built: Built, officer: Any) -> None:
    meeting = built.meeting
    publication.approve(meeting, officer)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert meeting.approved_by == officer and meeting.approved_at is not None
    publication.return_to_draft(meeting, officer)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.approved_by is None and meeting.approved_at is None
    assert not MeetingVersion.objects.filter(meeting=meeting).exists()
    publication.approve(meeting, officer)
    version = publication.publish(meeting, officer, "First release")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.published_at is not None
    assert (version.number, version.note, version.created_by) == (1, "First release", officer)
    assert version.text == publication.public_text(meeting)
    assert version.record["date"] == "2026-03-03"
    assert [item["title"] for item in version.record["items"]] == ["Public contact"]


def test_wrong_transitions_are_refused(built: Built, officer: Any) -> None:
    meeting = built.meeting
    with pytest.raises(publication.TransitionError, match="only approved notes"):
        publication.publish(meeting, officer)
    with pytest.raises(publication.TransitionError):
        publication.return_to_draft(meeting, officer)
    publication.approve(meeting, officer)
    with pytest.raises(publication.TransitionError, match="only draft notes"):
        publication.approve(meeting, officer)
    publication.publish(meeting, officer)
    for step in (publication.approve, publication.return_to_draft, publication.publish):
        with pytest.raises(publication.TransitionError):
            step(meeting, officer)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.versions.count() == 1


def test_only_officers_change_the_status(built: Built) -> None:
    contributor = create_account("force-dcc", PASSWORD, "contributor", ["DCC"])
    with pytest.raises(PermissionDenied):
        publication.approve(built.meeting, contributor)
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.DRAFT


def test_versions_only_after_publication_and_only_for_public_changes(
    built: Built, officer: Any
) -> None:
    meeting = built.meeting
    built.public_item.text = "Calls answered on time, mostly."
    built.public_item.save()
    assert publication.record_version(meeting, officer) is None  # a draft keeps no versions
    publication.approve(meeting, officer)
    assert publication.record_version(meeting, officer) is None
    publication.publish(meeting, officer)
    assert publication.record_version(meeting, officer) is None  # nothing changed
    built.restricted_item.text = f"{ITEM_TEXT} with more private detail"
    built.restricted_item.save()
    Action.objects.filter(text=ACTION_RESTRICTED).update(due=dt.date(2026, 5, 1))
    assert publication.record_version(meeting, officer) is None  # the public sees no change
    built.public_action.due = dt.date(2026, 6, 30)
    built.public_action.save()
    second = publication.record_version(meeting, officer)
    assert second is not None and second.number == 2
    assert "due: 30 June 2026" in second.text
    assert "due: 31 March 2026" in meeting.versions.get(number=1).text
    assert publication.record_version(meeting, officer) is None
    assert list(meeting.versions.values_list("number", flat=True)) == [1, 2]


def test_edits_to_published_notes_wait_for_one_republication(built: Built, officer: Any) -> None:
    """#13 finding 5: saving as one types (two officers in turn) makes no version and
    leaves the public text; republishing applies it all as one version."""
    meeting = built.meeting
    publication.approve(meeting, officer)
    publication.publish(meeting, officer)
    public = publication.public_text(meeting)
    other = create_account("officer-two", PASSWORD, "officer", [])
    for number in range(20):
        user = officer if number % 2 else other
        minutes = current_minutes(built.public_item)
        minutes.text = f"Calls answered on time, draft {number}."
        save_item(built.public_item, minutes, user)
        autosave_item(built.public_item, {"text": f"Typed {number}"}, user)
    assert publication.public_text(meeting) == public
    assert meeting.versions.count() == 1
    version = publication.republish(meeting, officer, "Corrected")
    assert version is not None and version.number == 2 and version.note == "Corrected"
    assert "Typed 19" in version.text and "Typed 19" in publication.public_text(meeting)
    assert publication.republish(meeting, officer) is None  # nothing waiting, no version
    assert meeting.versions.count() == 2
    with pytest.raises(PermissionDenied):
        publication.republish(meeting, create_account("c", PASSWORD, "contributor", ["DCC"]))


def test_a_published_meeting_with_no_versions_gets_its_first_on_edit(built: Built) -> None:
    Meeting.objects.filter(pk=built.meeting.pk).update(status=Meeting.Status.PUBLISHED)
    first = publication.record_version(built.meeting, None)
    assert first is not None and first.number == 1 and first.created_by is None


def test_public_text_reads_as_the_public_sees_it(built: Built) -> None:
    text = publication.public_text(built.meeting)
    for marker in (ITEM_TITLE, ITEM_TEXT, ACTION_IN_ITEM, ACTION_RESTRICTED, QUESTION_IN_ITEM):
        assert marker not in text
    assert "2 Restricted item" in text and SUMMARY in text
    lines = text.splitlines()
    assert lines[0] == "Assurance Board March 2026"
    assert "Date: Tuesday 3 March 2026" in lines
    assert "Venue: Headquarters" in lines and "Chair: The Commissioner" in lines
    assert "1 Public contact" in lines and "Rating: Partly assured" in lines
    assert "Calls answered on time." in lines
    assert "- Question: PCC: How long do callers wait?" in lines
    assert "  Answer: Four minutes on average." in lines
    assert "- Decision: The report was noted." in lines
    assert "- Action T-1: Report call waiting times (owner: DCC; due: 31 March 2026)" in lines
    assert lines.index("1 Public contact") < lines.index("2 Restricted item")


def test_a_restricted_action_quoted_in_an_item_is_withheld(built: Built) -> None:
    built.public_item.text = f"Calls answered. {ACTION_RESTRICTED} Next steps agreed."
    built.public_item.save()
    Action.objects.filter(text=ACTION_RESTRICTED).update(item=built.public_item)
    text = publication.public_text(built.meeting)
    assert ACTION_RESTRICTED not in text
    assert f"Calls answered. {publication.WITHHELD} Next steps agreed." in text
    Action.objects.filter(text=ACTION_RESTRICTED).update(text="MARKER-NOT-QUOTED-19ce")
    text = publication.public_text(built.meeting)
    assert "Calls answered." not in text and publication.PART_WITHHELD in text


def test_items_under_a_restricted_item_are_hidden_too(built: Built) -> None:
    Item.objects.create(
        meeting=built.meeting, number="2.1", title="MARKER-CHILD-0b7d", text="x",
        parent=built.restricted_item, position=2,
    )  # fmt: skip
    text = publication.public_text(built.meeting)
    assert "MARKER-CHILD-0b7d" not in text and "2.1 Restricted item" in text


def test_public_record_never_holds_restricted_parts(built: Built, officer: Any) -> None:
    publication.approve(built.meeting, officer)
    version = publication.publish(built.meeting, officer)
    dumped = json.dumps(version.record)
    for marker in (ITEM_TITLE, ITEM_TEXT, ACTION_IN_ITEM, ACTION_RESTRICTED, QUESTION_IN_ITEM):
        assert marker not in dumped
    assert [a["text"] for a in version.record["actions"]] == ["Report call waiting times"]


def test_ingested_notes_with_a_restricted_item_keep_it_out(ingested: list) -> None:
    for meeting in Meeting.objects.all():
        item = meeting.items.exclude(text="").order_by("position").last()
        assert item is not None
        marker = f"MARKER-{meeting.pk}-RESTRICTED"
        item.title, item.text, item.restricted = marker, f"{marker} {item.text}", True
        item.save()
        for action in item.actions.all():
            action.text = f"{marker}-ACTION {action.text}"
            action.save()
        text = publication.public_text(meeting)
        assert marker not in text
        assert "Restricted item" in text
        assert meeting.series.name in text
