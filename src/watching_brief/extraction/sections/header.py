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
from watching_brief.extraction.fields.dates import ParsedDate, find_year, parse_date, parse_times
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.words import may_contain

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
    r"\b(?:meeting|minutes|notes|board|panel|committee|session|assurance|forum|agenda)\b", re.I
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
VENUE_AFTER = re.compile(r"\s(?i:at|in)\s+(?:the\s+)?(?P<venue>[A-Z0-9][^.;]*?)\s*(?:[.;]|$)")
NOT_A_VENUE = re.compile(r"(?i)^(?:public|private|camera|person|attendance|full|session)$")


@dataclass(slots=True)
class Header:
    """Passages found for each header field (values still as written)."""

    title: Passage | None = None
    body: Passage | None = None
    values: dict[str, Passage] = field(default_factory=dict)


def find_header(layout: Layout) -> Header:
    """Find the title, body line and labelled header fields near the top of the notes."""
    header = Header()
    lines = _before_first_item(layout, layout.document.lines[:HEADER_SCAN])
    _find_title(layout, lines, header)
    if header.body is None:
        header.body = _meeting_of(lines)
    _find_label_block(layout, lines, header)
    _find_inline_labels(layout, lines, header)
    _find_embedded_labels(lines, header)
    _find_held_sentence(layout, lines, header)
    _find_date_line(layout, lines, header)
    if "time" not in header.values:
        call_to_order(layout, header)
    _clean_venue(header)
    return header


# Where the header ends: the first item ("1. Welcome", "12." alone, an "Items" table head).
ITEM_START = re.compile(
    r"^\s*(?:\d{1,3}[.)]?(?:\s+[A-Z][a-z].*)?|(?i:items|(?:note\s+)?no\.?\s*\|?\s*item\b.*))"
    r"\s*$"
)


# An items table's head ends the header even where it was set aside as furniture.
ITEMS_TABLE_HEAD = re.compile(r"^\s*(?i:items|(?:note\s+)?no\.?\s*\|?\s*item\b.*)\s*$")


def _before_first_item(layout: Layout, lines: list[Line]) -> list[Line]:
    usable: list[Line] = []
    for line in lines:
        if not layout.usable(line):
            if ITEMS_TABLE_HEAD.match(line.text):
                break
            continue
        if len(usable) >= 2 and ITEM_START.match(line.text):
            break
        usable.append(line)
    return usable


# "Minutes of the meeting of the X Authority", "NOTES OF MEETING ...": the document's title.
MINUTES_OF = re.compile(r"\b(?:minutes|notes)\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<what>\S.*)", re.I)
GENERIC_WHAT = re.compile(
    r"^(?:(?:special|extraordinary|the|a|regular|ordinary|annual|joint|full)\s+)*meeting\b"
    r"\s*(?:held\b|of\s+the\s*$|$)",
    re.I,
)
TITLE_FURNITURE = re.compile(r"\s+(?:pdf\s+)?(?:pdf|doc)\s+\d+\s*[kKmM]B\b.*$", re.I)
HELD_AT = re.compile(r",?\s+(?:held\s+(?:on|at)\b|on\s+(?=\S*\s*\d))", re.I)
INLINE_LABEL = re.compile(
    r"\s+(?:minutes\s+)?(?:date|time|venue|location|place)\s*:|\s+(?:present|members)\s*:",
    re.I,
)


