"""Actions, owners, decisions and questions inside items."""

from __future__ import annotations

import datetime as dt

from watching_brief.extraction import extract_text

HEAD = """Westvale Assurance Board – Notes
Date: Tuesday 24 March 2026
Chair: Priya Shah

Present:
Priya Shah (PCC) – Police and Crime Commissioner
Ruth Mason (DCC) – Deputy Chief Constable
Alan Price (ACC) – Assistant Chief Constable
Jo Tate (SO) – Staff Officer

"""


def test_owner_as_initials_is_kept_as_written_and_matched_to_the_attendee() -> None:
    minutes = extract_text(HEAD + "1. Estates\nAction: RM is to find out the cost of the lease.\n")
    (action,) = minutes.actions
    assert (action.owner, action.text) == ("RM", "RM is to find out the cost of the lease.")
    assert not [w for w in minutes.warning_details if w.code == "owner"]


def test_two_owners_for_one_action() -> None:
    minutes = extract_text(HEAD + "1. Estates\nAction: DCC and ACC to review the plan.\n")
    (action,) = minutes.actions
    assert action.owners == ["DCC", "ACC"]
    assert action.owner == "DCC / ACC"


def test_owner_that_names_no_attendee_is_warned_about() -> None:
    minutes = extract_text(HEAD + "1. Estates\nAction: Head of Estates to share the plan.\n")
    assert minutes.actions[0].owner == "Head of Estates"
    assert any(w.code == "owner" for w in minutes.warning_details)


def test_action_split_across_a_page_break_reads_as_one() -> None:
    text = HEAD + (
        "1. Estates\n"
        "The board discussed the estate and the plans for the coming year in detail.\n"
        "Action: DCC to provide the board with a costed plan for the replacement of the\n"
        "\nPage 2 of 4\nOFFICIAL\n\n"
        "custody suite by the next meeting.\n"
        "2. Date of next meeting\nTuesday 28 April 2026, 10:00 – 12:00\n"
    )
    (action,) = extract_text(text).actions
    assert action.text == (
        "DCC to provide the board with a costed plan for the replacement of the custody "
        "suite by the next meeting."
    )
    assert action.due == dt.date(2026, 4, 28)


def test_decisions_from_labels_and_resolutions() -> None:
    text = HEAD + (
        "1. Budget\n"
        "Decision: The board approved the revised budget.\n"
        "RESOLVED that the report be noted.\n"
    )
    decisions = [d.text for d in extract_text(text).decisions]
    assert decisions == [
        "The board approved the revised budget.",
        "that the report be noted.",
    ]


def test_questions_by_the_holding_body_with_their_asker() -> None:
    text = HEAD + (
        "1. Public contact\n"
        "The PCC asked whether 101 calls were answered within target. The DCC said they were.\n"
        "The DCC asked officers to review the data.\n"
        "The ACC was asked to set out the plan for the summer.\n"
    )
    questions = [(q.asker, q.text) for q in extract_text(text).questions]
    assert questions == [
        ("PCC", "The PCC asked whether 101 calls were answered within target."),
        ("PCC", "The ACC was asked to set out the plan for the summer."),
    ]


def test_header_fields_from_inline_labels() -> None:
    minutes = extract_text(HEAD + "1. Welcome\n")
    assert minutes.date == dt.date(2026, 3, 24)
    assert minutes.chair == "Priya Shah"
    assert minutes.series == "Westvale Assurance Board"
