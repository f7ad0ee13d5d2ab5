"""The saving logic behind the minute-taking pages (tracker/meetings/minuting.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.tracker.actions.models import Action, Revisit
from watching_brief.tracker.meetings.minuting import (
    NO_NEXT_MEETING,
    ActionRow,
    ItemMinutes,
    MinutingError,
    autosave_item,
    present_posts,
    resolve_due,
    save_item,
    set_questions,
)
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.programme.models import QuestionSet

pytestmark = pytest.mark.django_db
FEBRUARY = dt.date(2026, 2, 24)


@pytest.fixture
def meeting(ingested: list) -> Meeting:
    """Notes being minuted: a draft (edits to published notes wait for republication)."""
    Meeting.objects.filter(date=FEBRUARY).update(status=Meeting.Status.DRAFT)
    return Meeting.objects.get(series__name="Monthly Assurance Meeting", date=FEBRUARY)


@pytest.fixture
def item(meeting: Meeting) -> Item:
    return meeting.items.get(number="2.2")


def post(meeting: Meeting, abbrev: str) -> Post:
    return Post.objects.get(body=meeting.series.body, abbrev=abbrev)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("in 6 months' time", dt.date(2026, 8, 24)),
        ("within two weeks", dt.date(2026, 3, 10)),
        ("31/03/21", dt.date(2021, 3, 31)),
        ("end of June", dt.date(2026, 6, 30)),
        ("March 2027", dt.date(2027, 3, 31)),
        ("by the next meeting", dt.date(2026, 3, 24)),
    ],
)
def test_resolve_due_reads_dates_as_people_write_them(
    meeting: Meeting, typed: str, expected: dt.date
) -> None:
    assert meeting.next_meeting_date == dt.date(2026, 3, 24)
    assert resolve_due(typed, meeting).due == expected


def test_resolve_due_says_when_the_next_meeting_has_no_date(meeting: Meeting) -> None:
    meeting.next_meeting_date = None
    resolved = resolve_due("by the next meeting", meeting)
    assert resolved.due is None
    assert resolved.display == NO_NEXT_MEETING


def test_resolve_due_keeps_text_it_cannot_read(meeting: Meeting) -> None:
    resolved = resolve_due("when the review is done", meeting)
    assert resolved.due is None
    assert resolved.text == "when the review is done"
    assert resolved.display


def test_present_posts_are_those_present_labelled_with_the_holder(meeting: Meeting) -> None:
    labels = [label for _, label in present_posts(meeting)]
    assert "DCC – Laura Bennion" in labels
    assert not any(label.startswith("DPCC") for label in labels)  # sent apologies


def test_saving_actions_resolves_due_dates_and_sets_the_owner_holder(
    meeting: Meeting, item: Item
) -> None:
    dcc, acc = post(meeting, "DCC"), post(meeting, "ACC")
    minutes = ItemMinutes(
        text="The DCC set out the stalking protection order figures.",
        actions=[
            ActionRow("Report the stalking orders", owner_post=dcc, due_text="in 6 months' time"),
            ActionRow("Share the stalking audit", owner_post=acc, due_text="by the next meeting"),
        ],
    )
    first, second = save_item(item, minutes)
    first.refresh_from_db()
    assert first.due == dt.date(2026, 8, 24)
    assert first.due_text == "in 6 months' time"
    assert first.owner_post == dcc
    assert first.owner_holder is not None and first.owner_holder.name == "Laura Bennion"
    assert first.owner_text == "DCC"
    assert first.reference.startswith("MAM-20260224-")
    assert second.due == dt.date(2026, 3, 24)
    assert second.owner_holder is not None and second.owner_holder.name == "Priya Castell"
    assert Action.objects.filter(item=item, text="Share the stalking audit").count() == 1
    item.refresh_from_db()
    assert item.text.startswith("The DCC set out")


def test_editing_an_action_keeps_its_reference(meeting: Meeting, item: Item) -> None:
    (action,) = save_item(item, ItemMinutes(text="", actions=[ActionRow("Draft the plan")]))
    reference = action.reference
    row = ActionRow("Draft and publish the plan", action.pk, None, "SPM", "end of June")
    save_item(item, ItemMinutes(text="", actions=[row]))
    action.refresh_from_db()
    assert action.reference == reference
    assert action.text == "Draft and publish the plan"
    assert action.owner_text == "SPM" and action.owner_post is None
    assert action.due == dt.date(2026, 6, 30)


def test_a_revisit_in_the_action_books_a_revisit(meeting: Meeting, item: Item) -> None:
    (action,) = save_item(
        item,
        ItemMinutes(text="", actions=[ActionRow("PCC to revisit stalking in 6 months' time")]),
    )
    revisit = Revisit.objects.get(action=action)
    assert revisit.due == dt.date(2026, 8, 24)
    assert revisit.series == meeting.series
    assert action.due_text == "in 6 months' time"


@pytest.mark.parametrize(
    ("reason", "public", "missing"),
    [("", "", {"restricted_reason", "public_summary"}), ("FOI s.31", "", {"public_summary"})],
)
def test_restricted_needs_a_reason_and_a_public_line(
    item: Item, reason: str, public: str, missing: set[str]
) -> None:
    minutes = ItemMinutes(
        text="Secret", restricted=True, restricted_reason=reason, public_summary=public
    )
    with pytest.raises(MinutingError) as error:
        save_item(item, minutes)
    assert set(error.value.errors) == missing
    item.refresh_from_db()
    assert not item.restricted
    assert item.text != "Secret"


def test_restricting_an_item_restricts_its_actions(item: Item) -> None:
    minutes = ItemMinutes(
        text="Operational detail",
        restricted=True,
        restricted_reason="FOI s.31 (law enforcement)",
        public_summary="The force briefed the PCC on an operational matter.",
        actions=[ActionRow("Brief the PCC again")],
    )
    (action,) = save_item(item, minutes)
    item.refresh_from_db()
    assert item.restricted and item.restricted_reason.startswith("FOI")
    assert Action.objects.get(pk=action.pk).restricted


def test_answers_questions_and_decisions_are_saved(meeting: Meeting, item: Item) -> None:
    question = Question.objects.create(meeting=meeting, item=item, text="How many orders?")
    decision = Decision.objects.create(meeting=meeting, item=item, text="Agreed")
    minutes = ItemMinutes(
        text="",
        answers={question.pk: "Twelve orders so far."},
        decisions={decision.pk: "Agreed the plan."},
        new_question="Why so few?",
        new_decision="Publish in March.",
        assurance=Item.Assurance.PARTLY,
    )
    save_item(item, minutes)
    question.refresh_from_db()
    decision.refresh_from_db()
    assert question.answer == "Twelve orders so far."
    assert decision.text == "Agreed the plan."
    added = Question.objects.get(item=item, text="Why so few?")
    assert added.asker == "PCC"  # the chair's post
    assert Decision.objects.filter(item=item, text="Publish in March.").exists()
    item.refresh_from_db()
    assert item.assurance == "partly"


def test_autosave_saves_text_but_not_the_restricted_flag(meeting: Meeting, item: Item) -> None:
    question = Question.objects.create(meeting=meeting, item=item, text="How many?")
    saved, _ = autosave_item(
        item,
        {
            "text": "Typed so far",
            "assurance": "not_assured",
            "restricted_reason": "FOI",
            "answers": {question.pk: "Twelve"},
        },
    )
    assert set(saved) == {"text", "assurance", "restricted_reason", f"answer_{question.pk}"}
    item.refresh_from_db()
    question.refresh_from_db()
    assert (item.text, item.assurance, item.restricted_reason) == (
        "Typed so far",
        "not_assured",
        "FOI",
    )
    assert not item.restricted
    assert question.answer == "Twelve"


def test_autosave_ignores_an_unknown_rating(item: Item) -> None:
    saved, _ = autosave_item(item, {"assurance": "excellent"})
    assert saved == []


def test_set_questions_keeps_answers_and_removes_dropped_lines(
    meeting: Meeting, item: Item
) -> None:
    question_set = QuestionSet.objects.create(meeting=meeting, item=item, theme="Stalking")
    first, second = set_questions(question_set, ["One?", "Two?"])
    first.answer = "Yes"
    first.save()
    (kept,) = set_questions(question_set, ["One, reworded?"])
    assert kept.pk == first.pk
    kept.refresh_from_db()
    assert kept.answer == "Yes" and kept.text == "One, reworded?"
    assert kept.item == item and kept.meeting == meeting
    assert not Question.objects.filter(pk=second.pk).exists()


def test_only_what_a_person_changed_is_marked_as_edited(item: Item) -> None:
    imported = item.actions.order_by("pk").first()
    assert imported is not None and imported.edited_fields == []
    row = ActionRow(imported.text, imported.pk, imported.owner_post, "", imported.due_text)
    row.status = imported.status
    (new,) = save_item(item, ItemMinutes(text=item.text, actions=[ActionRow("By hand")]))
    save_item(item, ItemMinutes(text=item.text, assurance=item.assurance, actions=[row]))
    imported.refresh_from_db()
    item.refresh_from_db()
    assert imported.edited_fields == []
    assert "text" not in item.edited_fields
    assert "text" in Action.objects.get(pk=new.pk).edited_fields  # kept by a re-import
