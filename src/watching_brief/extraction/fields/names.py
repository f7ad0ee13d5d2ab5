"""Tell people's names from capacities, split "Name, Role" strings, read abbreviations."""

from __future__ import annotations

import re

ROLE_WORDS = frozenset(
    [
        "commissioner",
        "constable",
        "chief",
        "officer",
        "officers",
        "manager",
        "director",
        "head",
        "chair",
        "chairman",
        "chairperson",
        "vice",
        "member",
        "members",
        "superintendent",
        "supt",
        "inspector",
        "sergeant",
        "policy",
        "executive",
        "deputy",
        "assistant",
        "staff",
        "secretary",
        "treasurer",
        "clerk",
        "adviser",
        "advisor",
        "lead",
        "analyst",
        "representative",
        "panel",
        "independent",
        "finance",
        "opcc",
        "force",
        "police",
        "council",
        "councillor",
        "councillors",
        "governance",
        "coordinator",
        "co-ordinator",
        "partner",
        "partnership",
        "scrutiny",
        "officer",
        "monitoring",
        "solicitor",
        "legal",
        "services",
        "commercial",
        "communications",
        "team",
        "office",
        "board",
        "committee",
        "portfolio",
        "engagement",
        "strategy",
        "performance",
        "detective",
        "temporary",
        "acting",
    ]
)
HONORIFIC = re.compile(r"^(?:councillors?|cllrs?\.?)\s+", re.I)
COURTESY = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady)\.?\s+(?=[A-Z])", re.I)
ABBREV = re.compile(
    r"^(?:(?P<marker>[TA])/\s?)?(?P<abbrev>[A-Z][A-Za-z&]{0,9}(?:\s[A-Z][A-Za-z&]{1,9})?)$"
)
TENURE_PREFIX = re.compile(r"^(?P<marker>[TA])/\s?(?=\S)")
NAME_TOKEN = re.compile(r"^[A-Z][a-zA-Z'’.-]*$|^(?:de|van|von|du|da|le|la|bin|al)$")


def is_abbreviation(text: str) -> bool:
    """True for a capacity abbreviation such as DCC, SPM, DoCS or T/ACC (two capitals+)."""
    match = ABBREV.match(text.strip())
    if not match:
        return False
    value = match.group("abbrev")
    words = value.split()
    if len(words) == 2:
        return any(len(word) >= 2 and word.isupper() for word in words)
    if match.group("marker"):
        return True
    return sum(ch.isupper() for ch in value) >= 2 or (len(value) <= 3 and value.isupper())


def split_tenure(text: str) -> tuple[str, str | None]:
    """Remove a "T/" or "A/" marker: ("T/ACC") -> ("ACC", "temporary")."""
    match = TENURE_PREFIX.match(text.strip())
    if not match:
        return text.strip(), None
    tenure = "temporary" if match.group("marker") == "T" else "acting"
    return text.strip()[match.end() :].strip(), tenure


def is_role(text: str) -> bool:
    """True when the words read as a capacity rather than a person's name."""
    words = re.findall(r"[A-Za-z]+", text.lower())
    return any(word in ROLE_WORDS for word in words)


def looks_like_name(text: str) -> bool:
    """True for two to five capitalised words that are not a capacity."""
    stripped = HONORIFIC.sub("", text.strip())
    stripped = COURTESY.sub("", stripped)
    tokens = stripped.split()
    if not 1 <= len(tokens) <= 5 or is_role(stripped):
        return False
    return all(NAME_TOKEN.match(token) for token in tokens) and len(tokens) >= 2


def strip_honorific(name: str) -> tuple[str, bool]:
    """Remove "Councillor"/"Cllr" or "Mr"/"Dr" from a name; say whether it was "Councillor"."""
    match = HONORIFIC.match(name)
    if match:
        return name[match.end() :].strip(), True
    courtesy = COURTESY.match(name)
    if courtesy:
        return name[courtesy.end() :].strip(), False
    return name.strip(), False


def initials(name: str) -> str:
    """ "Rachel Moore" -> "RM"."""
    return "".join(token[0] for token in name.split() if token[:1].isupper())


def leading_name(text: str, known: list[str]) -> str:
    """The person's name at the start of "Name Role, Org" or "Name, Role".

    A name from ``known`` (the attendees) that starts the text wins; otherwise the text up
    to the first comma or bracket, cut before the first capacity word.
    """
    stripped = text.strip()
    for name in sorted(known, key=len, reverse=True):
        if name and stripped.lower().startswith(name.lower()):
            return stripped[: len(name)]
    head = re.split(r"\s*[,(–—]\s*|\s+-\s+", stripped, maxsplit=1)[0]
    tokens = head.split()
    kept: list[str] = []
    for token in tokens:
        if token.lower().strip(".,") in ROLE_WORDS and len(kept) >= 2:
            break
        kept.append(token)
    return " ".join(kept)
