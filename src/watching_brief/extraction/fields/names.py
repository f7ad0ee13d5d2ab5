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
        "interim",
        "governor",
        "leader",
        "secretariat",
        "nurse",
        "consultant",
        "specialist",
        "engineer",
        "public",
        "press",
        "patient",
        "paramedic",
        "programme",
        "nominated",
        "elected",
        "non-executive",
        "non",
        "administrator",
        "auditor",
        "audit",
        "democratic",
        "support",
        "president",
        "vice-president",
        "vice-chair",
        "vice-chairman",
        "boardmember",
        "commander",
        "medical",
        "clinical",
        "registered",
        "service",
        "services",
        "minute",
        "minutes",
        "taker",
    ]
)
HONORIFIC = re.compile(r"^(?:councillors?|cllrs?\.?)\s+", re.I)
COURTESY = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|revd)\.?\s+(?=[A-Z])", re.I
)
# Post-nominal letters (honours, decorations, degrees) dropped from the end of a name.
POST_NOMINALS = frozenset(
    [
        "DL",
        "JP",
        "CBE",
        "OBE",
        "MBE",
        "KBE",
        "DBE",
        "CB",
        "QPM",
        "KPM",
        "QFSM",
        "BEM",
        "QC",
        "KC",
        "MP",
        "MEP",
        "MSP",
        "AM",
        "MLA",
        "FRS",
        "PhD",
        "RN",
    ]
)
POST_NOMINAL_TAIL = re.compile(
    r"(?:,?\s+(?:" + "|".join(sorted(POST_NOMINALS, key=len, reverse=True)) + r")\b\.?)+\s*$"
)
# Police, fire and office ranks written before a name ("CC Nick Adderley", "T/Supt Lee").
RANK_WORDS = frozenset(
    [
        "PC",
        "DC",
        "PS",
        "DS",
        "Sgt",
        "Insp",
        "DI",
        "CI",
        "DCI",
        "Supt",
        "DSupt",
        "CSupt",
        "Ch",
        "ACC",
        "DCC",
        "CC",
        "AC",
        "DAC",
        "DDG",
        "Cmdr",
        "PCC",
        "PFCC",
        "DPCC",
        "CFO",
        "ACFO",
        "DCFO",
        "CEO",
        "Det",
        "D",
        "DC/Supt",
        "D/Supt",
        "Chief",
        "Deputy",
        "Assistant",
        "Superintendent",
        "Inspector",
        "Sergeant",
        "Constable",
        "Commander",
        "Commissioner",
        "Detective",
        "Temporary",
        "Acting",
    ]
)
ABBREV = re.compile(
    r"^(?:(?P<marker>[TA])/\s?)?(?P<abbrev>[A-Z][A-Za-z&]{0,9}(?:\s[A-Z][A-Za-z&]{1,9})?)$"
)
TENURE_PREFIX = re.compile(r"^(?P<marker>[TA])/\s?(?=\S)")
NAME_TOKEN = re.compile(
    r"^[A-Z][^\W\d_]*(?:['’.-][^\W\d_]*)*\.?$|^(?:de|van|von|du|da|le|la|bin|al|der|den)$"
    r"|^[a-z]{2,3}[A-Z][^\W\d_]+$"
)


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


# Words of places and documents, never of a person's name.
NOT_NAME_WORDS = frozenset(
    (
        "meeting", "minutes", "notes", "agenda", "item", "items", "page", "hall", "room",
        "street", "road", "avenue", "lane", "house", "centre", "center", "chamber", "chambers",
        "building", "suite", "floor",
    )
)  # fmt: skip


def looks_like_name(text: str) -> bool:
    """True for two to five capitalised words that are not a capacity."""
    stripped = HONORIFIC.sub("", text.strip())
    stripped = COURTESY.sub("", stripped)
    tokens = stripped.split()
    if not 1 <= len(tokens) <= 5 or is_role(stripped):
        return False
    if any(token.lower().strip(".,") in NOT_NAME_WORDS for token in tokens):
        return False
    if all(token.isupper() for token in tokens) and any(len(token) > 2 for token in tokens):
        return False  # a heading in capitals, not a name
    return all(NAME_TOKEN.match(token) for token in tokens) and len(tokens) >= 2


def strip_honorific(name: str) -> tuple[str, bool]:
    """Remove "Councillor"/"Cllr" or "Mr"/"Dr" from a name, and post-nominals ("DL", "JP")
    from its end; say whether it was "Councillor".

    "Lady Harrison" stays whole: the title is all there is besides the surname.
    """
    name = strip_post_nominals(name)
    match = HONORIFIC.match(name)
    if match:
        return strip_post_nominals(name[match.end() :]), True
    courtesy = COURTESY.match(name)
    if courtesy:
        rest = name[courtesy.end() :].strip()
        lone_peer = courtesy.group(0).strip().lower() in {"lady", "lord"} and " " not in rest
        return (name.strip() if lone_peer else rest), False
    return name.strip(), False


def strip_post_nominals(name: str) -> str:
    """ "John Grugeon, DL" -> "John Grugeon"; "G D Clarkson, CBE, QFSM" -> "G D Clarkson"."""
    stripped = POST_NOMINAL_TAIL.sub("", name.strip()).strip(" ,")
    return stripped or name.strip()


def split_rank(text: str) -> tuple[str, str]:
    """A rank or post written before a name: ("CC Nick Adderley") -> ("CC", "Nick Adderley").

    The leading words that are ranks or capacity words ("Chief Finance Officer", "D/Chief
    Inspector", "DC/Supt") are the rank when at least two name words follow; otherwise
    the rank is empty and the text is returned whole ("AC Marsh" is initials and a surname).
    """
    tokens = text.split()
    count = 0
    for token in tokens:
        bare = token.strip(",")
        parts = [part for part in re.split(r"/", bare) if part]
        is_rank = bool(parts) and all(
            part in RANK_WORDS or part.lower() in ROLE_WORDS or part in {"T", "A"} for part in parts
        )
        if is_rank or (count and bare.lower() in {"of", "and", "for", "the"}):
            count += 1
            continue
        break
    while count and tokens[count - 1].lower() in {"of", "and", "for", "the"}:
        count -= 1
    rest = tokens[count:]
    if (
        count == 0
        or len(rest) < 2
        or not all(NAME_TOKEN.match(t) and t.lower() not in ROLE_WORDS for t in rest[:2])
    ):
        return _post_then_name(tokens, text)
    return " ".join(tokens[:count]), " ".join(rest)


CONNECTORS = frozenset(["of", "and", "for", "the", "&"])


def _post_then_name(tokens: list[str], text: str) -> tuple[str, str]:
    """ "Recreation and Parks Director Justin Long": a post ending in a capacity word, then a
    name of two or three words that ends the text."""
    for size in (2, 3):
        if len(tokens) < size + 2:
            continue
        post, name = tokens[:-size], tokens[-size:]
        if (
            len(post) <= 6
            and post[-1].lower().strip(",") in ROLE_WORDS
            and all(word[:1].isupper() or word.lower() in CONNECTORS for word in post)
            and all(NAME_TOKEN.match(word) and word.lower() not in ROLE_WORDS for word in name)
            and not all(word.isupper() for word in name)
        ):
            return " ".join(post), " ".join(name)
    return "", text.strip()


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
