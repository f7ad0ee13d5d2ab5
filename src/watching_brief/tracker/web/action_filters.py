"""The action log as the web shows it: rows, sort links and the CSV/XLSX downloads.

The filter itself (form and query) is :mod:`watching_brief.tracker.actions.filters`,
shared with the API; it starts from :func:`access.visible_actions`, so a filter or a sort
can never widen what a visitor may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from watching_brief.tracker.exports.spreadsheets import XLSX_TYPE, Sheet, csv_text, xlsx_bytes

__all__ = ["SORTS", "filter_form", "filtered_actions", "reader_meetings", "sort_key", "sort_order"]

TAGS = {
    "open": "blue",
    "in_progress": "light-blue",
    "done": "green",
    "closed": "grey",
    "dropped": "grey",
}


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


def spreadsheet_response(sheet: Sheet, name: str, fmt: str) -> HttpResponse:
    """The sheet as a download: XLSX when ``fmt`` says so, else CSV (UTF-8 with a BOM)."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes([sheet]), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(csv_text(sheet).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