def title_end(text: str) -> int:
    """Where a title line's title ends: before "held on DATE at VENUE", a date followed by
    more (time, venue), an inline "Date:" label, or "PDF 94 KB" furniture."""
    end = len(text)
    furniture = TITLE_FURNITURE.search(text)
    if furniture is not None:
        end = furniture.start()
    label = INLINE_LABEL.search(text, 0, end)
    if label is not None:
        end = label.start()
    parsed = parse_date(text[:end])
    if parsed is not None:
        rest = text[parsed.end : end].strip(" .,")
        held = None
        for match in HELD_AT.finditer(text, 0, parsed.start + 1):
            held = match
        if held is not None and rest:
            end = held.start()
        elif rest and parsed.start > 0:
            before = re.search(
                r"(?:,?\s+(?:on|held)\s+)?(?:[A-Za-z]+,?\s+)?$", text[: parsed.start]
            )
            cut = (
                before.start()
                if before and _is_weekday_gap(text, before, parsed.start)
                else parsed.start
            )
            end = min(end, cut)
    held_at = re.search(r",?\s+held\s+at\b", text[:end], re.I)
    if held_at is not None:
        end = held_at.start()
    return len(text[:end].rstrip(" ,.–—-"))


def _is_weekday_gap(text: str, match: re.Match[str], start: int) -> bool:
    words = re.findall(r"[A-Za-z]+", text[match.start() : start])
    weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    return all(word.lower() in weekdays | {"on", "held"} for word in words)


def _minutes_of_line(lines: list[Line]) -> tuple[Line, int] | None:
    """A "Minutes of ..." line naming what met, near the top."""
    for line in lines[:14]:
        match = MINUTES_OF.search(line.text)
        if match is None or match.start() > 200:
            continue
        if GENERIC_WHAT.match(match.group("what")):
            continue
        if re.match(r"(?i)\s*(?:these|this)\b", line.text):
            continue
        return line, match.start()
    return None


def _find_title(layout: Layout, lines: list[Line], header: Header) -> None:
    found = _minutes_of_line(lines)
    if found is not None and any(
        TITLE_WORDS.search(earlier.text)
        and len(earlier.text) < 100
        and not re.match(r"(?i)\s*(?:minutes|notes|these|this)\b", earlier.text)
        and not earlier.text.rstrip().endswith(".")
        for earlier in lines[: lines.index(found[0])]
    ):
        found = None  # a title line above it ("X POLICE AND CRIME PANEL")
    if found is not None:
        line, start = found
        end = start + title_end(line.text[start:])
        header.title = Passage.of([piece_of(line, start, end)])
        layout.consumed.add(line.index)
        for earlier in lines[: lines.index(line)]:
            if BODY_WORDS.search(earlier.text) and header.body is None and len(earlier.text) < 120:
                header.body = Passage.of([piece_of(earlier)])
        return
    for position, line in enumerate(lines[:6]):
        if (
            DOCUMENT_TYPE.match(line.text)
            and position + 1 < len(lines)
            and TITLE_WORDS.search(lines[position + 1].text)
            and parse_date(lines[position + 1].text) is None
        ):
            layout.consumed.add(line.index)
            continue  # "Minutes" above the title names the kind of document
        if HEADER_LABEL.match(line.text):
            break
        if TITLE_WORDS.search(line.text):
            header.title = _title_passage(lines, position)
            layout.consumed.update(piece.line.index for piece in header.title.pieces)
            for earlier in lines[:position]:
                if BODY_WORDS.search(earlier.text) and header.body is None:
                    header.body = Passage.of([piece_of(earlier)])
                layout.consumed.add(earlier.index)
            return
    if lines and not HEADER_LABEL.match(lines[0].text):
        header.title = Passage.of([piece_of(lines[0], 0, title_end(lines[0].text))])
        layout.consumed.add(lines[0].index)


# "MINUTES of a meeting of the Northshire Police and Crime Panel held in ...": the body.
MEETING_OF = re.compile(
    r"(?i:\bmeeting\s+of\s+(?:the\s+)?)"
    r"(?P<body>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|the|&))*?)"
    r"\s+(?i:held|on|at|in)\b"
)


def _meeting_of(lines: list[Line]) -> Passage | None:
    """The body a "meeting of the X held ..." sentence of the header names, if any."""
    for line in lines:
        match = MEETING_OF.search(line.text)
        if match and BODY_NAME.search(match.group("body")):
            return Passage.of([piece_of(line, match.start("body"), match.end("body"))])
    return None


