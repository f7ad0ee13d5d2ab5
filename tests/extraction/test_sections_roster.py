"""Attendance in the layouts of many bodies (issue #12): made-up notes in each shape."""

from __future__ import annotations

from watching_brief.extraction import extract_text


def people(text: str) -> list[tuple[str, str | None, str | None, str]]:
    minutes = extract_text(text)
    return [(a.name, a.role, a.abbrev, a.status) for a in minutes.attendees]


def names(text: str) -> list[tuple[str, str]]:
    return [(a.name, a.status) for a in extract_text(text).attendees]


def test_unheaded_bullets_after_the_header_then_organisation_headings() -> None:
    text = """Minutes of the meeting of the Fenwick Police Authority held on 3 May 2004 at
Fenwick House, Low Street, Fenwick.

  • Ada Lovelock (Chair)
  • Ben Carrow (Deputy Chair)
  • Cora Dunmore

Authority staff:

Dan Eastwood (Clerk), Eve Fairley (Treasurer)

12. Apologies

Apologies were received from Fay Gorton and Gil Hanley.
"""
    assert people(text) == [
        ("Ada Lovelock", "Chair", None, "present"),
        ("Ben Carrow", "Deputy Chair", None, "present"),
        ("Cora Dunmore", None, None, "present"),
        ("Dan Eastwood", "Clerk", None, "present"),
        ("Eve Fairley", "Treasurer", None, "present"),
        ("Fay Gorton", None, None, "apologies"),
        ("Gil Hanley", None, None, "apologies"),
    ]


def test_ranks_and_posts_before_names_and_apologies_accepted() -> None:
    text = """OVERSIGHT BOARD
Minutes
4th March 2022
1. Welcome
Attendees:
PCC Rhona Ashby (RA)
DCC Tom Bellamy (TB)
Chief Finance Officer Una Castle (UC)
D/Chief Inspector Vic Dorne
Apologies were accepted from ACC Wyn Ellery; ACC Xan Forde and DCI Yves Garner
2. Previous minutes
"""
    assert people(text) == [
        ("Rhona Ashby", "PCC", "RA", "present"),
        ("Tom Bellamy", "DCC", "TB", "present"),
        ("Una Castle", "Chief Finance Officer", "UC", "present"),
        ("Vic Dorne", "D/Chief Inspector", None, "present"),
        ("Wyn Ellery", "ACC", None, "apologies"),
        ("Xan Forde", "ACC", None, "apologies"),
        ("Yves Garner", "DCI", None, "apologies"),
    ]


def test_present_sentence_with_honours_titles_and_semicolon_officers() -> None:
    text = (
        "MARSHLAND POLICE AUTHORITY\n\nMINUTES of the 3rd meeting of the Marshland Police "
        "Authority, held at County Hall, Marsh Road, Eldon on Tuesday, 4 May 1999.\n\n"
        "PRESENT:- Sir Alan Brook, DL (Chairman), Mrs C D Eaves, JP (Vice-Chairman), "
        "Mr E F Gale, OBE, QFSM, Lady Hale and Mr G Irwin.\n\n"
        "OFFICERS:-The Chief Constable, Mr H J Keane, QPM; the Clerk to the Authority, "
        "Mr K L Moss; and the Treasurer, Mr N Orr.\n\n1.Membership\n"
    )
    assert people(text) == [
        ("Alan Brook", "Chairman", None, "present"),
        ("C D Eaves", "Vice-Chairman", None, "present"),
        ("E F Gale", None, None, "present"),
        ("Lady Hale", None, None, "present"),
        ("G Irwin", None, None, "present"),
        ("H J Keane", "Chief Constable", None, "present"),
        ("K L Moss", "Clerk to the Authority", None, "present"),
        ("N Orr", "Treasurer", None, "present"),
    ]


def test_run_on_line_split_at_courtesy_titles_with_groups() -> None:
    text = (
        "EASTWICK POLICING BOARD MINUTES OF MEETING HELD ON MONDAY 3 MARCH 2021 AT 10.00AM "
        "IN HARBOUR HOUSE. PRESENT: (1) (2) Mrs Ann Bell (Chair) Mr Carl Dunn (Vice-Chair) "
        "Dr Eva Frost Mr Gus Hale ABSENT: Mrs Ida Jones IN ATTENDANCE: Mr Ken Lowe, Chief "
        "Constable Ms Liz Moore, Chief Executive\n\n1. Apologies\n"
    )
    assert names(text) == [
        ("Ann Bell", "present"),
        ("Carl Dunn", "present"),
        ("Eva Frost", "present"),
        ("Gus Hale", "present"),
        ("Ida Jones", "absent"),
        ("Ken Lowe", "present"),
        ("Liz Moore", "present"),
    ]
    assert extract_text(text).attendees[4].status == "absent"


