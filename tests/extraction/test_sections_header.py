"""The header of real notes (issue #12): title, date, start time and venue in many shapes."""

from __future__ import annotations

import pytest

from watching_brief.extraction import extract_text
from watching_brief.extraction.fields.dates import parse_date, parse_times


def header(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    minutes = extract_text(text)
    return (
        minutes.title,
        minutes.date.isoformat() if minutes.date else None,
        minutes.start_time,
        minutes.venue,
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2.00 pm", "14:00"),
        ("1400 hrs", "14:00"),
        ("@ 0930", "09:30"),
        ("6.00 p.m.", "18:00"),
        ("7: 00 p.m.", "19:00"),
        ("9.30AM", "09:30"),
        ("1pm", "13:00"),
        ("13:00 hrs to 15:50 hrs", "13:00"),
    ],
)
def test_clock_times_in_their_many_shapes(text: str, start: str) -> None:
    found, _ = parse_times(text)
    assert found is not None
    assert found[0] == start


def test_numbers_that_are_not_times() -> None:
    assert parse_times("Page 1 of 12") == (None, None)
    assert parse_times("item 1400 of the plan") == (None, None)


def test_a_meeting_over_two_days_starts_on_the_first() -> None:
    parsed = parse_date("Wednesday 2 – Thursday 3 October 2019, Holt")
    assert parsed is not None
    assert parsed.value.isoformat() == "2019-10-02"


def test_date_with_a_space_before_the_comma() -> None:
    parsed = parse_date("WEDNESDAY, APRIL 15 , 2009")
    assert parsed is not None
    assert parsed.value.isoformat() == "2009-04-15"


def test_minutes_of_line_cut_before_held_on_date_at_venue() -> None:
    text = (
        "Warning: archived material.\n\nMinutes of the meeting of the Fenwick Police Authority "
        "held on 10 July 2000 at Guild Hall, Church Lane, Fenwick.\n\n1. Apologies\n"
    )
    assert header(text) == (
        "Minutes of the meeting of the Fenwick Police Authority",
        "2000-07-10",
        None,
        "Guild Hall, Church Lane, Fenwick",
    )


def test_body_line_then_title_line_with_venue_before_date() -> None:
    text = (
        "FENWICK POLICE AUTHORITY\n\nMINUTES of the 9th meeting of the Fenwick Police "
        "Authority, held at Police Headquarters, Mill Road, Fenwick on Thursday, 19 June 1997."
        "\n\nPRESENT:- Mr A Bell and Mr C Dunn.\n"
    )
    minutes = extract_text(text)
    assert minutes.title == "MINUTES of the 9th meeting of the Fenwick Police Authority"
    assert minutes.body == "FENWICK POLICE AUTHORITY"
    assert minutes.venue == "Police Headquarters, Mill Road, Fenwick"
    assert minutes.date is not None and minutes.date.isoformat() == "1997-06-19"


def test_unlabelled_date_line_under_a_document_type_line() -> None:
    text = """OVERSIGHT BOARD
Minutes
8th December 2020
1. Welcome and introductions
"""
    assert header(text) == ("OVERSIGHT BOARD", "2020-12-08", None, None)


def test_page_title_then_committee_with_date_and_time_then_labelled_venue() -> None:
    text = """Agenda and minutes

Scrutiny Board - Monday 22nd April 2024 6.00 p.m.

Venue: Parkside Suite - Parkside. View directions

Contact: A Clerk

Items
No. Item

1.

Minutes of the meeting held on 12 March 2024
"""
    assert header(text) == (
        "Agenda and minutes",
        "2024-04-22",
        "18:00",
        "Parkside Suite - Parkside",
    )


def test_held_on_date_inside_an_item_is_not_the_meeting_date() -> None:
    text = """Agenda and minutes

Venue: County Hall

Items
No. Item

13.

Minutes of the last meeting

The Committee agreed the minutes of the meeting held on 12 June 2023.
"""
    minutes = extract_text(text)
    assert minutes.date is None
    assert any(warning.startswith("date:") for warning in minutes.warnings)


def test_header_on_one_line_with_time_range_and_venue() -> None:
    text = (
        "Fenwick Health Trust Minutes of the Board Meeting in Public Tuesday 25 April 2017 "
        "10:15 – 12:30 The Mill Centre, Dale Drive, Fenwick, FW1 2AB Members: Ann Abel Bob "
        "Best Cal Cross Dee Dunn Interim Chair\n"
    )
    minutes = extract_text(text)
    assert minutes.title == "Minutes of the Board Meeting in Public"
    assert minutes.date is not None and minutes.date.isoformat() == "2017-04-25"
    assert (minutes.start_time, minutes.end_time) == ("10:15", "12:30")
    assert minutes.venue == "The Mill Centre, Dale Drive, Fenwick, FW1 2AB"


def test_upper_case_header_with_time_and_address_line() -> None:
    text = """FENWICK COMMISSIONING GROUP
GOVERNING BODY
Minutes of meeting held on TUESDAY 8TH DECEMBER 2015 1pm
BOARDROOM, THE MILL, LOW STREET
PRESENT:
Ann Abel
"""
    _, date, start, venue = header(text)
    assert (date, start, venue) == ("2015-12-08", "13:00", "BOARDROOM, THE MILL, LOW STREET")


