"""The DOCX writer: python-docx, A4, the same three tables as the PDF."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from watching_brief.publishing.items import ItemRow, Para
from watching_brief.publishing.layout import (
    ITEMS_HEADER,
    PEOPLE_HEADER,
    Layout,
    PeopleTable,
)

TABLE_STYLE = "Table Grid"
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
ITEM_WIDTHS = (0.12, 0.68, 0.20)
HEADER_WIDTHS = (0.25, 0.75)
PEOPLE_WIDTHS = (0.35, 0.65)


def write_docx(layout: Layout, path: Path) -> None:
    """Write the layout as a Word document."""
    document = Document()
    a4_page(document)
    document.add_heading(layout.title, level=1)
    header_table(document, layout.header)
    for people in layout.people:
        people_table(document, people)
    document.add_paragraph()
    items_table(document, layout.items)
    document.save(str(path))


def a4_page(document: Any) -> None:
    """A4 portrait with 20 mm margins."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))


def header_table(document: Any, rows: list[tuple[str, str]]) -> None:
    """Date / Chair / Minutes / Venue: label and value."""
    table = new_table(document, HEADER_WIDTHS)
    for label, value in rows:
        fill_row(table, [[Para(label, bold=True)], [Para(value)]])


def people_table(document: Any, people: PeopleTable) -> None:
    """The heading and the table of name and capacity."""
    document.add_heading(people.heading, level=2)
    table = new_table(document, PEOPLE_WIDTHS)
    header_row(table, PEOPLE_HEADER)
    for row in people.rows:
        fill_row(table, [[Para(row.name)], [Para(row.capacity)]])


def items_table(document: Any, rows: list[ItemRow]) -> None:
    """No. / Item / Action owner, one row per item body or action."""
    table = new_table(document, ITEM_WIDTHS)
    header_row(table, ITEMS_HEADER)
    for row in rows:
        owner = [Para(row.owner, bold=True)] if row.owner else []
        fill_row(table, [[Para(row.number, bold=True)], row.paragraphs, owner])


def new_table(document: Any, widths: Sequence[float]) -> Any:
    """An empty grid table with columns of the given fractions of the text width."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = TABLE_STYLE
    table.autofit = False
    for column, fraction in zip(table.columns, widths, strict=True):
        column.width = Mm(TEXT_WIDTH_MM * fraction)
    return table


def header_row(table: Any, labels: Sequence[str]) -> None:
    """A bold header row, repeated at the top of each page."""
    row = fill_row(table, [[Para(label, bold=True)] for label in labels])
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def fill_row(table: Any, cells: Sequence[Sequence[Para]]) -> Any:
    """Add a row; each paragraph of a cell is a paragraph of its own."""
    row = table.add_row()
    for cell, column, paragraphs in zip(row.cells, table.columns, cells, strict=True):
        cell.width = column.width
        for index, para in enumerate(paragraphs):
            target = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if para.label:
                target.add_run(para.label).bold = True
            target.add_run(para.rest).bold = para.bold or None
    return row
