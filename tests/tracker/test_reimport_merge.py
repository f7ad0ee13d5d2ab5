"""Importing notes again merges them into what is stored: nothing a person made is lost,
an action restricted on its own stays restricted, and published notes get a new version
only when their public text changed (#13, findings 2 and 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watching_brief.extraction import extract_text
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_file, store_document
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.minuting import ItemMinutes, save_item
from watching_brief.tracker.meetings.models import Decision, Meeting, Question
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
DATE = dt.date(2026, 2, 24)
QUESTION = "The PCC queried whether officers attending domestic abuse incidents"
MAPPING = "ACC to send the PCC the StreetSafe mapping"
HAND_DECISION = "The PCC asked for the arrest figures to come back in June."


def _snapshot(meeting: Meeting) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the meeting with its revision, to see whether anything was saved."""
    return {
        "items": list(meeting.items.order_by("pk").values_list("pk", "revision", "text")),
        "actions": list(meeting.actions.order_by("pk").values_list("pk", "revision", "text")),
        "questions": list(meeting.questions.order_by("pk").values_list("pk", "revision", "text")),
        "decisions": list(meeting.decisions.order_by("pk").values_list("pk", "revision", "text")),
        "matters": list(meeting.carried_forward.order_by("pk").values_list("pk", "revision")),
        "attendance": list(meeting.attendance.order_by("pk").values_list("pk", "status")),
        "meeting": [(meeting.revision,)],
    }


def _minute(meeting: Meeting) -> Action:
    """What people add after import: answers, a decision, an action restricted on its own."""
    for number, question in enumerate(meeting.questions.order_by("position")[:5]):
        Question.objects.filter(pk=question.pk).update(answer=f"Answer number {number}.")
    item = meeting.items.get(number="2.1")
    save_item(item, ItemMinutes(text=item.text, new_decision=HAND_DECISION))
    action = meeting.actions.get(text__startswith=MAPPING)
    action.restricted = True  # restricted on its own: its item (2.3) is public
    action.save()
    officer = create_account("olivia", "a-Long-pass-2026", "officer", [])
    assert publication.republish(meeting, officer) is not None  # the amendment goes public
    return action


def test_reimporting_changed_notes_keeps_answers_decisions_and_restrictions(
    ingested: list, notes_copy: Path
) -> None:
    meeting = Meeting.objects.get(date=DATE)
    assert (meeting.questions.count(), meeting.decisions.count()) == (9, 2)
    action = _minute(meeting)
    versions = meeting.versions.count()
    assert versions == 1  # the republished amendment
    text = notes_copy.read_text(encoding="utf-8")
    changed = text.replace(f"{QUESTION} had access", f"{QUESTION} always had access")
    changed = changed.replace("until 31 March 2027", "until 30 April 2027")
    assert changed != text
    notes_copy.write_text(changed, encoding="utf-8")

    result = ingest_file(notes_copy)

    assert result.status == "updated", result.reason
    assert meeting.questions.count() == 9
    assert sorted(meeting.questions.exclude(answer="").values_list("answer", flat=True)) == [
        f"Answer number {n}." for n in range(5)
    ]
    assert meeting.questions.filter(text__contains="always had access").count() == 1
    decisions = list(meeting.decisions.values_list("text", flat=True))
    assert len(decisions) == 3 and HAND_DECISION in decisions
    assert any("30 April 2027" in text for text in decisions)
    assert not any("31 March 2027" in text for text in decisions)
    action.refresh_from_db()
    assert action.restricted and action.item is not None and not action.item.restricted
    assert Action.objects.filter(meeting=meeting).count() == 3
    latest = meeting.versions.order_by("-number").first()
    assert latest is not None and meeting.versions.count() == versions + 1
    assert "always had access" in latest.text and MAPPING not in latest.text
    assert latest.note == f"Imported again from {notes_copy.name}."


def test_reimporting_identical_notes_changes_nothing(ingested: list, notes_copy: Path) -> None:
    meeting = Meeting.objects.get(date=DATE)
    _minute(meeting)
    meeting.refresh_from_db()
    before = _snapshot(meeting)
    versions = list(meeting.versions.values_list("pk", flat=True))
    # the same notes in different bytes (so not skipped as the same file)
    notes_copy.write_text(notes_copy.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")

    result = ingest_file(notes_copy)

    assert result.status == "updated", result.reason
    meeting.refresh_from_db()
    assert _snapshot(meeting) == before
    assert list(meeting.versions.values_list("pk", flat=True)) == versions
    assert Decision.objects.filter(meeting=meeting, text=HAND_DECISION).count() == 1
    assert Meeting.objects.count() == 6


def test_a_part_the_notes_no_longer_say_goes_unless_a_person_touched_it(
    ingested: list, notes_copy: Path
) -> None:
    meeting = Meeting.objects.get(date=DATE)
    answered = meeting.questions.get(text__startswith="The SPM asked whether the force")
    answered.answer = "Referrals are now reported quarterly."
    answered.save()
    items = meeting.items.count()
    text = notes_copy.read_text(encoding="utf-8")
    without = (
        text.replace("2.3 Safety in public spaces", "2.3 Night-time economy")
        .replace(
            "The SPM asked whether the force recorded how many victims",
            "The SPM said how many victims",
        )
        .replace("Decision: The PCC approved the publication", "The PCC approved the publication")
    )
    notes_copy.write_text(without, encoding="utf-8")

    assert ingest_file(notes_copy).status == "updated"

    answered.refresh_from_db()  # still there, with its answer
    assert answered.answer == "Referrals are now reported quarterly."
    assert not meeting.decisions.filter(text__contains="VAWG delivery plan").exists()
    assert meeting.items.count() == items  # the renamed item replaced, not left behind
    renamed = meeting.items.get(number="2.3")
    assert renamed.title == "Night-time economy"
    assert meeting.actions.filter(item=renamed, text__contains="StreetSafe mapping").exists()


def test_the_owner_is_the_attendee_the_record_names(ingested: list) -> None:
    """An owner written as initials ("RM") is the attendee the record says it names: her
    post and she as its holder then, with no second matching in the tracker."""
    action = Action.objects.get(text__startswith="RM is to find out")
    assert action.owner_holder is not None and action.owner_holder.name == "Rachel Moreton"
    assert action.owner_post is not None and action.owner_post.abbrev == "SPM"


def test_the_tracker_follows_the_record_not_the_owners_words(db: None) -> None:
    notes = (
        "Northshire Board\nDate: 3 March 2026\n\nPresent\n"
        "Rachel Moreton (SPM) - Senior Policy Manager\n"
        "Laura Bennion (DCC) - Deputy Chief Constable\n\n"
        "1. Finance\nAction: The finance lead to report the overspend by 31 March 2026.\n"
    )
    minutes = extract_text(notes)
    record = minutes.actions[0]
    assert record.owner_attendees == [None]
    record.owner_attendees = ["Laura Bennion"]  # as a corrected record would say

    result = store_document(Path("board.txt"), notes.encode(), minutes, "Northshire OPCC")

    assert result.status == "stored", result.reason
    action = Action.objects.get()
    assert action.owner_holder is not None and action.owner_holder.name == "Laura Bennion"
    assert action.owner_post is not None and action.owner_post.abbrev == "DCC"
