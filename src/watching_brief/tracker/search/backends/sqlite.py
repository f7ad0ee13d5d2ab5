"""SQLite FTS5: the ``search_fts`` table (migrations/0002), bm25 ranking, ``snippet()``.

User input never reaches FTS5 as syntax: it is read as words, "quoted phrases", ``OR``
between terms, ``-word`` to exclude and ``word*`` for a prefix, and rebuilt with every
term quoted, so no input can cause an FTS5 syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from watching_brief.tracker.search.backends.base import (
    MARK_END,
    MARK_START,
    RANKED,
    SearchBackend,
    best_snippet,
)
from watching_brief.tracker.search.models import SearchEntry

FTS_TABLE = "search_fts"
TITLE_WEIGHT, TEXT_WEIGHT, TOPIC_WEIGHT = 2.0, 1.0, 0.5
WEIGHTS = f"{TITLE_WEIGHT}, {TEXT_WEIGHT}, {TOPIC_WEIGHT}"  # bm25's, column by column
MARKS = (MARK_START, MARK_END)
SNIPPET_TOKENS = 24
# The newest first: each match's date looked up by its primary key (no scan of the entries).
ENTRIES = SearchEntry._meta.db_table
NEWEST = f"(SELECT date FROM {ENTRIES} WHERE id = {FTS_TABLE}.rowid) DESC, rowid DESC"  # noqa: S608 - our table names, no input
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w")


@dataclass(slots=True)
class Term:
    text: str
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return f"{quoted} *" if self.prefix else quoted


def _read(query: str) -> list[tuple[str, Term | None]]:
    """(sign, term) pairs; sign is "-" (exclude), "OR", or "" (require)."""
    parts: list[tuple[str, Term | None]] = []
    for match in TOKEN.finditer(query):
        minus, phrase, word = match.groups()
        if word == "OR":
            parts.append(("OR", None))
            continue
        if phrase is None:
            minus, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        prefix = phrase.endswith("*") and match.group(2) is None
        text = " ".join(phrase.replace("*", " ").split())
        if WORD.search(text):  # punctuation or emoji alone match nothing: drop them
            parts.append((minus, Term(text, prefix)))
    return parts


def to_fts_query(query: str) -> str:
    """A safe FTS5 query for the user's ``query``; "" when nothing in it can match."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    for sign, term in _read(query):
        if sign == "OR":
            joining = bool(groups)
        elif term is not None and sign == "-":
            excluded.append(term)
        elif term is not None:
            if joining:
                groups[-1].append(term)
            else:
                groups.append([term])
            joining = False
    if not groups:
        return ""
    required = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in groups)
    return required + "".join(f" NOT {term.fts()}" for term in excluded)


class SqliteSearchBackend(SearchBackend):
    vendor = "sqlite"

    def match(
        self, query: str, entries: QuerySet[SearchEntry], *, newest: bool = False
    ) -> tuple[int, list[tuple[int, float]]]:
        match = to_fts_query(query)
        if not match:
            return 0, []
        # The entries' conditions are checked for each hit (a correlated EXISTS on the
        # hit's rowid), after FTS5 has run the MATCH once. "rowid IN (entries)" would
        # list every entry of the archive first, or worse, be handed to FTS5 as one rowid
        # lookup per entry, each running the whole MATCH again (seconds).
        hit = RawSQL(f"{FTS_TABLE}.rowid", ())  # noqa: S611 - our table name, no input
        mine = entries.filter(pk=hit).values("pk")
        subquery, params = mine.query.sql_with_params()
        where = f"{FTS_TABLE} MATCH %s AND EXISTS ({subquery})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {where} LIMIT %s)",  # noqa: S608 - table and subquery are ours; values are parameters
                [match, *params, RANKED + 1],
            )
            counted = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {WEIGHTS}) AS rank"  # noqa: S608 - as above
                f" FROM {FTS_TABLE} WHERE {where} ORDER BY {NEWEST if newest else 'rank, rowid'}"
                " LIMIT %s",
                [match, *params, RANKED],
            )
            rows = cursor.fetchall()
        return counted, [(pk, -rank) for pk, rank in rows]

    def snippets(self, query: str, ids: list[int]) -> dict[int, str]:
        match = to_fts_query(query)
        marks = ", ".join("%s" for _ in ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, 1, %s, %s, '…', {SNIPPET_TOKENS}),"  # noqa: S608 - as above
                f" highlight({FTS_TABLE}, 0, %s, %s)"
                f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})",
                [*MARKS, *MARKS, match, *ids],
            )
            return {pk: best_snippet(text, title) for pk, text, title in cursor.fetchall()}
