"""Keyset ("cursor") pages for the API's long lists: the next page starts after the last
row of the one before, found through its sort values, instead of skipping ``offset`` rows.

A cursor is the sort's name and the last row's sort values (ending with its id, so every
row has its own place), as URL-safe base64 JSON. It is opaque to clients; a cursor from
another sort, or one that is not ours, is refused with 422 rather than read.
NULLs sort last in either direction, as the web log sorts them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from ninja.errors import HttpError

# (field path, descending) pairs; the last one must be unique ("pk").
Columns = Sequence[tuple[str, bool]]
NOTHING = Q(pk__in=[])
NOT_OURS = "cursor: not a cursor this API gave (use a page's `next`)"


def order(columns: Columns) -> list[OrderBy]:
    return [
        F(name).desc(nulls_last=True) if desc else F(name).asc(nulls_last=True)
        for name, desc in columns
    ]


def after(columns: Columns, values: Sequence[Any]) -> Q:
    """The rows that sort after a row whose sort values are ``values``."""
    condition = NOTHING
    for (name, desc), value in reversed(list(zip(columns, values, strict=True))):
        if value is None:  # NULLs come last: only an equal NULL, then the next column
            later, same = NOTHING, Q(**{f"{name}__isnull": True})
        else:
            beyond = Q(**{f"{name}__lt" if desc else f"{name}__gt": value})
            later, same = beyond | Q(**{f"{name}__isnull": True}), Q(**{name: value})
        condition = later | (same & condition)
    return condition


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def encode(sort: str, values: Sequence[Any]) -> str:
    text = json.dumps([sort, [_plain(value) for value in values]], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, sort: str, width: int) -> list[Any]:
    """The sort values in ``cursor``; 422 naming the problem when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, values = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        raise HttpError(422, NOT_OURS) from None
    if name != sort:
        raise HttpError(422, f"cursor: it continues the sort {name!r}, not {sort!r}")
    if not isinstance(values, list) or len(values) != width:
        raise HttpError(422, NOT_OURS)
    if not all(value is None or isinstance(value, str | int) for value in values):
        raise HttpError(422, NOT_OURS)
    return values


def keyset_page(
    rows: QuerySet[Any], columns: Columns, sort: str, cursor: str | None, offset: int, limit: int
) -> tuple[list[Any], str | None]:
    """The page after ``cursor`` (without one: ``offset`` rows in) in the order of
    ``columns``, and the cursor of the page after it (None on the last page)."""
    rows = rows.order_by(*order(columns))
    if cursor:
        if offset:
            raise HttpError(422, "offset: give either a cursor or an offset, not both")
        values = decode(cursor, sort, len(columns))
        try:
            rows = rows.filter(after(columns, values))
        except (ValueError, TypeError, ValidationError):
            raise HttpError(422, NOT_OURS) from None
    chosen = list(rows[offset : offset + limit + 1])
    if len(chosen) <= limit:
        return chosen, None
    chosen = chosen[:limit]
    names = [name for name, _ in columns]
    last = rows.model._default_manager.filter(pk=chosen[-1].pk).values_list(*names).get()
    return chosen, encode(sort, last)