def test_run_on_line_of_ranks_with_forces_after_the_names() -> None:
    text = (
        "Chiefs' Forum Minutes\n\nAttendees CC Ann Abbot Northshire DCC Ben Birch Southshire "
        "CC Cal Cobb Westmoor ACC Dee Dale Eastfell CC Eli Eames Northshire DCC Flo Fenn "
        "Southshire\n\n1. Opening\n"
    )
    assert people(text) == [
        ("Ann Abbot", "CC", None, "present"),
        ("Ben Birch", "DCC", None, "present"),
        ("Cal Cobb", "CC", None, "present"),
        ("Dee Dale", "ACC", None, "present"),
        ("Eli Eames", "CC", None, "present"),
        ("Flo Fenn", "DCC", None, "present"),
    ]


def test_flattened_table_names_then_roles_in_the_same_order() -> None:
    text = """GOVERNING BODY
Minutes of meeting held on TUESDAY 5TH MAY 2015 2pm
ROOM 4, CIVIC CENTRE
PRESENT:
Dr Ann Acre
Bob Birk
Cy Cole
Chair
Lay Member –
Governance
Finance Officer
APOLOGIES:
Dee Dray
1. INTRODUCTIONS
"""
    assert people(text) == [
        ("Ann Acre", "Chair", None, "present"),
        ("Bob Birk", "Lay Member – Governance", None, "present"),
        ("Cy Cole", "Finance Officer", None, "present"),
        ("Dee Dray", None, None, "apologies"),
    ]


def test_name_and_role_on_alternate_lines_of_a_two_column_table() -> None:
    text = """At a MEETING of the FENWICK JOINT BOARD held remotely on 5th May, 2021.

Present:-

Members

Role

Amy ADAMS (Chairperson)

Nominated by Fenwick Council

Bea BROWN

Audit Office

Cal CRAIG

Chief Officer

Non-members in attendance at request of Chief Officer:-

Dot DUNN

Fenwick Carers Centre

I APOLOGIES FOR ABSENCE
"""
    assert people(text) == [
        ("Amy ADAMS", "Nominated by Fenwick Council", None, "present"),
        ("Bea BROWN", "Audit Office", None, "present"),
        ("Cal CRAIG", "Chief Officer", None, "present"),
        ("Dot DUNN", "Fenwick Carers Centre", None, "present"),
    ]


def test_names_with_initials_and_roles_run_together() -> None:
    text = """Quality Committee Minutes Tuesday 3 March 2015 13:00 hrs to 15:00 hrs
The Board Room, Mill House
Present: Ann Abel (AA) : Lay Member (Chair) Bob Best (BB) : Director of Nursing
In attendance: Cal Cross (CC) : Head of Quality
(item 4) Dee Dunn (DD) : Minute Taker
1. Welcome
"""
    assert people(text) == [
        ("Ann Abel", "Lay Member (Chair)", "AA", "present"),
        ("Bob Best", "Director of Nursing", "BB", "present"),
        ("Cal Cross", "Head of Quality", "CC", "present"),
        ("Dee Dunn", "Minute Taker", "DD", "present"),
    ]


def test_roll_call_with_posts_before_surnames() -> None:
    text = """CITY OF FENWICK PARKS BOARD
MONDAY MAY 3, 2010
1. CONVENE: 7:02 pm
2. ROLL CALL : Present: Chair Abbott, Board Members Baker and Carter
Absent: Vice Chair Dalton and Board Member Evans
3. MINUTES
"""
    assert people(text) == [
        ("Abbott", "Chair", None, "present"),
        ("Baker", "Board Member", None, "present"),
        ("Carter", "Board Member", None, "present"),
        ("Dalton", "Vice Chair", None, "absent"),
        ("Evans", "Board Member", None, "absent"),
    ]


def test_apologies_in_sentence_forms_and_a_substitute() -> None:
    text = """Scrutiny Committee - Monday, 7 March 2022 5:30 pm

Items

1.

APOLOGIES FOR ABSENCE

Minutes:

Apologies for absence were received from Councillor Ames and, Bea Bond - Director of Care.

It was noted that Councillor Cobb was in attendance as a substitute for Councillor Ames.

2.

An apology for absence was submitted on behalf of Councillor D. E. Drew.
"""
    assert people(text) == [
        ("Ames", "Councillor", None, "apologies"),
        ("Bea Bond", "Director of Care", None, "apologies"),
        ("D. E. Drew", "Councillor", None, "apologies"),
        ("Cobb", None, None, "present"),
    ]


