"""Search backends: ``base`` (the interface), ``sqlite`` (FTS5), ``postgres`` (tsvector)."""

from watching_brief.tracker.search.backends.base import (
    SearchBackend,
    SearchHit,
    SearchPage,
    get_backend,
)

__all__ = ["SearchBackend", "SearchHit", "SearchPage", "get_backend"]
