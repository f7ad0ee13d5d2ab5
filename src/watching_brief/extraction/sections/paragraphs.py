"""Paragraphs of an item's body, and the labelled statements among them.

An item body is cut into paragraphs by :meth:`Layout.continues`. A paragraph that starts
with a label ("Action:", "Action arising", "Decision:", "RESOLVED") is a statement; the
rest is discussion, read for questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from watching_brief.extraction.cleanup.layout import BULLET, Layout, is_bullet
from watching_brief.extraction.document import Line
from watching_brief.extraction.passage import Passage, piece_of

LEAD = re.compile(
    r"\s*(?:(?:minutes|supporting\s+documents)\s*:\s*)*"
    r"(?:\(\s*\d{1,2}\s*\)\s*|\d{1,3}\.\d{1,2}\.?\s+|\(?[a-z]\)\s+)?",
    re.I,
)
ACTION_LABEL = re.compile(
    r"^(?:[•●▪–—-]\s*)?(?P<label>(?:new\s+|agreed\s+)?actions?(?:\s+arising)?"
    r"(?:\s+(?:carried\s+forward\s+)?from\s+(?:the\s+)?(?P<source>[^:]{2,60}?)\s+meeting)?"
    r"(?:\s+(?:point\s+)?(?:no\.?\s*)?\d+(?:[./]\d+)*)?)\s*(?:[:\-–—.]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
ACTION_OWNER_START = re.compile(
    r"^(?i:actions?)\s+(?P<rest>[A-Z][A-Za-z]{0,3}(?:\s*(?:,|and|&|/)\s*[A-Z][A-Za-z]{0,3})*\s+"
    r"(?:is\s+|are\s+)?to\s+\w.*)$"
)
DECISION_LABEL = re.compile(
    r"^(?:[•●▪–—-]\s*)?(?:(?P<label>(?:decisions?|agreed)\s*(?:[:\-–—]\s*|$)|"
    r"(?-i:AGREED)\s*(?:$|(?=that\b)))(?P<rest>.*)$|"
    r"(?P<resolved>(?:it\s+was\s+)?(?:unanimously\s+)?resolved\b.*)$)",
    re.I,
)
THAT = re.compile(
    r"(?:resolved|unanimously|decision|decided|agreed|[\s:–—\-.,])*?\b(?=that\b)", re.I
)


@dataclass(slots=True)
class Paragraph:
    """A run of lines read as one paragraph, and what kind of statement it is."""

    passage: Passage
    kind: str = "prose"
    label_end: int = 0
    source: str | None = None


def paragraphs(
    layout: Layout, body: list[Line], starts: dict[int, int] | None = None
) -> list[Paragraph]:
    """Cut an item body into paragraphs and classify each.

    ``starts`` gives, for a line shared with the heading, where its body part begins.
    """
    result: list[Paragraph] = []
    members = {line.index for line in body}
    index = 0
    while index < len(body):
        line = body[index]
        paragraph, used = _read(layout, line, members, (starts or {}).get(line.index, 0))
        result.append(paragraph)
        index += used
        taken = {piece.line.index for piece in paragraph.passage.pieces}
        while index < len(body) and body[index].index in taken:
            index += 1
    return result


def _read(layout: Layout, first: Line, members: set[int], offset: int = 0) -> tuple[Paragraph, int]:
    kind, label_end, source = _classify(first, offset)
    begin = offset
    if kind == "prose" and is_bullet(first.text[offset:]):
        match = BULLET.match(first.text[offset:])
        begin = offset + (match.end() if match else 0)
    pieces = [piece_of(first, begin)]
    current = first
    labelled_only = kind != "prose" and not first.text[label_end:].strip(" :-–—.·")
    while True:
        following = layout.next_usable(current.index)
        if following is None or following.index not in members:
            break
        if _classify(following)[0] != "prose":
            break
        listed = not labelled_only and _list_after_colon(current, following)
        if not (layout.continues(current, following) or listed):
            break
        if kind == "prose" and is_bullet(following.text):
            break
        pieces.append(piece_of(following))
        current = following
    passage = Passage.of(pieces)
    if begin > offset:
        label_end = 0
    return Paragraph(passage, kind, max(0, label_end - pieces[0].begin), source), 1


def _list_after_colon(line: Line, following: Line) -> bool:
    return line.stripped.endswith(":") and is_bullet(following.text)


def _classify(line: Line, offset: int = 0) -> tuple[str, int, str | None]:
    """The kind of paragraph that starts on ``line`` (from ``offset``), and where its
    text begins after the label: a decision's text begins at "That" when it has one."""
    return _classify_text(line.text, offset)


@lru_cache(maxsize=1024)
def _classify_text(line_text: str, offset: int) -> tuple[str, int, str | None]:
    """:func:`_classify` of a line's text (kept: most lines are classified twice, as the
    line after a paragraph and as the first of the next)."""
    lead = LEAD.match(line_text, offset)
    start = lead.end() if lead else offset
    text = line_text[start:]
    owner_first = ACTION_OWNER_START.match(text)
    if owner_first is not None:
        return "action", start + owner_first.start("rest"), None
    action = ACTION_LABEL.match(text)
    if action is not None and _real_action_label(action):
        kind = "carried" if action.group("source") else "action"
        return kind, start + action.start("rest"), action.group("source")
    decision = DECISION_LABEL.match(text)
    if decision is not None:
        group = "resolved" if decision.group("resolved") else "rest"
        begin = decision.start(group)
        that = THAT.match(text, begin)
        if that is not None:
            return "decision", start + that.end(), None
        if group == "resolved":
            label = re.match(
                r"(?:it\s+was\s+)?(?:unanimously\s+)?resolved\s*(?:unanimously\s*)?[:\-–—.]?\s*",
                text[begin:],
                re.I,
            )
            return "decision", start + begin + (label.end() if label else 0), None
        return "decision", start + begin, None
    return "prose", 0, None


def _real_action_label(match: re.Match[str]) -> bool:
    """ "Action: ..." or "Action arising" alone, not prose starting "Actions taken ..."."""
    label = match.group("label").lower()
    rest = match.group("rest")
    separator = match.string[match.end("label") : match.start("rest")]
    if any(mark in separator for mark in ":-–—."):
        return True
    return not rest.strip() and ("arising" in label or label.startswith(("action", "actions")))
