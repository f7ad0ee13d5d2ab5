"""Find page furniture: page numbers, running headers and footers, protective markings.

Lines found here are skipped by every section finder, so a sentence broken by a page
break reads on as one.
"""

from __future__ import annotations

import re
from collections import Counter

from watching_brief.extraction.cleanup.layout import Layout

PAGE_NUMBER = re.compile(r"^\s*(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|-\s*\d+\s*-)\s*$", re.I)
MARKING = re.compile(
    r"^\s*(?:official(?:[\s-]+sensitive)?|not\s+protectively\s+marked|restricted|"
    r"unclassified|protect)\s*$",
    re.I,
)
DEFAULT_REPEAT = 3


def find_page_furniture(layout: Layout, repeat: int = DEFAULT_REPEAT) -> set[int]:
    """Indices of lines that are page furniture.

    A line is furniture when it is a page number ("Page 2 of 5"), a protective marking
    ("OFFICIAL"), or a short line repeated identically at least ``repeat`` times (a
    running header or footer); form-feed characters mark page breaks too.
    """
    lines = layout.document.lines
    counts = Counter(line.stripped for line in lines if 0 < len(line.stripped) <= 90)
    found: set[int] = set()
    for line in lines:
        text = line.stripped
        if not text:
            continue
        if (
            _page_number(text)
            or MARKING.match(text)
            or text == "\f"
            or counts[text] >= repeat
            and _running_text(text)
        ):
            found.add(line.index)
    found |= _beside_page_markers(layout, found)
    return found


def _page_number(text: str) -> bool:
    """ "Page 2 of 5", "Page 2/5" or "- 2 -". A bare "12/26" is not one: committee minutes
    number their items that way."""
    return PAGE_NUMBER.match(text) is not None


def _beside_page_markers(layout: Layout, markers: set[int]) -> set[int]:
    """Running headers printed once, next to a page number or marking (no blank between)."""
    lines = layout.document.lines
    extra: set[int] = set()
    for index in sorted(markers):
        if not _page_number(lines[index].stripped):
            continue
        for step in (-1, 1):
            neighbour = index + step
            while 0 <= neighbour < len(lines) and neighbour in markers | extra:
                neighbour += step
            if 0 <= neighbour < len(lines) and _header_like(lines[neighbour].stripped):
                extra.add(neighbour)
    return extra


def _header_like(text: str) -> bool:
    """A short title-cased line without closing punctuation, such as a running header."""
    if not text or len(text) > 90 or text.endswith((".", ":", ";", "?", ",")):
        return False
    words = [word for word in re.findall(r"[A-Za-z][\w'’]*", text) if len(word) > 3]
    if not words or not text[0].isupper():
        return False
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised / len(words) >= 0.6 and len(text.split()) >= 3


def _running_text(text: str) -> bool:
    """Repeated lines that are headers or footers, not repeated content like 'None'."""
    words = text.split()
    if len(words) < 2:
        return False
    return not re.match(r"^(?:action|decision|resolved|none|n/a)\b", text, re.I)
