"""PostgreSQL full-text search: a weighted tsvector per entry (GIN-indexed),
``websearch_to_tsquery('english', ...)`` for the user's words, ``ts_rank`` and
``ts_headline``.

``websearch_to_tsquery`` reads any input (quotes, ``or``, ``-word``) without a syntax
error, so the user's words are passed to it as they are.
"""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable

from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.search.backends.base import (
    MARK_END,
    MARK_START,
    SearchBackend,
    SearchPage,
    best_snippet,
    hit_from,
)
from watching_brief.tracker.search.models import SearchEntry

CONFIG = "english"


def headline(field: str, query: SearchQuery) -> SearchHeadline:
    """``ts_headline`` of ``field`` with the matched words between the snippet markers."""
    return SearchHeadline(
        field,
        query,
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def entry_vector() -> Combinable:
    """The title weighted above the text."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "text", weight="B", config=CONFIG
    )


class PostgresSearchBackend(SearchBackend):
    vendor = "postgresql"

    def after_index(self, meeting: Meeting, entries: list[SearchEntry]) -> None:
        SearchEntry.objects.filter(meeting_id=meeting.pk).update(search_vector=entry_vector())

    def run(
        self, query: str, entries: QuerySet[SearchEntry], limit: int, offset: int
    ) -> SearchPage:
        tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
        matched = entries.filter(search_vector=tsquery)
        total = matched.count()
        ranked = matched.annotate(
            rank=SearchRank(F("search_vector"), tsquery),
            text_headline=headline("text", tsquery),
            title_headline=headline("title", tsquery),
        ).order_by("-rank", "-date", "pk")[offset : offset + limit]
        hits = [
            hit_from(entry, best_snippet(entry.text_headline, entry.title_headline), entry.rank)
            for entry in ranked
        ]
        return SearchPage(total, hits)
