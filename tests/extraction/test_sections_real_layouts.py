"""Items, actions and decisions in layouts met in real published notes (made-up text)."""

from __future__ import annotations

from watching_brief.extraction import extract_text
from watching_brief.extraction.document import Document
from watching_brief.extraction.fields.numbering import Number, date_like
from watching_brief.extraction.fields.owners import acceptable_owner, find_owner_phrase
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.sections.motions import find_motions


def items(text: str) -> list[tuple[str | None, str]]:
    return [(item.number, item.title) for item in extract_text(text).items]


def decisions(text: str) -> list[str]:
    return [decision.text for decision in extract_text(text).decisions]


def actions(text: str) -> list[tuple[str | None, str]]:
    return [(action.owner, action.text) for action in extract_text(text).actions]


WEB_PAGE = """Agenda and minutes

Venue: Room 4, Civic Centre. View directions

Contact: A Clerk

Items
No. Item

7.

Apologies

Minutes:

Apologies were received from Councillor Ash.

 ...  view the full minutes text for item 7.

8.

Minutes of the last meeting pdf icon PDF 88 KB

To agree the minutes of the meeting held on 2 May.

Additional documents:

Minutes:

RESOLVED –

\u00a0

That the minutes of the meeting held on 2 May be agreed as a correct record.

9.

Grants to parishes pdf icon PDF 120 KB

Minutes:

Small grants

The panel considered the report on parish grants and asked about the timetable.

8.1     Resolved – that the grants be approved.
"""


def test_web_page_items_lose_their_file_badges_and_furniture() -> None:
    assert items(WEB_PAGE) == [
        ("7", "Apologies"),
        ("8", "Minutes of the last meeting"),
        ("9", "Grants to parishes"),
    ]


def test_resolved_alone_takes_the_next_paragraph_from_that() -> None:
    assert decisions(WEB_PAGE) == [
        "That the minutes of the meeting held on 2 May be agreed as a correct record.",
        "that the grants be approved.",
    ]


def test_numbers_of_several_shapes() -> None:
    text = """Board – Minutes
24-25/AB/03

Apologies

There were none received at all today.

24-25/AB/04

Finance report

The board noted the finance report for the quarter.
"""
    assert items(text) == [("24-25/AB/03", "Apologies"), ("24-25/AB/04", "Finance report")]
    glued = (
        "Authority – Minutes\n\n1.Membership\n\nThe Clerk reported.\n\n"
        "2.Election of Chair\n\nDone.\n"
    )
    assert items(glued) == [("1", "Membership"), ("2", "Election of Chair")]


def test_roman_numerals_and_slash_numbers_with_item_words() -> None:
    text = """Joint Board – Minutes

I APOLOGIES FOR ABSENCE

Apologies were received from two members of the board.

II DECLARATION OF INTEREST

There were no declarations.
"""
    assert items(text) == [("I", "APOLOGIES FOR ABSENCE"), ("II", "DECLARATION OF INTEREST")]
    text = (
        "Trust Board – Minutes\n101/24 Item 1 OPENING\nThe Chair opened it.\n"
        "102/24 Item 2 APOLOGIES\nNone.\n"
    )
    assert items(text) == [("101/24", "OPENING"), ("102/24", "APOLOGIES")]


def test_number_shapes_parse_and_sequence() -> None:
    assert Number.parse("2-B").follows(Number.parse("2-A"))
    assert Number.parse("3").follows(Number.parse("2-A"))
    assert Number.parse("19-20/XY/16").follows(Number.parse("19-20/XY/15"))
    assert not Number.parse("19-20/XY/16").follows(Number.parse("18-19/XY/15"))
    assert Number.parse("IV", "roman").follows(Number.parse("III", "roman"))
    assert date_like("12/03/2024") and not date_like("01/25/01")


def test_unnumbered_sub_headings_inside_numbered_items_are_not_items() -> None:
    text = """Accountability Board – Minutes
1. Performance
Burglary
The board discussed burglary in the north of the county at some length.
Knife crime
The board discussed knife crime.
2. Any other business
None.
"""
    assert items(text) == [("1", "Performance"), ("2", "Any other business")]


def test_a_date_or_clock_time_at_the_start_of_a_line_is_not_an_item() -> None:
    text = """Panel – Minutes
4. Budget
The panel noted the budget.
12/03/2026 was given as the date of the next review.
11.05am
5. Close
"""
    assert items(text) == [("4", "Budget"), ("5", "Close")]


def test_flattened_rows_give_the_title_before_the_agenda_text() -> None:
    text = """Apologies for Absence Minutes: Apologies were received from one member.
Minutes of the last meeting To confirm the minutes of the meeting held in May. Minutes: Decision:
· That the minutes were confirmed as a correct record.
Work programme Minutes: The panel noted the work programme.
"""
    assert items(text) == [
        (None, "Apologies for Absence"),
        (None, "Minutes of the last meeting"),
        (None, "Work programme"),
    ]
    assert decisions(text) == ["That the minutes were confirmed as a correct record."]


