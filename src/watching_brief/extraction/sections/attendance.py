"""Attendance: who was present, who sent apologies, in what capacity.

Reads every form met in the wild:

* columns: a "Name:" list followed by a "Capacity:" list (notes exported from PDF);
* lines "Name (ABBR) – Role", "Name (ABBR) Role", "Name – Role (ABBR)", "Role – Name";
* groups under "Present", "Apologies", "In attendance", "Virtual" headings;
* sentences: "Present: Councillors A (Chair), B and C", "Apologies were received from
  Councillors A and B".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.cleanup.layout import TABLE_HEADER, Layout
from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.names import (
    is_abbreviation,
    is_role,
    looks_like_name,
    split_tenure,
    strip_honorific,
)
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.record import AttendanceStatus, Attendee, Span

GROUP_HEADING = re.compile(
    r"^\s*(?P<head>attendance|attendees|present|members\s+present|officers\s+present|"
    r"in\s+attendance|also\s+(?:present|in\s+attendance)|apologies(?:\s+for\s+absence)?|"
    r"apologies\s+received|attending\s+virtually|virtual(?:\s+attendance)?|"
    r"present\s+virtually|absent)\s*(?::|\s*$)\s*(?P<rest>.*)$",
    re.I,
)
COLUMN_NAME = re.compile(r"^\s*names?\s*:?\s*$", re.I)
COLUMN_ROLE = re.compile(r"^\s*(?:capacity|role|position|title|post)\s*:?\s*$", re.I)
APOLOGY_SENTENCE = re.compile(
    r"\bapologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been)\s+(?:received|given|"
    r"submitted|noted)\s+(?:from|for|on\s+behalf\s+of)\s+(?P<names>[^.]+)",
    re.I,
)
BARE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,2})*\.?\s*$")
ABBR_IN_BRACKETS = re.compile(r"\((?P<abbr>(?:[TA]/\s?)?[A-Z][A-Za-z&]{0,9})\)")
DASH = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*|,\s+")
LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|;\s*")


@dataclass(slots=True)
class Found:
    """An attendee with the passages its name and capacity were read from."""

    attendee: Attendee
    name: Passage
    role: Passage | None = None


def status_of(heading: str) -> AttendanceStatus:
    head = heading.lower()
    if head.startswith("apolog"):
        return "apologies"
    if "virtual" in head:
        return "virtual"
    if head.startswith("absent"):
        return "absent"
    return "present"


def extract_attendees(layout: Layout) -> list[Attendee]:
    """Find every attendee in the notes, in order, without duplicates."""
    found: list[Found] = []
    lines = layout.document.lines
    index = 0
    while index < len(lines):
        line = lines[index]
        match = GROUP_HEADING.match(line.text) if layout.free(line) else None
        if match is None:
            index += 1
            continue
        layout.consumed.add(line.index)
        status = status_of(match.group("head"))
        rest = match.group("rest").strip()
        if rest:
            found.extend(_from_sentence(line, match.start("rest"), status))
            index += 1
            continue
        index = _read_group(layout, index + 1, status, found)
    found.extend(_apology_sentences(layout))
    return _unique(found)


def _read_group(layout: Layout, index: int, status: AttendanceStatus, found: list[Found]) -> int:
    """Read attendee lines (or name/capacity columns) after a group heading."""
    lines = layout.document.lines
    gap = False
    while index < len(lines):
        line = lines[index]
        if not layout.usable(line):
            gap = gap or line.blank
            index += 1
            continue
        text = line.stripped
        if BARE_NUMBER.match(text) or (TABLE_HEADER.match(text) and not COLUMN_NAME.match(text)):
            index += 1
            continue
        if COLUMN_NAME.match(text):
            index = _read_columns(layout, index, status, found)
            gap = False
            continue
        if GROUP_HEADING.match(text):
            return index
        parsed = parse_attendee_line(line, status)
        if parsed is None:
            return index
        if gap and not _plausible_after_gap(parsed):
            return index
        found.append(parsed)
        layout.consumed.add(line.index)
        gap = False
        index += 1
    return index


def _plausible_after_gap(found: Found) -> bool:
    return found.attendee.abbrev is not None or found.role is not None


def _read_columns(layout: Layout, index: int, status: AttendanceStatus, found: list[Found]) -> int:
    """A "Name:" column of names then a "Capacity:" column of roles, zipped in order."""
    lines = layout.document.lines
    layout.consumed.add(lines[index].index)
    names, index = _column(layout, index + 1)
    while index < len(lines) and not layout.usable(lines[index]):
        index += 1
    roles: list[Line] = []
    if index < len(lines) and COLUMN_ROLE.match(lines[index].text):
        layout.consumed.add(lines[index].index)
        roles, index = _column(layout, index + 1, limit=len(names))
    for position, name_line in enumerate(names):
        role_line = roles[position] if position < len(roles) else None
        found.append(_from_parts(name_line, role_line, status))
    return index


def _column(layout: Layout, index: int, limit: int | None = None) -> tuple[list[Line], int]:
    lines = layout.document.lines
    column: list[Line] = []
    while index < len(lines) and layout.usable(lines[index]):
        if limit is not None and len(column) >= limit:
            break
        column.append(lines[index])
        layout.consumed.add(lines[index].index)
        index += 1
    return column, index


def _from_parts(name_line: Line, role_line: Line | None, status: AttendanceStatus) -> Found:
    name_passage = Passage.of([piece_of(name_line)])
    name, councillor = strip_honorific(name_passage.text)
    name_passage = name_passage.sub(len(name_passage.text) - len(name))
    attendee = Attendee(name=name, status=status, role="Councillor" if councillor else None)
    attendee.source["name"] = name_passage.spans()
    role_passage = None
    if role_line is not None:
        role_passage = Passage.of([piece_of(role_line)])
        _set_role(attendee, role_passage)
    return Found(attendee, name_passage, role_passage)


def _set_role(attendee: Attendee, passage: Passage) -> None:
    """Read "Role (ABBR)" or "T/Role (T/ABBR)" into role, abbrev and tenure."""
    text = passage.text
    match = ABBR_IN_BRACKETS.search(text)
    role_end = len(text)
    if match and is_abbreviation(match.group("abbr")):
        abbrev, tenure = split_tenure(match.group("abbr"))
        attendee.abbrev = abbrev
        attendee.tenure = tenure  # type: ignore[assignment]
        attendee.source["abbrev"] = passage.spans(match.start("abbr"), match.end("abbr"))
        role_end = match.start()
        trailing = text[match.end() :].strip(" ,–—-")
        if trailing and not text[:role_end].strip():
            text, role_end = text[match.end() :], len(text)
            offset = match.end() + (len(text) - len(text.lstrip(" ,–—-")))
            _assign_role(attendee, passage.sub(offset, len(passage.text)))
            return
    _assign_role(attendee, passage.sub(0, role_end))


def _assign_role(attendee: Attendee, role: Passage) -> None:
    role = role.strip_end(",–—-")
    if not role.text:
        return
    bare, tenure = split_tenure(role.text)
    if tenure is not None:
        role = role.sub(len(role.text) - len(bare))
        attendee.tenure = attendee.tenure or tenure  # type: ignore[assignment]
    elif is_abbreviation(role.text) and attendee.abbrev is None:
        attendee.abbrev = role.text
        attendee.source["abbrev"] = role.spans()
        return
    attendee.role = role.text
    attendee.source["role"] = role.spans()


def parse_attendee_line(line: Line, status: AttendanceStatus) -> Found | None:
    """Read one attendance line in any of the line forms, or None if it is not one."""
    passage = Passage.of([piece_of(line)])
    text = passage.text.lstrip("•●▪-–— ")
    passage = passage.sub(len(passage.text) - len(text))
    if not text or len(text) > 140 or text.endswith(".") and len(text.split()) > 12:
        return None
    match = ABBR_IN_BRACKETS.search(text)
    head = text[: match.start()] if match else text
    head_parts = DASH.split(head.strip(), maxsplit=1)
    name_text = head_parts[0].strip()
    if looks_like_name(name_text) or _honorific_name(name_text):
        return _name_first(passage, name_text, status)
    if is_role(name_text) or (match and is_role(head)):
        return _role_first(passage, status)
    return None


def _honorific_name(text: str) -> bool:
    name, had = strip_honorific(text)
    return had and bool(name)


def _name_first(passage: Passage, name_text: str, status: AttendanceStatus) -> Found:
    start = passage.text.index(name_text)
    name_passage = passage.sub(start, start + len(name_text))
    name, councillor = strip_honorific(name_passage.text)
    name_passage = name_passage.sub(len(name_passage.text) - len(name))
    attendee = Attendee(name=name, status=status, role="Councillor" if councillor else None)
    attendee.source["name"] = name_passage.spans()
    rest_start = start + len(name_text)
    rest = passage.sub(rest_start)
    lead = len(rest.text) - len(rest.text.lstrip(" ,–—-:"))
    rest = rest.sub(lead)
    role_passage = None
    if rest.text:
        role_passage = rest
        _set_role(attendee, rest)
    return Found(attendee, name_passage, role_passage)


def _role_first(passage: Passage, status: AttendanceStatus) -> Found | None:
    """ "Chief Constable (CC) – Anthony Bangham": the name is the last part."""
    parts = list(DASH.finditer(passage.text))
    if not parts:
        return None
    last = parts[-1]
    name_text = passage.text[last.end() :].strip()
    if not looks_like_name(name_text):
        return None
    name_passage = passage.sub(last.end())
    attendee = Attendee(name=name_passage.text, status=status)
    attendee.source["name"] = name_passage.spans()
    role_passage = passage.sub(0, last.start())
    _set_role(attendee, role_passage)
    return Found(attendee, name_passage, role_passage)


def _from_sentence(line: Line, begin: int, status: AttendanceStatus) -> list[Found]:
    """ "Present: Councillors A Smith (Chair), B Jones and C Brown"."""
    passage = Passage.of([piece_of(line, begin)])
    return _names_in(passage, status)


def _names_in(passage: Passage, status: AttendanceStatus) -> list[Found]:
    text = passage.text.rstrip(". ")
    councillors = bool(re.match(r"^\s*councillors?\b|^\s*cllrs?\b", text, re.I))
    prefix = re.match(r"^\s*(?:councillors?|cllrs?\.?)\s+", text, re.I)
    position = prefix.end() if prefix else 0
    found: list[Found] = []
    for part in LIST_SPLIT.split(text[position:]):
        start = text.index(part, position)
        position = start + len(part)
        piece = passage.sub(start, position)
        if not piece.text:
            continue
        line_like = _parse_passage(piece, status)
        if line_like is None:
            continue
        if councillors and line_like.attendee.role is None:
            line_like.attendee.role = "Councillor"
        found.append(line_like)
    return found


def _parse_passage(passage: Passage, status: AttendanceStatus) -> Found | None:
    text = passage.text
    match = ABBR_IN_BRACKETS.search(text)
    bracket = re.search(r"\((?P<role>[^)]+)\)", text)
    name_text = text[: bracket.start()].strip() if bracket else text.strip()
    name_text = strip_honorific(name_text)[0]
    if not (looks_like_name(name_text) or len(name_text.split()) == 1 and name_text[:1].isupper()):
        return None
    start = text.index(name_text)
    name_passage = passage.sub(start, start + len(name_text))
    attendee = Attendee(name=name_passage.text, status=status)
    attendee.source["name"] = name_passage.spans()
    role_passage = None
    if bracket:
        role_passage = passage.sub(bracket.start("role"), bracket.end("role"))
        if match and match.start() == bracket.start() and is_abbreviation(match.group("abbr")):
            _set_role(attendee, passage.sub(bracket.start()))
        else:
            _assign_role(attendee, role_passage)
    return Found(attendee, name_passage, role_passage)


def _apology_sentences(layout: Layout) -> list[Found]:
    found: list[Found] = []
    for line in layout.document.lines:
        if not layout.usable(line):
            continue
        match = APOLOGY_SENTENCE.search(line.text)
        if match is None:
            continue
        passage = _sentence_passage(layout, line, match.start("names"))
        found.extend(_names_in(passage, "apologies"))
    return found


def _sentence_passage(layout: Layout, line: Line, begin: int) -> Passage:
    pieces = [piece_of(line, begin)]
    current = line
    while not current.stripped.endswith("."):
        following = layout.next_usable(current.index)
        if following is None or not layout.continues(current, following):
            break
        pieces.append(piece_of(following))
        current = following
    passage = Passage.of(pieces)
    stop = passage.text.find(".")
    return passage.sub(0, stop) if stop >= 0 else passage


def _unique(found: list[Found]) -> list[Attendee]:
    seen: dict[str, Attendee] = {}
    for item in found:
        key = item.attendee.name.casefold()
        if key not in seen:
            seen[key] = item.attendee
        elif item.attendee.status != "present":
            seen[key].status = item.attendee.status
    return list(seen.values())


def attendee_spans(attendee: Attendee) -> list[Span]:
    """All spans an attendee was read from."""
    return [span for spans in attendee.source.values() for span in spans]
