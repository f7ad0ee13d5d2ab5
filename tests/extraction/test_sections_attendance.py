"""Attendance in every form of "Layouts met in the wild"."""

from __future__ import annotations

from watching_brief.extraction import extract_text


def people(text: str) -> list[tuple[str, str | None, str | None, str]]:
    minutes = extract_text(text)
    return [(a.name, a.role, a.abbrev, a.status) for a in minutes.attendees]


def test_name_abbreviation_dash_role_lines_with_present_and_apologies_headings() -> None:
    text = """Eastbrook Governance Board – Notes
Date: 3 March 2026

Present:
Priya Shah (PCC) – Police and Crime Commissioner
Tom Okafor (CEO) – Chief Executive, OPCC

Apologies:
Helen Marsh (DCC) – Deputy Chief Constable

1. Welcome
The PCC welcomed everyone.
"""
    assert people(text) == [
        ("Priya Shah", "Police and Crime Commissioner", "PCC", "present"),
        ("Tom Okafor", "Chief Executive, OPCC", "CEO", "present"),
        ("Helen Marsh", "Deputy Chief Constable", "DCC", "apologies"),
    ]


def test_name_abbreviation_role_lines_without_a_dash() -> None:
    text = """Westvale Assurance Board Minutes
Date: 4 March 2026
Attendees
Ruth Mason (RM) Head of Finance
Jon Tull (T/ACC) Assistant Chief Constable

1. Budget
The board discussed the budget.
"""
    minutes = extract_text(text)
    assert [(a.name, a.role, a.abbrev) for a in minutes.attendees] == [
        ("Ruth Mason", "Head of Finance", "RM"),
        ("Jon Tull", "Assistant Chief Constable", "ACC"),
    ]
    assert minutes.attendees[1].tenure == "temporary"


def test_apologies_written_as_a_sentence() -> None:
    text = """Northshire Police and Crime Panel – Minutes
Date: 12 February 2026

Present: Councillors Ann Smith (Chair), Bob Jones and Carol White

12/26 APOLOGIES FOR ABSENCE
Apologies were received from Councillors Dan Green and Eve Black.
"""
    assert people(text) == [
        ("Ann Smith", "Chair", None, "present"),
        ("Bob Jones", "Councillor", None, "present"),
        ("Carol White", "Councillor", None, "present"),
        ("Dan Green", "Councillor", None, "apologies"),
        ("Eve Black", "Councillor", None, "apologies"),
    ]


def test_columns_of_names_and_capacities_are_paired_in_order() -> None:
    text = """Quarterly Assurance Meeting June 2026 – Meeting Notes
Attendance:

Name:
Priya Shah
Sam Lee

Capacity:
Police and Crime Commissioner (PCC)
T/Deputy Chief Constable (T/DCC)

1. Performance
"""
    minutes = extract_text(text)
    assert [(a.name, a.role, a.abbrev, a.tenure) for a in minutes.attendees] == [
        ("Priya Shah", "Police and Crime Commissioner", "PCC", None),
        ("Sam Lee", "Deputy Chief Constable", "DCC", "temporary"),
    ]


def test_every_attendee_value_keeps_its_span() -> None:
    text = "Board Notes\nPresent:\nPriya Shah (PCC) – Police and Crime Commissioner\n"
    attendee = extract_text(text).attendees[0]
    for field in ("name", "role", "abbrev"):
        (span,) = attendee.source[field]
        assert text[span.start : span.end] == getattr(attendee, field)
