"""What every read shares: the Vary header for HTTP caches, limit/offset paging, and
keyset (cursor) paging for the long lists (:mod:`.keyset`).

ETags and 304s for a matching If-None-Match come from Django's ConditionalGetMiddleware,
for the API as for every page and feed (one mechanism; see tracker/caching/pages.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.views.decorators.vary import vary_on_headers
from ninja.decorators import decorate_view

from watching_brief.tracker.api.keyset import Columns, keyset_page
from watching_brief.tracker.api.schemas import KeysetPaging, Paging

F = TypeVar("F", bound=Callable[..., Any])

# The body depends on who asks, so HTTP caches must key on the credentials too. (The ETag
# and the 304 are the middleware's.)
conditional: Callable[[F], F] = decorate_view(vary_on_headers("Authorization", "Cookie"))


def page(rows: QuerySet[Any] | Sequence[Any], paging: Paging) -> tuple[dict[str, int], list[Any]]:
    """The paging fields (total, limit, offset) and the rows of the page asked for."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = list(rows[paging.offset : paging.offset + paging.limit])
    return {"total": total, "limit": paging.limit, "offset": paging.offset}, chosen


def keyset(
    rows: QuerySet[Any], paging: KeysetPaging, columns: Columns, sort: str
) -> tuple[dict[str, Any], list[Any]]:
    """The paging fields (total, limit, offset, next) and the rows of the page asked for,
    by ``cursor`` or ``offset``, in the order of ``columns``."""
    chosen, following = keyset_page(rows, columns, sort, paging.cursor, paging.offset, paging.limit)
    meta = {"total": rows.count(), "limit": paging.limit, "offset": paging.offset}
    return {**meta, "next": following}, chosen
