"""The header: title, series, body, date, times, chair, minute-taker and venue.

Reads labels with their values on the same line ("Date: 24 March 2026") and the layout
of notes exported from PDF, where a block of labels ("Date:", "Chair:", "Minutes:",
"Venue") is followed by a block of their values in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.dates import find_year, parse_date, parse_times
from watching_brief.extraction.passage import Passage, piece_of

HEADER_LABEL = re.compile(
    r"^\s*(?P<label>date(?:\s+of\s+meeting)?|time|start\s+time|chair(?:ed\s+by)?|"
    r"minutes(?:\s+taken\s+by)?|minute[\s-]?taker|notes?(?:\s+taken\s+by)?|note[\s-]?taker|"
    r"clerk|secretary|venue|location|place|meeting\s+venue)\s*(?::\s*|\s*$)(?P<value>.*)$",
    re.I,
)
FIELD_OF_LABEL = {
    "date": "date", "time": "time", "start": "time", "chair": "chair", "minutes": "minute_taker",
    "minute": "minute_taker", "notes": "minute_taker", "note": "minute_taker",
    "clerk": "minute_taker", "secretary": "minute_taker", "venue": "venue",
    "location": "venue", "place": "venue", "meeting": "venue",
}  # fmt: skip
FIELD_PREFIXES = (("chair", "chair"), ("minute", "minute_taker"), ("note", "minute_taker"))
TITLE_WORDS = re.compile(
    r"\b(?:meeting|minutes|notes|board|panel|committee|session|assurance|forum)\b", re.I
)
BODY_WORDS = re.compile(
    r"\b(?:office\s+of|commissioner|council|authority|opcc|constabulary|trust)\b", re.I
)
SERIES_TAIL = re.compile(
    r"\s*(?:[–—-]\s*)?(?:(?:meeting\s+)?notes|minutes)(?:\s+of\s+the\s+meeting)?"
    r"(?:\s+held\s+on\b.*)?\s*$",
    re.I,
)
MONTH_YEAR = re.compile(
    r"\s*\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?,?\s+\d{4}\b|\s*\b\d{4}(?:/\d{2,4})?\b",
    re.I,
)
HEADER_SCAN = 40
HELD = re.compile(r"\b(?:held|took\s+place|convened)\b", re.I)
VENUE_BEFORE = re.compile(
    r"\b(?i:held|took\s+place)\s+(?i:at|in)\s+(?:the\s+)?(?P<venue>[A-Z][^.]*?)\s+(?i:on)\b"
)
VENUE_AFTER = re.compile(r"\s(?i:at|in)\s+(?:the\s+)?(?P<venue>[A-Z][^.;]*?)\s*(?:[.;]|$)")


@dataclass(slots=True)
class Header:
    """Passages found for each header field (values still as written)."""

    title: Passage | None = None
    body: Passage | None = None
    values: dict[str, Passage] = field(default_factory=dict)


def find_header(layout: Layout) -> Header:
    """Find the title, body line and labelled header fields near the top of the notes."""
    header = Header()
    lines = [line for line in layout.document.lines[:HEADER_SCAN] if layout.usable(line)]
    _find_title(layout, lines, header)
    _find_label_block(layout, lines, header)
    _find_inline_labels(layout, lines, header)
    _find_held_sentence(layout, lines, header)
    return header


def _find_title(layout: Layout, lines: list[Line], header: Header) -> None:
    for position, line in enumerate(lines[:6]):
        if HEADER_LABEL.match(line.text):
            break
        if TITLE_WORDS.search(line.text):
            header.title = Passage.of([piece_of(line)])
            layout.consumed.add(line.index)
            for earlier in lines[:position]:
                if BODY_WORDS.search(earlier.text) and header.body is None:
                    header.body = Passage.of([piece_of(earlier)])
                layout.consumed.add(earlier.index)
            return
    if lines and not HEADER_LABEL.match(lines[0].text):
        header.title = Passage.of([piece_of(lines[0])])
        layout.consumed.add(lines[0].index)


def _label_only(line: Line) -> str | None:
    match = HEADER_LABEL.match(line.text)
    if match and not match.group("value").strip():
        return _field(match.group("label"))
    return None


def _field(label: str) -> str:
    """The record field a header label fills ("Chaired by" -> chair)."""
    word = re.split(r"[\s-]", label.lower())[0]
    for prefix, target in FIELD_PREFIXES:
        if word.startswith(prefix):
            return target
    return FIELD_OF_LABEL[word]


def _find_label_block(layout: Layout, lines: list[Line], header: Header) -> None:
    """Labels on lines of their own, followed by their values in the same order."""
    for start in range(len(lines)):
        labels: list[tuple[str, Line]] = []
        for candidate in lines[start:]:
            label = _label_only(candidate)
            if label is None:
                break
            labels.append((label, candidate))
        if len(labels) < 2:
            continue
        values = lines[start + len(labels) : start + 2 * len(labels)]
        if len(values) < len(labels):
            return
        for (label, label_line), value in zip(labels, values, strict=True):
            header.values.setdefault(label, Passage.of([piece_of(value)]))
            layout.consumed.update({label_line.index, value.index})
        return


def _find_inline_labels(layout: Layout, lines: list[Line], header: Header) -> None:
    for line in lines:
        if line.index in layout.consumed:
            continue
        match = HEADER_LABEL.match(line.text)
        if not match or not match.group("value").strip():
            continue
        label = _field(match.group("label"))
        wants_name = match.group("label").lower() in {"minutes", "notes", "note"}
        if wants_name and not re.search(r"[A-Z][a-z]+\s+[A-Z]", match.group("value")):
            continue
        header.values.setdefault(label, Passage.of([piece_of(line, match.start("value"))]))
        layout.consumed.add(line.index)


def _find_held_sentence(layout: Layout, lines: list[Line], header: Header) -> None:
    """ "Minutes of the meeting held at VENUE on DATE at TIME" and its other orders."""
    if "date" in header.values:
        return
    for line in lines:
        if line.index in layout.consumed or not HELD.search(line.text):
            continue
        passage = layout.read_on(line)
        parsed = parse_date(passage.text, default_year=find_year(passage.text))
        if parsed is None:
            continue
        layout.consumed.update(piece.line.index for piece in passage.pieces)
        header.values["date"] = passage.sub(parsed.start)
        before = VENUE_BEFORE.search(passage.text[: parsed.start])
        if before is not None:
            venue = passage.sub(before.start("venue"), before.end("venue"))
            header.values.setdefault("venue", venue)
            return
        after_start = parsed.end
        start, end = parse_times(passage.text[after_start:])
        last = end or start
        if last is not None:
            after_start += last[2]
        after = VENUE_AFTER.search(passage.text, after_start)
        if after is not None:
            venue = passage.sub(after.start("venue"), after.end("venue"))
            header.values.setdefault("venue", venue)
        return


def series_of(title: str) -> str:
    """The meeting series: the title without month, year, date and "Meeting Notes".

    A title in capitals gives a series in title case ("JOINT AUDIT COMMITTEE" ->
    "Joint Audit Committee"), keeping short abbreviations such as PCC in capitals, so
    that the same series is named the same way however a document set its title.
    """
    series = SERIES_TAIL.sub("", title)
    series = MONTH_YEAR.sub("", series)
    series = SERIES_TAIL.sub("", series)
    series = re.sub(r"\s*[–—:,-]\s*$", "", re.sub(r"\s{2,}", " ", series)).strip()
    if series.isupper():
        series = " ".join(
            _title_word(word, position) for position, word in enumerate(series.split())
        )
    return series


SMALL_WORDS = frozenset(
    ["and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"]
)


def _title_word(word: str, position: int) -> str:
    lower = word.lower()
    if position and lower in SMALL_WORDS:
        return lower
    if len(word) <= 4 and sum(ch in "AEIOU" for ch in word) <= 1 and word.isalpha():
        return word
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
