"""Paragraphs of an item's body, and the labelled statements among them.

An item body is cut into paragraphs by :meth:`Layout.continues`. A paragraph that starts
with a label ("Action:", "Action arising", "Decision:", "RESOLVED") is a statement; the
rest is discussion, read for questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.cleanup.layout import BULLET, Layout, is_bullet
from watching_brief.extraction.document import Line
from watching_brief.extraction.passage import Passage, piece_of

ACTION_LABEL = re.compile(
    r"^\s*(?:[•●▪–—-]\s*)?(?P<label>(?:new\s+|agreed\s+)?actions?(?:\s+arising)?"
    r"(?:\s+(?:carried\s+forward\s+)?from\s+(?:the\s+)?(?P<source>[^:]{2,60}?)\s+meeting)?"
    r"(?:\s+(?:no\.?\s*)?\d+(?:[./]\d+)*)?)\s*(?:[:\-–—.]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
DECISION_LABEL = re.compile(
    r"^\s*(?:[•●▪–—-]\s*)?(?:(?P<label>decisions?|agreed)\s*[:\-–—]\s*(?P<rest>.+)$|"
    r"(?P<resolved>(?:it\s+was\s+)?resolved\b.*)$)",
    re.I,
)


@dataclass(slots=True)
class Paragraph:
    """A run of lines read as one paragraph, and what kind of statement it is."""

    passage: Passage
    kind: str = "prose"
    label_end: int = 0
    source: str | None = None


def paragraphs(layout: Layout, body: list[Line]) -> list[Paragraph]:
    """Cut an item body into paragraphs and classify each."""
    result: list[Paragraph] = []
    members = {line.index for line in body}
    index = 0
    while index < len(body):
        line = body[index]
        paragraph, used = _read(layout, line, members)
        result.append(paragraph)
        index += used
        while index < len(body) and body[index].index in {
            piece.line.index for piece in paragraph.passage.pieces
        }:
            index += 1
    return result


def _read(layout: Layout, first: Line, members: set[int]) -> tuple[Paragraph, int]:
    kind, label_end, source = _classify(first)
    begin = 0
    if kind == "prose" and is_bullet(first.text):
        match = BULLET.match(first.text)
        begin = match.end() if match else 0
    pieces = [piece_of(first, begin)]
    current = first
    while True:
        following = layout.next_usable(current.index)
        if following is None or following.index not in members:
            break
        if _classify(following)[0] != "prose":
            break
        if not (layout.continues(current, following) or _list_after_colon(current, following)):
            break
        if kind == "prose" and is_bullet(following.text):
            break
        pieces.append(piece_of(following))
        current = following
    passage = Passage.of(pieces)
    if begin:
        label_end = 0
    return Paragraph(passage, kind, max(0, label_end - begin), source), 1


def _list_after_colon(line: Line, following: Line) -> bool:
    return line.stripped.endswith(":") and is_bullet(following.text)


def _classify(line: Line) -> tuple[str, int, str | None]:
    text = line.text
    action = ACTION_LABEL.match(text)
    if action is not None and _real_action_label(action):
        kind = "carried" if action.group("source") else "action"
        return kind, action.start("rest"), action.group("source")
    decision = DECISION_LABEL.match(text)
    if decision is not None:
        if decision.group("resolved"):
            return "decision", decision.start("resolved"), None
        return "decision", decision.start("rest"), None
    return "prose", 0, None


def _real_action_label(match: re.Match[str]) -> bool:
    """ "Action: ..." or "Action arising" alone, not prose starting "Actions taken ..."."""
    label = match.group("label").lower()
    rest = match.group("rest")
    separator = match.string[match.end("label") : match.start("rest")]
    if any(mark in separator for mark in ":-–—."):
        return True
    return not rest.strip() and ("arising" in label or label.startswith(("action", "actions")))