# The last word of a body's name: a board, panel, committee, authority ...
BODY_NAME = re.compile(
    r"(?i:\b(?:board|panel|committee|authority|council|commission|cabinet|trust|group|"
    r"forum|executive|assembly|sub-committee|subcommittee|body|commissioners?|opcc))$"
)


DOCUMENT_TYPE = re.compile(
    r"^\s*(?:(?:meeting|approved|draft|confirmed)\s+)?(?:minutes|notes)(?:\s*[-–]\s*draft)?\s*$",
    re.I,
)
TITLE_GOES_ON = re.compile(r"\b(?:of|the|and|for|on|in|to)\s*$", re.I)


def _title_passage(lines: list[Line], position: int) -> Passage:
    """The title line, joined with the lines it runs on to ("... MEETING OF THE" /
    "CITY OF X BOARD")."""
    line = lines[position]
    pieces = [piece_of(line, 0, title_end(line.text))]
    following = position + 1
    while (
        TITLE_GOES_ON.search(pieces[-1].text)
        and following < len(lines)
        and len(pieces) < 4
        and not HEADER_LABEL.match(lines[following].text)
        and parse_date(lines[following].text) is None
    ):
        pieces.append(piece_of(lines[following], 0, title_end(lines[following].text)))
        following += 1
    return Passage.of(pieces)


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


EMBEDDED_LABEL = re.compile(r"\b(?P<label>Date|Time|Venue|Location|Place)\s*:\s*", re.I)
NEXT_LABEL = re.compile(r"\s+(?:[A-Z][A-Za-z]+\s+){0,2}[A-Z][A-Za-z]+\s*:")


def _find_embedded_labels(lines: list[Line], header: Header) -> None:
    """Labels inside a long line: "... Minutes Date: Tuesday 15 September 2020 Time: 10:00
    Location: Meeting held virtually Convening Chair: ..."."""
    for line in lines:
        if len(line.text) < 30 or HEADER_LABEL.match(line.text):
            continue
        for match in EMBEDDED_LABEL.finditer(line.text):
            stop = NEXT_LABEL.search(line.text, match.end())
            end = stop.start() if stop else len(line.text)
            if end - match.end() > 120 or end <= match.end():
                continue
            header.values.setdefault(
                _field(match.group("label")), Passage.of([piece_of(line, match.end(), end)])
            )


def _find_held_sentence(layout: Layout, lines: list[Line], header: Header) -> None:
    """ "Minutes of the meeting held at VENUE on DATE at TIME" and its other orders."""
    if "date" in header.values:
        return
    title_line = header.title.pieces[0].line.index if header.title and header.title.pieces else None
    for line in lines:
        in_title = line.index == title_line
        if (line.index in layout.consumed and not in_title) or not HELD.search(line.text):
            continue
        passage = layout.read_on(line)
        following = layout.next_usable(passage.pieces[-1].line.index)
        if passage.text.endswith(",") and following is not None and len(following.text) < 80:
            passage = Passage.of([*passage.pieces, piece_of(following)])
        parsed = parse_date(passage.text, default_year=find_year(passage.text))
        if parsed is None:
            continue
        held = HELD.search(passage.text)
        if held is None or held.start() > parsed.start + 80 or parsed.start - held.end() > 120:
            continue  # "held" and the date are in different sentences
        layout.consumed.update(piece.line.index for piece in passage.pieces)
        header.values["date"] = passage.sub(parsed.start)
        _held_venue(layout, lines, passage, parsed, header)
        return


