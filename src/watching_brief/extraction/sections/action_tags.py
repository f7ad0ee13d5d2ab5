"""Actions tagged at the end of a sentence: "..., action Mick." or "..., c/f action Jon."

Parish and village minutes mark an action with a trailing tag naming who takes it on.
The action is the sentence carrying the tag, from its start to just before the tag; the
owner is the tagged name. A sentence with an owner but no tag is not an action here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.fields.questions import split_sentences

TAG = re.compile(
    r",\s*(?:c/f\s+|carried\s+forward\s+)?action\s+(?P<owner>[A-Z][\w'’-]*(?:\s+(?:and|&)\s+"
    r"[A-Z][\w'’-]*)?)(?:\s+to\s+[^.?!]*)?\s*(?:[.?!](?=\s|$)|$)",
)
MARKER = re.compile(r"(?:^|\s)[o•●▪·Ø\uf0d8-]\s+(?=[A-Z])")
SENTENCE_FLOOR = 2


@dataclass(frozen=True, slots=True)
class ActionTag:
    """Offsets of the action text and of the tagged owner within a paragraph."""

    start: int
    end: int
    owner_start: int
    owner_end: int


def find_action_tags(text: str) -> list[ActionTag]:
    """Every sentence of ``text`` that ends with an action tag."""
    found: list[ActionTag] = []
    if TAG.search(text) is None:
        return found
    starts = [start for start, _ in split_sentences(text)]
    starts += [match.end() for match in MARKER.finditer(text)]
    floor = 0
    for match in TAG.finditer(text):
        begin = max([start for start in starts if floor <= start <= match.start()] or [floor])
        floor = match.end()
        sentence = text[begin : match.start()]
        if len(sentence.split()) < SENTENCE_FLOOR:
            continue
        lead = len(sentence) - len(sentence.lstrip(" •●▪·-–Ø\uf0d8\t"))
        found.append(
            ActionTag(
                start=begin + lead,
                end=match.start(),
                owner_start=match.start("owner"),
                owner_end=match.end("owner"),
            )
        )
    return found