def test_labels_inside_a_long_line() -> None:
    text = (
        "Fenwick and Holt Groups Committees in Common held in public Minutes Date: Tuesday 15 "
        "September 2020 Time: 10:00 – 12:05 Location: Meeting held virtually Convening Chair: "
        "Ann Abel\n"
    )
    minutes = extract_text(text)
    assert minutes.title == "Fenwick and Holt Groups Committees in Common held in public"
    assert minutes.date is not None and minutes.date.isoformat() == "2020-09-15"
    assert minutes.start_time == "10:00"
    assert minutes.venue == "Meeting held virtually"


def test_start_time_from_the_call_to_order() -> None:
    text = """FENWICK GOLF COMMISSION MINUTES OF REGULAR MEETING

Tuesday, July 11 , 2023

1 CALL TO ORDER

Chair Downs called the regular meeting to order at approximately 6 : 32 p.m. in Room 3.
"""
    assert header(text)[:3] == (
        "FENWICK GOLF COMMISSION MINUTES OF REGULAR MEETING",
        "2023-07-11",
        "18:32",
    )


def test_header_time_beats_the_call_to_order() -> None:
    text = """PLANNING BOARD

MONDAY JANUARY 23, 2012
7: 00 p.m.

1. CONVENE: 7:19 P.M.
"""
    assert header(text)[1:3] == ("2012-01-23", "19:00")


def test_title_over_two_lines_ending_with_of_the() -> None:
    text = """APPROVED
MEETING MINUTES OF THE REGULAR MEETING OF THE
CITY OF FENWICK HISTORICAL BOARD
THURSDAY, APRIL 1, 2010
"""
    assert header(text)[:2] == (
        "MEETING MINUTES OF THE REGULAR MEETING OF THE CITY OF FENWICK HISTORICAL BOARD",
        "2010-04-01",
    )


def test_held_on_with_time_then_venue_after_a_comma() -> None:
    text = """FENWICK HALL

Minutes of Hall Management Committee
held on Tuesday 8 October 2013 at 7.30pm, Fenwick Village Hall

Present: Ann Abel, Treasurer
"""
    assert header(text)[1:] == ("2013-10-08", "19:30", "Fenwick Village Hall")


def test_venue_from_the_call_to_order_running_onto_the_next_line() -> None:
    text = """FENWICK GOLF COMMISSION MINUTES OF REGULAR MEETING

Tuesday, July 11, 2023

1 CALL TO ORDER

Chair Downs called the regular meeting to order at 6:32 p.m. in
Room 3, City Hall, 12 Main Street, Fenwick

ROLL CALL
"""
    assert header(text)[2:] == ("18:32", "Room 3, City Hall, 12 Main Street, Fenwick")


def test_cover_block_date_time_kind_of_meeting_and_address() -> None:
    text = """Meeting Minutes

Thursday, September 12, 2013
6:00 PM
Special Meeting
City Hall, 2263 Main Avenue, Room 360, Fenwick,
CA 94501

Fenwick Oversight Board
"""
    assert header(text) == (
        "Meeting Minutes",
        "2013-09-12",
        "18:00",
        "City Hall, 2263 Main Avenue, Room 360, Fenwick, CA 94501",
    )


def test_minutes_line_above_a_title_line_is_not_the_title() -> None:
    text = """Minutes

Fenwick Plan Working Group Meeting
Date: 19 October 2014
Time: 3.00 p.m.
Venue: Fenwick Village Hall
"""
    assert header(text) == (
        "Fenwick Plan Working Group Meeting",
        "2014-10-19",
        "15:00",
        "Fenwick Village Hall",
    )


def test_an_items_table_head_set_aside_as_furniture_still_ends_the_header() -> None:
    """A date inside the first items is not the meeting's date, even when the items table's
    head ("No. Item") is web furniture that the header does not read."""
    text = (
        "Agenda and minutes\n\n"
        "Finance Committee - Tuesday 3rd May 2022 6.30 p.m.\n\n"
        "Venue: Council Chamber. View directions\n\n"
        "Contact: A Clerk \n\n"
        "No. Item\n\n\n"
        "Apologies for Absence\n\n\n"
        "Apologies for absence were received from Councillor B. Jones.\n\n\n"
        "Budget Monitoring pdf icon PDF 120 KB\n\n"
        "Additional documents:\n\n\n"
        "The Treasurer introduced the report of the working group which took place on "
        "14th February 2022. It was reported that the forecast was on budget.\n"
    )
    _, date, start, venue = header(text)
    assert (date, start, venue) == ("2022-05-03", "18:30", "Council Chamber")


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "MINUTES of a meeting of the Eastvale Police and Crime Panel held in the "
            "Council Chamber on Monday, 3 March 2025 at 10.00 am.",
            "Eastvale Police and Crime Panel",
        ),
        (
            "At a MEETING of the RIVERTON FIRE AND RESCUE AUTHORITY held remotely on "
            "4th June, 2024.",
            "RIVERTON FIRE AND RESCUE AUTHORITY",
        ),
    ],
)
def test_the_body_a_meeting_of_sentence_names(sentence: str, body: str) -> None:
    minutes = extract_text(f"{sentence}\n\nPresent:\nCouncillor A Jones (Chair)\n")
    assert minutes.body == body


def test_a_meeting_of_sentence_naming_no_body_gives_none() -> None:
    minutes = extract_text(
        "Notes of the meeting of the working group held on 3 March 2025.\n\nPresent:\nA Jones\n"
    )
    assert minutes.body is None
