"""The next meeting: its date, times, type and venue."""

from __future__ import annotations

import datetime as dt
import re

from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.fields.dates import parse_date, parse_times
from watching_brief.extraction.fields.questions import split_sentences
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.record import NextMeeting
from watching_brief.extraction.sections.items import ItemBlock, next_meeting_heading
from watching_brief.extraction.sections.paragraphs import paragraphs

VENUE_AFTER = re.compile(
    r"^\s*,?\s*(?:(?i:at|in|venue:?)\s+)?(?:the\s+)?(?P<venue>[A-Z][^;]*?)\s*"
    r"(?:,\s+(?i:to|and|for|when|where|with|which)\b.*|;.*|\.(?:\s+.*)?)?$"
)
VENUE_LABEL = re.compile(r"^\s*(?:venue|location|place)\s*[:\-–]\s*", re.I)
TYPE_LABEL = re.compile(
    r"^\s*(?:(?:meeting\s+)?type|theme|focus)\s*[:\-–]\s*|^\s*the\s+theme\s+will\s+be\s+|"
    r"\bwill\s+focus\s+on\s+",
    re.I,
)
NEXT_KIND = re.compile(r"\bnext\s+(?P<kind>(?!meeting\b)[\w\s-]{3,60}?\s+meeting)\b", re.I)
CLOSING = re.compile(
    r"\bmeeting\s+(?:closed|ended|finished|concluded)\b|^\s*minutes\s*:?\s*$", re.I
)
PLACE = re.compile(
    r"\b(?:room|house|hall|chamber|centre|center|headquarters|hq|library|offices?|building|"
    r"station|teams|online|virtual(?:ly)?|suite|court)\b",
    re.I,
)
LEADING = re.compile(r"^[\s,;:–—-]+|^\s*(?:on|held\s+on)\s+", re.I)


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
        if not _read_line(result, passage, default_year, meeting_date):
            break
    return result


def _next_meeting_passages(layout: Layout, blocks: list[ItemBlock]) -> list[Passage]:
    for block in blocks:
        if block.next_meeting:
            passages = []
            title = block.title.text
            colon = re.search(r"(?:next\s+meeting|venue)\w*\s*[:\-–]\s*(?=\S)", title, re.I)
            if colon:
                passages.append(block.title.sub(colon.end()))
            passages.extend(p.passage for p in paragraphs(layout, block.body))
            return passages
    for line in layout.document.lines:
        if layout.usable(line) and next_meeting_heading(line.text) and parse_date(line.text):
            return [Passage.of([piece_of(line)])]
    return []


def _read_line(
    result: NextMeeting, passage: Passage, year: int | None, meeting: dt.date | None
) -> bool:
    """One line of the next-meeting item, sentence by sentence; False after the close."""
    for start, end in split_sentences(passage.text):
        sentence = passage.sub(start, end)
        if CLOSING.search(sentence.text):
            return result.date is None
        if sentence.text:
            _read_sentence(result, sentence, year, meeting)
    return True


def _read_sentence(
    result: NextMeeting, sentence: Passage, year: int | None, meeting: dt.date | None
) -> None:
    text = sentence.text
    parsed = parse_date(text, default_year=year) if result.date is None else None
    if parsed is None:
        _read_other(result, sentence)
        return
    value = parsed.value
    if parsed.year_inferred and meeting is not None and value < meeting:
        value = value.replace(year=value.year + 1)
    result.date = value
    result.date_text = text[parsed.start : parsed.end]
    result.source["date_text"] = sentence.spans(parsed.start, parsed.end)
    after = parsed.end
    start, end = parse_times(text[after:])
    if start is None:
        start, end = parse_times(text[: parsed.start])
    else:
        after += (end or start)[2]
    result.start_time = start[0] if start else None
    result.end_time = end[0] if end else None
    _kind(result, sentence, parsed.start)
    _venue(result, sentence.sub(after))


def _kind(result: NextMeeting, sentence: Passage, date_start: int) -> None:
    """ "The next public meeting will ..." or "Public meeting – Tuesday ..."."""
    text = sentence.text
    kind = NEXT_KIND.search(text[:date_start])
    if kind is not None:
        _set(result, "type", sentence.sub(kind.start("kind"), kind.end("kind")))
        return
    before = text[:date_start]
    if before.strip() and not re.search(r"\b(?:next|will|be|held|date)\b", before, re.I):
        cleaned = before.rstrip(" ,;:–—-")
        lead = len(cleaned) - len(cleaned.lstrip())
        _set(result, "type", sentence.sub(lead, len(cleaned)))


def _venue(result: NextMeeting, rest: Passage) -> None:
    cleaned = LEADING.sub("", rest.text)
    offset = len(rest.text) - len(cleaned)
    match = VENUE_AFTER.match(cleaned)
    if match is not None and result.venue is None:
        _set(result, "venue", rest.sub(offset + match.start("venue"), offset + match.end("venue")))
    theme = TYPE_LABEL.search(cleaned)
    if theme is not None:
        _set(result, "type", rest.sub(offset + theme.end()).strip_end("."))


def _read_other(result: NextMeeting, sentence: Passage) -> None:
    """A sentence without the date: a venue label, a theme, or the meeting's type."""
    text = sentence.text
    venue = VENUE_LABEL.match(text)
    theme = TYPE_LABEL.search(text)
    if venue is not None:
        _set(result, "venue", sentence.sub(venue.end()).strip_end("."))
    elif theme is not None:
        _set(result, "type", sentence.sub(theme.end()).strip_end("."))
    elif re.match(r"^\s*resolved\b", text, re.I):
        return
    elif result.date is not None and PLACE.search(text) and len(text.split()) <= 10:
        _set(result, "venue", sentence.strip_end("."))
    else:
        _set(result, "type", sentence)


def _set(result: NextMeeting, field: str, passage: Passage) -> None:
    if getattr(result, field) is None and passage.text:
        setattr(result, field, passage.text)
        result.source[field] = passage.spans()