def _held_venue(
    layout: Layout, lines: list[Line], passage: Passage, parsed: ParsedDate, header: Header
) -> None:
    """The venue of a held sentence: "held at VENUE on DATE", "on DATE at TIME in VENUE",
    "on DATE at TIME, VENUE", or the address line after it."""
    before = VENUE_BEFORE.search(passage.text[: parsed.start])
    if before is not None and not NOT_A_VENUE.match(before.group("venue")):
        header.values.setdefault("venue", passage.sub(before.start("venue"), before.end("venue")))
        return
    after_start = parsed.end
    start, end = parse_times(passage.text[after_start:])
    last = end or start
    if last is not None:
        after_start += last[2]
    after = VENUE_AFTER.search(passage.text, after_start)
    comma = re.match(r"\s*,\s*(?P<venue>[A-Z][^.;]*?)\s*(?:[.;]|$)", passage.text[after_start:])
    if (
        comma is not None
        and last is not None
        and (after is None or after.start() > after_start + 3)
    ):
        begin = after_start + comma.start("venue")
        header.values.setdefault("venue", passage.sub(begin, after_start + comma.end("venue")))
        return
    if after is not None:
        header.values.setdefault("venue", passage.sub(after.start("venue"), after.end("venue")))
        return
    date_line = passage.pieces[0].line
    offset = 0
    for piece in passage.pieces:
        if offset + len(piece.text) >= parsed.end:
            date_line = piece.line
            break
        offset += len(piece.text) + 1
    if date_line in lines:
        _venue_line(layout, lines, lines.index(date_line), header)


DATE_LINE_MAX = 160
TIME_ONLY = re.compile(r"^\s*\d{1,2}\s?(?:[:.]\s?\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*$", re.I)
CALL_TO_ORDER = re.compile(
    r"(?:\bcalled\b.{0,80}?\bto\s+order|\b(?:convened|commenced|opened|began|started)|"
    r"^\s*(?:\d{1,3}[.)]?\s+)?(?:[A-Z]\s)?CONVENE\s*:)"
    r"\s*(?:at\s+)?(?:approximately\s+|about\s+)?"
    r"(?P<time>\d{1,2}\s?[:.]\s?\d{2}\s*[ap]\.?\s?m\b\.?)",
    re.I,
)
CALL_TO_ORDER_WORDS = ("order", "conven", "commenced", "opened", "began", "started")


CALLED_IN = re.compile(r"\s+in\s+(?:the\s+)?(?P<venue>[A-Z0-9][^.;]*?)\s*(?:[.;]|$)|\s+in\s*$")


def call_to_order(layout: Layout, header: Header, limit: int = 80) -> None:
    """ "The meeting was called to order at 7:04 p.m. in Room 360, City Hall": the start
    time (and venue) when the header gives none."""
    for line in layout.document.lines[:limit]:
        if not layout.usable(line) or not may_contain(line.text, CALL_TO_ORDER_WORDS):
            continue
        match = CALL_TO_ORDER.search(line.text)
        if match is None:
            continue
        header.values["opened"] = Passage.of(
            [piece_of(line, match.start("time"), match.end("time"))]
        )
        place = CALLED_IN.match(line.text, match.end())
        if place is None or "venue" in header.values:
            return
        if place.group("venue"):
            header.values["venue"] = Passage.of(
                [piece_of(line, place.start("venue"), place.end("venue"))]
            )
            return
        following = layout.next_usable(line.index)
        if following is not None and "," in following.text and len(following.text) < 100:
            header.values["venue"] = Passage.of([piece_of(following)])
        return


def _find_date_line(layout: Layout, lines: list[Line], header: Header) -> None:
    """An unlabelled date line ("8th December 2020", "Title - Thursday, 14 September 2023
    2.15 pm", "Tuesday 25 April 2017 10:15 – 12:30 The ARK ..."): the first line near the
    top whose date opens it, follows a dash, or names the weekday. What follows the date
    and times on the line, or the short line after it, is the venue."""
    if "date" in header.values:
        return
    candidates: list[tuple[int, ParsedDate]] = []
    for position, line in enumerate(lines):
        text = line.text[:DATE_LINE_MAX]
        parsed = parse_date(text)
        if parsed is None or parsed.year_inferred:
            continue
        before = text[: parsed.start].strip()
        if not (
            before == "" or before.endswith(("-", "–", "—", ":")) or parsed.weekday is not None
        ):
            continue
        if re.search(r"(?i)\b(?:created|version|updated|published|printed)\b", before):
            continue
        candidates.append((position, parsed))
    if not candidates:
        return
    # A date that names its weekday beats a bare number such as a document reference "10.02.15".
    named = [c for c in candidates if c[1].weekday is not None or not text_is_numeric(lines, c)]
    position, parsed = (named or candidates)[0]
    line = lines[position]
    header.values["date"] = Passage.of([piece_of(line, parsed.start, len(line.text))])
    if "venue" not in header.values:
        _venue_after_date(layout, lines, position, parsed.end, header)


