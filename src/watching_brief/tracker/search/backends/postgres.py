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
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable

from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.search.backends.base import (
    MARK_END,
    MARK_START,
    RANKED,
    SearchBackend,
    best_snippet,
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
    """The title weighted above the text, and the text above the item's titles and topics."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("text", weight="B", config=CONFIG)
        + SearchVector("topic", weight="C", config=CONFIG)
    )


RECENT = 10_000


def newest_matches(
    query: str, entries: QuerySet[SearchEntry], matched: QuerySet[SearchEntry]
) -> list[int]:
    """The newest RANKED matches: first among the newest RECENT entries, read through the
    date index and checked one by one (the planner underestimates a phrase's matches by
    far and would otherwise sort them all), else among every match."""
    order = ("-date", "-pk")
    recent, params = (
        entries.order_by(*order)
        .values("pk", "date", "search_vector")[:RECENT]
        .query.sql_with_params()
    )
    sql = (
        f"SELECT recent.pk FROM ({recent}) AS recent"  # noqa: S608 - our own query; values are parameters
        " WHERE recent.search_vector @@ websearch_to_tsquery(%s::regconfig, %s)"
        " ORDER BY recent.date DESC, recent.pk DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, CONFIG, query, RANKED])
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) < RANKED:
        ids = list(matched.order_by(*order).values_list("pk", flat=True)[:RANKED])
    return ids


class PostgresSearchBackend(SearchBackend):
    vendor = "postgresql"

    def after_index(self, meeting: Meeting, entries: list[SearchEntry]) -> None:
        SearchEntry.objects.filter(meeting_id=meeting.pk).update(search_vector=entry_vector())

    def match(
        self, query: str, entries: QuerySet[SearchEntry], *, newest: bool = False
    ) -> tuple[int, list[tuple[int, float]]]:
        tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
        matched = entries.filter(search_vector=tsquery)
        # unordered, so the count stops at RANKED + 1 rows instead of sorting every match
        counted = matched.order_by().values("pk")[: RANKED + 1].count()
        candidates = matched
        if counted > RANKED:
            # A common word: rank only its newest RANKED matches. The planner walks the
            # date index (search_entry_newest) when it expects many matches, else sorts
            # them by date; ranking every match would read each one (~0.2 s per 50,000).
            candidates = SearchEntry.objects.filter(pk__in=newest_matches(query, entries, matched))
        rows = (
            candidates.annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by(*(("-date", "-pk") if newest else ("-rank", "-date", "pk")))
            .values_list("pk", "rank")[:RANKED]
        )
        return counted, [(pk, float(rank)) for pk, rank in rows]

    def snippets(self, query: str, ids: list[int]) -> dict[int, str]:
        tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
        rows = (
            SearchEntry.objects.filter(pk__in=ids)
            .annotate(
                text_headline=headline("text", tsquery), title_headline=headline("title", tsquery)
            )
            .values_list("pk", "text_headline", "title_headline")
        )
        return {pk: best_snippet(text, title) for pk, text, title in rows}
