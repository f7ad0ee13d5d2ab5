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

OWNER_VERB = re.compile(
    r"^\s*(?:the\s+)?(?P<owner>[A-Z][\w'’&/.-]*(?:\s+(?:and\s+|&\s+|/\s*)?[\w'’&/.-]+){0,6}?)"
    r"\s*,?\s+(?:(?:is|are)\s+to|to|will|shall|should|must|would|agreed\s+to|"
    r"(?:has|have)\s+agreed\s+to|undertook\s+to|(?:is|are)\s+asked\s+to)\s+(?P<verb>\w+)",
    re.I,
)
TRAILING_OWNER = re.compile(
    r"\(\s*(?:owner|lead|action)?\s*:?\s*(?P<owner>[A-Z][A-Za-z/&]{1,9}(?:\s*(?:/|and|&|,)\s*"
    r"[A-Z][A-Za-z/&]{1,9})*)\s*\)\s*\.?\s*$"
)
SPLIT = re.compile(r"\s*(?:,|\band\b|&|(?<!\b[TA])/)\s*", re.I)
NOT_OWNERS = re.compile(r"^(?:it|this|that|there|which|who|they|we|he|she|action)$", re.I)
ROLE_MATCH = 0.85


@dataclass(frozen=True, slots=True)
class OwnerPhrase:
    """The owner as written and where it sits in the action text."""

    text: str
    start: int
    end: int


def find_owner_phrase(text: str) -> OwnerPhrase | None:
    """The owner written at the start ("DCC to ...") or end ("... (DCC)") of an action."""
    match = OWNER_VERB.match(text)
    if match and not NOT_OWNERS.match(match.group("owner")):
        owner = match.group("owner")
        if len(owner.split()) <= 6:
            return OwnerPhrase(owner, match.start("owner"), match.end("owner"))
    trailing = TRAILING_OWNER.search(text)
    if trailing:
        return OwnerPhrase(trailing.group("owner"), trailing.start("owner"), trailing.end("owner"))
    return None


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


def _closest_role(key: str, attendees: list[Attendee]) -> Attendee | None:
    best, best_score = None, 0.0
    for attendee in attendees:
        if not attendee.role:
            continue
        matcher = difflib.SequenceMatcher(None, key, attendee.role.casefold())
        if matcher.real_quick_ratio() < ROLE_MATCH or matcher.quick_ratio() < ROLE_MATCH:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = attendee, score
    return best if best_score >= ROLE_MATCH else None
