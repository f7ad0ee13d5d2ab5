"""Spelling suggestions from the index's own words ("mental helth" → "mental health").

The words of every indexed passage are kept in ``SearchWord`` (folded to lower case; the
FTS5 vocabulary would give only porter stems such as "polic"). A word of the query that
the index has never held is replaced by the nearest word it does hold: the fewest edits
(a letter added, dropped, changed or two swapped), among words of about the same length
and the same first letter, looked up through the ``(length, word)`` index.

A suggestion is only offered when the corrected search finds passages the reader may see
(the search reads ``tracker.access``), so a word met only in restricted or unpublished
text is never suggested.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db.models import Q

from watching_brief.tracker.search.models import SearchEntry, SearchWord

# Words worth correcting or suggesting: letters only, 3 to 40 of them.
WORD = re.compile(r"[^\W\d_]{3,40}")
# A word of the query to check: not one excluded ("-word") nor a prefix ("word*").
QUERY_WORD = re.compile(r"(?<![\w*-])([^\W\d_]{3,40})(?![\w*])")
LENGTH_SPREAD = 2
BATCH = 500


def words_of(entries: Iterable[SearchEntry]) -> set[str]:
    """The distinct words (lower case) of the passages' titles, texts and topics."""
    found: set[str] = set()
    for entry in entries:
        for part in (entry.title, entry.text, entry.topic):
            found.update(word.casefold() for word in WORD.findall(part or ""))
    return {word for word in found if len(word) <= 40}


def store_words(entries: Iterable[SearchEntry]) -> None:
    """Add the passages' words the index has not held before."""
    words = sorted(words_of(entries))
    for start in range(0, len(words), BATCH):
        batch = words[start : start + BATCH]
        known = set(SearchWord.objects.filter(word__in=batch).values_list("word", flat=True))
        SearchWord.objects.bulk_create(
            [SearchWord(word=word, length=len(word)) for word in batch if word not in known],
            ignore_conflicts=True,
        )


def edits(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (insertions, deletions,
    substitutions and swaps of two neighbours), or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other))
            if before is not None and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def allowed_edits(word: str) -> int:
    """One edit in a short word, two in a longer one."""
    return 1 if len(word) <= 5 else 2


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate fewest edits away (within ``allowed_edits``), the first in
    alphabetical order among equals."""
    limit = allowed_edits(word)
    scored = sorted((edits(word, other, limit), other) for other in candidates if other != word)
    return scored[0][1] if scored and scored[0][0] <= limit else None


def candidates(word: str) -> list[str]:
    """Indexed words of about the length of ``word`` that start with its first letter."""
    first = word[0]
    lengths = range(max(3, len(word) - LENGTH_SPREAD), len(word) + LENGTH_SPREAD + 1)
    near = Q(pk__in=[])
    for length in lengths:  # one index range per length
        near |= Q(length=length, word__gte=first, word__lt=chr(ord(first) + 1))
    return list(SearchWord.objects.filter(near).values_list("word", flat=True))


def corrected(query: str) -> str | None:
    """``query`` with each word the index has never held replaced by its nearest indexed
    word; None when every word is known, or an unknown one has no near word."""
    words = {match.casefold() for match in QUERY_WORD.findall(query) if match != "OR"}
    if not words:
        return None
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    unknown = words - known
    if not unknown:
        return None
    replacements: dict[str, str] = {}
    for word in unknown:
        found = nearest(word, candidates(word))
        if found is None:
            return None
        replacements[word] = found
    return QUERY_WORD.sub(
        lambda match: replacements.get(match.group(1).casefold(), match.group(1)), query
    )


def suggest(query: str, finds_any: Callable[[str], bool]) -> str | None:
    """The corrected query, when there is one and ``finds_any`` (a search as the reader)
    says it finds something the reader may see."""
    suggestion = corrected(query)
    if suggestion is None or suggestion.casefold() == query.casefold():
        return None
    return suggestion if finds_any(suggestion) else None
