"""A cheap word test that lets text skip a case-insensitive expression that cannot match.

An expression compiled with ``re.IGNORECASE`` that needs one of some literal words can
only match text holding one of them in some case. Testing for the words in the case-folded
text is much cheaper than running the expression position by position over a line or a
document, and it is exact: under ``re.IGNORECASE`` every character that matches an ASCII
letter folds to that letter, except the Turkish dotted and dotless i ("İ", "ı"), which
match "i" but fold elsewhere; text holding either is never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_UNFOLDED_I = ("\u0130", "\u0131")


@lru_cache(maxsize=256)
def folded(text: str) -> str:
    """``text.casefold()``, kept: a paragraph is tested for several sets of words."""
    return text.casefold()


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when ``text`` holds none of ``words`` (lower case ASCII) in any case."""
    lowered = folded(text)
    for word in words:
        if word in lowered:
            return True
    return _UNFOLDED_I[0] in text or _UNFOLDED_I[1] in text


def matches_at_words(
    pattern: re.Pattern[str], text: str, words: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a case-insensitive pattern every match of which
    starts with one of ``words``: the pattern is tried only where a word starts.

    The words are found in the case-folded text. When folding changes the text's length
    (or the text holds "İ" or "ı") offsets would not line up, and every position is tried.
    """
    lowered = folded(text)
    if len(lowered) != len(text) or _UNFOLDED_I[0] in text or _UNFOLDED_I[1] in text:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for word in words:
        position = lowered.find(word)
        while position >= 0:
            starts.add(position)
            position = lowered.find(word, position + 1)
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()
