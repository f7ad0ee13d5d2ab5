"""The shortcuts taken for speed give the same answers as the plain way.

Each test runs a shortcut of the extraction core and the straightforward computation it
replaced on generated input (hypothesis), including the characters that make case-folding
tricky: the long s ("ſ") and the Kelvin sign fold to ASCII letters, the Turkish "İ" and "ı"
match "i" under ``re.IGNORECASE`` but fold elsewhere.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.document import Document, Line
from watching_brief.extraction.fields.owners import _length_ratio
from watching_brief.extraction.fields.questions import ASK_VERB, asking_verbs, split_sentences
from watching_brief.extraction.minutes import CLOSED_AT, CLOSED_AT_WORDS
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.sources.text import _NOT_CONTROLS
from watching_brief.extraction.words import matches_at_words, may_contain

TRICKY = "ſ\u212aİıßK \n.,:"
ALPHABET = st.sampled_from(list("aeiklmnorst AEIKMST") + list(TRICKY))
WORDY = st.text(alphabet=ALPHABET, max_size=60)
FEW = settings(max_examples=300, deadline=None)


VARIANTS = {  # ways a word may be written that re.IGNORECASE still matches
    "plain": lambda word: word,
    "upper": str.upper,
    "title": str.title,
    "long s": lambda word: word.replace("s", "ſ"),
    "kelvin": lambda word: word.replace("k", "\u212a"),
}


@FEW
@given(
    head=WORDY,
    tail=WORDY,
    word=st.sampled_from(["meet", "session", "ask", "kit", "st"]),
    variant=st.sampled_from(sorted(VARIANTS)),
)
def test_may_contain_finds_a_word_written_in_any_case(
    head: str, tail: str, word: str, variant: str
) -> None:
    written = VARIANTS[variant](word)
    text = f"{head}{written}{tail}"
    assert re.search(re.escape(word), text, re.I)  # the expression would match
    assert may_contain(text, (word,))


@FEW
@given(text=WORDY, words=st.lists(st.sampled_from(["meet", "session", "ask", "in"]), min_size=1))
def test_may_contain_is_false_only_when_no_word_can_match(text: str, words: list[str]) -> None:
    plain = re.compile("|".join(re.escape(word) for word in words), re.I)
    assert may_contain(text, tuple(words)) or plain.search(text) is None


def test_may_contain_folds_the_long_s_and_keeps_the_turkish_i() -> None:
    assert may_contain("the ſession", ("session",))
    assert may_contain("\u212aIT", ("kit",))
    assert may_contain("a text with ı in it", ("find",))  # never skipped: ı matches i
    assert not may_contain("nothing here", ("session",))


@FEW
@given(text=st.text(alphabet=st.sampled_from(list("meting sionclsdat 0123:.MS") + list(TRICKY))))
def test_matches_at_words_finds_what_finditer_finds(text: str) -> None:
    pattern = re.compile(r"\b(?:meeting|session)\s+(?:closed|ended)\s+at\s+\d", re.I)
    plain = [match.span() for match in pattern.finditer(text)]
    assert [m.span() for m in matches_at_words(pattern, text, ("meeting", "session"))] == plain


@FEW
@given(
    head=WORDY,
    tail=WORDY,
    phrase=st.sampled_from(
        ["Meeting closed at 12.35", "SESSION ended at 3", "meeting\nclosed at 9"]
    ),
)
def test_closing_time_matches_are_unchanged(head: str, tail: str, phrase: str) -> None:
    text = f"{head} {phrase} {tail}"
    expected = [match.span() for match in CLOSED_AT.finditer(text)]
    assert expected  # the phrase is always there
    assert [m.span() for m in matches_at_words(CLOSED_AT, text, CLOSED_AT_WORDS)] == expected


@FEW
@given(
    words=st.lists(
        st.sampled_from(
            [
                "The",
                "PCC",
                "asked",
                "ASKS",
                "task",
                "queried",
                "request",
                "ſought",
                "ınquired",
                "İnquired",
                "pressed",
                "challenged",
                "sought.",
                "Chair.",
                "e.g.",
                "?",
                "(Cllr",
            ]
        ),  # fmt: skip
        max_size=25,
    )
)
def test_asking_verbs_are_those_of_the_expression(words: list[str]) -> None:
    text = " ".join(words)
    assert asking_verbs(text) == [match.start() for match in ASK_VERB.finditer(text)]
    # a verb never spans two sentences: each lies inside one sentence's offsets
    bounds = list(split_sentences(text))
    for start in asking_verbs(text):
        assert any(begin <= start < end for begin, end in bounds)


@FEW
@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
    encoding=st.sampled_from(["utf-8", "cp1252", "latin-1"]),
)
def test_control_characters_are_counted_in_the_bytes(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    allowed = {"\n", "\r", "\t", "\f"}
    decoded = data.decode(encoding)
    plain = sum(1 for char in decoded if ord(char) < 32 and char not in allowed)
    assert len(data.translate(None, _NOT_CONTROLS)) == plain


@FEW
@given(first=st.integers(0, 40), second=st.integers(0, 40))
def test_length_ratio_is_real_quick_ratio(first: int, second: int) -> None:
    import difflib

    matcher = difflib.SequenceMatcher(None, "a" * first, "b" * second)
    assert _length_ratio(first, second) == matcher.real_quick_ratio()


def test_line_keeps_its_stripped_text_and_blankness() -> None:
    line = Line(0, 0, 8, "  Item  ")
    assert (line.stripped, line.blank) == ("Item", False)
    assert Line(1, 9, 12, " \t ").blank
    assert line == Line(0, 0, 8, "  Item  ") and hash(line) == hash(Line(0, 0, 8, "  Item  "))


LINE_TEXT = st.text(alphabet=st.sampled_from(list("ab -")), min_size=0, max_size=12)


def _plain_overlaps(passage: Passage, begin: int, end: int | None) -> list[tuple]:
    """Every piece examined, as Passage.spans and .sub did before they searched from
    ``begin``: (line, begin, end) of each part of a piece under ``text[begin:end]``."""
    stop = len(passage.text) if end is None else end
    parts = []
    for offset, piece in zip(passage._offsets, passage.pieces, strict=True):
        lo, hi = max(begin, offset), min(stop, offset + piece.end - piece.begin)
        if lo < hi:
            parts.append((piece.line, piece.begin + lo - offset, piece.begin + hi - offset))
    return parts


@FEW
@given(
    texts=st.lists(LINE_TEXT, min_size=1, max_size=6),
    begin=st.integers(-3, 60),
    end=st.one_of(st.none(), st.integers(-3, 60)),
)
def test_passage_spans_and_sub_match_the_plain_walk(
    texts: list[str], begin: int, end: int | None
) -> None:
    document = Document.from_text("\n".join(texts))
    passage = Passage.of([piece_of(line) for line in document.lines])
    parts = _plain_overlaps(passage, begin, end)
    spans = [(span.start, span.end) for span in passage.spans(begin, end)]
    assert spans == [(line.start + lo, line.start + hi) for line, lo, hi in parts]
    plain = Passage.of([piece_of(line, lo, hi) for line, lo, hi in parts])
    sub = passage.sub(begin, end)
    assert sub.text == plain.text
    assert [(p.line.index, p.begin, p.end) for p in sub.pieces] == [
        (p.line.index, p.begin, p.end) for p in plain.pieces
    ]


@FEW
@given(
    texts=st.lists(st.sampled_from(["", "  ", "text", "more text"]), min_size=1, max_size=12),
    skipped=st.sets(st.integers(0, 11)),
    index=st.integers(-1, 12),
)
def test_next_and_previous_usable_match_the_plain_walk(
    texts: list[str], skipped: set[int], index: int
) -> None:
    layout = Layout.measure(Document.from_text("\n".join(texts)))
    layout.skipped = skipped
    lines = layout.document.lines
    after = next((ln for ln in lines[index + 1 :] if layout.usable(ln)), None)
    before = next((ln for ln in reversed(lines[: max(index, 0)]) if layout.usable(ln)), None)
    assert layout.next_usable(index) == after
    assert layout.previous_usable(max(index, 0)) == before