def test_prose_naming_people_is_not_attendance() -> None:
    text = """Finance Panel – Minutes
Date: 3 March 2026

Present:
Ann Smith (Chair)
Bob Jones

1. Budget
Miss Green was welcomed to the meeting as Mr Brown's representative. The Chair thanked Carol White.
"""
    assert names(text) == [("Ann Smith", "present"), ("Bob Jones", "present")]


def test_grid_of_initialled_names_with_initials_wrapped_to_the_next_line() -> None:
    text = """Working Group Meeting
Date: 19 October 2014

Present:
Ann Abel (AA) Bob Best (BB) Cal Cross (CC)
Apologies:
Dee Dunn (DD) Eve Egan (EE)
Fay Ford Gus Gale (GG) Hal Hume
(FF) (HH)
1. Outline schedule
"""
    assert names(text) == [
        ("Ann Abel", "present"),
        ("Bob Best", "present"),
        ("Cal Cross", "present"),
        ("Dee Dunn", "apologies"),
        ("Eve Egan", "apologies"),
        ("Fay Ford", "apologies"),
        ("Gus Gale", "apologies"),
        ("Hal Hume", "apologies"),
    ]


def test_a_post_of_several_words_before_the_name() -> None:
    text = """PARKS COMMISSION MINUTES
Tuesday, July 11, 2023
Present: Chair Abbott, Vice Chair Bea Bell
Staff: Recreation and Parks Director Cy Cole, Parks Manager Di Dore
1. CALL TO ORDER
"""
    assert people(text) == [
        ("Abbott", "Chair", None, "present"),
        ("Bea Bell", "Vice Chair", None, "present"),
        ("Cy Cole", "Recreation and Parks Director", None, "present"),
        ("Di Dore", "Parks Manager", None, "present"),
    ]


def test_more_labels_and_apologies_tendered_by() -> None:
    text = """Fenwick Board
Minutes
Date: 3 March 2026
Attending:
Ann Abel – Chair
Observers:
Cal Cross – Press
Not present:
Eve Egan
Guests: Fay Ford (Auditor), Gus Gale (Consultant)
1. Apologies
Apologies for absence were tendered by Lu Lam.
"""
    assert people(text) == [
        ("Ann Abel", "Chair", None, "present"),
        ("Cal Cross", "Press", None, "present"),
        ("Eve Egan", None, None, "absent"),
        ("Fay Ford", "Auditor", None, "present"),
        ("Gus Gale", "Consultant", None, "present"),
        ("Lu Lam", None, None, "apologies"),
    ]


def test_names_with_no_separator_are_read_in_pairs_with_a_warning() -> None:
    text = (
        "Fenwick Trust Minutes of the Board Meeting in Public Tuesday 25 April 2017 10:15 "
        "Members: Ann Abel Bob Best Cal Cross Dee Dunn Interim Chair Director of Finance "
        "Secretariat: Eve Egan Coordinator\n"
    )
    minutes = extract_text(text)
    assert [a.name for a in minutes.attendees] == [
        "Ann Abel",
        "Bob Best",
        "Cal Cross",
        "Dee Dunn",
        "Eve Egan",
    ]
    warning = next(w for w in minutes.warning_details if w.code == "attendance")
    assert "4 names" in warning.message
    assert [minutes_text(text, span) for span in warning.spans[:1]] == ["Ann Abel"]


def test_role_label_before_the_name() -> None:
    text = """Fenwick Board – Notes
Date: 3 March 2026
Present:
Police and Crime Commissioner: Ann Abel
Chief Constable: Bob Best (CC)
1. Welcome
"""
    assert people(text) == [
        ("Ann Abel", "Police and Crime Commissioner", None, "present"),
        ("Bob Best", "Chief Constable", "CC", "present"),
    ]


def minutes_text(text: str, span: object) -> str:
    return text[span.start : span.end]  # type: ignore[attr-defined]


def test_unheaded_attendance_lines_straight_after_the_header() -> None:
    text = """Fenwick Board – Notes
Date: 3 March 2026
Venue: Room 2, Town Hall
Ann Abel (Chair)
Bob Best – Treasurer
Cal Cross (CC) Chief Constable
1. Welcome
The Chair welcomed Dee Dunn.
"""
    assert people(text) == [
        ("Ann Abel", "Chair", None, "present"),
        ("Bob Best", "Treasurer", None, "present"),
        ("Cal Cross", "Chief Constable", "CC", "present"),
    ]


def test_lines_after_the_header_that_are_not_people() -> None:
    text = """Meeting Minutes
Thursday, September 12, 2013
6:00 PM
Special Meeting
Town Hall, 22 High Street, Room 3, Fenwick
Fenwick Oversight Board
1 CALL TO ORDER
"""
    assert extract_text(text).attendees == []
