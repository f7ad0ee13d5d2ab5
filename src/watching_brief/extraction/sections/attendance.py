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

from watching_brief.extraction.cleanup.layout import FILLER, TABLE_HEADER, Layout, is_bullet
from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.names import (
    COURTESY,
    NAME_TOKEN,
    POST_NOMINALS,
    ROLE_WORDS,
    is_abbreviation,
    is_role,
    looks_like_name,
    split_rank,
    split_tenure,
    strip_honorific,
)
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.record import AttendanceStatus, Attendee, ExtractionWarning, Span
from watching_brief.extraction.sections.roster import (
    INITIALLED,
    RunEntry,
    continues_run,
    initialled_count,
    read_group_text,
    read_run_line,
    run_line,
)

_HEADS = (
    r"attendance|attendees|attending|present(?:\s+were)?|"
    r"(?:committee\s+|board\s+|panel\s+|authority\s+)?members(?:\s+present|\s+absent)?|"
    r"others\s+in\s+attendance|"
    r"(?:non[\s-]?)?voting\s+members|councillors\s+present|"
    r"(?:\w+\s+)?(?:staff|officers|officials)(?:\s+present|\s+in\s+attendance)?|"
    r"(?:non[\s-]?members\s+)?in\s+attendance(?:\s+(?:for|at)\s+[\w\s]{3,40}?)?|"
    r"also\s+(?:present|in\s+attendance)|secretariat|guests|observers|roll\s+call|"
    r"apologies(?:\s+for\s+absence)?|apologies\s+received|attending\s+virtually|"
    r"virtual(?:\s+attendance)?|present\s+virtually|absent|not\s+present"
)
GROUP_HEADING = re.compile(
    rf"^\s*(?P<head>{_HEADS})\s*(?::\s*-?|-(?!\w)|\s*$)\s*(?P<rest>.*)$",
    re.I,
)
# The first words a group heading can start with (a cheap check before the expression).
HEAD_WORDS = frozenset(
    (
        "attendance", "attendees", "attending", "present", "committee", "board", "panel",
        "authority", "members", "others", "non", "voting", "councillors", "in", "also",
        "secretariat", "guests", "observers", "roll", "apologies", "virtual", "absent", "not",
        "staff", "officers", "officials",
    )
)  # fmt: skip
HEAD_SECOND = frozenset(["staff", "officers", "officials", "members"])


def heading_match(text: str) -> re.Match[str] | None:
    """``GROUP_HEADING.match(text)``, skipping lines whose first words cannot open one."""
    words = text[:40].lower().replace(":", " ").replace("-", " ").split(maxsplit=2)
    if not words:
        return None
    if words[0] not in HEAD_WORDS and (len(words) < 2 or words[1] not in HEAD_SECOND):
        return None
    return GROUP_HEADING.match(text)


# "2. ROLL CALL: Present: A, B" or "ROLL CALL: Board Members A, B and C".
ROLL_CALL_LINE = re.compile(
    r"^\s*(?:\d{1,3}[.)]?\s+)?(?:[A-Z]\s)?roll\s+call\s*[:–-]\s*(?P<rest>\S.*)$", re.I
)
# A numbered apologies item with its names on the line: "1. Apologies for absence: A, B".
NUMBERED_APOLOGIES = re.compile(
    r"^\s*\d{1,3}\.?\s+(?P<head>apologies(?:\s+for\s+absence)?)\s*[:\-–]\s*(?P<rest>\S.*)$",
    re.I,
)
# Inside a long run-on line: the labels that open a group of names.
INLINE_HEADING = re.compile(
    r"(?:(?<![A-Za-z])(?P<upper>PRESENT|ABSENT|(?:OFFICIALS\s+)?IN\s+ATTENDANCE|ALSO\s+PRESENT|"
    r"APOLOGIES)(?=[:\sA-Z(])|\b(?P<head>present|members|in\s+attendance|also\s+present|"
    r"secretariat|apologies|absent|attendees)\s*:-?)",
    re.I,
)
IN_ATTENDANCE: AttendanceStatus = "present"
COLUMN_NAME = re.compile(r"^\s*names?\s*:?\s*$", re.I)
COLUMN_ROLE = re.compile(r"^\s*(?:capacity|role|position|title|post)\s*:?\s*$", re.I)
APOLOGY_SENTENCE = re.compile(
    r"\b(?:apolog(?:y|ies)(?:\s+for\s+(?:absence|non-attendance))?\s+(?:were|was|had\s+been|"
    r"have\s+been)\s+(?:received|given|submitted|noted|accepted|tendered|sent|reported)|"
    r"(?:noted|received|accepted)\s+(?:the\s+)?apologies|apologies\s+received)\s+(?:from|for|of|by|on\s+behalf\s+of)"
    r"\s*(?::-?|-)?\s*(?P<names>[^.]*)",
    re.I,
)
SENTENCE_END = re.compile(r"(?<![\s.][A-Z])\.(?:\s|$)")
COMMITTEE_NUMBER = re.compile(r"^\s*(?:ref\.?\s*)?\d{1,4}(?:/\d{2,4})+\.?\s*$", re.I)
BARE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,2})*\.?\s*$")
RANKS = frozenset(["Supt", "Ch Supt", "Insp", "Ch Insp", "Sgt", "PC", "DC", "DS", "DI", "DCI"])
VIRTUAL_SUFFIX = re.compile(
    r"\s*(?:[–—-]\s*|\()(?:virtual(?:ly)?|remote(?:ly)?|online|via\s+\w+)\)?\s*$", re.I
)
# "Chief Constable: Bob Best (CC)": the capacity as a label before the name.
ROLE_LABEL = re.compile(r"^(?P<role>[A-Z][^:()]{1,60}?)\s*:\s*(?P<rest>[A-Z].*)$")
# Notes on a line that are not part of the capacity: "(part of meeting)", "and voting member".
ROLE_NOTE = re.compile(
    r"\s*(?:\((?:part(?:\s+of\s+(?:the\s+)?meeting)?|items?\s+[\d\s,&–-]+(?:only)?)\)|"
    r"\band\s+(?:a\s+)?(?:non[\s-])?voting\s+member)\s*$",
    re.I,
)
BRACKET = re.compile(r"\((?P<inner>[^()]*)\)")
DASH = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*|,\s+")
LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s*,?\s+|\s+&\s+|;\s*")
LIST_PREFIX = re.compile(r"^\s*(?:(?:and\s+)?from\s+|(?:councillors?|cllrs?\.?)\s+)+", re.I)


