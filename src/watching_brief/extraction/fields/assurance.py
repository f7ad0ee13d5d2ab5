"""Assurance ratings: "Assurance: Partly assured", or "the PCC said she was not yet assured".

The rating is one of "Assured", "Partly assured" or "Not assured". A labelled rating
counts as it stands; a sentence counts when a member of the holding body is its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.words import may_contain

LABELLED = re.compile(
    r"\bassurance(?:\s+(?:rating|level|statement))?\s*[:\-–]\s*(?P<rating>"
    r"(?:fully\s+|partly\s+|partially\s+|not\s+(?:yet\s+)?)?assured|"
    r"(?:full|partial|limited|reasonable|substantial|no)\s+assurance)",
    re.I,
)
STATED = re.compile(
    r"\b(?:was|is|were|are|felt|remained|remains)\s+(?P<rating>(?:fully\s+|partly\s+|partially\s+|"
    r"not\s+(?:yet\s+)?|only\s+partly\s+)?assured)\b(?!\s+(?:that|by\s+the\s+(?:force|cc)))",
    re.I,
)
RATINGS = (
    (re.compile(r"\bnot\b|\bno\s+assurance|\blimited", re.I), "Not assured"),
    (re.compile(r"\bpart(?:ly|ially|ial)\b|\breasonable", re.I), "Partly assured"),
    (re.compile(r"assur", re.I), "Assured"),
)


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating found in a sentence: its value and where its words are."""

    value: str
    start: int
    end: int
    labelled: bool


def may_rate(text: str) -> bool:
    """False when ``text`` cannot give a rating (every rating says "assur...")."""
    return may_contain(text, ("assur",))


def parse_assurance(sentence: str) -> Rating | None:
    """The assurance rating a sentence gives, if any."""
    if not may_rate(sentence):
        return None
    for pattern, labelled in ((LABELLED, True), (STATED, False)):
        match = pattern.search(sentence)
        if match is None:
            continue
        words = match.group("rating")
        for test, value in RATINGS:
            if test.search(words):
                return Rating(value, match.start("rating"), match.end("rating"), labelled)
    return None
