"""What every read shares: the Vary header for HTTP caches, and limit/offset paging.

ETags and 304s for a matching If-None-Match come from Django's ConditionalGetMiddleware,
for the API as for every page and feed (one mechanism; see tracker/caching/pages.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.views.decorators.vary import vary_on_headers
from ninja.decorators import decorate_view

from watching_brief.tracker.api.schemas import Paging

F = TypeVar("F", bound=Callable[..., Any])

# The body depends on who asks, so HTTP caches must key on the credentials too. (The ETag
# and the 304 are the middleware's.)
conditional: Callable[[F], F] = decorate_view(vary_on_headers("Authorization", "Cookie"))


def page(rows: QuerySet[Any] | Sequence[Any], paging: Paging) -> tuple[dict[str, int], list[Any]]:
    """The paging fields (total, limit, offset) and the rows of the page asked for."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = list(rows[paging.offset : paging.offset + paging.limit])
    return {"total": total, "limit": paging.limit, "offset": paging.offset}, chosen
