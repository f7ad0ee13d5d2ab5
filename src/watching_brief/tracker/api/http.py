"""What every read shares: ETags with conditional requests, and limit/offset paging."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.views.decorators.http import conditional_page
from django.views.decorators.vary import vary_on_headers
from ninja.decorators import decorate_view

from watching_brief.tracker.api.schemas import Paging

F = TypeVar("F", bound=Callable[..., Any])

# An ETag from the hash of the body, 304 for a matching If-None-Match; the body depends on
# who asks, so caches must key on the credentials too.
conditional: Callable[[F], F] = decorate_view(
    conditional_page, vary_on_headers("Authorization", "Cookie")
)


def page(rows: QuerySet[Any] | Sequence[Any], paging: Paging) -> tuple[dict[str, int], list[Any]]:
    """The paging fields (total, limit, offset) and the rows of the page asked for."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    chosen = list(rows[paging.offset : paging.offset + paging.limit])
    return {"total": total, "limit": paging.limit, "offset": paging.offset}, chosen