@dataclass(slots=True)
class Found:
    """An attendee with the passages its name and capacity were read from."""

    attendee: Attendee
    name: Passage
    role: Passage | None = None
    alternated: bool = False  # read from a name/role table flattened row by row
    guessed: bool = False  # a name split from a run of words with no separator


def _from_run(entry: RunEntry) -> Found:
    return Found(entry.attendee, entry.name, entry.role, guessed=entry.guessed)


def status_of(heading: str) -> AttendanceStatus:
    head = " ".join(heading.lower().split())
    if head.startswith("apolog"):
        return "apologies"
    if "virtual" in head:
        return "virtual"
    if head.startswith(("absent", "not present")) or head.endswith("absent"):
        return "absent"
    if any(
        word in head
        for word in ("in attendance", "also", "staff", "officers", "officials", "secretariat")
    ) or head in {"guests", "observers"}:
        return IN_ATTENDANCE
    return "present"


SUB_HEADINGS = re.compile(r"^(?:\w+\s+)?(?:members|staff|officers|officials)$", re.I)


RUN_SCAN = 80  # run-on attendance lines are looked for among the first lines only


def extract_attendees(
    layout: Layout, warnings: list[ExtractionWarning] | None = None
) -> list[Attendee]:
    """Find every attendee in the notes, in order, without duplicates.

    Names split from a run of words with no separator ("Members: Ann Abel Bob Best ...")
    are read two words at a time; ``warnings`` then gets a warning to check them.
    """
    found: list[Found] = []
    lines = layout.document.lines
    index = 0
    present_open = False
    seen_heading = False
    while index < len(lines):
        line = lines[index]
        if not layout.usable(line):
            index += 1
            continue
        if index < RUN_SCAN and run_line(line.text) and not heading_match(line.text):
            index = _read_runs(layout, index, found)
            seen_heading = True
            continue
        if not layout.free(line):
            index += 1
            continue
        roll_call = ROLL_CALL_LINE.match(line.text) if "roll" in line.text.lower() else None
        if roll_call is not None:
            seen_heading = True
            index = _read_roll_call(layout, line, roll_call, found)
            continue
        match = heading_match(line.text) or (
            NUMBERED_APOLOGIES.match(line.text) if "polog" in line.text.lower() else None
        )
        if match is None or _numbered_item_title(layout, line):
            if not seen_heading and _implicit_list_start(layout, index):
                seen_heading = True
                index = _read_group(layout, index, "present", found)
                continue
            index += 1
            continue
        seen_heading = True
        layout.consumed.add(line.index)
        head = " ".join(match.group("head").split())
        status = status_of(head)
        if present_open and SUB_HEADINGS.match(head):
            status = "present"
        else:
            present_open = status == "present" and head.lower() in {"present", "present were"}
        if match.group("rest").strip():
            index = _read_rest(layout, line, match.start("rest"), status, found)
            continue
        index = _read_group(layout, index + 1, status, found)
    found.extend(_apology_sentences(layout))
    found.extend(_substitutes(layout))
    guessed = [item for item in found if item.guessed]
    if guessed and warnings is not None:
        listed = ", ".join(item.attendee.name for item in guessed[:4])
        more = f" and {len(guessed) - 4} more" if len(guessed) > 4 else ""
        warnings.append(
            ExtractionWarning(
                code="attendance",
                message=(
                    f"attendance: {len(guessed)} names ({listed}{more}) were read two words at "
                    "a time from a list with no separators; check them"
                ),
                spans=[span for item in guessed for span in item.name.spans()],
            )
        )
    return _unique(found)


