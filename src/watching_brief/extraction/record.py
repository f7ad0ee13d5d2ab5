"""The minutes record: pydantic models of what a meeting's notes say.

These models are the interchange format printed by ``brief extract --format json`` and
stored by the tracker. Every extracted value keeps where it came from: each model has a
``source`` mapping of field name to the character spans of the document text that field
was read from. Parsed values (dates, times) have an "as written" companion field
(``date_text``, ``due_text`` ...) whose spans point at the phrase they were parsed from.
Nothing is invented: a field the text does not give stays ``None``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AttendanceStatus = Literal["present", "apologies", "virtual", "absent"]
Tenure = Literal["temporary", "acting"]


class Span(BaseModel):
    """Character offsets ``[start, end)`` into the document text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset just past the last character.")


Source = dict[str, list[Span]]


class Sourced(BaseModel):
    """Base for record parts that keep the spans their fields were read from."""

    model_config = ConfigDict(populate_by_name=True)

    source: Source = Field(
        default_factory=dict,
        description="Field name to the spans of source text it was read from.",
    )


class Attendee(Sourced):
    """A person listed in the attendance, with the capacity they attended in."""

    name: str = Field(description="The person's name as written.")
    role: str | None = Field(None, description="Capacity as written, without abbreviation.")
    abbrev: str | None = Field(None, description="The capacity's abbreviation, e.g. DCC.")
    status: AttendanceStatus = Field("present", description="Present, apologies, virtual.")
    tenure: Tenure | None = Field(None, description="Temporary (T/) or acting (A/) holder.")


class Item(Sourced):
    """A numbered (or unnumbered) agenda item or sub-item."""

    number: str | None = Field(None, description="Number as written, without trailing dot.")
    title: str = Field(description="Title as written.")
    parent: str | None = Field(None, description="Number of the enclosing item, if any.")
    text: str | None = Field(None, description="Body text of the item, lines joined.")
    assurance: str | None = Field(
        None, description="Assurance rating where the notes give one (Assured ...)."
    )


class Action(Sourced):
    """Something a post or person was asked to do."""

    item: str | None = Field(None, description="Number of the item the action sits under.")
    text: str = Field(description="The action as written, without the 'Action:' label.")
    owner: str | None = Field(
        None,
        description="Owner: the attendee's abbreviation where one matches, otherwise as "
        "written; several owners joined with ' / '.",
    )
    owners: list[str] = Field(default_factory=list, description="Each owner separately.")
    owner_attendees: list[str | None] = Field(
        default_factory=list,
        description="For each of owners, the name of the attendee it names (as in "
        "attendees), or null when it names none; empty when not resolved.",
    )
    owner_text: str | None = Field(None, description="The owner as written in the notes.")
    due: dt.date | None = Field(None, description="Due date, resolved from the phrase.")
    due_text: str | None = Field(None, description="The due date phrase as written.")


class Decision(Sourced):
    """A decision or resolution recorded in the notes."""

    item: str | None = None
    text: str = Field(description="The decision as written, without the 'Decision:' label.")


class Question(Sourced):
    """A question put by a member of the holding body."""

    item: str | None = None
    asker: str | None = Field(None, description="Who asked, as the text names them.")
    text: str = Field(description="The sentence in which the question is put.")


class CarriedForward(Sourced):
    """A matter brought back from an earlier meeting."""

    item: str | None = None
    from_: str | None = Field(None, alias="from", description="The meeting it came from.")
    text: str
    update: str | None = Field(None, description="The update minuted on it, as written.")
    status: Literal["done", "open", "dropped"] | None = Field(
        None, description="What the update says: done, still open, or dropped."
    )


class NextMeeting(Sourced):
    """What the notes say of the next meeting."""

    date: dt.date | None = None
    date_text: str | None = None
    start_time: str | None = Field(None, description="HH:MM, 24-hour.")
    end_time: str | None = Field(None, description="HH:MM, 24-hour.")
    type: str | None = None
    venue: str | None = None


class ExtractionWarning(BaseModel):
    """A doubt a careful reader would flag, with where it arose."""

    code: str = Field(description="Short machine name, e.g. 'weekday'.")
    message: str
    spans: list[Span] = Field(default_factory=list)


class Minutes(Sourced):
    """The record of one meeting's notes."""

    title: str | None = None
    series: str | None = None
    body: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    start_time: str | None = Field(None, description="HH:MM, 24-hour.")
    end_time: str | None = Field(None, description="HH:MM, 24-hour.")
    venue: str | None = None
    chair: str | None = None
    minute_taker: str | None = None
    attendees: list[Attendee] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    carried_forward: list[CarriedForward] = Field(default_factory=list)
    next_meeting: NextMeeting | None = None
    warnings: list[str] = Field(default_factory=list, description="Each warning's message.")
    warning_details: list[ExtractionWarning] = Field(default_factory=list)
    document: str | None = Field(None, description="Name of the source document.")
    media_type: str | None = None

    def to_json(self) -> str:
        """The interchange JSON of this record."""
        return self.model_dump_json(by_alias=True, indent=2)
