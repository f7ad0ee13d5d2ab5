"""The action log as the web shows it: rows, sort links and the CSV/XLSX downloads.

The filter itself (form and query) is :mod:`watching_brief.tracker.actions.filters`,
shared with the API; it starts from :func:`access.visible_actions`, so a filter or a sort
can never widen what a visitor may see.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict

from watching_brief.tracker.actions.filters import (
    SORTS,
    filter_form,
    filtered_actions,
    reader_meetings,
    sort_key,
    sort_order,
)
from watching_brief.tracker.actions.log import ActionRow, action_rows
from watching_brief.tracker.actions.models import Action

__all__ = ["SORTS", "filter_form", "filtered_actions", "reader_meetings", "sort_key", "sort_order"]

TAGS = {
    "open": "blue",
    "in_progress": "light-blue",
    "done": "green",
    "closed": "grey",
    "dropped": "grey",
}
COLUMNS = [field.name for field in fields(ActionRow)]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A row of the log with what the page needs beside it: the link and the tag."""

    pk: int
    row: ActionRow
    colour: str


def sort_headers(params: QueryDict) -> dict[str, dict[str, str]]:
    """For each sortable column: the link its heading gives (the reverse order when the
    log is already sorted by it) and its ``aria-sort`` value."""
    key = sort_key(params.get("sort", ""))
    headers = {}
    for name in SORTS:
        others = params.copy()
        others.pop("page", None)
        others["sort"] = f"-{name}" if key == name else name
        aria = {name: "ascending", f"-{name}": "descending"}.get(key, "none")
        headers[name] = {"href": f"?{others.urlencode()}", "aria": aria}
    return headers


def log_entries(actions: QuerySet[Action], today: dt.date, user: Any) -> list[LogEntry]:
    rows = action_rows(actions, today, reader_meetings(user))
    return [
        LogEntry(action.pk, row, "red" if row.overdue else TAGS[action.status])
        for action, row in zip(actions, rows, strict=True)
    ]


def _cells(row: ActionRow) -> list[object]:
    values = row.as_dict()
    values["overdue"] = "yes" if row.overdue else ""
    return [values[column] for column in COLUMNS]


def csv_response(rows: list[ActionRow], name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return response


def xlsx_response(rows: list[ActionRow], name: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(COLUMNS)
    for row in rows:
        cells = [WriteOnlyCell(sheet, value=value) for value in _cells(row)]
        for cell in cells:
            cell.data_type = "s"  # text, never a formula, whatever the notes say
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