SUBSTITUTE = re.compile(
    r"\b(?:(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+(?:was|attended)\s+(?:in\s+attendance|present)?\s*as\s+(?:a\s+|the\s+)?substitute\b",
)


def _substitutes(layout: Layout) -> list[Found]:
    """ "Councillor Poland was in attendance as a substitute for ...": present."""
    found: list[Found] = []
    for line in layout.document.lines:
        if not layout.usable(line):
            continue
        if "ubstitute" not in line.text:
            continue
        for match in SUBSTITUTE.finditer(line.text):
            passage = Passage.of([piece_of(line, match.start("name"), match.end("name"))])
            attendee = Attendee(name=passage.text, status="present")
            attendee.source["name"] = passage.spans()
            found.append(Found(attendee, passage))
    return found


def _read_roll_call(
    layout: Layout, line: Line, roll_call: re.Match[str], found: list[Found]
) -> int:
    """ "2. ROLL CALL: Present: A, B" or "ROLL CALL: Board Members A, B and C"."""
    layout.consumed.add(line.index)
    inner = GROUP_HEADING.match(line.text[roll_call.start("rest") :])
    if inner is None:
        found.extend(_from_sentence(layout, line, roll_call.start("rest"), "present"))
    else:
        begin = roll_call.start("rest") + inner.start("rest")
        status = status_of(" ".join(inner.group("head").split()))
        found.extend(_from_sentence(layout, line, begin, status))
    return line.index + 1


def _read_rest(
    layout: Layout, line: Line, begin: int, status: AttendanceStatus, found: list[Found]
) -> int:
    """A heading with its names on the same line, and "Name, Role" lines after it."""
    begin += len(line.text[begin:]) - len(line.text[begin:].lstrip(" :-–"))
    if initialled_count(line.text[begin:]) >= 2:
        return _read_initialled(layout, line, begin, status, found)
    passage = _sentence_lines(layout, line, begin)
    found.extend(_names_in(passage, status))
    last = passage.pieces[-1].line if passage.pieces else line
    layout.consumed.update(piece.line.index for piece in passage.pieces)
    following = layout.next_usable(last.index)
    if (
        following is not None
        and last.index == line.index
        and parse_attendee_line(following, status) is not None
        and "," in following.text
    ):
        return _read_group(layout, following.index, status, found)
    return last.index + 1


def _read_runs(layout: Layout, index: int, found: list[Found]) -> int:
    """A run-on attendance line, and the lines that carry the run on after it."""
    lines = layout.document.lines
    line = lines[index]
    entries = read_run_line(line, IN_ATTENDANCE)
    found.extend(_from_run(entry) for entry in entries)
    layout.consumed.add(line.index)
    status = entries[-1].attendee.status if entries else "present"
    following = layout.next_usable(index)
    while following is not None and continues_run(following.text):
        if run_line(following.text):
            break
        more = read_group_text(following, 0, len(following.text), status)
        found.extend(_from_run(entry) for entry in more)
        layout.consumed.add(following.index)
        following = layout.next_usable(following.index)
    return following.index if following is not None else len(lines)


def _read_initialled(
    layout: Layout, line: Line, begin: int, status: AttendanceStatus, found: list[Found]
) -> int:
    """ "Present: A Smith (AS) : Role B Jones (BJ) : Role", and the lines carrying it on."""
    entries = read_group_text(line, begin, len(line.text), status)
    following = layout.next_usable(line.index)
    while (
        following is not None
        and not heading_match(following.text)
        and initialled_count(following.text) >= 1
    ):
        layout.consumed.add(following.index)
        entries.extend(read_group_text(following, 0, len(following.text), status))
        following = layout.next_usable(following.index)
    found.extend(_from_run(entry) for entry in entries)
    return following.index if following is not None else len(layout.document.lines)


def _implicit_list_start(layout: Layout, index: int) -> bool:
    """An unheaded list of members at the top: two bulleted name lines in a row, or two
    attendee lines straight after the header (date, venue) that give a capacity."""
    lines = layout.document.lines
    line = lines[index]
    if index > 80:
        return False
    following = layout.next_usable(index)
    if following is None:
        return False
    if is_bullet(line.text):
        return (
            is_bullet(following.text)
            and parse_attendee_line(line, "present") is not None
            and parse_attendee_line(following, "present") is not None
        )
    previous = layout.previous_usable(index)
    if previous is None or previous.index not in layout.consumed or not layout.free(following):
        return False  # not straight after the header
    first = parse_attendee_line(line, "present")
    second = parse_attendee_line(following, "present")
    return (
        first is not None
        and second is not None
        and any(e.role is not None or e.attendee.abbrev for e in (first, second))
    )


