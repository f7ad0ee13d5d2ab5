"""Turn a table into lines the section finders read, keeping each line's cell.

The meaning of a table comes from its header row, not from who published it:

* a two-column table of labels and values (Date / Chair / Minutes / Venue) becomes
  "Label: value" lines;
* a table with a Name column and a Capacity (or Role) column becomes "Name – Capacity"
  attendance lines, under a "Present:" heading unless one comes just before;
* a table with an Item column (and a number column, and an owner column) becomes item
  lines: the number joined to the title, then the body, then the owner cell's lines,
  each marked with its cell so an owner is read from the owner column;
* any other table becomes one line per cell paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.document import Cell, DocumentBuilder

NAME_HEADER = re.compile(r"^\s*(?:full\s+)?names?\s*:?\s*$", re.I)
ROLE_HEADER = re.compile(r"^\s*(?:capacity|role|position|title|post|job\s+title)\s*:?\s*$", re.I)
NUMBER_HEADER = re.compile(r"^\s*(?:no\.?|number|item\s+no\.?|ref\.?|#)\s*:?\s*$", re.I)
ITEM_HEADER = re.compile(
    r"^\s*(?:agenda\s+)?items?\b|^\s*(?:subject|title|minutes?|notes?)\s*$", re.I
)
OWNER_HEADER = re.compile(r"\b(?:owner|lead|responsible|by\s+whom|action\s+by)\b", re.I)
LABEL_CELL = re.compile(r"^\s*[A-Z][\w /&-]{0,30}:?\s*$")
GROUP_WORDS = re.compile(r"\b(?:attendance|attendees|present|apologies|in\s+attendance)\b", re.I)

Paragraphs = list[str]


@dataclass(frozen=True, slots=True)
class TableKind:
    """What a table holds, from its header row: which column is which."""

    kind: str
    number: int | None = None
    item: int | None = None
    owner: int | None = None
    name: int | None = None
    role: int | None = None


def classify(rows: list[list[Paragraphs]]) -> TableKind:
    """Read the header row (or the shape of the rows) to tell what the table holds."""
    header = [" ".join(cell).strip() for cell in rows[0]] if rows else []
    name = _find(header, NAME_HEADER)
    role = _find(header, ROLE_HEADER)
    if name is not None and role is not None:
        return TableKind("attendance", name=name, role=role)
    item = _find(header, ITEM_HEADER)
    if item is not None:
        return TableKind(
            "items",
            number=_find(header, NUMBER_HEADER),
            item=item,
            owner=_find(header, OWNER_HEADER),
        )
    if rows and all(len(row) == 2 and LABEL_CELL.match(" ".join(row[0])) for row in rows):
        return TableKind("labels")
    return TableKind("plain")


def _find(header: list[str], pattern: re.Pattern[str]) -> int | None:
    for index, text in enumerate(header):
        if pattern.search(text):
            return index
    return None


def emit_table(
    builder: DocumentBuilder, table: int, rows: list[list[Paragraphs]], page: int | None = None
) -> None:
    """Add the lines of a table to ``builder`` by what the table holds."""
    if not rows:
        return
    kind = classify(rows)
    header = [" ".join(cell).strip() for cell in rows[0]]
    builder.blank()
    if kind.kind == "labels":
        for index, row in enumerate(rows):
            label = " ".join(row[0]).strip().rstrip(":")
            value = " ".join(part for part in row[1] if part.strip())
            builder.add(f"{label}: {value}", Cell(table, index, 1, label), page)
    elif kind.kind == "attendance":
        _attendance(builder, table, rows, kind, header, page)
    elif kind.kind == "items":
        for index, row in enumerate(rows[1:], start=1):
            emit_item_row(builder, table, index, row, kind, header, page)
    else:
        for index, row in enumerate(rows):
            for column, cell in enumerate(row):
                for paragraph in cell:
                    if paragraph.strip():
                        builder.add(
                            paragraph, Cell(table, index, column, _at(header, column)), page
                        )
    builder.blank()


def _at(header: list[str], column: int | None) -> str:
    return header[column] if column is not None and column < len(header) else ""


def _attendance(
    builder: DocumentBuilder,
    table: int,
    rows: list[list[Paragraphs]],
    kind: TableKind,
    header: list[str],
    page: int | None,
) -> None:
    if not GROUP_WORDS.search(builder.last_text()):
        builder.add("Present:", None, page)
    assert kind.name is not None and kind.role is not None  # noqa: S101 - set by classify
    for index, row in enumerate(rows[1:], start=1):
        name = " ".join(row[kind.name]).strip() if kind.name < len(row) else ""
        role = " ".join(row[kind.role]).strip() if kind.role < len(row) else ""
        if name:
            text = f"{name} – {role}" if role else name
            builder.add(text, Cell(table, index, kind.name, _at(header, kind.name)), page)


def emit_item_row(
    builder: DocumentBuilder,
    table: int,
    index: int,
    row: list[Paragraphs],
    kind: TableKind,
    header: list[str],
    page: int | None = None,
) -> None:
    """One row of an items table: number and title, body, then the owner cell."""
    item_column = kind.item if kind.item is not None else 0
    paragraphs = [p for p in row[item_column] if p.strip()] if item_column < len(row) else []
    number = ""
    if kind.number is not None and kind.number < len(row):
        number = " ".join(row[kind.number]).strip()
    item_cell = Cell(table, index, item_column, _at(header, item_column))
    if number and kind.number is not None:
        builder.add(number, Cell(table, index, kind.number, _at(header, kind.number)), page)
    for paragraph in paragraphs:
        builder.add(paragraph, item_cell, page)
    if kind.owner is not None and kind.owner < len(row):
        owner_cell = Cell(table, index, kind.owner, _at(header, kind.owner))
        for paragraph in row[kind.owner]:
            if paragraph.strip():
                builder.add(paragraph.strip(), owner_cell, page)
