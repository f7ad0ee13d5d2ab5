"""Items and sub-items: find the headings and the body lines under each.

Headings come in several shapes: "2.1 Confidence"; a number on a line of its own with the
title on the next ("2." then "Holding to account"); numbers detached into a column at the
top of a table ("No. 1. 2." then the titles further down, handed out in order);
"Ref 03/20/04/2022" with the title on the next line; committee numbering "39/20" and
"186."; codes "19-20/FRA/15"; sub-items "2-A"; letters "A."; roman numerals "II";
flattened web-table rows "Title agenda text Minutes: ..."; and unnumbered section headings.

Where the items are numbered, an unnumbered heading-like line inside an item is a
sub-heading, not an item. Where none is numbered, an unnumbered heading needs a paragraph
of prose under it and must come after the attendance and the items table's header.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache

from watching_brief.extraction.cleanup.layout import FILLER, LABEL, TABLE_HEADER, Layout, is_bullet
from watching_brief.extraction.cleanup.web_furniture import badge_start, items_header_index
from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.numbering import (
    BARE,
    LETTER,
    NUMBERED,
    REFERENCE,
    ROMAN,
    Number,
    date_like,
    roman_value,
)
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.words import may_contain

NEXT_MEETING_HEADING = re.compile(
    r"\b(?:next\s+meeting|future\s+meeting|date\s+of\s+(?:the\s+)?next)\b", re.I
)
NEXT_MEETING_WORDS = ("next", "future")


def next_meeting_heading(text: str) -> bool:
    """True when ``text`` names the next meeting ("Date of next meeting", "Future meetings")."""
    return may_contain(text, NEXT_MEETING_WORDS) and NEXT_MEETING_HEADING.search(text) is not None


SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
PROSE_START = re.compile(
    r"^(?:the|a|an|it|this|there|he|she|they|we|all|in|on|at|as|following|members|"
    r"councillors?|following)\s+\S+.*\b\w+ed\b",
    re.I,
)
MAX_TITLE_WORDS = 16
NUMBER_COLUMN = re.compile(r"^\s*(?:no\.?|number|item\s+no\.?|ref(?:erence)?\.?|#)\s*:?\s*$", re.I)
ROW_LABEL = re.compile(r"\s(?:minutes|supporting\s+documents|decision)\s*:", re.I)
AGENDA_TEXT = re.compile(
    r"\.\s+(?=[A-Z])|\s+(?=To\s+[a-z])|\s+(?=[A-Z][a-z]+\s+(?:are|is|were|was|will|to|must|should)\s+[a-z])"
)
PART_HEADING = re.compile(
    r"^\s*(?:part\s+(?:\d+|[ivx]+|one|two|a|b)\b.*|summary\s+of\s+exempt\s+items?|minutes|"
    r"(?:\d+\.\s*)?items?|agenda\s+item|agenda\s+and\s+minutes|meeting\s+documents)\s*:?\s*$",
    re.I,
)
CLOCK_REST = re.compile(r"^\s*\d{2}\s*(?:[ap]\.?\s?m\b\.?|hrs?\b|hours\b|$)", re.I)
HEAD_COLON = re.compile(r"^(?P<head>[^:–—]{2,70}?)\s*(?::|\s[–—]+\s|\s-+\s)\s*(?P<rest>\S.*)$")
DATE_REST = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\b|^[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}")
_FULL_STOP = re.compile(r"(?P<word>\w*)(?P<stop>\s?\.)(?=\s+[A-Z(“\"]|\s*$)")
_ABBREVIATION = re.compile(r"^(?:inc|ltd|co|no|nos|st|mr|mrs|ms|dr|vs|etc|approx|[A-Z])$", re.I)


def _title_end(text: str) -> re.Match[str] | None:
    """The full stop that ends the first sentence ("Inc." and "no." do not)."""
    for match in _FULL_STOP.finditer(text):
        if not _ABBREVIATION.match(match.group("word")):
            return match
    return None


FILE_NUMBER = re.compile(r"^[\d\s/-]+$")
SUB_TITLE_LINES = 6
TWO_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_]")
SUPPORTING_END = re.compile(r"\ssupporting\s+documents\s*:?\s*$", re.I)
LEAD_TEXT = re.compile(r"[:–—]")
CAPITAL_WORD = re.compile(r"[A-Z]{3,}")
ITEM_WORD = re.compile(r"item\s+\d{1,3}", re.I)
WORD3 = re.compile(r"[A-Za-z]{3,}")
MINUTES_OF = re.compile(r"^(?i:minutes)\s*:\s*(?:\d|[A-Z][a-z]+\s+\d)")
LABEL_VALUE = re.compile(r"^\s*[A-Z][\w.]*(?:\s+\w+)?\s*:\s*\S")


@dataclass(slots=True)
class ItemBlock:
    """A heading and the lines of its body."""

    number: Number | None
    title: Passage
    heading_lines: list[Line]
    body: list[Line] = field(default_factory=list)
    next_meeting: bool = False
    inline_value: Passage | None = None
    starts: dict[int, int] = field(default_factory=dict)

    @property
    def number_text(self) -> str | None:
        return self.number.text if self.number else None


@lru_cache(maxsize=2048)  # asked again of the same titles by each scan of find_items
def heading_like(text: str, numbered: bool, exact: bool = False) -> bool:
    """Could this text be an item title? (``exact``: its number is the very next one, so
    a title of a few more words ending in a full stop still reads as one.)"""
    text = text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“("):
        return False
    if TWO_LETTERS.search(text) is None:
        return False
    minutes_of = numbered and MINUTES_OF.match(text) is not None
    if (LABEL.match(text) and not minutes_of) or FILLER.match(text) or is_bullet(text):
        return False
    if TABLE_HEADER.match(text):
        return False
    words = text.split()
    if len(words) > MAX_TITLE_WORDS or SENTENCE_BREAK.search(text.rstrip(".")):
        return False
    if text.endswith((".", ";", ",")) and not text.isupper():
        limit = 10 if exact else 6
        return numbered and len(words) <= limit and not PROSE_START.match(text)
    return numbered or not PROSE_START.match(text)


@dataclass(slots=True)
class _Scan:
    layout: Layout
    items: list[ItemBlock] = field(default_factory=list)
    pending: deque[tuple[Number, Line]] = field(default_factory=deque)
    last: Number | None = None
    in_next_meeting: bool = False
    numbered_seen: bool = False
    rows: bool = False
    paragraph_numbers: set[int] = field(default_factory=set)
    flat: bool = False
    free_numbers: list[tuple[int, Number]] = field(default_factory=list)
    flat_count: int = 0
    floor: int = -1
    last_of_kind: dict[str, Number] = field(default_factory=dict)


def find_items(layout: Layout) -> list[ItemBlock]:
    """Find every item heading and give each its body lines."""
    scan = _Scan(layout)
    scan.numbered_seen = _has_numbered(layout)
    scan.rows = not scan.numbered_seen and _has_rows(layout)
    scan.paragraph_numbers = _numbers_paragraphs(layout)
    scan.flat = _flat_list(layout)
    scan.free_numbers = _free_numbers(layout)
    header = items_header_index(layout)
    scan.floor = header if header is not None else _attendance_end(layout)
    lines = layout.document.lines
    index = 0
    while index < len(lines):
        line = lines[index]
        if not layout.free(line):
            block = _claimed_heading(scan, line) if layout.usable(line) else None
            if block is not None:
                _accept(scan, block)
                index = block.heading_lines[-1].index + 1
            else:
                index += 1
            continue
        block = _heading_at(scan, line)
        if block is None:
            if scan.items:
                scan.items[-1].body.append(line)
            index += 1
            continue
        _accept(scan, block)
        index = block.heading_lines[-1].index + 1
    return scan.items


def _claimed_heading(scan: _Scan, line: Line) -> ItemBlock | None:
    """A line the header or attendance claimed that is plainly an item heading: the next
    number in a running sequence, or a flattened row."""
    if scan.rows:
        return _row(scan, line, line.stripped)
    if not scan.numbered_seen and not line.stripped.endswith(":"):
        following = scan.layout.next_usable(line.index)
        while following is not None and PART_HEADING.match(following.stripped):
            following = scan.layout.next_usable(following.index)
        if following is None or following.index in scan.layout.consumed:
            return None
        return _unnumbered(scan, line, line.stripped)
    block = _numbered(scan, line, line.stripped)
    if block is None or block.number is None or block.number.kind == "ref":
        return None
    if scan.items and scan.last is not None:
        return block if block.number.follows(scan.last, 3) else None
    number = block.number
    later = (
        found
        for index, found in scan.free_numbers
        if index > line.index and found.kind == number.kind and found.follows(number, 3)
    )
    return block if next(later, None) is not None else None


def _has_numbered(layout: Layout) -> bool:
    """Two or more numbered headings (or bare numbers followed by a title)."""
    count = 0
    lines = layout.document.lines
    for line in lines:
        if not layout.free(line):
            continue
        match = NUMBERED.match(line.text)
        if match is not None and heading_like(match.group("title"), numbered=True):
            count += not date_like(match.group("number"))
        elif BARE.match(line.text) and not date_like(line.stripped):
            following = layout.next_usable(line.index)
            count += following is not None and heading_like(following.stripped, numbered=True)
        elif _roman_or_letter(line.text) is not None:
            count += 1
        if count >= 2:
            return True
    return False


def _free_numbers(layout: Layout) -> list[tuple[int, Number]]:
    """Numbers of the numbered headings no other section claimed, with their lines: a
    claimed line is an item heading only when the sequence carries on after it."""
    found: list[tuple[int, Number]] = []
    for line in layout.document.lines:
        match = NUMBERED.match(line.text) if layout.free(line) else None
        if match is None or date_like(match.group("number")) or BARE.match(line.text):
            continue
        if heading_like(match.group("title"), numbered=True):
            found.append((line.index, Number.parse(match.group("number"))))
    return found


def _flat_list(layout: Layout) -> bool:
    """Every item numbered "1." (an HTML list flattened item by item): three or more
    headings "1. ..." and none "2. ...". The items are then numbered in order."""
    ones = twos = 0
    for line in layout.document.lines:
        match = NUMBERED.match(line.text) if layout.usable(line) else None
        if match is None or not heading_like(match.group("title"), numbered=True):
            continue
        ones += match.group("number") == "1"
        twos += match.group("number") == "2"
    return ones >= 3 and twos == 0


def _numbers_paragraphs(layout: Layout) -> set[int]:
    """Depths at which sub-numbers ("13.1", "1.1.") number paragraphs of prose, not
    sub-items: at least three such lines, and two thirds of them carry a sentence."""
    prose: dict[int, int] = {}
    headings: dict[int, int] = {}
    for line in layout.document.lines:
        match = NUMBERED.match(line.text) if layout.usable(line) else None
        if match is None or "." not in match.group("number") or "/" in match.group("number"):
            continue
        depth = match.group("number").count(".") + 1
        tally = headings if heading_like(match.group("title"), numbered=True) else prose
        tally[depth] = tally.get(depth, 0) + 1
    return {
        depth
        for depth, count in prose.items()
        if count >= 3 and count >= 2 * headings.get(depth, 0)
    }


def _has_rows(layout: Layout) -> bool:
    """Flattened web-table rows: "Title agenda text Minutes: ..." on two or more lines."""
    count = 0
    for line in layout.document.lines:
        if layout.free(line) and _row_title_end(line.stripped) is not None:
            count += 1
    return count >= 2


def _row_title_end(text: str) -> int | None:
    """Where the title of a flattened row ends, or None when the line is not a row."""
    if ":" not in text:
        return None
    label = ROW_LABEL.search(text)
    if label is None and not SUPPORTING_END.search(text):
        return None
    if not text[:1].isupper() or LABEL_VALUE.match(text) and text.index(":") < 12:
        return None
    end = label.start() if label else len(text)
    agenda = AGENDA_TEXT.search(text, 1, end)
    if agenda is not None:
        end = agenda.start() + (1 if text[agenda.start()] == "." else 0)
    title = text[:end].strip()
    if not title or len(title.split()) > MAX_TITLE_WORDS:
        return None
    return end


def _attendance_end(layout: Layout) -> int:
    """The last line of the first run of lines the attendance claimed (-1 when none)."""
    end = -1
    claimed = layout.attendance
    for line in layout.document.lines:
        if line.index in claimed:
            end = line.index
        elif (
            end >= 0
            and layout.usable(line)
            and not _heading_label(line.stripped)
            and (len(line.stripped) > 60 or line.stripped.endswith("."))
        ):
            break
    return end


def _heading_label(text: str) -> bool:
    return text.endswith(":") and len(text.split()) <= 6


def _accept(scan: _Scan, block: ItemBlock) -> None:
    if scan.flat and block.number is not None and block.number.kind == "dotted":
        scan.flat_count += 1
    if block.number is not None and block.number.kind in {"roman", "letter"}:
        scan.last_of_kind[block.number.kind] = block.number
    elif block.number is not None and block.number.kind != "ref":
        scan.last = block.number
    block.next_meeting = next_meeting_heading(block.title.text)
    scan.in_next_meeting = block.next_meeting
    for line in block.heading_lines:
        scan.layout.consumed.add(line.index)
    scan.items.append(block)


def _heading_at(scan: _Scan, line: Line) -> ItemBlock | None:
    text = line.stripped
    for finder in (_number_cell, _reference, _numbered, _bare, _lettered):
        block = finder(scan, line, text)
        if block is not None:
            return block
    if scan.in_next_meeting:
        return None
    if scan.rows:
        return _row(scan, line, text)
    return _unnumbered(scan, line, text)


def _roman_or_letter(text: str) -> tuple[Number, re.Match[str]] | None:
    """ "II DECLARATION OF INTEREST", "IV. Finance" or "A. APPROVAL OF MINUTES"."""
    match = ROMAN.match(text)
    if match is not None and roman_value(match.group("number")) is not None:
        title = match.group("title")
        if match.group("dot") or (title.isupper() and len(title) > 3):
            return Number.parse(match.group("number"), "roman"), match
    match = LETTER.match(text)
    if match is not None and match.group("number") not in "IVX":
        return Number.parse(match.group("number"), "letter"), match
    return None


def _lettered(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    found = _roman_or_letter(line.text)
    if found is None:
        return None
    number, match = found
    if not heading_like(match.group("title"), numbered=True):
        return None
    previous = scan.last_of_kind.get(number.kind)
    if previous is None and number.parts[0] != 1 or previous and not number.follows(previous, 2):
        return None
    title, heading_lines = _title_from(scan.layout, line, match.start("title"))
    return ItemBlock(number, title, heading_lines)


def _row(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    """A flattened web-table row: the title, then agenda text, then "Minutes: ..."."""
    end = _row_title_end(line.text.strip())
    if end is None:
        return None
    lead = len(line.text) - len(line.text.lstrip())
    title = Passage.of([piece_of(line, lead, lead + end)])
    label = ROW_LABEL.search(line.text)
    block = ItemBlock(None, title, [line])
    if label is not None:
        block.body.append(line)
        block.starts[line.index] = label.start() + 1
    return block


def _numbered(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    match = NUMBERED.match(line.text)
    if match is None or date_like(match.group("number")) or BARE.match(line.text):
        return None
    number = Number.parse(match.group("number"))
    if scan.flat and number.kind == "dotted" and number.parts == (1,):
        number = Number(str(scan.flat_count + 1), (scan.flat_count + 1,), "dotted")
    title_text = match.group("title")
    lead_text = LEAD_TEXT.split(title_text, 1)[0]
    capitals = lead_text.isupper() and CAPITAL_WORD.search(lead_text) is not None
    if CLOCK_REST.match(title_text) or not number.follows(scan.last, slack=9 if capitals else 3):
        return None
    if number.kind == "sub":
        return _sub_item(scan, line, number, match.start("title"))
    head = _head_before_colon(title_text)
    if head is not None and heading_like(title_text[:head].rstrip(" :–—-"), numbered=True):
        begin = match.start("title")
        title = Passage.of([piece_of(line, begin, begin + head)]).strip_end(" :–-")
        block = ItemBlock(number, title, [line], body=[line])
        block.starts[line.index] = begin + head
        return block
    if not heading_like(title_text, numbered=True, exact=number.follows(scan.last, 1)):
        return None
    if ITEM_WORD.fullmatch(title_text.strip()):
        return None
    if number.kind == "dotted" and len(number.parts) in scan.paragraph_numbers - {1}:
        return None
    strict = number.kind == "dotted" and not match.group("dot") and len(number.parts) == 1
    if strict and scan.last is not None and not number.follows(scan.last, 9 if capitals else 1):
        return None
    if scan.in_next_meeting and not number.follows(scan.last, slack=1):
        return None
    title, heading_lines = _title_from(scan.layout, line, match.start("title"))
    return ItemBlock(number, title, heading_lines)


def _head_before_colon(title: str) -> int | None:
    """ "ROLL CALL: Present ...", "Apologies for absence : A, B", "CONVENE: 7:19 pm": where
    the heading before the colon (or a dash after capitals) ends; None when the title is
    whole ("Minutes: 26 June 2000" keeps its date)."""
    match = HEAD_COLON.match(title)
    if match is None:
        return None
    head, rest = match.group("head"), match.group("rest")
    dash = ":" not in title[len(head) : match.start("rest")]
    hyphen = dash and "-" in title[len(head) : match.start("rest")]
    capitals = head.isupper() and not rest.isupper()
    prose = len(rest.split()) >= 8 and not rest.isupper() and "." in rest
    if dash and not capitals and (hyphen or not prose or len(head.split()) > 6):
        return None
    if len(head.split()) > 8 or DATE_REST.match(rest) or PROSE_START.match(head):
        return None
    if head[-1:].isdigit() and rest[:1].isdigit():
        return None
    return match.start("rest")


def _sub_item(scan: _Scan, line: Line, number: Number, begin: int) -> ItemBlock | None:
    """ "2-A 2013-96" then the title on the next lines, or "7-A Certificate of Approval –
    ... . The applicant ...": the title runs to the end of its first sentence."""
    layout = scan.layout
    pieces = [piece_of(line, begin)]
    lines = [line]
    if FILE_NUMBER.match(pieces[0].text):
        following = layout.next_usable(line.index)
        if following is None or not following.stripped[:1].isupper():
            return None
        pieces, lines = [piece_of(following)], [following]
    while len(lines) < SUB_TITLE_LINES and not _title_end(pieces[-1].text):
        following = layout.next_usable(lines[-1].index)
        if following is None or layout.gap_between(lines[-1], following):
            break
        if NUMBERED.match(following.text) or BARE.match(following.text):
            break
        if LABEL_VALUE.match(following.text):
            break
        pieces.append(piece_of(following))
        lines.append(following)
    passage = Passage.of(pieces)
    end = _title_end(passage.text)
    cut = end.start("stop") if end else len(passage.text)
    title = passage.sub(0, cut).strip_end(" :")
    if not title.text or not title.text[0].isupper() or len(title.text.split()) > 60:
        return None
    block = ItemBlock(number, title, lines)
    if end is not None and passage.text[end.end() :].strip():
        last = lines[-1]
        block.body.append(last)
        rest_in_line = len(last.text) - len(passage.text) + end.end()
        block.starts[last.index] = max(0, rest_in_line)
    return block