def _numbered_item_title(layout: Layout, line: Line) -> bool:
    """ "APOLOGIES FOR ABSENCE" right after an item number is an item's title."""
    previous = layout.previous_usable(line.index)
    if previous is None:
        return False
    in_number_column = previous.cell is not None and previous.cell.column != line.cell_column
    return bool(BARE_NUMBER.match(previous.text) or COMMITTEE_NUMBER.match(previous.text)) and (
        in_number_column or previous.cell is None
    )


FOOTNOTE_MARK = re.compile(r"^\s*(?:\((?:\d{1,2}|[A-Z][A-Za-z]{1,3})\)?\s*)+$")


def _read_group(layout: Layout, index: int, status: AttendanceStatus, found: list[Found]) -> int:
    """Read attendee lines (or name/capacity columns) after a group heading."""
    lines = layout.document.lines
    gap = False
    first = len(found)
    # A group under the next heading of a name/role table is laid out the same way.
    alternating = (
        bool(found) and found[-1].alternated and index - found[-1].name.pieces[-1].line.index < 12
    )
    expect_role = False
    while index < len(lines):
        line = lines[index]
        if not layout.usable(line):
            if (
                not line.blank
                and len(found) > first
                and _role_line_in_furniture(
                    layout, line, alternating and expect_role, len(found) - first == 1
                )
            ):
                alternating, expect_role, gap = True, False, False
                _take_role(found[-1], line)
            gap = gap or line.blank
            index += 1
            continue
        text = line.stripped
        if _passed_over(layout, line):
            index += 1
            continue
        if COLUMN_NAME.match(text):
            index = _read_columns(layout, index, status, found)
            gap = False
            continue
        if heading_match(text) or run_line(text):
            return index
        if alternating and expect_role and len(text) <= 90:
            expect_role = gap = False
            _take_role(found[-1], line)
            layout.consumed.add(line.index)
            index += 1
            continue
        if _read_list_line(layout, line, status, found):
            index += 1
            continue
        parsed = parse_attendee_line(line, status)
        if parsed is None:
            if _starts_alternation(layout, line, found, first):
                alternating = expect_role = True
                continue
            return _role_column(layout, index, found, first)
        if gap and not alternating and not _plausible_after_gap(parsed) and len(found) > first:
            return index
        found.append(parsed)
        layout.consumed.add(line.index)
        gap = False
        expect_role = alternating
        index += 1
    return index


def _passed_over(layout: Layout, line: Line) -> bool:
    """Table headers, item numbers, footnote marks and "None." inside a group."""
    text = line.stripped
    if FILLER.match(text):
        layout.consumed.add(line.index)
        return True
    return bool(
        BARE_NUMBER.match(text)
        or FOOTNOTE_MARK.match(text)
        or (TABLE_HEADER.match(text) and not COLUMN_NAME.match(text))
    )


def _read_list_line(
    layout: Layout, line: Line, status: AttendanceStatus, found: list[Found]
) -> bool:
    """Several people on one line: "A Smith (AS) B Jones (BJ)" or "A Smith, B Jones and C"."""
    count = len(INITIALLED.findall(line.text))
    first = INITIALLED.search(line.text) if count == 1 else None
    wrapped = (  # a grid row whose first names lost their initials to the next line
        first is not None
        and found
        and found[-1].attendee.abbrev is not None
        and first.start() > 0
        and all(
            NAME_TOKEN.match(word) and word.lower() not in ROLE_WORDS
            for word in line.text[: first.start()].split()[:4]
        )
    )
    if count >= 2 or wrapped:
        entries = read_group_text(line, 0, len(line.text), status)
        found.extend(_from_run(entry) for entry in entries)
    elif _is_list_line(line.stripped):
        found.extend(_names_in(Passage.of([piece_of(line)]), status))
    else:
        return False
    layout.consumed.add(line.index)
    return True


def _role_line_in_furniture(layout: Layout, line: Line, expected: bool, first_entry: bool) -> bool:
    """A role line of a name/role table that the page-furniture finder took for a running
    header (the same role repeated down the table)."""
    if _is_name(_without_brackets(line.stripped)) or len(line.stripped) > 90:
        return False
    if expected:
        return True
    if not first_entry:
        return False
    following = next((ln for ln in layout.document.lines[line.index + 1 :] if not ln.blank), None)
    return following is not None and parse_attendee_line(following, "present") is not None


def _starts_alternation(layout: Layout, line: Line, found: list[Found], first: int) -> bool:
    """Names and roles on alternate lines (a two-column table flattened row by row):
    one name read, then a role line, then another name line."""
    if len(found) - first != 1:
        return False
    following = layout.next_usable(line.index)
    return following is not None and parse_attendee_line(following, "present") is not None


