"""Find page furniture: page numbers, running headers and footers, protective markings.

Lines found here are skipped by every section finder, so a sentence broken by a page
break reads on as one.
"""

from __future__ import annotations

import re
from collections import Counter

from watching_brief.extraction.cleanup.layout import Layout

PAGE_NUMBER = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+)\s*$", re.I)
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
            PAGE_NUMBER.match(text)
            or MARKING.match(text)
            or text == "\f"
            or counts[text] >= repeat
            and _running_text(text)
        ):
            found.add(line.index)
    return found


def _running_text(text: str) -> bool:
    """Repeated lines that are headers or footers, not repeated content like 'None'."""
    words = text.split()
    if len(words) < 2:
        return False
    return not re.match(r"^(?:action|decision|resolved|none|n/a)\b", text, re.I)
