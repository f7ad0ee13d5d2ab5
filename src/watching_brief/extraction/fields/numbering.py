"""Item numbers: "2.1", "39/20", "186.", "Ref 03/20/04/2022", and whether they follow on."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBERED = re.compile(
    r"^\s*(?:(?:item|agenda\s+item)\s+)?(?P<number>\d{1,3}(?:\.\d{1,2}){0,3}|\d{1,4}/\d{2,4})"
    r"(?P<dot>\.?)(?:\s*[:\-–—)]\s*|\s+)(?P<title>\S.*)$",
    re.I,
)
BARE = re.compile(r"^\s*(?P<number>\d{1,3}(?:\.\d{1,2}){0,3}|\d{1,4}/\d{2,4})\.?\s*$")
REFERENCE = re.compile(
    r"^\s*(?:ref(?:erence)?\.?|minute)\s*(?:no\.?)?\s*:?\s*(?P<number>[\w]+(?:[/.-]\w+)+|\d+)"
    r"\s*[:\-–—]?\s*(?P<title>.*)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed item number: dotted ("2.1") or slashed ("39/20") or a reference."""

    text: str
    parts: tuple[int, ...]
    kind: str

    @classmethod
    def parse(cls, text: str, kind: str = "") -> Number:
        text = text.strip().rstrip(".")
        if kind == "ref":
            return cls(text, (), "ref")
        if "/" in text:
            head, _, tail = text.partition("/")
            return cls(text, (int(head), int(tail)), "slash")
        return cls(text, tuple(int(part) for part in text.split(".")), "dotted")

    def follows(self, previous: Number | None, slack: int = 1) -> bool:
        """Could this number come next after ``previous`` in an agenda?"""
        if previous is None or self.kind == "ref" or previous.kind != self.kind:
            return self.kind == "ref" or previous is None or previous.kind == "ref"
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