def _take_role(entry: Found, line: Line) -> None:
    entry.alternated = True
    passage = Passage.of([piece_of(line)])
    entry.role = passage
    entry.attendee.role = passage.text
    entry.attendee.source["role"] = passage.spans()


ROLE_JOINER = re.compile(r"(?:[–—&,/-]|\b(?:of|and|for|the|to))\s*$", re.I)


def _role_column(layout: Layout, index: int, found: list[Found], first: int) -> int:
    """A column of names followed by a column of their roles in the same order.

    The roles are paired with the names only when, after joining lines that end with a
    dash, "&", "of" or "and" to the next, there are exactly as many roles as names.
    """
    lines = layout.document.lines
    entries = found[first:]
    if len(entries) < 2 or any(entry.role is not None for entry in entries):
        return index
    roles: list[list[Line]] = []
    position = index
    while position < len(lines) and len(roles) <= len(entries):
        line = lines[position]
        if not layout.usable(line):
            if line.blank and roles:
                break
            position += 1
            continue
        text = line.stripped
        if heading_match(text) or _is_name(_without_brackets(text)) or len(text) > 90:
            break
        if roles and ROLE_JOINER.search(roles[-1][-1].stripped):
            roles[-1].append(line)
        else:
            roles.append([line])
        position += 1
    if len(roles) != len(entries):
        return index
    for entry, role_lines in zip(entries, roles, strict=True):
        passage = Passage.of([piece_of(line) for line in role_lines])
        entry.role = passage
        entry.attendee.role = passage.text
        entry.attendee.source["role"] = passage.spans()
        layout.consumed.update(line.index for line in role_lines)
    return position


def _is_list_line(text: str) -> bool:
    """ "Councillors A, B and C" or "A Smith, B Jones and C Brown" on one line."""
    if re.match(r"^\s*(?:councillors|cllrs)\b", text, re.I):
        return True
    parts = LIST_SPLIT.split(text.rstrip("."))
    least = 2 if BRACKET.search(text) else 3
    return len(parts) >= least and all(looks_like_name(BRACKET.sub("", p)) for p in parts)


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
    brackets = list(BRACKET.finditer(passage.text))
    outside = _outside_brackets(passage, brackets)
    if outside is not None:
        _assign_role(attendee, outside)
    for bracket in brackets:
        _bracket(attendee, passage.sub(bracket.start("inner"), bracket.end("inner")))


def _outside_brackets(passage: Passage, brackets: list[re.Match[str]]) -> Passage | None:
    """The role text with its bracketed parts left out (the text before the first one,
    or after the last one when nothing comes before)."""
    if not brackets:
        return passage
    before = passage.text[: brackets[0].start()].strip(" ,–—-")
    if before:
        return passage.sub(0, brackets[0].start())
    after_start = brackets[-1].end()
    after = passage.text[after_start:]
    lead = len(after) - len(after.lstrip(" ,–—-"))
    return passage.sub(after_start + lead) if after.strip(" ,–—-") else None


def _bracket(attendee: Attendee, inner: Passage) -> None:
    """A bracketed part: an abbreviation, a capacity such as "(Chair)", or a note."""
    text = inner.text
    if is_abbreviation(text) or split_tenure(text)[0] in RANKS:
        abbrev, tenure = split_tenure(text)
        attendee.abbrev = abbrev
        attendee.source["abbrev"] = inner.sub(len(text) - len(abbrev)).spans()
        attendee.tenure = attendee.tenure or tenure  # type: ignore[assignment]
    elif text[:1].isupper() and is_role(text):
        attendee.role = text
        attendee.source["role"] = inner.spans()


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
    """Read one attendance line in any of the line forms, or None if it is not one.

    "Name (ABBR) – Role", "Name (ABBR) Role", "Name – Role (ABBR)", "Name, Role",
    "Role – Name (ABBR)" and "Councillor Name (Chair)".
    """
    passage = Passage.of([piece_of(line)])
    text = passage.text.lstrip("•●▪-–— ")
    passage = passage.sub(len(passage.text) - len(text))
    note = ROLE_NOTE.search(text)
    if note is not None:
        text = text[: note.start()]
        passage = passage.sub(0, note.start())
    return _parse_entry(passage, status)


