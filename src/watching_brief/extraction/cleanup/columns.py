"""Owner codes from an actions table's owner column.

Text exported from a PDF loses the table: the owner column's codes ("DCC", "DCC SO") land
on lines of their own, before, after or in the middle of the action sentence. Readers
that keep the layout mark such lines with their table cell. Either way the lines are
taken out of the prose and kept as owner hints, each with the place it was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.document import Line

OWNER_HEADER = re.compile(r"\b(?:owner|lead|responsible|by\s+whom|action\s+by)\b", re.I)
MAX_CODES_LINE = 40
NUMBER_HEADER = re.compile(r"^\s*(?:no\.?|number|item\s+no\.?|ref\.?)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class OwnerHint:
    """Owner codes found in an owner column, and the line they were on."""

    line: Line
    codes: tuple[str, ...]


def find_owner_lines(layout: Layout, abbreviations: set[str]) -> list[OwnerHint]:
    """Lines that hold only owner codes: attendee abbreviations, or an owner-column cell.

    Found lines are added to ``layout.skipped`` so prose reads on past them.
    """
    hints: list[OwnerHint] = []
    known = {abbrev.upper() for abbrev in abbreviations}
    for line in layout.document.lines:
        if not layout.free(line):
            continue
        in_owner_cell = line.cell is not None and bool(OWNER_HEADER.search(line.cell.header))
        if not in_owner_cell and len(line.text) > MAX_CODES_LINE:
            continue
        tokens = re.split(r"[\s,/&]+|\band\b", line.stripped)
        tokens = [token for token in tokens if token]
        codes = tuple(token for token in tokens if token.upper() in known)
        if in_owner_cell or (tokens and len(codes) == len(tokens) and len(tokens) <= 4):
            hints.append(OwnerHint(line, codes or (line.stripped,)))
            layout.skipped.add(line.index)
    return hints
