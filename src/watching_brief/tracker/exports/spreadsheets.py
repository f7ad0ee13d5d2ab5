"""Spreadsheets people open in Excel or LibreOffice, written one way for every export.

* CSV: UTF-8 with a byte-order mark first, which is how Excel knows the file is UTF-8
  (without it "Café – 1½" opens as "CafÃ© â€“ 1Â½"); dates ISO 8601; booleans
  ``true``/``false``.
* XLSX: a bold header row frozen in place, columns as wide as their contents (within
  bounds, long text wrapped), real date cells (sortable, filterable), real booleans.

Every text cell goes through :func:`.cells.safe_cell` and is stored as text, so no cell
is ever a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from watching_brief.tracker.exports.cells import safe_cell

BOM = "\ufeff"
ISO_DATE = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters
SAMPLE_ROWS = 500  # rows read to size a column
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(slots=True)
class Sheet:
    """One table as a spreadsheet: its title (the sheet's name), headers and rows. Cells
    are text, numbers, booleans, dates or None (empty)."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    date_format: str = ISO_DATE


def csv_cell(value: Any) -> Any:
    """A cell as CSV text: dates ISO, booleans true/false, None empty, text made safe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(value)


def csv_text(sheet: Sheet) -> str:
    """The sheet as CSV, byte-order mark first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(sheet.headers)
    writer.writerows([csv_cell(value) for value in row] for row in sheet.rows)
    return buffer.getvalue()


def write_csv(path: Path, sheet: Sheet) -> Path:
    path.write_text(csv_text(sheet), encoding="utf-8", newline="")
    return path


def _text_width(value: Any, date_format: str) -> int:
    if isinstance(value, dt.date):
        return 11 if date_format == ISO_DATE else 17
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(sheet: Sheet) -> list[int]:
    """Each column's width: its longest header or cell (of the first rows), within bounds."""
    sample = sheet.rows[:SAMPLE_ROWS]
    widths = []
    for index, header in enumerate(sheet.headers):
        cells = (row[index] for row in sample if row[index] is not None)
        longest = max((_text_width(cell, sheet.date_format) for cell in cells), default=0)
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2)))
    return widths


def add_sheet(book: Workbook, sheet: Sheet) -> None:
    """Append ``sheet`` to ``book``: bold frozen header, sized columns, typed cells."""
    target = book.create_sheet(sheet.title[:31])
    target.append(sheet.headers)
    for cell in target[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    widths = column_widths(sheet)
    for row in sheet.rows:
        target.append([None if value is None else safe_cell(value) for value in row])
        for cell in target[target.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever the notes say
                long = len(cell.value) > widths[cell.column - 1]
                cell.alignment = wrap if long else top
            elif isinstance(cell.value, dt.date | dt.datetime):
                cell.number_format = sheet.date_format
    for index, width in enumerate(widths, start=1):
        target.column_dimensions[get_column_letter(index)].width = width
    target.freeze_panes = "A2"


def workbook(sheets: Iterable[Sheet]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        add_sheet(book, sheet)
    return book


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    workbook(sheets).save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> Path:
    workbook(sheets).save(path)
    return path