def _parse_entry(passage: Passage, status: AttendanceStatus) -> Found | None:
    text = passage.text
    if not text or len(text) > 160 or (text.endswith(".") and len(text.split()) > 12):
        return None
    rank, rest = split_rank(_without_brackets(text.split(",")[0]).split(" – ")[0])
    if rank and text.startswith(rank):
        found = _parse_entry(
            passage.sub(len(rank) + (len(text[len(rank) :]) - len(text[len(rank) :].lstrip()))),
            status,
        )
        if found is not None and found.attendee.role is None:
            rank_passage = passage.sub(0, len(rank))
            found.attendee.role = rank_passage.text
            found.attendee.source["role"] = rank_passage.spans()
            found.role = rank_passage
        return found
    labelled = ROLE_LABEL.match(text)
    if labelled is not None and is_role(labelled.group("role")):
        found = _parse_entry(passage.sub(labelled.start("rest")), status)
        if found is not None and found.attendee.role is None:
            role = passage.sub(0, labelled.end("role"))
            found.attendee.role = role.text
            found.attendee.source["role"] = role.spans()
            found.role = role
        return found
    virtual = VIRTUAL_SUFFIX.search(text)
    if virtual is not None:
        status = "virtual"
        text = text[: virtual.start()]
        passage = passage.sub(0, virtual.start())
    first_bracket = BRACKET.search(text)
    if first_bracket is not None and _is_name(text[: first_bracket.start()]):
        return _build(passage, (0, first_bracket.start()), first_bracket.start(), status)
    segments = _segments(text)
    name_end = segments[0][1]
    if _is_name(_without_brackets(text[:name_end])):
        return _build(passage, (0, name_end), name_end, status)
    last_start = segments[-1][0]
    if len(segments) > 1 and _is_name(_without_brackets(text[last_start:])):
        last_name = BRACKET.search(text, last_start)
        stop = last_name.start() if last_name else len(text)
        found = _build(passage, (last_start, stop), len(text), status)
        _set_role(found.attendee, passage.sub(0, segments[-2][1]))
        if last_name is not None:
            _set_role(found.attendee, passage.sub(last_name.start()))
        found.role = passage.sub(0, segments[-2][1])
        return found
    return _name_then_role(passage, status)


def _name_then_role(passage: Passage, status: AttendanceStatus) -> Found | None:
    """ "Dr R. Steyn Medical Director": a name, then capacity words with no separator."""
    words = list(re.finditer(r"\S+", passage.text))
    for position, word in enumerate(words):
        if word.group(0).lower().strip(",.") in ROLE_WORDS:
            if position < 2 or not _is_name(passage.text[: word.start()]):
                return None
            return _build(passage, (0, words[position - 1].end()), word.start(), status)
    return None


def _is_name(text: str) -> bool:
    name, councillor = strip_honorific(text.strip(" ,–—-"))
    return looks_like_name(name) or (councillor and bool(name))


def _without_brackets(text: str) -> str:
    return BRACKET.sub("", text).strip(" ,–—-")


def _segments(text: str) -> list[tuple[int, int]]:
    """Ranges of the parts of ``text`` between dashes and commas outside brackets."""
    depth = 0
    cuts: list[tuple[int, int]] = []
    for match in DASH.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth == 0:
            cuts.append((match.start(), match.end()))
    segments: list[tuple[int, int]] = []
    position = 0
    for cut_start, cut_end in cuts:
        segments.append((position, cut_start))
        position = cut_end
    segments.append((position, len(text)))
    return segments


def _build(
    passage: Passage, name_range: tuple[int, int], rest_start: int, status: AttendanceStatus
) -> Found:
    raw = passage.sub(*name_range)
    name, councillor = strip_honorific(raw.text.strip(" ,–—-"))
    start = raw.text.index(name)
    name_passage = raw.sub(start, start + len(name))
    attendee = Attendee(name=name, status=status, role="Councillor" if councillor else None)
    attendee.source["name"] = name_passage.spans()
    rest = passage.sub(rest_start)
    lead = len(rest.text) - len(rest.text.lstrip(" ,–—-:"))
    rest = rest.sub(lead)
    role_passage = rest if rest.text else None
    if role_passage is not None:
        _set_role(attendee, role_passage)
    return Found(attendee, name_passage, role_passage)


def _from_sentence(layout: Layout, line: Line, begin: int, status: AttendanceStatus) -> list[Found]:
    """ "Present: Councillors A Smith (Chair), B Jones and C Brown", over its lines."""
    passage = _sentence_lines(layout, line, begin)
    layout.consumed.update(piece.line.index for piece in passage.pieces)
    return _names_in(passage, status)


CARRIES_ON = re.compile(r"(?:[,;]|\band|\b[A-Z][a-z]+s)\s*$")


def _sentence_lines(layout: Layout, line: Line, begin: int) -> Passage:
    """A list that runs on over lines ending with a comma, "and", or "Commissioners"."""
    pieces = [piece_of(line, begin)]
    current = line
    while CARRIES_ON.search(current.text) and len(pieces) < 6:
        following = layout.next_usable(current.index)
        if (
            following is None
            or heading_match(following.text)
            or re.match(r"\s*\d{1,3}[.)]?\s", following.text)
            or layout.gap_between(current, following)
        ):
            break
        pieces.append(piece_of(following))
        current = following
    return Passage.of(pieces)


