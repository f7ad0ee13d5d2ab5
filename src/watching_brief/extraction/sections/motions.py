"""Motions recorded with their outcome, read as decisions.

US and parish minutes record a decision as a motion: "Member X moved ..., Member Y
seconded ... Motion carried 3-0."; "A motion was made by X, seconded by Y, that ... The
motion carried by a unanimous vote."; "Motion and second to ... Motion passes ...". The
decision is the whole record, from the sentence naming the mover to the sentence giving
the outcome. An outcome with no motion ("The resolution was adopted.") is not one.
"""

from __future__ import annotations

import re

from watching_brief.extraction.fields.questions import split_sentences
from watching_brief.extraction.passage import Passage
from watching_brief.extraction.words import may_contain

MOVER = re.compile(
    r"\b(?:moved|motioned|motion\s+was\s+made|motion\s+and\s+second(?:ed)?|made\s+a\s+motion)\b",
    re.I,
)
OUTCOME = re.compile(
    r"\b(?:motion|it)\b.{0,80}?\b(?:carried|passe[sd]|fail(?:ed|s)|adopted)\b|"
    r"\b(?:carried|passed)\s+(?:by|unanimously|with)\b",
    re.I,
)
# Words every match of MOVER, and of OUTCOME, holds (checked before the expressions).
MOVER_WORDS = ("moved", "motion")
OUTCOME_WORDS = ("carried", "passe", "fail", "adopted")
REACH = 3


def find_motions(passage: Passage) -> list[tuple[int, int]]:
    """(start, end) offsets in ``passage.text`` of each motion record with its outcome."""
    text = passage.text
    if not may_contain(text, MOVER_WORDS) or MOVER.search(text) is None:
        return []
    if not may_contain(text, OUTCOME_WORDS) or OUTCOME.search(text) is None:
        return []
    sentences = list(split_sentences(passage.text))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(sentences):
        start, end = sentences[index]
        if not MOVER.search(passage.text[start:end]):
            index += 1
            continue
        for ahead in range(index, min(index + REACH, len(sentences))):
            begin, finish = sentences[ahead]
            if OUTCOME.search(passage.text[begin:finish]):
                found.append((start, finish))
                index = ahead
                break
        index += 1
    return found
