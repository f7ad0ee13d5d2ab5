"""Action owners: read the owner from an action sentence and resolve it to attendees.

"DCC to share ...", "the DCC to provide ...", "RM is to find out ...", "The CC will
provide ...", "Staff office to provide ...", "DCC and ACC to ...". An owner written as
an abbreviation, a name or initials is kept as written; an owner written as a capacity in
words ("Staff office") becomes the abbreviation of the attendee it names.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from watching_brief.extraction.fields.names import initials, split_tenure
from watching_brief.extraction.record import Attendee

_OWNER = r"(?P<owner>[A-Z][\w'’&/.-]*(?:\s+(?:and\s+|&\s+|/\s*)?[\w'’&/.-]+){0,6}?)"
_TO = r"(?:(?:is|are)\s+to|to)"
_MODAL = (
    r"(?:will|shall|should|must|would|agreed\s+to|(?:has|have)\s+agreed\s+to|undertook\s+to|"
    r"(?:is|are)\s+asked\s+to)"
)
OWNER_TO = re.compile(r"\s*(?:the\s+)?" + _OWNER + r"\s*,?\s+" + _TO + r"\s+(?P<verb>\w+)", re.I)
OWNER_VERB = re.compile(
    r"^\s*(?:the\s+)?" + _OWNER + r"\s*,?\s+(?:" + _TO + "|" + _MODAL + r")\s+(?P<verb>\w+)", re.I
)
AGREED_THAT = re.compile(
    r"\b(?:agreed|requested|asked|decided)\s+that\s+(?:the\s+)?"
    + _OWNER
    + r"\s+(?:would|will|should|to|must|is\s+to)\s+\w+",
    re.I,
)
POST_SUBJECT = re.compile(
    r"^\s*(?:the\s+)?(?P<owner>(?:[A-Z][\w'’-]*\s+){0,2}(?:officers?|clerk|secretary|treasurer|"
    r"director|manager|lead|team|chair(?:man|person)?))\s+\w+ed\b",
    re.I,
)
TRAILING_OWNER = re.compile(
    r"\(\s*(?:owner|lead|action)?\s*:?\s*(?P<owner>[A-Z][A-Za-z/&]{1,9}(?:\s*(?:/|and|&|,)\s*"
    r"[A-Z][A-Za-z/&]{1,9})*)\s*\)\s*\.?\s*$"
)
SENTENCE_START = re.compile(r"[.;!?]\s+(?=[A-Z])")
SPLIT = re.compile(r"\s*(?:,|\band\b|&|(?<!\b[TA])/)\s*", re.I)
NOT_OWNERS = re.compile(r"^(?:it|this|that|there|which|who|they|we|he|she|action)$", re.I)
NOT_OWNER_WORDS = re.compile(
    r"\b(?:was|were|is|are|that|agreed|would|will|it|has|have|had|been|be|should|not)\b", re.I
)
POST_WORD = re.compile(
    r"\b(?:officers?|clerk|chair(?:man|person)?|secretary|treasurer|director|chief|head|lead|"
    r"manager|team|office|unit|commissioner|constable|superintendent|inspector|board|panel|"
    r"committee|force|service|staff|members?|group|department|council|authority|"
    r"executive|deputy|controller|adviser|advisor|analyst|coordinator)\b",
    re.I,
)
SUBJECT_NOUNS = re.compile(
    r"^(?:work|progress|discussion|updates?|consideration|further|more|data|information|"
    r"reports?|plans?|funding|everyone|all|each|both|nobody|someone)$",
    re.I,
)
ROLE_MATCH = 0.85


@dataclass(frozen=True, slots=True)
class OwnerPhrase:
    """The owner as written and where it sits in the action text."""

    text: str
    start: int
    end: int


def acceptable_owner(owner: str, known: tuple[str, ...] = (), to_form: bool = False) -> bool:
    """Does ``owner`` read as someone who can own an action: initials or an abbreviation,
    a post ("Chief Constable", "Staff office"), a name of two words, or a word of a known
    attendee's name? ("Work will continue ..." names no owner.)"""
    if NOT_OWNERS.match(owner) or NOT_OWNER_WORDS.search(owner):
        return False
    words = owner.replace("/", " ").split()
    if any(sum(char.isupper() for char in word) >= 2 and len(word) <= 6 for word in words):
        return True
    if POST_WORD.search(owner):
        return True
    capitalised = [word for word in words if word[:1].isupper()]
    if len(capitalised) >= 2 and len(capitalised) == len(
        [word for word in words if word.lower() not in {"and", "&", "of"}]
    ):
        return True
    known_words = {part.casefold() for name in known for part in name.split() if len(part) > 2}
    if any(word.casefold() in known_words for word in words):
        return True
    return to_form and len(words) == 1 and words[0][:1].isupper() and not SUBJECT_NOUNS.match(owner)


