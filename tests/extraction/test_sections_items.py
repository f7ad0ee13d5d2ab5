"""Item headings in the shapes met in the wild."""

from __future__ import annotations

from watching_brief.extraction import extract_text


def items(text: str) -> list[tuple[str | None, str]]:
    return [(item.number, item.title) for item in extract_text(text).items]


def test_numbered_headings_and_sub_items() -> None:
    text = """Assurance Meeting – Notes
1. Matters arising
None.
2. Holding to account
2.1 Confidence
The PCC asked about confidence.
2.2 Victim satisfaction
The CC said 4 areas had improved. 4 of 5 areas improved in the year.
3. AOB
"""
    assert items(text) == [
        ("1", "Matters arising"),
        ("2", "Holding to account"),
        ("2.1", "Confidence"),
        ("2.2", "Victim satisfaction"),
        ("3", "AOB"),
    ]


def test_prose_that_starts_with_a_number_is_not_a_heading() -> None:
    text = """Assurance Meeting – Notes
1. Recruitment
The force had recruited officers in the year to date.
12 new officers started in March. This was welcomed.
2. Finance
"""
    assert items(text) == [("1", "Recruitment"), ("2", "Finance")]


def test_number_on_its_own_line_followed_by_the_title() -> None:
    text = """Assurance Meeting – Notes
1.

Matters arising
None

2.

Public contact
The PCC asked about 101 calls.
"""
    assert items(text) == [("1", "Matters arising"), ("2", "Public contact")]


def test_reference_followed_by_a_title_line() -> None:
    text = """Governance Board – Notes
Ref 03/26/01
Estates strategy
The board reviewed the strategy.
Ref 03/26/02
Fleet replacement
The board noted the report.
"""
    assert items(text) == [("03/26/01", "Estates strategy"), ("03/26/02", "Fleet replacement")]


def test_committee_numbering_with_titles_in_capitals() -> None:
    text = """Police and Crime Panel – Minutes
39/20 APOLOGIES FOR ABSENCE
None.
40/20 DECLARATIONS OF INTEREST
None.
186. MINUTES OF THE PREVIOUS MEETING
"""
    found = items(text)
    assert found[:2] == [("39/20", "APOLOGIES FOR ABSENCE"), ("40/20", "DECLARATIONS OF INTEREST")]


def test_title_wrapped_onto_a_second_line_is_joined() -> None:
    filler = "The board discussed the report at length and noted the progress made so far."
    text = f"""Assurance Meeting – Notes
1. Matters arising
{filler}
2. Inspection programme / Matters arising from the Service Improvement Board
(SIB) and the Audit Committee
{filler}
"""
    assert items(text)[1] == (
        "2",
        "Inspection programme / Matters arising from the Service Improvement Board "
        "(SIB) and the Audit Committee",
    )