def text_is_numeric(lines: list[Line], candidate: tuple[int, ParsedDate]) -> bool:
    position, parsed = candidate
    return (
        lines[position].text[parsed.start : parsed.end].replace(".", "").replace("/", "").isdigit()
    )


def _venue_after_date(
    layout: Layout, lines: list[Line], position: int, date_end: int, header: Header
) -> None:
    line = lines[position]
    rest_start = date_end
    start, end = parse_times(line.text[rest_start : rest_start + 40])
    last = end or start
    if last is not None:
        rest_start += last[2]
    elif position + 1 < len(lines) and "time" not in header.values:
        following = lines[position + 1]
        if TIME_ONLY.match(following.text):
            header.values["time"] = Passage.of([piece_of(following)])
            layout.consumed.add(following.index)
            position += 1
    rest = line.text[rest_start:]
    stop = NEXT_LABEL.search(rest)
    rest = rest[: stop.start()] if stop else rest
    value = re.sub(r"^[\s,.;–—-]*(?:(?:at|in)\s+)?", "", rest).rstrip(" .,")
    if value and "," in value and value[:1].isupper() and len(value) < 120:
        begin = rest_start + rest.index(value)
        header.values["venue"] = Passage.of([piece_of(line, begin, begin + len(value))])
        return
    _venue_line(layout, lines, position, header)


MEETING_KIND = re.compile(r"^(?:special|regular|annual|ordinary|extraordinary)\s+meeting$", re.I)
YEAR_OR_LABEL = re.compile(r"\b(?:19|20)\d{2}\b|:|\.$")


def _venue_line(layout: Layout, lines: list[Line], position: int, header: Header) -> None:
    """The short line after the date line (past a "Special Meeting" line), when it reads as
    an address; an address line ending with a comma goes on to the next."""
    following_at = position + 1
    if following_at < len(lines) and MEETING_KIND.match(lines[following_at].stripped):
        following_at += 1
    if following_at >= len(lines) or "venue" in header.values:
        return
    following = lines[following_at]
    text = following.stripped
    if (
        "," in text
        and len(text) < 100
        and not HEADER_LABEL.match(text)
        and not YEAR_OR_LABEL.search(text)
        and not MINUTES_OF.search(text)
    ):
        pieces = [piece_of(following)]
        if text.endswith(",") and following_at + 1 < len(lines):
            more = lines[following_at + 1]
            if len(more.stripped) < 40 and not YEAR_OR_LABEL.search(more.stripped):
                pieces.append(piece_of(more))
        header.values["venue"] = Passage.of(pieces)
        layout.consumed.update(piece.line.index for piece in pieces)


VENUE_FURNITURE = re.compile(r"[\s.,]*\b(?:view\s+directions|view\s+map|directions)\b.*$", re.I)


def _clean_venue(header: Header) -> None:
    """ "Parkside Suite. View directions" -> "Parkside Suite"; a venue cut at the next label."""
    venue = header.values.get("venue")
    if venue is None:
        return
    end = len(venue.text)
    furniture = VENUE_FURNITURE.search(venue.text)
    if furniture is not None:
        end = furniture.start()
    label = NEXT_LABEL.search(venue.text, 0, end)
    if label is not None:
        end = label.start()
    end = len(venue.text[:end].rstrip(" .,;"))
    if 0 < end < len(venue.text):
        header.values["venue"] = venue.sub(0, end)


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
