"""Items and sub-items: find the headings and the body lines under each.

Headings come in several shapes: "2.1 Confidence"; a number on a line of its own with the
title on the next ("2." then "Holding to account"); numbers detached into a column at the
top of a table ("No. 1. 2." then the titles further down, handed out in order);
"Ref 03/20/04/2022" with the title on the next line; committee numbering "39/20" and
"186."; and unnumbered section headings.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from watching_brief.extraction.cleanup.layout import FILLER, LABEL, TABLE_HEADER, Layout, is_bullet
from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.numbering import BARE, NUMBERED, REFERENCE, Number
from watching_brief.extraction.passage import Passage, piece_of

NEXT_MEETING_HEADING = re.compile(
    r"\b(?:next\s+meeting|future\s+meeting|date\s+of\s+(?:the\s+)?next)\b", re.I
)
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
PROSE_START = re.compile(
    r"^(?:the|a|an|it|this|there|he|she|they|we|all|in|on|at|as|following|members|"
    r"councillors?|following)\s+\S+.*\b\w+ed\b",
    re.I,
)
MAX_TITLE_WORDS = 16
NUMBER_COLUMN = re.compile(r"^\s*(?:no\.?|number|item\s+no\.?|ref(?:erence)?\.?|#)\s*:?\s*$", re.I)


@dataclass(slots=True)
class ItemBlock:
    """A heading and the lines of its body."""

    number: Number | None
    title: Passage
    heading_lines: list[Line]
    body: list[Line] = field(default_factory=list)
    next_meeting: bool = False
    inline_value: Passage | None = None

    @property
    def number_text(self) -> str | None:
        return self.number.text if self.number else None


def heading_like(text: str, numbered: bool) -> bool:
    """Could this text be an item title?"""
    text = text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“("):
        return False
    if LABEL.match(text) or FILLER.match(text) or is_bullet(text) or TABLE_HEADER.match(text):
        return False
    words = text.split()
    if len(words) > MAX_TITLE_WORDS or SENTENCE_BREAK.search(text.rstrip(".")):
        return False
    if text.endswith((".", ";", ",")) and not text.isupper():
        return numbered and len(words) <= 6 and not PROSE_START.match(text)
    return numbered or not PROSE_START.match(text)


@dataclass(slots=True)
class _Scan:
    layout: Layout
    items: list[ItemBlock] = field(default_factory=list)
    pending: deque[tuple[Number, Line]] = field(default_factory=deque)
    last: Number | None = None
    in_next_meeting: bool = False
    numbered_seen: bool = False


def find_items(layout: Layout) -> list[ItemBlock]:
    """Find every item heading and give each its body lines."""
    scan = _Scan(layout)
    scan.numbered_seen = _has_numbered(layout)
    lines = layout.document.lines
    index = 0
    while index < len(lines):
        line = lines[index]
        if not layout.free(line):
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


def _has_numbered(layout: Layout) -> bool:
    return any(
        layout.free(line) and (NUMBERED.match(line.text) or BARE.match(line.text))
        for line in layout.document.lines
    )


def _accept(scan: _Scan, block: ItemBlock) -> None:
    if block.number is not None and block.number.kind != "ref":
        scan.last = block.number
    block.next_meeting = bool(NEXT_MEETING_HEADING.search(block.title.text))
    scan.in_next_meeting = block.next_meeting
    for line in block.heading_lines:
        scan.layout.consumed.add(line.index)
    scan.items.append(block)


def _heading_at(scan: _Scan, line: Line) -> ItemBlock | None:
    text = line.stripped
    for finder in (_number_cell, _reference, _numbered, _bare):
        block = finder(scan, line, text)
        if block is not None:
            return block
    if scan.in_next_meeting:
        return None
    return _unnumbered(scan, line, text)


def _numbered(scan: _Scan, line: Line, text: str) -> ItemBlock | None:
    match = NUMBERED.match(line.text)
    if match is None:
        return None
    number = Number.parse(match.group("number"))
    title_text = match.group("title")
    if not heading_like(title_text, numbered=True) or not number.follows(scan.last, slack=3):
        return None
    strict = number.kind == "dotted" and not match.group("dot") and len(number.parts) == 1
    if strict and scan.last is not None and not number.follows(scan.last, slack=1):
        return None
    if scan.in_next_meeting and not number.follows(scan.last, slack=1):
        return None
    title, heading_lines = _title_from(scan.layout, line, match.start("title"))
    return ItemBlock(number, title, heading_lines)


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
    if match is None:
        return None
    number = Number.parse(match.group("number"))
    following = scan.layout.next_usable(line.index)
    if (
        following is not None
        and scan.layout.free(following)
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
    number = Number.parse(match.group("number"), kind="ref")
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
    if not (scan.items or scan.pending or not scan.numbered_seen):
        return None
    if not heading_like(text, numbered=False) or text.endswith("."):
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
    title = Passage.of(pieces).strip_end(":")
    if title.text.endswith(".") and not title.text.endswith(".."):
        title = title.sub(0, len(title.text) - 1) if _trailing_dot_only(title.text) else title
    return title, lines


def _trailing_dot_only(text: str) -> bool:
    return len(text.split()) <= 8 and text.count(".") == 1