def test_unnumbered_items_need_prose_under_them() -> None:
    text = """Scrutiny Board – Minutes

No. Item

Apologies for Absence

Apologies were received from Councillor Birch.

Public Questions

None.
"""
    assert items(text) == [(None, "Apologies for Absence"), (None, "Public Questions")]


def test_decision_labels_of_several_shapes() -> None:
    text = """Authority – Minutes

1. Chair

(1)Mr A and Mr B nominated Mr C.

(2)RESOLVED unanimously that Mr C be elected Chair.

2. Members

(3)RESOLVED that

(a) thanks be sent to Mr D; and

(b) members note the report.

3. Update

Decision:

The Board agreed to invite an observer.
"""
    assert decisions(text) == [
        "that Mr C be elected Chair.",
        "that (a) thanks be sent to Mr D; and (b) members note the report.",
        "The Board agreed to invite an observer.",
    ]


def test_actions_with_owner_after_the_label_and_two_owners_in_two_sentences() -> None:
    text = """Accountability Board – Minutes
1. Performance
Action KT to write to the board about the efficiency plan.
Action – PL to follow up with the inspector. RN to pick up the schools work.
ACTION: Work will continue on the budget proposals.
Action – SH and JA to produce a template for the streams of work.
"""
    assert actions(text) == [
        ("KT", "KT to write to the board about the efficiency plan."),
        ("PL", "PL to follow up with the inspector."),
        ("RN", "RN to pick up the schools work."),
        (None, "Work will continue on the budget proposals."),
        ("SH and JA", "SH and JA to produce a template for the streams of work."),
    ]


def test_action_label_alone_takes_the_next_paragraph_and_its_subject() -> None:
    text = (
        "Board – Minutes\n\nFleet update\n\nThe board discussed the fleet at length today.\n\n"
        "Action:\n\nOfficers noted the comments.\n"
    )
    assert actions(text) == [("Officers", "Officers noted the comments.")]


def test_owner_reading() -> None:
    assert acceptable_owner("Chief Constable") and acceptable_owner("SMc")
    assert not acceptable_owner("Work") and not acceptable_owner("It was agreed that the CC")
    phrase = find_owner_phrase("It was agreed that the Chief Constable would invite the DPCC.")
    assert phrase is not None and phrase.text == "Chief Constable"
    finance = find_owner_phrase("Finance to provide the figures.")
    assert finance is not None and finance.text == "Finance"
    assert find_owner_phrase("Work to continue on the plan.") is None
    later = find_owner_phrase(
        "The Force should monitor it. Maya to share the data.", known=("Maya Rees",)
    )
    assert later is not None and later.text == "Maya"


def test_motions_with_their_outcome_are_decisions() -> None:
    text = (
        "Member Ray moved approval of the plan. Member Lee seconded the motion. "
        "Motion carried 4-0. The resolution was adopted."
    )
    document = Document.from_text(text)
    passage = Passage.of([piece_of(document.lines[0])])
    ((start, end),) = find_motions(passage)
    assert text[start:end] == (
        "Member Ray moved approval of the plan. Member Lee seconded the motion. Motion carried 4-0."
    )
    assert (
        find_motions(Passage.of([piece_of(Document.from_text("The report was adopted.").lines[0])]))
        == []
    )


def test_web_and_viewer_furniture_lines_are_skipped() -> None:
    text = """Panel – Minutes
1. Apologies
None.
 ...  view the full minutes text for item 1.
Page 3: panel-minutes.pdf
C:\\Users\\clerk\\minutes.doc
2. Reports
"""
    minutes = extract_text(text)
    assert [item.title for item in minutes.items] == ["Apologies", "Reports"]
    assert minutes.items[0].text == "None."


def test_run_together_minutes_are_broken_at_item_markers_keeping_offsets() -> None:
    from watching_brief.extraction.cleanup.reflow import reflow

    filler = "The board noted the report and thanked the officers for their work. " * 3
    text = (
        "Trust Board Minutes Members: A Person B Person "
        f"1. Welcome 1.1. The Chair opened the meeting. {filler}"
        f"2. Apologies for Absence 2.1. Apologies were received from C Person. {filler}"
        f"Page 1 of 9 3. Declarations of Interest 3.1. There were none. {filler}"
        f"4. Questions from the Public 4.1. There were no questions. {filler}"
    )
    document = reflow(Document.from_text(text))
    assert len(document.text) == len(text)
    assert document.text.replace("\n", " ") == text
    assert items(text) == [
        ("1", "Welcome"),
        ("2", "Apologies for Absence"),
        ("3", "Declarations of Interest"),
        ("4", "Questions from the Public"),
    ]
    assert reflow(Document.from_text("1. Short\n2. Lines\n")).text == "1. Short\n2. Lines\n"


