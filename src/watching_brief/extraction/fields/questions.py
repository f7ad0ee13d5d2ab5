"""Questions put by the holding body, and sentence splitting.

A question is a sentence in which a member of the holding body (the PCC, the Chair, a
councillor, OPCC staff) asks, queries, requests, questions or seeks reassurance. Passive
forms ("The CC was asked to ...") count, with the chair as the asker. Who belongs to the
holding body is read from the attendance (capacities such as Commissioner, Chair,
Councillor, Policy) and from the chair's name, not from a list of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from watching_brief.extraction.record import Attendee
from watching_brief.extraction.words import matches_at_words, may_contain

ASKING = (
    r"(?:asked|asks|ask|queried|queries|query|requested|requests|request|questioned|"
    r"questions|challenged|enquired|inquired|sought|seeks|seek|pressed)"
)
# Each look-ahead "(?=...)" below holds the first letters of the words after it: it spares
# the rest of the expression at every other position of a sentence.
ASK_VERB = re.compile(rf"(?=[aceipqrs])\b{ASKING}\b", re.I)
PASSIVE = re.compile(
    r"(?=w)\b(?:was|were)\s+(?:then\s+|also\s+)?(?:asked|questioned|challenged)\b", re.I
)
NOT_A_QUESTION = re.compile(
    r"(?=[ar])\b(?:asked|requested)\s+(?:officers|staff|the\s+team|teams|colleagues)\b", re.I
)
HOLDING_ROLES = re.compile(
    r"commissioner|chair|councillor|panel|member|policy|opcc|chief\s+executive|scrutiny|"
    r"independent",
    re.I,
)
COMMITTEE_ROLES = re.compile(r"chair|councillor|member|panel|co-opted", re.I)
GENERIC_OVERSIGHT = r"(?:the\s+)?(?:vice[\s-]chair|chair(?:man|person)?|members?|panel)"
GENERIC_COMMISSIONER = r"(?:the\s+)?(?:commissioner|pcc|dpcc)"
TITLES = ("Councillor", "Cllr", "Mr", "Mrs", "Ms", "Miss", "Dr")
GENERIC_COMMITTEE = re.compile(rf"\b{GENERIC_OVERSIGHT}\b(?!['’]s)", re.I)
GENERIC_ASSURANCE = re.compile(
    rf"\b(?:{GENERIC_OVERSIGHT}|{GENERIC_COMMISSIONER})\b(?!['’]s)", re.I
)
ASK_STEMS = ("ask", "quer", "request", "question", "challeng", "enquir", "inquir", "sought",
             "seek", "press")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Askers:
    """The ways the text may name a member of the holding body.

    Names are looked up with plain string search (no pattern is compiled per document);
    the generic words ("the Chair", "Members") come from one fixed pattern.
    """

    names: tuple[str, ...]
    generic: re.Pattern[str]
    folded: tuple[str, ...] = ()

    def last_before(self, text: str) -> str | None:
        """The last mention of the holding body in ``text`` (not a possessive)."""
        lowered = text.casefold()
        best: tuple[int, int, str] | None = None
        for name, key in zip(self.names, self.folded, strict=True):
            position = _last_word(lowered, key)
            if position >= 0 and (best is None or (position, len(key)) > best[:2]):
                best = (position, len(key), name)
        for match in self.generic.finditer(text):
            if best is None or match.start() > best[0]:
                best = (match.start(), len(match.group(0)), self.label(match.group(0)))
        return best[2] if best else None

    def label(self, found: str) -> str:
        """The asker as written, without a leading "the"."""
        stripped = re.sub(r"^the\s+", "", found.strip(), flags=re.I)
        for name in self.names:
            if name.casefold() == stripped.casefold():
                return name
        return stripped[:1].upper() + stripped[1:] if stripped.islower() else stripped


def _last_word(text: str, key: str) -> int:
    """Offset of the last whole-word occurrence of ``key`` not followed by "'s"."""
    end = len(text)
    while True:
        position = text.rfind(key, 0, end)
        if position < 0:
            return -1
        after = text[position + len(key) : position + len(key) + 2]
        before_ok = position == 0 or not text[position - 1].isalnum()
        after_ok = not after[:1].isalnum() and after not in {"'s", "’s"}
        if before_ok and after_ok:
            return position
        end = position + len(key) - 1


def holding_askers(attendees: list[Attendee], chair: str | None) -> Askers:
    """Who counts as the holding body, read from the attendance.

    At a panel or committee (councillors, members) the members and the chair hold the
    Commissioner to account; at an assurance meeting the Commissioner, the deputy and
    OPCC staff hold the force to account.
    """
    committee = any(a.role and COMMITTEE_ROLES.search(a.role) for a in attendees) and not any(
        a.abbrev in {"CC", "DCC", "ACC"} for a in attendees
    )
    roles = COMMITTEE_ROLES if committee else HOLDING_ROLES
    names: set[str] = set()
    for attendee in attendees:
        holding = bool(attendee.role and roles.search(attendee.role))
        if chair and attendee.name.casefold() == chair.casefold():
            holding = True
        if not holding:
            continue
        names.add(attendee.name)
        if attendee.abbrev:
            names.add(attendee.abbrev)
        if attendee.role:
            names.add(attendee.role.split(",")[0].strip())
        surname = attendee.name.split()[-1]
        names.update(f"{title} {surname}" for title in TITLES)
    ordered = tuple(sorted(names, key=len, reverse=True))
    generic = GENERIC_COMMITTEE if committee else GENERIC_ASSURANCE
    return Askers(ordered, generic, tuple(name.casefold() for name in ordered))


ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|Supt|Ch|Insp|Det|Sgt|Cllr|Mr|Mrs|Ms|Dr|Prof|No|vs|approx|"
    r"Ref|para|St|Co|Ltd|cf)\.$",
    re.I,
)
INITIAL = re.compile(r"\b[A-Z]\.$")
SENTENCE_END = re.compile(r"[.!?][’'\")\]]?\s+(?=[A-Z‘“\"'(])")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences in ``text``, keeping "e.g.", "Supt." and the like inside."""
    yield from _sentences(text)


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence offsets of ``text``, worked out once: a paragraph is split for its
    questions, its assurance rating and its motions."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        stop = match.start()
        head = text[max(start, stop - 12) : stop + 1]
        # both expressions end at a full stop: a "?" or "!" needs neither
        if text[stop] == "." and (ABBREVIATIONS.search(head) or INITIAL.search(head)):
            continue
        end = match.end()
        # the sentence ends at its stop mark (text[stop]), not white space: strip from there
        found.append((start, stop + len(text[stop:end].rstrip())))
        start = end
    if start < len(text) and text[start:].strip():
        found.append((start, len(text.rstrip())))
    return tuple(found)


