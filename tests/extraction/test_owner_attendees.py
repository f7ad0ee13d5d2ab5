"""The record says which attendee each action owner names (so the tracker never matches
the owner's words to the attendance again)."""

from __future__ import annotations

from watching_brief.extraction import extract_text
from watching_brief.extraction.record import Minutes

NOTES = """Northshire Board
Date: 3 March 2026

Present
Rachel Moreton (SPM) - Senior Policy Manager
Laura Bennion (DCC) - Deputy Chief Constable

1. Finance
Action: RM and DCC to report the overspend by 31 March 2026.
Action: Head of Estates to confirm the lease by 30 April 2026.
"""


def test_each_owner_names_its_attendee_or_none() -> None:
    minutes = extract_text(NOTES)
    first, second = minutes.actions
    assert first.owners == ["RM", "DCC"]
    assert first.owner_attendees == ["Rachel Moreton", "Laura Bennion"]
    assert second.owner_attendees == [None] * len(second.owners)


def test_a_record_without_the_field_still_reads() -> None:
    data = extract_text(NOTES).model_dump(mode="json", by_alias=True)
    for action in data["actions"]:
        del action["owner_attendees"]
    assert Minutes.model_validate(data).actions[0].owner_attendees == []
