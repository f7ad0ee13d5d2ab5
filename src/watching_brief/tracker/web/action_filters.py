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
from watching_brief.tracker.actions.models import Action, split_body
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

    Owners and series are chosen per body ("<body slug>/DCC", "<body slug>/<series>"), so
    two bodies' posts or series of one name are never merged. An old link's bare value
    ("owner=DCC") still works: as that body's when one body has it, else labelled as
    "all bodies". Without ``choices`` (the API, which shows no form) only the owner and
    series asked for are looked up, so the same values are valid or not without listing
    every owner and series of the archive on each request."""
    seen = visible_actions(user)
    meetings = visible_meetings(user)
    owner, series = params.get("owner", ""), params.get("series", "")
    if choices:
        owners = _owner_choices(seen.exclude(owner_post=None))
        series_choices = _series_choices(meetings)
    else:
        mine = seen.filter(pk__in=Action.objects.owned_by(owner).values("pk"))
        owners = _owner_choices(mine) if owner else []
        series_choices = _series_choices(meetings.filter(_series_q(series))) if series else []
    params = params.copy()
    params["owner"] = _qualify(owner, owners, "owner")
    params["series"] = _qualify(series, series_choices, "series")
    return ActionFilterForm(params, owners, series_choices)


def _owner_choices(actions: QuerySet[Action]) -> list[tuple[str, str]]:
    rows = actions.exclude(owner_post__abbrev="").values_list(
        "meeting__series__body__slug", "meeting__series__body__name", "owner_post__abbrev"
    )
    return sorted({(f"{slug}/{abbrev}", f"{abbrev} ({body})") for slug, body, abbrev in rows})


def _series_choices(meetings: QuerySet[Meeting]) -> list[tuple[str, str]]:
    rows = meetings.values_list("series__body__slug", "series__body__name", "series__slug")
    names = dict(meetings.values_list("series__slug", "series__name"))
    return sorted(
        {(f"{slug}/{series}", f"{names[series]} ({body})") for slug, body, series in rows},
        key=lambda choice: choice[1],
    )


def _series_q(value: str) -> Q:
    body, series = split_body(value)
    found = Q(series__slug=series) | Q(series__name__iexact=series)
    return found & Q(series__body__slug=body) if body else found


def _qualify(value: str, choices: list[tuple[str, str]], kind: str) -> str:
    """A bare owner or series from an old link as its body's choice when only one body has
    it; else a choice of its own, "all bodies", added to ``choices``."""
    if not value or "/" in value:
        return value
    name = value.casefold()
    matches = [
        choice for choice in choices
        if choice[0].split("/", 1)[1].casefold() == name
        or (kind == "series" and choice[1].rsplit(" (", 1)[0].casefold() == name)
    ]  # fmt: skip
    if len(matches) == 1:
        return matches[0][0]
    if matches:
        choices.append((value, f"{value} (all bodies)"))
    return value


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
