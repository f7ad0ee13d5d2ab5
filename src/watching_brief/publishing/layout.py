"""The row model shared by the PDF and DOCX writers.

A :class:`Layout` is what the published notes show, already in reading order: the
title, the header rows (Date, Chair, Minutes, Venue), the attendance groups and the rows
of the items table. The writers only decide how each part looks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from watching_brief.extraction.record import Attendee, Minutes
from watching_brief.publishing.document import DocumentInfo
from watching_brief.publishing.items import ItemRow, item_rows

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ATTENDANCE_GROUPS = (
    ("Attendance", ("present", "virtual")),
    ("Apologies", ("apologies",)),
    ("Absent", ("absent",)),
)
PEOPLE_HEADER = ("Name", "Capacity")
ITEMS_HEADER = ("No.", "Item", "Action owner")
DEFAULT_TITLE = "Meeting notes"


@dataclass(frozen=True)
class PersonRow:
    """One row of an attendance table."""

    name: str
    capacity: str


@dataclass(frozen=True)
class PeopleTable:
    """An attendance table under its heading ("Attendance", "Apologies" ...)."""

    heading: str
    rows: list[PersonRow]


@dataclass(frozen=True)
class Layout:
    """Everything the house-style notes show, in order."""

    title: str
    header: list[tuple[str, str]]
    people: list[PeopleTable] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    organisation: str = ""


def build_layout(minutes: Minutes, info: DocumentInfo | None = None) -> Layout:
    """The house-style layout of one meeting's record (restricted parts labelled as
    ``info`` says)."""
    info = info or DocumentInfo()
    return Layout(
        title=minutes.title or minutes.series or DEFAULT_TITLE,
        header=header_rows(minutes),
        people=people_tables(minutes.attendees),
        items=item_rows(minutes, info.restricted_items, info.restricted_actions),
        organisation=info.organisation or minutes.body or "",
    )


def header_rows(minutes: Minutes) -> list[tuple[str, str]]:
    """The Date / Chair / Minutes / Venue rows; values left empty when not given."""
    return [
        ("Date", when(minutes)),
        ("Chair", minutes.chair or ""),
        ("Minutes", minutes.minute_taker or ""),
        ("Venue", minutes.venue or ""),
    ]


def when(minutes: Minutes) -> str:
    """ "Tuesday 27 April 2021, 14:00" (with the end time when known)."""
    day = long_date(minutes.date) if minutes.date else (minutes.date_text or "")
    times = " – ".join(t for t in (minutes.start_time, minutes.end_time) if t)
    return ", ".join(part for part in (day, times) if part)


def long_date(date: dt.date) -> str:
    """A date written out in English whatever the locale: "Tuesday 27 April 2021"."""
    weekday = WEEKDAYS[date.weekday()]
    return f"{weekday} {date.day} {MONTHS[date.month - 1]} {date.year}"


def people_tables(attendees: list[Attendee]) -> list[PeopleTable]:
    """The attendance tables: present (and virtual), then apologies; empty ones left out."""
    tables = []
    for heading, statuses in ATTENDANCE_GROUPS:
        rows = [person_row(a) for a in attendees if a.status in statuses]
        if rows or heading == "Attendance":
            tables.append(PeopleTable(heading=heading, rows=rows))
    return tables


def person_row(attendee: Attendee) -> PersonRow:
    """Name and capacity, "Role (ABBR)"; virtual attendance noted after the capacity."""
    capacity = capacity_text(attendee.role, attendee.abbrev)
    if attendee.status == "virtual":
        capacity = f"{capacity} – virtual" if capacity else "Virtual"
    return PersonRow(name=attendee.name, capacity=capacity)


def capacity_text(role: str | None, abbrev: str | None) -> str:
    """ "Role (ABBR)", just the role without an abbreviation, just the abbreviation alone."""
    if role and abbrev:
        return f"{role} ({abbrev})"
    return role or abbrev or ""
