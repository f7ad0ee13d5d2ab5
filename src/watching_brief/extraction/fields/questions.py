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
    r"commissioner|chair|councillor|panel|member|policy|opcc|chief\s+executive|scrutiny|"
    r"independent",
    re.I,
)
COMMITTEE_ROLES = re.compile(r"chair|councillor|member|panel|co-opted", re.I)
GENERIC_OVERSIGHT = r"(?:the\s+)?(?:vice[\s-]chair|chair(?:man|person)?|members?|panel)"
GENERIC_COMMISSIONER = r"(?:the\s+)?(?:commissioner|pcc|dpcc)"
TITLES = ("Councillor", "Cllr", "Mr", "Mrs", "Ms", "Miss", "Dr")


@dataclass(frozen=True, slots=True)
class Askers:
    """The ways the text may name a member of the holding body, compiled once."""

    names: tuple[str, ...]
    pattern: re.Pattern[str]

    def label(self, found: str) -> str:
        """The asker as written, without a leading "the"."""
        stripped = re.sub(r"^the\s+", "", found.strip(), flags=re.I)
        for name in self.names:
            if name.casefold() == stripped.casefold():
                return name
        return stripped[:1].upper() + stripped[1:] if stripped.islower() else stripped


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
    generic = [GENERIC_OVERSIGHT] if committee else [GENERIC_OVERSIGHT, GENERIC_COMMISSIONER]
    parts = [re.escape(name) for name in ordered] + generic
    pattern = re.compile(r"\b(?:" + "|".join(parts) + r")\b(?!['’]s)", re.I)
    return Askers(ordered, pattern)


def find_asker(sentence: str, askers: Askers, chair_label: str | None) -> str | None:
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


def _subject_before(text: str, askers: Askers) -> str | None:
    """The last holding-body name before the verb (not a possessive such as "PCC's")."""
    found = None
    for match in askers.pattern.finditer(text):
        found = match.group(0)
    return askers.label(found) if found else None


def _names_asker(text: str, askers: Askers) -> bool:
    return askers.pattern.search(text) is not None
