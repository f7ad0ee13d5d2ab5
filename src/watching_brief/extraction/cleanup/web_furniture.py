"""Web and document-viewer furniture: lines a published page adds around the minutes.

Council meeting pages ("moderngov" and the like) add "... view the full minutes text for
item 3.", "Additional documents:", "Supporting documents:", the items table's header
("No. Item") and file badges after titles ("pdf icon PDF 135 KB"); document-sharing
viewers add "Embed Size (px)", "Page 2: <file name>", "Upload: others". Lines found here
are skipped by every section finder; :func:`badge_start` finds a file badge in a title.
"""

from __future__ import annotations

import re

from watching_brief.extraction.cleanup.layout import Layout

FURNITURE = re.compile(
    r"^\s*(?:"
    r"\.{3}\s*view\s+the\s+full\s+\w+\s+text\s+for\s+item\s+\S+?\.?"
    r"|(?:additional|supporting)\s+documents\s*:?"
    r"|view\s+directions"
    r"|\(\s*agenda\s+item\s+\w{1,4}\s*\)"
    r"|embed\s+size\s*\(px\)|citation\s+preview|page\s+content\s+transcription"
    r"|upload\s*:\s*\w+|post\s+on\s+\d{1,2}-\w{3}-\d{4}|\d+\s+(?:views?|downloads?)"
    r"|transcript|advertisement|image|publication|category\s*:?|[←→]"
    r"|[•●▪·*]\s*(?:view|download|upload|share|embed|print)s?\s*:?\s*\d*"
    r"|(?:views?|downloads?|uploads?|shares?)\s*:?\s*\d+"
    r"|page\s+\d+\s*:\s.*"
    r"|[A-Za-z]:\\\S.*|(?:/[\w.-]+){2,}\.\w{2,4}"
    r")\s*$",
    re.I,
)
ITEMS_HEADER = re.compile(
    r"^\s*(?:items|(?:note\s+|minute\s+)?no\.?\s*\|?\s*items?\s*\|?|[-|\s]{3,})\s*$", re.I
)
MAX_FURNITURE = 160
ITEM_WORD = re.compile(r"\bitems?\b", re.I)
BADGE = re.compile(r"\s*(?:pdf\s+icon\s+)?\b(?:PDF|DOCX?|XLSX?)\s+\d+(?:\.\d+)?\s*[KM]B\b", re.I)


def find_web_furniture(layout: Layout) -> set[int]:
    """Indices of furniture lines (see the module docstring)."""
    found: set[int] = set()
    for line in layout.document.lines:
        text = line.stripped
        if (
            text
            and len(text) <= MAX_FURNITURE
            and (FURNITURE.match(text) or ITEMS_HEADER.match(text))
        ):
            found.add(line.index)
    return found


def items_header_index(layout: Layout) -> int | None:
    """The line of the items table's header ("No. Item"), where the items begin."""
    for line in layout.document.lines:
        text = line.stripped
        if text and len(text) <= 20 and ITEMS_HEADER.match(text) and ITEM_WORD.search(text):
            return line.index
    return None


def badge_start(text: str) -> int | None:
    """Where a file badge ("pdf icon PDF 77 KB") starts in ``text``, or None."""
    match = BADGE.search(text)
    return match.start() if match else None