def _names_in(passage: Passage, status: AttendanceStatus) -> list[Found]:
    """People listed in a sentence: "Councillors A Smith (Chair), B Jones and C Brown".

    With semicolons, each part between them is one person and whatever else it holds
    is their capacity ("the Clerk to the Authority, Mr M F Powis; ..."). Post-nominal
    letters after a comma ("Sir John Grugeon, DL (Chairman)") are not list entries.
    """
    text = passage.text.rstrip(". ")
    if text.count(";") >= 1 and _semicolon_list(text):
        found: list[Found] = []
        for start, end in _parts(text, SEMICOLON_SPLIT):
            found.extend(_chunk(passage.sub(start, end), status))
        return found
    return _comma_list(passage.sub(0, len(text)), status)


SEMICOLON_SPLIT = re.compile(r";\s*(?:and\s+)?")
POST_NOMINAL_COMMA = re.compile(
    r",\s*(?:" + "|".join(sorted(POST_NOMINALS, key=len, reverse=True)) + r")\b\.?"
)


def _semicolon_list(text: str) -> bool:
    """Each part between semicolons holds one or two people."""
    parts = [part for part in re.split(r";", text) if part.strip()]
    return len(parts) >= 2


def _parts(text: str, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    """Ranges of ``text`` between the splitter's matches, outside brackets."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for match in splitter.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth > 0:
            continue
        ranges.append((position, match.start()))
        position = match.end()
    ranges.append((position, len(text)))
    return [(start, end) for start, end in ranges if text[start:end].strip()]


def _chunk(passage: Passage, status: AttendanceStatus) -> list[Found]:
    """One semicolon part: its people, and for a single person the rest as capacity."""
    found = _comma_list(passage, status, roles_follow=False)
    if len(found) != 1:
        return found
    entry = found[0]
    name_spans = entry.attendee.source["name"]
    offset = name_spans[0].start - passage.spans()[0].start if name_spans else 0
    end = offset + len(entry.name.text)
    before = re.sub(r"(?:,?\s*\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?)+\s*$", "", passage.text[:offset])
    before = before.strip(" ,")
    after_text = passage.text[end:]
    after_text = POST_NOMINAL_COMMA.sub(lambda m: " " * len(m.group(0)), after_text)
    after = after_text.strip(" ,")
    role_range: tuple[int, int] | None = None
    if after and not after.startswith("("):
        start = end + after_text.index(after)
        role_range = (start, start + len(after))
    elif before and is_role(before):
        lead = re.match(r"(?i)\s*(?:the\s+)?", passage.text)
        start = lead.end() if lead else 0
        role_range = (
            start,
            start + len(before) - (start - (len(passage.text) - len(passage.text.lstrip()))),
        )
    if role_range is not None:
        role = passage.sub(*role_range).strip_end(" ,")
        if role.text:
            entry.role = role
            entry.attendee.role = role.text
            entry.attendee.source["role"] = role.spans()
    return found


def _comma_list(
    passage: Passage, status: AttendanceStatus, roles_follow: bool = True
) -> list[Found]:
    text = passage.text
    masked = POST_NOMINAL_COMMA.sub(lambda m: " " * len(m.group(0)), text)
    councillors = bool(LIST_PREFIX.match(text))
    parts = _parts(masked, LIST_SPLIT)
    surnames = len(parts) >= 2 and all(
        re.fullmatch(r"[A-Z][\w'’-]+", masked[start:end].strip()) for start, end in parts
    )
    councillors = councillors or (surnames and roles_follow)
    found: list[Found] = []
    seen_other = False
    carry: str | None = None
    for start, end in _merge_posts(masked, parts):
        part = masked[start:end]
        lead = LIST_PREFIX.match(part)
        offset = lead.end() if lead else 0
        piece = passage.sub(start + offset, end).strip_end(" ,")
        if not piece.text.strip():
            continue
        lead_space = len(piece.text) - len(piece.text.lstrip())
        piece = piece.sub(lead_space)
        councillor = councillors or bool(lead and "c" in lead.group(0)[:2].lower())
        entry = _list_entry(piece, status, councillor, carry is not None)
        title = _title_before_surname(piece.text.split(" (")[0].strip())[0]
        if title:
            carry = title[:-1] if title.endswith("s") else None
        elif entry is not None and carry is not None and entry.attendee.role is None:
            entry.attendee.role = carry
        joined = start == 0 or re.search(r"\band\s*$|&\s*$", masked[:start]) is not None
        if entry is not None and (roles_follow or not found or (not seen_other and joined)):
            found.extend(_split_double(entry, piece, status))
        elif entry is None and found:
            seen_other = True
        if entry is not None:
            continue
        if roles_follow and found and is_role(piece.text) and found[-1].role is None:
            found[-1].role = piece
            _assign_role(found[-1].attendee, piece)
    return found


def _merge_posts(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join "Recreation" and "Parks Director Cy Cole": a post with "and" in it, before a name."""
    merged: list[tuple[int, int]] = []
    for start, end in parts:
        if merged:
            previous = text[merged[-1][0] : merged[-1][1]].strip()
            joined = text[merged[-1][0] : end]
            if (
                re.fullmatch(r"[A-Z][a-z]+", previous)
                and re.fullmatch(r"\s+and\s+", text[merged[-1][1] : start])
                and split_rank(joined.strip())[0]
                and not split_rank(text[start:end].strip())[0].startswith(previous)
            ):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _split_double(entry: Found, piece: Passage, status: AttendanceStatus) -> list[Found]:
    """ "Lynne Featherstone Elizabeth Howlett": two two-word names whose comma was lost."""
    words = entry.attendee.name.split()
    if (
        len(words) != 4
        or entry.attendee.role is not None
        or any(len(word.rstrip(".")) == 1 for word in words)
        or not all(NAME_TOKEN.match(word) for word in words)
    ):
        return [entry]
    start = piece.text.find(entry.attendee.name)
    if start < 0:
        return [entry]
    middle = piece.text.index(words[2], start + len(words[0]) + len(words[1]) + 1)
    first = _build(piece, (start, middle), middle, status)
    second = _build(piece, (middle, start + len(entry.attendee.name)), len(piece.text), status)
    first.attendee.role = second.attendee.role = None
    return [first, second]


def _title_before_surname(text: str) -> tuple[str, str]:
    """ "Chair Owens", "Board Members Hoffman", "Vice Chair Vice Chair Rauk": a post written
    before a surname (roll calls list members so)."""
    match = re.match(
        r"^(?P<title>(?:(?:Acting|Vice|Deputy)[\s-])*(?:Chair(?:man|person)?|President|"
        r"Commissioners?|(?:Board\s*|Committee\s+|Council\s*)?[Mm]embers?|Boardmembers?|"
        r"Mayor|Councilmembers?|Trustees?|Directors?|Supervisors?)"
        r"(?:\s+(?:Vice[\s-])?Chair)*)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)$",
        text,
    )
    if match is None:
        return "", text
    return match.group("title"), match.group("name")


def _list_entry(
    piece: Passage, status: AttendanceStatus, councillor: bool, carried: bool = False
) -> Found | None:
    """One name in a list, with what its brackets say (role, abbreviation)."""
    bracket = BRACKET.search(piece.text)
    dash = re.search(r"\s[–—-]\s", piece.text)
    name_end = min(
        bracket.start() if bracket else len(piece.text), dash.start() if dash else len(piece.text)
    )
    name_text = piece.text[:name_end].strip()
    rank, rest = split_rank(name_text)
    if not rank:
        rank, rest = _title_before_surname(name_text)
    if rank:
        found = _list_entry(piece.sub(piece.text.index(rest, len(rank))), status, councillor, True)
        if found is not None and found.attendee.role is None:
            rank_passage = piece.sub(0, len(rank))
            found.attendee.role = re.sub(r"(?<=[a-z])s$", "", rank_passage.text)
            found.attendee.source["role"] = rank_passage.spans()
        return found
    courtesy = COURTESY.match(name_text) is not None or carried
    bare, had_title = strip_honorific(name_text)
    peer = len(bare.split()) == 2 and bare.split()[0] in {"Lady", "Lord"}
    single = peer or (
        len(bare.split()) == 1
        and bare[:1].isupper()
        and (councillor or had_title or courtesy)
        and not bare.endswith(("’s", "'s"))
    )
    if not (looks_like_name(bare) or single) or is_role(bare):
        return None
    found = _build(piece, (0, name_end), name_end, status)
    if found.attendee.role is None and (councillor or had_title):
        found.attendee.role = "Councillor"
    return found


def _apology_sentences(layout: Layout) -> list[Found]:
    found: list[Found] = []
    for line in layout.document.lines:
        if not layout.usable(line):
            continue
        lowered = line.text.lower()
        if "apolog" not in lowered:
            continue
        match = APOLOGY_SENTENCE.search(line.text)
        if match is None:
            continue
        if not match.group("names").strip(" :-"):
            _read_group(layout, line.index + 1, "apologies", found)
            continue
        passage = _sentence_passage(layout, line, match.start("names"))
        found.extend(_names_in(passage, "apologies"))
    return found


def _sentence_passage(layout: Layout, line: Line, begin: int) -> Passage:
    passage = layout.read_on(line, begin)
    pieces = passage.pieces
    for position, piece in enumerate(pieces[1:], start=1):
        if re.match(r"\d{1,3}[.)]?\s+[A-Z]", piece.text) or GROUP_HEADING.match(piece.text):
            passage = Passage.of(pieces[:position])
            break
    stop = SENTENCE_END.search(passage.text)
    return passage.sub(0, stop.start()) if stop is not None else passage


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
