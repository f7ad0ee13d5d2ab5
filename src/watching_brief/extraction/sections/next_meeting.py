"""The next meeting: its date, times, type and venue."""

from __future__ import annotations

import datetime as dt
import re

from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.fields.dates import parse_date, parse_times
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.record import NextMeeting
from watching_brief.extraction.sections.items import NEXT_MEETING_HEADING, ItemBlock

VENUE = re.compile(
    r"(?:^\s*(?:venue|location|place)\s*[:\-–]\s*|\b(?:at|in|venue:)\s+(?=(?:the\s+)?[A-Z]))"
    r"(?P<venue>[^;]+?)\s*\.?$"
)
TYPE_LABEL = re.compile(r"^\s*(?:meeting\s+)?type\s*[:\-–]\s*", re.I)


def extract_next_meeting(
    layout: Layout, blocks: list[ItemBlock], meeting_date: dt.date | None
) -> NextMeeting | None:
    """Read the next-meeting item, or a sentence naming the next meeting's date."""
    passages = _next_meeting_passages(layout, blocks)
    if not passages:
        return None
    result = NextMeeting()
    default_year = meeting_date.year if meeting_date else None
    for passage in passages:
        _read_line(result, passage, default_year, meeting_date)
    return result


def _next_meeting_passages(layout: Layout, blocks: list[ItemBlock]) -> list[Passage]:
    for block in blocks:
        if block.next_meeting:
            passages = []
            title = block.title.text
            colon = re.search(r"(?:next\s+meeting|venue)\w*\s*[:\-–]\s*(?=\S)", title, re.I)
            if colon:
                passages.append(block.title.sub(colon.end()))
            passages.extend(Passage.of([piece_of(line)]) for line in block.body)
            return passages
    for line in layout.document.lines:
        if layout.usable(line) and NEXT_MEETING_HEADING.search(line.text) and parse_date(line.text):
            return [Passage.of([piece_of(line)])]
    return []


def _read_line(
    result: NextMeeting, passage: Passage, year: int | None, meeting: dt.date | None
) -> None:
    text = passage.text
    parsed = parse_date(text, default_year=year)
    used_date = False
    if parsed is not None and result.date is None:
        value = parsed.value
        if parsed.year_inferred and meeting is not None and value < meeting:
            value = value.replace(year=value.year + 1)
        result.date = value
        result.date_text = text[parsed.start : parsed.end]
        result.source["date_text"] = passage.spans(parsed.start, parsed.end)
        used_date = True
    start, end = parse_times(text)
    if start is not None and result.start_time is None:
        result.start_time = start[0]
        used_date = True
    if end is not None and result.end_time is None:
        result.end_time = end[0]
    venue = VENUE.search(text)
    if venue and (used_date or re.match(r"^\s*(?:venue|location|place)\b", text, re.I)):
        result.venue = venue.group("venue")
        result.source["venue"] = passage.spans(venue.start("venue"), venue.end("venue"))
        return
    if used_date or result.type is not None:
        return
    type_label = TYPE_LABEL.match(text)
    begin = type_label.end() if type_label else 0
    result.type = text[begin:]
    result.source["type"] = passage.spans(begin)