def find_owner_phrase(
    text: str, strict: bool = False, known: tuple[str, ...] = ()
) -> OwnerPhrase | None:
    """The owner of an action: "DCC to ...", then "... . Sarah to ..." in a later sentence,
    "agreed that the Chief Constable would ...", "The CC will ...", "... (DCC)", and a post
    as the subject ("Officers noted ..."). ``strict`` takes only the first form."""

    def phrase(match: re.Match[str] | None, to_form: bool = False) -> OwnerPhrase | None:
        if match is None or len(match.group("owner").split()) > 6:
            return None
        if not acceptable_owner(match.group("owner"), known, to_form):
            return None
        return OwnerPhrase(match.group("owner"), match.start("owner"), match.end("owner"))

    found = phrase(OWNER_TO.match(text), to_form=True)
    if found is not None or strict:
        return found
    for start in SENTENCE_START.finditer(text):
        found = phrase(OWNER_TO.match(text, start.end()), to_form=True)
        if found is not None:
            return found
    for match in (AGREED_THAT.search(text), OWNER_VERB.match(text)):
        found = phrase(match)
        if found is not None:
            return found
    trailing = TRAILING_OWNER.search(text)
    if trailing:
        return OwnerPhrase(trailing.group("owner"), trailing.start("owner"), trailing.end("owner"))
    return phrase(POST_SUBJECT.match(text))


def resolve_owner(
    written: str, attendees: list[Attendee], named: list[str | None] | None = None
) -> tuple[list[str], list[Attendee]]:
    """Split an owner phrase into owners and find the attendee each one names.

    Returns the owners to record (abbreviation for a capacity written in words, otherwise
    as written) and the attendees matched (one per owner that matched). ``named``, when
    given, receives for each owner the name of the attendee it names, or None.
    """
    owners: list[str] = []
    matched: list[Attendee] = []
    for part in SPLIT.split(written.strip()):
        part = re.sub(r"^the\s+", "", part.strip(), flags=re.I).strip(" .")
        if not part:
            continue
        attendee, how = match_attendee(part, attendees)
        if named is not None:
            named.append(attendee.name if attendee is not None else None)
        if attendee is not None:
            matched.append(attendee)
        if how in {"abbrev", "role"} and attendee is not None and attendee.abbrev:
            owners.append(attendee.abbrev)
        else:
            owners.append(part)
    return owners, matched


def match_attendee(part: str, attendees: list[Attendee]) -> tuple[Attendee | None, str]:
    """The attendee ``part`` names, and how: "abbrev", "name", "initials" or "role".

    A capacity in words ("Staff office") matches the closest role; "T/ACC" matches ACC.
    """
    bare, _ = split_tenure(part)
    key = bare.casefold()
    for attendee in attendees:
        if attendee.abbrev and attendee.abbrev.casefold() == key:
            return attendee, "abbrev"
    for attendee in attendees:
        name = attendee.name.casefold()
        if key == name or (len(key.split()) == 1 and key in name.split() and len(key) > 2):
            return attendee, "name"
    if bare.isupper() and 2 <= len(bare) <= 4:
        for attendee in attendees:
            if initials(attendee.name) == bare:
                return attendee, "initials"
    best = _closest_role(key, attendees)
    return (best, "role") if best is not None else (None, "")


def _length_ratio(first: int, second: int) -> float:
    """``SequenceMatcher.real_quick_ratio`` from the two lengths: the most any match can be."""
    total = first + second
    return 2.0 * min(first, second) / total if total else 1.0


def _closest_role(key: str, attendees: list[Attendee]) -> Attendee | None:
    best, best_score = None, 0.0
    for attendee in attendees:
        if not attendee.role:
            continue
        role = attendee.role.casefold()
        if _length_ratio(len(key), len(role)) < ROLE_MATCH:
            continue  # real_quick_ratio(), without building the matcher's index of ``role``
        matcher = difflib.SequenceMatcher(None, key, role)
        if matcher.quick_ratio() < ROLE_MATCH:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = attendee, score
    return best if best_score >= ROLE_MATCH else None