def test_trailing_action_tags_give_the_sentence_and_the_tagged_owner() -> None:
    text = """Village Hall Committee – Minutes
1. Maintenance
• The boiler service was booked for next month, c/f action Sam.
o Look at the insurance, action Ruth . Also the gutters were cleared.
o Ruth had spoken to the contractor, action Ruth to chase.
Karen said the rates were fine.
"""
    assert actions(text) == [
        ("Sam", "The boiler service was booked for next month"),
        ("Ruth", "Look at the insurance"),
        ("Ruth", "Ruth had spoken to the contractor"),
    ]


def test_heading_before_a_colon_or_a_dash_that_starts_prose() -> None:
    text = """Commission – Minutes
1. CONVENE: 7:02 pm
2. ROLL CALL: Present: Chair Ames, Members Bell and Cole
3. Apologies for absence : Dee Evans, Finn Gray.
4. Floor repairs – Sam booked three days in November for the work. Cost £52 last time.
5. INSPECTION – PROGRESS AGAINST AREAS FOR IMPROVEMENT
The committee noted progress.
6. Holding to account – Violence against women and girls
7. Minutes: 26 June 2025
"""
    assert items(text) == [
        ("1", "CONVENE"),
        ("2", "ROLL CALL"),
        ("3", "Apologies for absence"),
        ("4", "Floor repairs"),
        ("5", "INSPECTION – PROGRESS AGAINST AREAS FOR IMPROVEMENT"),
        ("6", "Holding to account – Violence against women and girls"),
        ("7", "Minutes: 26 June 2025"),
    ]


def test_sub_items_take_their_title_to_the_end_of_the_first_sentence() -> None:
    text = """Oversight Board – Minutes
2 CONSENT AGENDA
2-A 2025-96
Resolution Adopting the Minutes of the April 9, 2025 Annual
Meeting.
The resolution was adopted.
2-B Approval of an agreement with Acme Inc. for consulting. The board approved it.
3 NEW BUSINESS
"""
    assert items(text) == [
        ("2", "CONSENT AGENDA"),
        ("2-A", "Resolution Adopting the Minutes of the April 9, 2025 Annual Meeting"),
        ("2-B", "Approval of an agreement with Acme Inc. for consulting"),
        ("3", "NEW BUSINESS"),
    ]


def test_structure_read_from_shapes_alone_is_warned_about() -> None:
    text = """Scrutiny Board – Minutes

No. Item

Apologies for Absence

Apologies were received from Councillor Birch.
"""
    warnings = extract_text(text).warnings
    assert any(w.startswith("items: no item is numbered") for w in warnings)
    numbered = extract_text("Board – Notes\n1. Apologies\nNone.\n2. Finance\nNoted.\n")
    assert not any(w.startswith("items: no item is numbered") for w in numbered.warnings)


def test_every_item_numbered_one_is_a_flattened_list() -> None:
    text = """Board – Minutes
1. Apologies
None were received.
1. Minutes of the last meeting
Agreed as a correct record.
1. Finance report
The board noted the report.
"""
    assert items(text) == [
        ("1", "Apologies"),
        ("2", "Minutes of the last meeting"),
        ("3", "Finance report"),
    ]


def test_more_action_and_decision_labels() -> None:
    text = """Board – Minutes
1. Estates
Action Point 3: KB to circulate the estates plan.
UNANIMOUSLY RESOLVED that the plan be adopted.
AGREED that the lease be renewed.
Agreed the board would meet again in June.
"""
    assert actions(text) == [("KB", "KB to circulate the estates plan.")]
    assert decisions(text) == ["that the plan be adopted.", "that the lease be renewed."]


def test_paragraph_numbers_are_not_sub_items_but_sub_headings_are() -> None:
    paragraphs_text = """Committee – Minutes
12. Declarations of Interest
12.1 None were declared at the meeting today.
13. Minutes
13.1 Resolved – that the minutes be agreed.
14. Performance report
14.1 The committee considered a report by the Chief Fire Officer.
14.2 Summary of responses to members' questions
"""
    assert items(paragraphs_text) == [
        ("12", "Declarations of Interest"),
        ("13", "Minutes"),
        ("14", "Performance report"),
    ]
    headings_text = """Board – Notes
2. Holding to account
2.1 Confidence
The PCC asked about confidence.
2.2 Victim satisfaction
2.2.1 The CC said satisfaction had improved in the year.
2.2.2 The PCC welcomed the improvement in satisfaction.
2.2.3 The DCC described the new survey and its results.
"""
    assert items(headings_text) == [
        ("2", "Holding to account"),
        ("2.1", "Confidence"),
        ("2.2", "Victim satisfaction"),
    ]


def test_a_numbered_heading_the_attendance_also_reads_is_still_an_item() -> None:
    text = """Village Hall Committee – Minutes
Present: Ann Lee (Chair), Bob Fox, Treasurer
1. Apologies for absence : Cath Moss, Dan Hill.
2. Treasurer's report
The accounts were circulated and agreed.
3. Any other business
None.
"""
    found = items(text)
    assert found[0] == ("1", "Apologies for absence")
    assert [number for number, _ in found] == ["1", "2", "3"]
