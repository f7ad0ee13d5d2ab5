"""The action log as the web shows it: one filter for the page and its exports.

Everything starts from :func:`visible_actions`, so a filter or a sort can never widen what
a visitor may see.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpResponse, QueryDict

from watching_brief.tracker.actions.log import ActionRow, action_queryset, action_rows
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.exports.cells import safe_row
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.web.forms import ActionFilterForm
from watching_brief.tracker.web.roles import is_officer, visible_actions, visible_meetings

SORTS: dict[str, list[str]] = {
    "date": ["meeting__date", "position"],
    "due": ["due", "meeting__date", "position"],
    "owner": ["owner_post__abbrev", "owner_text", "meeting__date", "position"],
    "status": ["status", "meeting__date", "position"],
}
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


def filter_form(user: Any, params: QueryDict, *, choices: bool = True) -> ActionFilterForm:
    """The filter form bound to the query string, with choices from what the user sees.

    Without ``choices`` (the API, which shows no form) only the owner and series asked
    for are looked up, so the same values are valid or not without listing every owner
    and series of the archive on each request."""
    seen = visible_actions(user)
    if choices:
        owners = seen.exclude(owner_post=None).values_list("owner_post__abbrev", flat=True)
        series = visible_meetings(user).values_list("series__slug", "series__name")
        return ActionFilterForm(params, sorted({o for o in owners if o}), sorted(set(series)))
    owner, slug = params.get("owner", ""), params.get("series", "")
    known_owner = bool(owner) and seen.filter(owner_post__abbrev=owner).exists()
    named = visible_meetings(user).filter(series__slug=slug).values_list("series__name", flat=True)
    name = named.first() if slug else None
    return ActionFilterForm(
        params, [owner] if known_owner else [], [(slug, name)] if name is not None else []
    )


def filtered_actions(
    user: Any, params: QueryDict, today: dt.date, *, choices: bool = True
) -> tuple[ActionFilterForm, QuerySet[Action]]:
    """The visible actions the query string asks for, sorted as it asks."""
    form = filter_form(user, params, choices=choices)
    values = form.cleaned_data if form.is_valid() else {}
    actions = action_queryset(
        overdue=bool(values.get("overdue")),
        owner=values.get("owner") or None,
        series=values.get("series") or None,
        today=today,
    ).filter(pk__in=visible_actions(user).values("pk"))
    actions = _narrow(actions, values)
    return form, actions.order_by(*sort_order(params.get("sort", "")))


def _narrow(actions: QuerySet[Action], values: dict[str, Any]) -> QuerySet[Action]:
    status = values.get("status")
    if status == "open_any":
        actions = actions.filter(status__in=["open", "in_progress"])
    elif status:
        actions = actions.filter(status=status)
    if topic := (values.get("topic") or "").strip():
        items = Item.objects.filter(topics__name__icontains=topic).values("pk")
        actions = actions.filter(
            Q(text__icontains=topic) | Q(item__title__icontains=topic) | Q(item__in=items)
        )
    if values.get("due_from"):
        actions = actions.filter(due__gte=values["due_from"])
    if values.get("due_to"):
        actions = actions.filter(due__lte=values["due_to"])
    return actions


def sort_key(value: str) -> str:
    """The sort asked for, or the default (meeting date)."""
    return value if value.lstrip("-") in SORTS else "date"


def sort_order(value: str) -> list[OrderBy]:
    key = sort_key(value)
    descending = key.startswith("-")
    columns = SORTS[key.lstrip("-")]
    if descending:
        return [F(c).desc(nulls_last=True) for c in columns]
    return [F(c).asc(nulls_last=True) for c in columns]


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


def reader_meetings(user: Any) -> QuerySet[Meeting] | None:
    """The meetings a reader may see, or None for officers (who see them all)."""
    return None if is_officer(user) else visible_meetings(user)


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
    writer.writerows(safe_row(_cells(row)) for row in rows)
    return response


def xlsx_response(rows: list[ActionRow], name: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(COLUMNS)
    for row in rows:
        cells = [WriteOnlyCell(sheet, value=value) for value in safe_row(_cells(row))]
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
