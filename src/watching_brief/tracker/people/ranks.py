"""Which posts belong to the police force rather than the office that holds it to account.

The notes of an OPCC's meeting list the Commissioner's staff and the force's chief
officers side by side; the chief officers (Chief Constable, DCC, ACC) and officers of any
police rank are posts of the force, so they are filed under the office's force body
(``Body.force``), not under the office. Plain functions, no models: the migration that
moves existing posts uses them too.
"""

from __future__ import annotations

import re

# Police ranks, by abbreviation (compared folded: "Ch Supt" = "ch supt") and by the words
# of the title ("Deputy Chief Constable", "Temporary Chief Superintendent").
RANK_ABBREVIATIONS = frozenset([
    "cc", "dcc", "acc", "dacc", "cs", "ch supt", "c supt", "chief supt", "dcs", "supt",
    "d supt", "dsupt", "ci", "dci", "insp", "di", "sgt", "ps", "pc", "dc",
])  # fmt: skip
RANK_TITLE = re.compile(
    r"\b(?:chief\s+constable|constable|superintendent|chief\s+inspector|inspector|sergeant"
    r"|commander)\b",
    re.IGNORECASE,
)
OFFICE_NAME = re.compile(
    r"^(?:the\s+)?(?:office\s+of\s+the\s+)?police,?\s+(?:fire\s+(?:and|&)\s+)?(?:and|&)?\s*"
    r"crime\s+commissioner\s+for\s+(?:the\s+)?(?P<area>.+)$"
    r"|^(?P<before>.+?)\s+(?:o?p(?:f)?cc|office\s+of\s+the\s+police.*|police,?\s+(?:fire\s+"
    r"(?:and|&)\s+)?(?:and|&)\s+crime\s+(?:commissioner|panel).*)$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def is_force_post(abbrev: str, title: str) -> bool:
    """A chief officer's post or a police rank (CC, DCC, ACC, Chief Superintendent...)."""
    if re.sub(r"^[ta] ", "", fold(abbrev)) in RANK_ABBREVIATIONS:  # T/ACC, A/DCC too
        return True
    return bool(RANK_TITLE.search(title or ""))


def force_name(office: str) -> str:
    """The force an office holds to account: "Northshire OPCC" and "Office of the Police
    and Crime Commissioner for Northshire" give "Northshire Police"; otherwise the office's
    name with "(force)"."""
    found = OFFICE_NAME.match(office.strip())
    area = (found.group("area") or found.group("before")) if found else ""
    area = (area or "").strip(" ,")
    return f"{area} Police" if area else f"{office.strip()} (force)"