def _number_cell(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    """A number read from a table's number column: whatever its form, it is the number."""
    if line.cell is None or not NUMBER_COLUMN.search(line.cell.header) or len(text) > 30:
        return None
    following = scan.layout.next_usable(line.index)
    if following is None or not scan.layout.free(following):
        return None
    bare = text.rstrip(".").strip()
    kind = "" if re.fullmatch(r"\d{1,3}(?:\.\d{1,2}){0,3}|\d{1,4}/\d{2,4}", bare) else "ref"
    number = Number.parse(re.sub(r"^(?:ref(?:erence)?\.?|item)\s*", "", bare, flags=re.I), kind)
    title, heading_lines = _title_from(scan.layout, following, 0)
    return ItemBlock(number, title, [line, *heading_lines])


def _bare(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    match = BARE.match(line.text)
    if match is None or date_like(match.group("number")) or match.group("number") == "0":
        return None
    number = Number.parse(match.group("number"))
    following = scan.layout.next_usable(line.index)
    if (
        following is not None
        and (scan.layout.free(following) or following.index not in scan.layout.skipped)
        and heading_like(following.stripped, numbered=True)
        and not _numbered_heading(following)
        and not BARE.match(following.text)
        and number.follows(scan.last, slack=1)
    ):
        title, heading_lines = _title_from(scan.layout, following, 0)
        return ItemBlock(number, title, [line, *heading_lines])
    scan.pending.append((number, line))
    scan.layout.consumed.add(line.index)
    return None


def _numbered_heading(line: Line) -> bool:
    """Does the line read as a numbered heading itself ("3. Finance", not "101 calls")?"""
    match = NUMBERED.match(line.text)
    return match is not None and heading_like(match.group("title"), numbered=True)


def _reference(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    match = REFERENCE.match(line.text)
    if match is None:
        return None
    digits = match.group("number")
    number = Number.parse(digits, kind="" if digits.isdigit() else "ref")
    if number.kind != "ref" and not number.follows(scan.last, slack=3):
        return None
    if match.group("title").strip():
        title, heading_lines = _title_from(scan.layout, line, match.start("title"))
        return ItemBlock(number, title, heading_lines)
    following = scan.layout.next_usable(line.index)
    if following is None or not heading_like(following.stripped, numbered=True):
        return None
    title, heading_lines = _title_from(scan.layout, following, 0)
    return ItemBlock(number, title, [line, *heading_lines])


def _unnumbered(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    layout = scan.layout
    if scan.numbered_seen and not scan.pending and not next_meeting_heading(text):
        return None
    if not heading_like(text, numbered=False) or text.endswith(".") or PART_HEADING.match(text):
        return None
    if not scan.numbered_seen and not _starts_section(scan, line, text):
        return None
    if len(text) > 0.8 * layout.width and layout.width > 50 and not line.emphasis:
        return None
    previous = layout.previous_usable(line.index)
    if previous is not None and layout.continues(previous, line):
        return None
    following = layout.next_usable(line.index)
    if following is None or following.stripped[:1].islower():
        return None
    if text.endswith(":") and is_bullet(following.text):
        return None
    number = None
    while scan.pending:
        candidate, _ = scan.pending.popleft()
        if candidate.follows(scan.last, slack=1):
            number = candidate
            break
    title, heading_lines = _title_from(layout, line, 0)
    return ItemBlock(number, title, heading_lines)


def _starts_section(scan: _Scan, line: Line, text: str) -> bool:
    """An unnumbered heading in notes without numbers: after the attendance, not a label,
    and with prose under it."""
    layout = scan.layout
    if line.index <= scan.floor or LABEL_VALUE.match(text) or WORD3.search(text) is None:
        return False
    following = layout.next_usable(line.index)
    while (
        following is not None
        and PART_HEADING.match(following.stripped)
        or (following is not None and _heading_label(following.stripped))
    ):
        following = layout.next_usable(following.index)
    if following is None:
        return False
    body = following.stripped
    if LABEL_VALUE.match(body) and body.index(":") < 12:
        return False
    if FILLER.match(body):
        return True
    return len(body.split()) >= 4 and (body.endswith((".", ":")) or layout.is_long(following))


def _title_from(layout: Layout, line: Line, begin: int) -> tuple[Passage, list[Line]]:
    """The title starting at ``line[begin:]``, joined with a wrapped second line."""
    pieces = [piece_of(line, begin)]
    lines = [line]
    following = layout.next_usable(line.index)
    if (
        following is not None
        and line.cell is None
        and layout.free(following)
        and layout.is_long(line)
        and not line.stripped.endswith((".", ":", "?"))
        and not layout.gap_between(line, following)
        and len(following.stripped) < 0.75 * layout.width
        and not following.stripped.endswith(".")
        and not NUMBERED.match(following.text)
        and not BARE.match(following.text)
    ):
        pieces.append(piece_of(following))
        lines.append(following)
    title = Passage.of(pieces)
    badge = badge_start(title.text)
    if badge is not None and badge > 0:
        title = title.sub(0, badge)
    title = title.strip_end(":")
    if title.text.endswith(".") and not title.text.endswith(".."):
        title = title.sub(0, len(title.text) - 1) if _trailing_dot_only(title.text) else title
    return title, lines


def _trailing_dot_only(text: str) -> bool:
    return len(text.split()) <= 8 and text.count(".") == 1
