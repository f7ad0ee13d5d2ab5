"""Passages: text joined from pieces of lines, mapped back to source spans.

A value that runs over several lines (an action wrapped over a page break, a title on
two lines) is a :class:`Passage`: the pieces of lines it is made of, joined with single
spaces (or with nothing after a hyphen that ends a line before a lower-case word). Any
slice of the joined text maps back to the spans it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from watching_brief.extraction.document import Line
from watching_brief.extraction.record import Span

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one line: ``line.text[begin:end]``."""

    line: Line
    begin: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.begin : self.end]

    @property
    def span(self) -> Span:
        return self.line.sub_span(self.begin, self.end)


def piece_of(line: Line, begin: int = 0, end: int | None = None) -> Piece:
    """The piece of ``line`` from ``begin`` to ``end``, trimmed of white space."""
    stop = len(line.text) if end is None else end
    raw = line.text[begin:stop]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    return Piece(line, begin + lead, begin + max(lead, trail))


@dataclass(slots=True)
class Passage:
    """Text joined from pieces of lines, with a map from text offsets to pieces."""

    pieces: list[Piece] = field(default_factory=list)
    text: str = ""
    _offsets: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, pieces: list[Piece]) -> Passage:
        """Join pieces (empty ones dropped) into a passage."""
        passage = cls()
        for piece in pieces:
            passage.append(piece)
        return passage

    def append(self, piece: Piece) -> None:
        """Add a piece at the end, joined with a space or after a line-end hyphen."""
        if piece.begin >= piece.end:
            return
        text = piece.text
        if self.text:
            joiner = "" if _hyphen_join(self.text, text) else " "
            self.text += joiner
        self._offsets.append(len(self.text))
        self.text += text
        self.pieces.append(piece)

    @property
    def lines(self) -> list[Line]:
        return [piece.line for piece in self.pieces]

    def spans(self, begin: int = 0, end: int | None = None) -> list[Span]:
        """Spans of source text under ``text[begin:end]``."""
        spans: list[Span] = []
        for piece, lo, hi in self._overlaps(begin, end):
            spans.append(piece.line.sub_span(lo, hi))
        return spans

    def sub(self, begin: int, end: int | None = None) -> Passage:
        """The passage under ``text[begin:end]``, trimmed of white space."""
        if begin <= 0 and (end is None or end >= len(self.text)):
            # all of it: the pieces are trimmed already (piece_of), so a copy is the same
            return Passage(list(self.pieces), self.text, list(self._offsets))
        return Passage.of(
            [piece_of(piece.line, lo, hi) for piece, lo, hi in self._overlaps(begin, end)]
        )

    def _overlaps(self, begin: int, end: int | None) -> Iterator[tuple[Piece, int, int]]:
        """Each piece under ``text[begin:end]``, with the bounds (in its line) of the part
        that is. The pieces run in order, so the search starts at the piece holding
        ``begin`` and stops at the first one starting after ``end``."""
        stop = len(self.text) if end is None else end
        offsets = self._offsets
        first = max(bisect_right(offsets, begin) - 1, 0)
        for index in range(first, len(offsets)):
            offset = offsets[index]
            if offset >= stop:
                break
            piece = self.pieces[index]
            lo, hi = max(begin, offset), min(stop, offset + piece.end - piece.begin)
            if lo < hi:
                yield piece, piece.begin + lo - offset, piece.begin + hi - offset

    def strip_end(self, chars: str) -> Passage:
        """The passage without trailing ``chars`` (e.g. a colon after a title)."""
        stripped = self.text.rstrip(chars + " ")
        return self.sub(0, len(stripped)) if len(stripped) != len(self.text) else self


def _hyphen_join(before: str, after: str) -> bool:
    if len(before) < 2 or not before.endswith("-") or not before[-2].isalpha():
        return False
    return after[:1].islower() or (after[:1].isupper() and before[-2].islower())


def squash(text: str) -> str:
    """Collapse runs of white space to single spaces."""
    return _SPACE.sub(" ", text).strip()
