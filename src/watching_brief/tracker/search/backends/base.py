"""The search interface shared by every backend, and what the backends share.

A backend indexes a meeting's passages and answers a query with a ``SearchPage``. The
filters and, above all, who may see what are applied here, from ``tracker.access``, so no
backend can return a restricted item or action, or anything of an unpublished meeting,
to someone not entitled to it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from watching_brief.tracker.access import (
    is_officer,
    visible_actions,
    visible_items,
    visible_meetings,
)
from watching_brief.tracker.meetings.models import Body, Decision, Meeting, Question, Series
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.search.documents import clean, entries_for_meeting
from watching_brief.tracker.search.models import SearchEntry, SearchWord
from watching_brief.tracker.search.spelling import store_words

MARK_START, MARK_END = "\x02", "\x03"
MAX_QUERY_LENGTH = 500
DEFAULT_LIMIT = 20
# At most this many matches are counted, checked and ranked; beyond it the total reads
# "more than RANKED" and only RANKED candidates (each backend says which) are ranked.
RANKED = 1000
# The orders of the hits: best match first (the default), or newest meeting first.
RELEVANCE, NEWEST = "relevance", "date"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One passage found: what it is, where it is, and a snippet with the words marked."""

    kind: str
    object_id: int
    meeting_id: int
    meeting_date: dt.date
    title: str
    snippet: str  # HTML: escaped text, matched words in <mark>
    url: str
    rank: float = 0.0


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits; ``capped`` when more than ``total`` passages matched."""

    total: int
    hits: list[SearchHit] = field(default_factory=list)
    capped: bool = False


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What narrows a search besides its words (every filter optional)."""

    kinds: Sequence[str] | None = None
    body: str | None = None
    series: str | None = None
    topic: str | None = None
    owner: str | None = None
    status: str | Sequence[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class SearchBackend(ABC):
    """Index meetings; search them for a user, who sees only what ``tracker.access`` allows."""

    vendor = ""

    def index_meeting(self, meeting: Meeting) -> None:
        """Replace the entries of ``meeting`` by its current passages."""
        with transaction.atomic():
            SearchEntry.objects.filter(meeting_id=meeting.pk).delete()
            entries = SearchEntry.objects.bulk_create(entries_for_meeting(meeting))
            self.after_index(meeting, entries)
            store_words(entries)

    def after_index(self, meeting: Meeting, entries: list[SearchEntry]) -> None:  # noqa: B027 - an optional hook
        """Backend-specific work once a meeting's entries are stored."""

    def remove_meeting(self, meeting: Meeting | int) -> None:
        meeting_id = meeting if isinstance(meeting, int) else meeting.pk
        SearchEntry.objects.filter(meeting_id=meeting_id).delete()

    def clear(self) -> None:
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()

    def search(
        self,
        query: str,
        *,
        user: Any,
        kinds: Sequence[str] | None = None,
        body: str | None = None,
        series: str | None = None,
        topic: str | None = None,
        owner: str | None = None,
        status: str | Sequence[str] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        sort: str = RELEVANCE,
    ) -> SearchPage:
        """The passages matching ``query`` that ``user`` may see, best first (or, with
        ``sort="date"``, those of the newest meetings first).

        The words pick at most ``RANKED`` candidates among the entries the stored flags
        allow (published, not restricted, nor under a restricted item); the hits are
        then checked against ``tracker.access`` before anything is shown, so an entry the
        index has not caught up with is dropped, never shown.
        """
        filters = SearchFilters(kinds, body, series, topic, owner, status, date_from, date_to)
        text = clean_query(query)
        if not text:
            return SearchPage(0)
        officer = is_officer(user)
        entries = SearchEntry.objects.all()
        if not officer:
            entries = entries.filter(published=True, restricted=False)
        counted, ranked = self.match(text, apply_filters(entries, filters), newest=sort == NEWEST)
        capped = counted > RANKED
        limit, offset = max(0, min(limit, 100)), max(0, offset)
        if not officer:
            # The page's hits are checked first; only when one is refused (the index lags
            # behind a change) is every candidate checked, so the total and the pages
            # stay exact. Otherwise the total is the flags' count: an upper bound for as
            # long as the index lags, by entries no page has shown.
            shown = [pk for pk, _ in ranked[offset : offset + limit]]
            if len(screen(user, shown)) < len(shown):
                allowed = screen(user, [pk for pk, _ in ranked])
                ranked = [(pk, rank) for pk, rank in ranked if pk in allowed]
        chosen = ranked[offset : offset + limit]
        snippets = self.snippets(text, [pk for pk, _ in chosen]) if chosen else {}
        found = entries_by_id(pk for pk, _ in chosen)
        hits = [
            hit_from(found[pk], snippets.get(pk, found[pk].title), rank)
            for pk, rank in chosen
            if pk in found
        ]
        return SearchPage(RANKED if capped else len(ranked), hits, capped=capped)

    @abstractmethod
    def match(
        self, query: str, entries: QuerySet[SearchEntry], *, newest: bool = False
    ) -> tuple[int, list[tuple[int, float]]]:
        """How many of ``entries`` match ``query``, counted up to ``RANKED + 1``, and the
        best ``RANKED`` of them as (entry id, rank), best first; with ``newest``, the
        ``RANKED`` newest (meeting date, then the latest indexed) first."""

    @abstractmethod
    def snippets(self, query: str, ids: list[int]) -> dict[int, str]:
        """The marked snippet of each entry in ``ids`` (a page of hits)."""


def screen(user: Any, ids: list[int]) -> set[int]:
    """Those of ``ids`` whose object ``user`` may see, read through ``tracker.access`` now.

    Candidates come from the flags stored on each entry; this check, on the candidates
    only (at most ``RANKED``), is what decides. A count above ``RANKED`` is not checked
    entry by entry: it is only ever shown as "more than ...". One query per kind of
    object, each on primary keys, rather than a check per entry."""
    entries = list(
        SearchEntry.objects.filter(pk__in=ids).values_list("pk", "kind", "object_id", "meeting_id")
    )
    Kind = SearchEntry.Kind
    wanted: dict[str, set[int]] = {kind: set() for kind in Kind.values}
    for _, kind, object_id, _ in entries:
        wanted[kind].add(object_id)
    statements: dict[tuple[str, int], tuple[int, int | None]] = {
        (str(kind), pk): (meeting_id, item_id)
        for kind, model in ((Kind.QUESTION, Question), (Kind.DECISION, Decision))
        for pk, meeting_id, item_id in model.objects.filter(pk__in=wanted[kind]).values_list(
            "pk", "meeting_id", "item_id"
        )
    }
    meeting_ids = {meeting_id for *_, meeting_id in entries}
    meeting_ids |= {meeting_id for meeting_id, _ in statements.values()}
    item_ids = wanted[Kind.ITEM] | {item_id for _, item_id in statements.values() if item_id}
    meetings = set(visible_meetings(user).filter(pk__in=meeting_ids).values_list("pk", flat=True))
    items = set(visible_items(user).filter(pk__in=item_ids).values_list("pk", flat=True))
    actions = set(
        visible_actions(user).filter(pk__in=wanted[Kind.ACTION]).values_list("pk", flat=True)
    )

    def allowed(kind: str, object_id: int, meeting_id: int) -> bool:
        if kind == Kind.MEETING:
            return meeting_id in meetings
        if kind == Kind.ITEM:
            return object_id in items
        if kind == Kind.ACTION:
            return object_id in actions
        found = statements.get((kind, object_id))
        return (
            found is not None and found[0] in meetings and (found[1] is None or found[1] in items)
        )

    return {
        pk for pk, kind, object_id, meeting_id in entries if allowed(kind, object_id, meeting_id)
    }


def clean_query(query: str) -> str:
    """The user's words without control characters, trimmed to a sane length."""
    return " ".join(clean(query or "")[:MAX_QUERY_LENGTH].split())


def visible_entries(user: Any) -> QuerySet[SearchEntry]:
    """Entries whose object ``user`` may see, read through ``tracker.access`` at query time."""
    entries = SearchEntry.objects.all()
    if is_officer(user):
        return entries
    per_entry = connection.vendor == "sqlite"
    allowed = _allowed_per_entry(user) if per_entry else _allowed_by_lists(user)
    # The stored flags as well: a stale entry is hidden rather than shown.
    return entries.filter(allowed, published=True, restricted=False)


def _allowed_by_lists(user: Any) -> Q:
    """Each kind's entries whose object is among the visible ones (``IN`` subqueries).

    PostgreSQL hashes each list once per query; measured on 5,000 meetings it did no
    better with the per-entry form below once its statistics were current."""
    meetings = visible_meetings(user).values("pk")
    items = visible_items(user).values("pk")
    statements = Q(meeting_id__in=meetings) & (Q(item__isnull=True) | Q(item_id__in=items))
    Kind = SearchEntry.Kind
    return (
        Q(kind=Kind.MEETING, meeting_id__in=meetings)
        | Q(kind=Kind.ITEM, object_id__in=items)
        | Q(kind=Kind.ACTION, object_id__in=visible_actions(user).values("pk"))
        | Q(kind=Kind.QUESTION, object_id__in=Question.objects.filter(statements).values("pk"))
        | Q(kind=Kind.DECISION, object_id__in=Decision.objects.filter(statements).values("pk"))
    )


def _allowed_per_entry(user: Any) -> Q:
    """The same rules as a correlated ``EXISTS`` on each entry's object, so SQLite looks
    up only the entries a search matched instead of listing every visible object of the
    archive on each query (SQLite builds each ``IN`` list in full)."""

    def seen(rows: QuerySet[Any], column: str) -> Q:
        return Q(Exists(rows.filter(pk=OuterRef(column))))

    def statement(model: Any) -> Q:
        rows = model.objects.filter(
            seen(visible_meetings(user), "meeting_id")
            & (Q(item__isnull=True) | seen(visible_items(user), "item_id"))
        )
        return seen(rows, "object_id")

    Kind = SearchEntry.Kind
    return (
        (Q(kind=Kind.MEETING) & seen(visible_meetings(user), "meeting_id"))
        | (Q(kind=Kind.ITEM) & seen(visible_items(user), "object_id"))
        | (Q(kind=Kind.ACTION) & seen(visible_actions(user), "object_id"))
        | (Q(kind=Kind.QUESTION) & statement(Question))
        | (Q(kind=Kind.DECISION) & statement(Decision))
    )


def apply_filters(entries: QuerySet[SearchEntry], filters: SearchFilters) -> QuerySet[SearchEntry]:
    """Narrow ``entries`` by kind, body, series, topic words, owner, status and date."""
    if filters.kinds:
        entries = entries.filter(kind__in=list(filters.kinds))
    if filters.body:
        entries = entries.filter(_named("body", filters.body))
    if filters.series:
        entries = entries.filter(_named("series", filters.series))
    for word in re.findall(r"\w+", filters.topic or ""):
        entries = entries.filter(topic__icontains=word)
    if filters.owner:
        owner = filters.owner.strip()
        # the posts first (a handful of ids), so the entries need no join per match
        posts = Post.objects.filter(Q(abbrev__iexact=owner) | Q(title__iexact=owner))
        entries = entries.filter(
            Q(owner_post_id__in=list(posts.values_list("pk", flat=True)))
            | Q(owner_text__iexact=owner)
        )
    if filters.status:
        statuses = [filters.status] if isinstance(filters.status, str) else filters.status
        entries = entries.filter(status__in=list(statuses))
    if filters.date_from:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(date__lte=filters.date_to)
    return entries


def _named(relation: str, value: str) -> Q:
    """A body or series by slug, name or id (looked up first: no join per match)."""
    match = Q(slug=value) | Q(name__iexact=value)
    if value.isdigit():
        match |= Q(pk=int(value))
    found = Body.objects.filter(match) if relation == "body" else Series.objects.filter(match)
    return Q(**{f"{relation}_id__in": list(found.values_list("pk", flat=True))})


def marked_html(text: str) -> str:
    """Backend output with MARK_START/MARK_END around matches, as safe HTML with <mark>."""
    escaped = html.escape(text or "", quote=True)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def best_snippet(text: str | None, title: str | None) -> str:
    """The text's snippet, or the title's when the words matched only in the title."""
    if text and MARK_START in text:
        return text
    return title if title and MARK_START in title else text or title or ""


def hit_from(entry: SearchEntry, snippet: str, rank: float = 0.0) -> SearchHit:
    return SearchHit(
        kind=entry.kind,
        object_id=entry.object_id,
        meeting_id=entry.meeting_id,
        meeting_date=entry.date,
        title=entry.title,
        snippet=marked_html(snippet),
        url=entry.url,
        rank=float(rank),
    )


def entries_by_id(ids: Iterable[int]) -> dict[int, SearchEntry]:
    return SearchEntry.objects.in_bulk(list(ids))


def get_backend() -> SearchBackend:
    """The backend for the default database: PostgreSQL's own search, else SQLite FTS5."""
    if connection.vendor == "postgresql":
        from watching_brief.tracker.search.backends.postgres import PostgresSearchBackend

        return PostgresSearchBackend()
    if connection.vendor == "sqlite":
        from watching_brief.tracker.search.backends.sqlite import SqliteSearchBackend

        return SqliteSearchBackend()
    raise NotImplementedError(f"no search backend for {connection.vendor}")
