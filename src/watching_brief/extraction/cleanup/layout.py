"""Line shapes shared by the section finders: width, wrapping, labels, bullets.

Notes exported from PDF wrap prose at a fixed width; notes from DOCX or HTML put one
paragraph on a line. :class:`Layout` measures the document's typical line width once so
that "is this line wrapped prose or the end of a paragraph?" can be answered the same way
everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watching_brief.extraction.document import Document, Line
from watching_brief.extraction.passage import Passage, piece_of

TERMINAL = (".", "?", "!", ":", ";", "”", '"')
BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*]|[–—-](?=\s)|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+")
LABEL = re.compile(
    r"^\s*(?:(?:actions?|decisions?|agreed|outcome|owner|due|minutes)\s*[:\-–]|"
    r"action\s+arising\b|resolved\b)",
    re.I,
)
FILLER = re.compile(r"^\s*(?:none|n/?a|nil|no\s+(?:matters|actions|items)[\w ]*)\.?\s*$", re.I)
TABLE_HEADER = re.compile(
    r"^\s*(?:no\.?|item|items|name:?|capacity:?|role:?|action\s+owner|owner|lead|ref\.?|"
    r"agenda\s+item|number)\s*$",
    re.I,
)


@dataclass(slots=True)
class Layout:
    """Measures of a document's lines, and the set of lines already used or skipped."""

    document: Document
    width: int = 80
    skipped: set[int] = field(default_factory=set)
    consumed: set[int] = field(default_factory=set)
    attendance: set[int] = field(default_factory=set)

    @classmethod
    def measure(cls, document: Document) -> Layout:
        """Measure the typical width of prose lines (the 90th percentile length)."""
        lengths = sorted(len(line.stripped) for line in document.lines if len(line.stripped) > 20)
        width = lengths[int(len(lengths) * 0.9)] if lengths else 80
        return cls(document=document, width=max(width, 30))

    def usable(self, line: Line) -> bool:
        """True for a non-blank line not yet skipped (page furniture, owner column)."""
        return not line.blank and line.index not in self.skipped

    def free(self, line: Line) -> bool:
        """True for a usable line no section has claimed yet."""
        return self.usable(line) and line.index not in self.consumed

    def is_long(self, line: Line) -> bool:
        """True when the line runs close to the wrap width (so it was wrapped)."""
        return len(line.stripped) >= 0.75 * self.width

    def next_usable(self, index: int, stop: int | None = None) -> Line | None:
        """The first usable line after line ``index`` (before line ``stop``).

        Walked by position: a slice would copy the rest of the document on every call.
        """
        lines = self.document.lines
        end = len(lines) if stop is None else min(stop, len(lines))
        skipped = self.skipped
        for position in range(max(index + 1, 0), end):
            line = lines[position]
            if not line.blank and line.index not in skipped:
                return line
        return None

    def previous_usable(self, index: int) -> Line | None:
        """The last usable line before line ``index``."""
        lines = self.document.lines
        skipped = self.skipped
        for position in range(min(index, len(lines)) - 1, -1, -1):
            line = lines[position]
            if not line.blank and line.index not in skipped:
                return line
        return None

    def gap_between(self, first: Line, second: Line) -> bool:
        """True when a blank or skipped line separates two lines."""
        return any(
            line.blank or line.index in self.skipped
            for line in self.document.lines[first.index + 1 : second.index]
        )

    def page_break_between(self, first: Line, second: Line) -> bool:
        """True when page furniture was skipped between two lines."""
        return any(
            line.index in self.skipped
            for line in self.document.lines[first.index + 1 : second.index]
        )

    def read_on(self, line: Line, begin: int = 0) -> Passage:
        """From ``line[begin:]`` on, the lines that carry the sentence until one ends it."""
        pieces = [piece_of(line, begin)]
        current = line
        while not current.stripped.endswith("."):
            following = self.next_usable(current.index)
            if following is None or not self.continues(current, following):
                break
            pieces.append(piece_of(following))
            current = following
        return Passage.of(pieces)

    def continues(self, line: Line, following: Line) -> bool:
        """Does ``following`` carry on the sentence or paragraph that ``line`` is in?"""
        nxt = following.stripped
        if BULLET.match(nxt) or LABEL.match(nxt):
            return False
        starts_lower = nxt[:1].islower() or nxt[:1] in ",;)–-" or nxt[:1].isdigit()
        ended = line.stripped.endswith(TERMINAL)
        if self.gap_between(line, following):
            if ended:
                return False
            return starts_lower or (self.page_break_between(line, following) and self.is_long(line))
        if starts_lower:
            return True
        return not ended and self.is_long(line)


def is_bullet(text: str) -> bool:
    """True when a line starts with a bullet or list marker."""
    return bool(BULLET.match(text))


def strip_bullet(text: str) -> int:
    """Length of the bullet marker at the start of ``text`` (0 when none)."""
    match = BULLET.match(text)
    return match.end() if match else 0
