"""Item numbers and whether they follow on.

Shapes: dotted "2.1" and "186."; committee "39/20"; codes "19-20/FRA/15", "01/25/01";
sub-items "2-A", "5A"; letters "A."; roman numerals "I", "II"; references
"Ref 03/20/04/2022" and "Minute 12"; a number glued to its title ("1.Membership").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOTTED = r"\d{1,3}(?:\.\d{1,2}){0,3}"
_SLASH = r"\d{1,4}/\d{2,4}"
_CODE = r"\d{1,4}(?:[-/][A-Za-z0-9]{1,5}){2,4}"
_SUB = r"\d{1,2}(?:-|\s-\s)?[A-Z]"
_NUMBER = rf"(?:{_CODE}|{_SUB}(?![A-Za-z])|{_SLASH}|{_DOTTED})"

NUMBERED = re.compile(
    r"^\s*(?:(?:item|agenda\s+item)\s+)?(?P<number>" + _NUMBER + r")"
    r"(?P<dot>\s?\.)?(?:\s+item\s+\d{1,3}\b)?"
    r"(?:\s*[:\-–—)]\s*|\s+|(?<=\.)(?=[A-Z‘'\"“(]))(?P<title>\S.*)$",
    re.I,
)
BARE = re.compile(r"^\s*(?P<number>" + _NUMBER + r")\.?\s*$", re.I)
REFERENCE = re.compile(
    r"^\s*(?:ref(?:erence)?\.?|minute)\s*(?:no\.?)?\s*:?\s*(?P<number>[\w]+(?:[/.-]\w+)+|\d+)"
    r"\s*[:\-–—]?\s*(?P<title>.*)$",
    re.I,
)
ROMAN = re.compile(r"^\s*(?P<number>[IVX]{1,5})(?P<dot>\.?)\s+(?P<title>\S.*)$")
LETTER = re.compile(r"^\s*(?P<number>[A-Z])\.\s+(?P<title>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def date_like(text: str) -> bool:
    """ "12/03/2024", "12.03.24", "01/02/25": a date at the start of a line, not a number."""
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text.strip().rstrip("."))
    if match is None:
        return False
    day, month = int(match.group(1)), int(match.group(2))
    return 1 <= month <= 12 and 1 <= day <= 31


def roman_value(text: str) -> int | None:
    """The value of a roman numeral ("IV" is 4), or None when it is not a well-formed one."""
    total = 0
    values = [_ROMAN_VALUES[char] for char in text.upper()]
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    canonical = _to_roman(total) if total > 0 else ""
    return total if canonical == text.upper() else None


def _to_roman(value: int) -> str:
    out = ""
    for amount, symbol in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += symbol
            value -= amount
    return out


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed item number.

    ``kind`` is "dotted" ("2.1"), "slash" ("39/20"), "code" ("19-20/FRA/15"), "sub"
    ("2-A"), "letter" ("A"), "roman" ("II") or "ref" (a reference that never sequences).
    """

    text: str
    parts: tuple[int, ...]
    kind: str
    prefix: str = ""

    @classmethod
    def parse(cls, text: str, kind: str = "") -> Number:
        text = text.strip().rstrip(".")
        if re.fullmatch(r"\d{1,2}\s-\s[A-Z]", text, re.I):
            text = text.replace(" ", "")
        if kind == "ref":
            return cls(text, (), "ref")
        if kind == "roman":
            return cls(text, (roman_value(text) or 0,), "roman")
        if kind == "letter":
            return cls(text, (ord(text.upper()) - ord("A") + 1,), "letter")
        if re.fullmatch(_SUB, text, re.I):
            digits = re.match(r"\d+", text)
            value = int(digits.group()) if digits else 0
            return cls(text, (value, ord(text[-1].upper()) - ord("A") + 1), "sub")
        if re.fullmatch(_CODE, text):
            pieces = re.split(r"[-/]", text)
            if pieces[-1].isdigit():
                return cls(text, (int(pieces[-1]),), "code", "/".join(pieces[:-1]))
            return cls(text, (), "ref")
        if "/" in text:
            head, _, tail = text.partition("/")
            return cls(text, (int(head), int(tail)), "slash")
        return cls(text, tuple(int(part) for part in text.split(".")), "dotted")

    def follows(self, previous: Number | None, slack: int = 1) -> bool:
        """Could this number come next after ``previous`` in an agenda?"""
        if previous is not None and self.kind == "sub" and previous.kind == "dotted":
            return 0 <= self.parts[0] - previous.parts[0] <= slack
        if previous is not None and self.kind == "dotted" and previous.kind == "sub":
            return 0 < self.parts[0] - previous.parts[0] <= slack
        if previous is None or self.kind == "ref" or previous.kind != self.kind:
            return self.kind == "ref" or previous is None or previous.kind == "ref"
        if self.kind == "code":
            step = self.parts[0] - previous.parts[0]
            return self.prefix == previous.prefix and 0 < step <= slack
        if self.kind in {"roman", "letter"}:
            return 0 < self.parts[0] - previous.parts[0] <= slack
        if self.kind == "sub":
            same = self.parts[0] == previous.parts[0] and self.parts[1] - previous.parts[1] > 0
            return same or 0 < self.parts[0] - previous.parts[0] <= slack
        if self.kind == "slash":
            same_year = self.parts[1] == previous.parts[1]
            return same_year and 0 < self.parts[0] - previous.parts[0] <= slack + 1
        if self.parts == previous.parts + (1,):
            return True
        for depth in range(1, len(previous.parts) + 1):
            prefix = previous.parts[: depth - 1]
            if len(self.parts) == depth and self.parts[:-1] == prefix:
                step = self.parts[-1] - previous.parts[depth - 1]
                if 0 < step <= slack:
                    return True
        return False

    @property
    def parent(self) -> str | None:
        """The enclosing item's number ("2" for "2.1")."""
        if self.kind == "dotted" and len(self.parts) > 1:
            return ".".join(str(part) for part in self.parts[:-1])
        return None