def may_ask(text: str) -> bool:
    """False when no sentence of ``text`` can be a question (no asking word at all)."""
    return may_contain(text, ASK_STEMS)


def asking_verbs(text: str) -> list[int]:
    """Where the asking verbs of ``text`` start (each starts with one of the stems)."""
    return [match.start() for match in matches_at_words(ASK_VERB, text, ASK_STEMS)]


def find_asker(sentence: str, askers: Askers, chair_label: str | None) -> str | None:
    """Who asks in ``sentence``, or None when it is not a holding-body question."""
    if not may_ask(sentence):
        return None
    verb = ASK_VERB.search(sentence)
    if verb is None or NOT_A_QUESTION.search(sentence):
        return None
    if verb.group(0).lower().startswith("sought") and not re.search(
        r"\bsought\s+(?:re)?assurance|\bsought\s+(?:clarification|confirmation|an?\s+update|"
        r"views|details)",
        sentence,
        re.I,
    ):
        return None
    if verb.group(0).lower() in {"questions", "request", "query", "requests", "queries"}:
        before = sentence[: verb.start()]
        if not re.search(r"\b(?:to|and|or|did|would)\s*$", before):
            return None
    passive = PASSIVE.search(sentence)
    if passive is not None and passive.end() >= verb.end():
        subject = sentence[: passive.start()]
        if not _names_asker(subject, askers):
            return chair_label
    return _subject_before(sentence[: verb.start()], askers)


def _subject_before(text: str, askers: Askers) -> str | None:
    """The last holding-body name before the verb (not a possessive such as "PCC's")."""
    return askers.last_before(text)


def _names_asker(text: str, askers: Askers) -> bool:
    return askers.last_before(text) is not None
