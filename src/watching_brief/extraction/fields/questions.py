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

from watching_brief.extraction.record import Attendee

ASKING = (
    r"(?:asked|asks|ask|queried|queries|query|requested|requests|request|questioned|"
    r"questions|challenged|enquired|inquired|sought|seeks|seek|pressed)"
)
ASK_VERB = re.compile(rf"\b{ASKING}\b", re.I)
PASSIVE = re.compile(
    r"\b(?:was|were)\s+(?:then\s+|also\s+)?(?:asked|questioned|challenged)\b", re.I
)
NOT_A_QUESTION = re.compile(
    r"\b(?:asked|requested)\s+(?:officers|staff|the\s+team|teams|colleagues)\b", re.I
)
HOLDING_ROLES = re.compile(
    r"commissioner|chair|councillor|panel|member|policy|opcc|board\s+member|"
    r"chief\s+executive|scrutiny|independent",
    re.I,
)
GENERIC_ASKERS = (
    r"(?:the\s+)?(?:chair(?:man|person)?|commissioner|pcc|dpcc|members?|panel|"
    r"councillors?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?|cllr\.?\s+[A-Z][\w'’-]+)"
)
ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|Supt|Ch|Insp|Det|Sgt|Cllr|Mr|Mrs|Ms|Dr|Prof|No|vs|approx|"
    r"Ref|para|St|Co|Ltd|cf)\.$",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?][’'\")\]]?\s+(?=[A-Z‘“\"'(])")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the sentences in ``text``, keeping "e.g.", "Supt." and the like inside."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        head = text[start : match.start() + 1]
        if ABBREVIATIONS.search(head) or re.search(r"\b[A-Z]\.$", head):
            continue
        end = match.end()
        yield start, len(text[:end].rstrip())
        start = end
    if start < len(text) and text[start:].strip():
        yield start, len(text.rstrip())


def holding_askers(attendees: list[Attendee], chair: str | None) -> list[str]:
    """The ways the text may name a member of the holding body (abbreviations, names)."""
    names: list[str] = []
    for attendee in attendees:
        holding = bool(attendee.role and HOLDING_ROLES.search(attendee.role))
        if chair and attendee.name.casefold() == chair.casefold():
            holding = True
        if holding:
            if attendee.abbrev:
                names.append(attendee.abbrev)
            names.append(attendee.name)
            surname = attendee.name.split()[-1]
            names.append(f"Councillor {surname}")
    return sorted(set(names), key=len, reverse=True)


def find_asker(sentence: str, askers: list[str], chair_label: str | None) -> str | None:
    """Who asks in ``sentence``, or None when it is not a holding-body question."""
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


def _subject_before(text: str, askers: list[str]) -> str | None:
    """The last holding-body name before the verb (not a possessive such as "PCC's")."""
    pattern_parts = [re.escape(name) for name in askers] + [GENERIC_ASKERS]
    pattern = re.compile(r"\b(?:" + "|".join(pattern_parts) + r")\b(?!['’]s)", re.I)
    found = None
    for match in pattern.finditer(text):
        found = match.group(0)
    return _label(found, askers) if found else None


def _names_asker(text: str, askers: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", text) for name in askers)


def _label(found: str, askers: list[str]) -> str:
    stripped = re.sub(r"^the\s+", "", found.strip(), flags=re.I)
    for name in askers:
        if name.casefold() == stripped.casefold():
            return name
    return stripped[:1].upper() + stripped[1:] if stripped.islower() else stripped
