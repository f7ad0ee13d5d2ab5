"""Run-together text: minutes whose line breaks were lost, the whole agenda on one line.

Some published copies (a PDF flattened by a web archive, a page viewer's transcript) put
every item on one very long line: "... 1. Welcome 1.1. The Chair opened ... 2. Apologies
2.1. ...". Such a line is broken again before each item marker that carries on the
sequence ("2.", "2.1."; "2787/12 Item 2"; "a." paragraphs), and around page counters
("Page 1 of 12"). Only the part from the first item marker on is touched: the header and
attendance before it stay as they are.

A break replaces one space with a new line, so the text keeps its length and every offset
into it stays valid.
"""

from __future__ import annotations

import re

from watching_brief.extraction.document import Document, split_lines

LONG_LINE = 600
MIN_MARKERS = 3
DOTTED = re.compile(r"(?<=\s)(?P<top>\d{1,3})\.(?:(?P<sub>\d{1,2})\.?)?\s+(?=[A-Z‘'\"(])")
MINUTE = re.compile(r"(?<=\s)\d{1,4}/\d{2,4}\s+item\s+\d{1,3}\b", re.I)
LETTER = re.compile(r"(?<=\s)[a-h]\.\s+(?=[A-Z])")
PAGE = re.compile(r"(?<=\s)page\s+\d+\s+of\s+\d+(?=\s)", re.I)


def reflow(document: Document) -> Document:
    """The document with its run-together lines broken at item markers (or itself)."""
    text = document.text
    breaks: list[int] = []
    for line in document.lines:
        if len(line.text) >= LONG_LINE:
            breaks.extend(line.start + offset for offset in _breaks(line.text))
    if not breaks:
        return document
    chars = list(text)
    for position in breaks:
        if chars[position] == " ":
            chars[position] = "\n"
    new_text = "".join(chars)
    return Document(
        text=new_text,
        lines=split_lines(new_text),
        name=document.name,
        media_type=document.media_type,
        pages=document.pages,
    )


def _breaks(text: str) -> list[int]:
    """Offsets of the spaces to turn into line breaks in one run-together line."""
    markers = _dotted_markers(text) or _minute_markers(text)
    if len(markers) < MIN_MARKERS:
        return []
    first = markers[0]
    starts = set(markers)
    starts |= {match.start() for match in LETTER.finditer(text, first)}
    for match in PAGE.finditer(text, first):
        starts |= {match.start(), match.end() + 1}
    return sorted(start - 1 for start in starts if start > 0 and text[start - 1] == " ")


def _dotted_markers(text: str) -> list[int]:
    """Starts of "1." ... "2." ... "2.1." markers that run in sequence."""
    found: list[int] = []
    tops = top = sub = 0
    for match in DOTTED.finditer(text):
        number, part = int(match.group("top")), match.group("sub")
        if part is None and (number == top + 1 and (top or number <= 2)):
            top, sub = number, 0
            tops += 1
            found.append(match.start())
        elif part is not None and top and number == top and int(part) == sub + 1:
            sub += 1
            found.append(match.start())
    return found if tops >= 2 else []


def _minute_markers(text: str) -> list[int]:
    """Starts of "2786/12 Item 1" minute markers."""
    return [match.start() for match in MINUTE.finditer(text)]
