"""Attendance run together on one line: lists that lost their line breaks.

Web archives and PDF text layers often flatten an attendance table into one long line:
"PRESENT: Mrs A Connolly (Chair) Mr J Blair ABSENT: Mrs J Bunting IN ATTENDANCE: Mr S
Byrne, Chief Constable ...", "Attendees AC Martin Hewitt NPCC Chair CC Andy Marsh Avon and
Somerset ...", or "Members: Alan Yates Julie Dawes ... In Attendance: ...". This module
finds the group labels inside such a line and splits each group into people at the
markers that open a name: a courtesy title (Mr, Dr, Councillor ...) or a rank written
before the name (CC, DCC, Superintendent ...). Names without any marker directly after a
label are read two words at a time, the commonest shape of a name, and only while no
capacity word interrupts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watching_brief.extraction.document import Line
from watching_brief.extraction.fields.names import NAME_TOKEN, ROLE_WORDS, strip_post_nominals
from watching_brief.extraction.passage import Passage, piece_of
from watching_brief.extraction.record import AttendanceStatus, Attendee

# Group labels inside a run: upper-case labels need no colon, others do.
# The look-ahead holds every character a label can start with (in any case: "ſ" is an
# "s", "ı" and "İ" are "i"); it only saves the alternatives' work at other positions.
RUN_HEADING = re.compile(
    r"(?=[A-Zpmiasoſıİ])"
    r"(?:(?<![A-Za-z])(?P<head>PRESENT(?:\s+WERE)?|ABSENT|NOT\s+PRESENT|"
    r"(?:[A-Z]+\s+)?IN\s+ATTENDANCE|ALSO\s+PRESENT|APOLOGIES|ATTENDEES)(?=[\s:(]|[A-Z][a-z])"
    r"|\b(?P<label>(?i:present|members|in\s+attendance|also\s+present|secretariat|apologies|"
    r"absent|attendees|attending|officers|staff))\s*:-?"
    r"|\b(?P<cap>Present|Apologies|In\s+attendance|Absent)(?=\s+[A-Z][a-z]+\s+[A-Z])"
    r"|^(?P<lead>(?i:attendees|present|in\s+attendance(?:\s+for\s+(?:specific\s+)?items?)?))"
    r"\s+(?=[A-Z]))"
)
TITLE_MARK = r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Councillor|Cllr|Revd?"
RANK_MARK = (
    r"PC|DC|PS|DS|DI|DCI|Supt|Ch\s+Supt|ACC|DCC|CC|AC|DAC|DDG|Cmdr|Chief\s+Superintendent|"
    r"Superintendent|Chief\s+Inspector|Inspector|Sergeant|Commander"
)
MARKER = re.compile(
    rf"(?:(?<![A-Za-z])|(?<=[A-Za-z)])(?=Councillor|Professor))"
    rf"(?:(?P<title>{TITLE_MARK})\.?|(?P<rank>{RANK_MARK}))\s+(?=[A-Z])"
)
# Where a run of names ends: an item number, a minute number, a footnote after names.
RUN_END = re.compile(r"\s\d{1,3}\.\s+[A-Z]|\b\d{3,}/\d{2}\b|\s\(\d{1,2}\)\s+[A-Z][a-z]+\s+\d")
FOOTNOTES = re.compile(r"^(?:\s*\(\d{1,2}\))+")
STOP_CHARS = re.compile(r"[,(&;:]|\s\d")
MIN_RUN = 150
# "Christina Edwards (CE) : Role" and "Lola Banjoko (nominated deputy for ...) (LB) Role".
INITIALLED = re.compile(
    rf"(?:(?:{TITLE_MARK})\.?\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,2}})\s*"
    r"(?:\([^()]{4,120}\)\s*)?\((?P<abbrev>[A-Z][A-Za-z]{1,3})\)"
)
ITEM_NOTE = re.compile(r"\s*\((?:items?|part)\b[^()]*\)\s*$", re.I)
RUN_HINTS = ("present", "attend", "absent", "apolog", "members", "secretariat", "officers", "staff")


@dataclass(slots=True)
class RunEntry:
    """A person read from a run: name and role passages."""

    attendee: Attendee
    name: Passage
    role: Passage | None
    guessed: bool = False  # split two words at a time: the text gave no separator


def run_line(text: str) -> bool:
    """A long line holding a whole attendance group or several ("PRESENT: ... ABSENT: ...")."""
    if len(text) < 60:
        return False
    lowered = text.lower()
    if not any(hint in lowered for hint in RUN_HINTS):
        return False
    head = RUN_HEADING.search(text)  # the first label is all that is needed
    if head is None:
        return False
    if head.group("lead") and len(text) >= 60 and len(MARKER.findall(text)) >= 3:
        return True  # "Attendees CC A B Force DCC C D Force ..."
    if len(text) < MIN_RUN:
        return False
    if len(INITIALLED.findall(text)) >= 3:
        return True
    markers = len(MARKER.findall(text[head.end() :]))
    least = 2 if head.group("lead") else 3
    return markers >= least or _bare_run_after(text, head.end()) >= 6


def _status(head: str, in_attendance: AttendanceStatus) -> AttendanceStatus:
    head = " ".join(head.lower().split())
    if head.startswith("apolog"):
        return "apologies"
    if head.startswith(("absent", "not present")):
        return "absent"
    if "in attendance" in head or head in {"also present", "secretariat", "officers", "staff"}:
        return in_attendance
    return "present"


def read_run_line(line: Line, in_attendance: AttendanceStatus) -> list[RunEntry]:
    """Everyone named in the groups of a run-on line."""
    text = line.text
    heads = list(RUN_HEADING.finditer(text))
    found: list[RunEntry] = []
    for position, head in enumerate(heads):
        stop = heads[position + 1].start() if position + 1 < len(heads) else len(text)
        end = RUN_END.search(text, head.end(), stop)
        if end is not None:
            stop = end.start()
        label = head.group("head") or head.group("label") or head.group("lead") or head.group("cap")
        found.extend(read_group_text(line, head.end(), stop, _status(label, in_attendance)))
    return found


def continues_run(text: str) -> bool:
    """A line with no label that carries on the run before it (a page break inside it)."""
    return len(text) >= MIN_RUN and len(MARKER.findall(text)) >= 4


def read_group_text(line: Line, begin: int, stop: int, status: AttendanceStatus) -> list[RunEntry]:
    """People in ``line.text[begin:stop]``, split at name markers."""
    text = line.text
    lead = FOOTNOTES.match(text[begin:stop])
    if lead is not None:
        begin += lead.end()
    initialled = list(INITIALLED.finditer(text, begin, stop))
    if len(initialled) >= 2 or (initialled and initialled[0].start() - begin < 30):
        return _initialled_entries(line, begin, initialled, stop, status)
    markers = [m for m in MARKER.finditer(text, begin, stop)]
    found: list[RunEntry] = []
    first_marker = markers[0].start() if markers else stop
    found.extend(_bare_pairs(line, begin, first_marker, status))
    for position, marker in enumerate(markers):
        end = markers[position + 1].start() if position + 1 < len(markers) else stop
        entry = _marked_entry(line, marker, end, status)
        if entry is not None:
            found.append(entry)
    return found


def _is_name_word(token: str) -> bool:
    return bool(NAME_TOKEN.match(token)) and token.lower().strip(".") not in ROLE_WORDS


def _bare_run_after(text: str, begin: int) -> int:
    count = 0
    for token in text[begin:].split():
        if not _is_name_word(token) or len(token) == 1:
            break
        count += 1
    return count


def _bare_pairs(
    line: Line, begin: int, stop: int, status: AttendanceStatus, least: int = 4
) -> list[RunEntry]:
    """ "Alan Yates Julie Dawes Jon Allen": unmarked names, two words each."""
    words = list(re.finditer(r"\S+", line.text[begin:stop]))
    run: list[re.Match[str]] = []
    for word in words:
        token = word.group(0)
        if not _is_name_word(token) or len(token) == 1 or re.match(r"[A-Z]{3}", token):
            break
        run.append(word)
    found: list[RunEntry] = []
    if len(run) < 2:
        return found
    if len(run) < least or (least == 2 and len(run) % 2):
        run = run[:2]
    for first in range(0, len(run) - 1, 2):
        start = begin + run[first].start()
        end = begin + run[first + 1].end()
        passage = Passage.of([piece_of(line, start, end)])
        attendee = Attendee(name=passage.text, status=status)
        attendee.source["name"] = passage.spans()
        found.append(RunEntry(attendee, passage, None, guessed=len(run) >= 4))
    return found


def _marked_entry(
    line: Line, marker: re.Match[str], end: int, status: AttendanceStatus
) -> RunEntry | None:
    """ "Mr Simon Byrne, Chief Constable" or "CC Andy Marsh Avon and Somerset"."""
    text = line.text
    start = marker.end()
    limit = STOP_CHARS.search(text, start, end)
    name_stop = limit.start() if limit else end
    words = list(re.finditer(r"\S+", text[start:name_stop]))
    taken: list[re.Match[str]] = []
    most = 2 if marker.group("rank") else 3
    for word in words:
        token = word.group(0)
        if not _is_name_word(token) or len(taken) >= most:
            break
        if token.isupper() and len(token) > 3 and taken:
            break
        taken.append(word)
    if not taken or taken[-1].group(0).endswith(("’s", "'s")):
        return None
    if len(taken) == 1 and not marker.group("title"):
        return None
    after = re.match(r"\s+([a-z]+)", text[start + taken[-1].end() : end])
    if after is not None and after.group(1) not in {"and", "of"}:
        return None  # "Miss Mangan was welcomed ...": prose, not a list
    name_end = start + taken[-1].end()
    name_passage = Passage.of([piece_of(line, start, name_end)])
    name = strip_post_nominals(name_passage.text)
    attendee = Attendee(name=name, status=status)
    attendee.source["name"] = name_passage.spans()
    role: Passage | None = None
    if marker.group("rank"):
        rank = Passage.of([piece_of(line, marker.start("rank"), marker.end("rank"))])
        attendee.role = rank.text
        attendee.source["role"] = rank.spans()
    elif marker.group("title") and marker.group("title").startswith(("Councillor", "Cllr")):
        attendee.role = "Councillor"
    tail = text[name_end:end]
    bracket = re.match(r"\s*\((?P<inner>[^()]{2,60})\)", tail)
    comma = re.match(r"\s*,\s*(?P<inner>[^,(][^()]*?(?:\([^()]*\))?)\s*$", tail)
    for found in (bracket, comma):
        if found is not None:
            inner = found.group("inner").strip(" ,.")
            begin = name_end + found.start("inner")
            role = Passage.of([piece_of(line, begin, begin + len(inner))])
            if role.text and not re.match(r"(?i)part\b|items?\s+\d", role.text):
                attendee.role = role.text
                attendee.source["role"] = role.spans()
            break
    return RunEntry(attendee, name_passage, role)


def initialled_count(text: str) -> int:
    """How many "Name (XX)" entries a line holds (two when the line opens with one)."""
    return max(len(INITIALLED.findall(text)), 2 if INITIALLED.match(text.strip()) else 0)


def _name_start(line: Line, match: re.Match[str], after_text: bool) -> int:
    """Where the name of a "Name (XX)" match starts: a three-word name that follows other
    text keeps its last two words (the first belongs to what came before)."""
    words = match.group("name").split()
    if len(words) == 3 and after_text:
        return line.text.index(words[1], match.start("name") + len(words[0]))
    return match.start("name")


def _initialled_entries(
    line: Line, begin: int, matches: list[re.Match[str]], stop: int, status: AttendanceStatus
) -> list[RunEntry]:
    """Each "Name (XX)" with the capacity that follows it, up to the next name. Names whose
    initials were wrapped away ("Ann Abel Bob Best (BB)") are read two words at a time."""
    found: list[RunEntry] = []
    if not matches:
        return found
    first_start = _name_start(line, matches[0], bool(line.text[begin : matches[0].start()].strip()))
    if line.text[begin:first_start].strip():
        found.extend(_bare_pairs(line, begin, first_start, status, least=2))
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else stop
        name_start = first_start if position == 0 else _name_start(line, match, True)
        name = Passage.of([piece_of(line, name_start, match.end("name"))])
        attendee = Attendee(name=name.text, status=status)
        attendee.source["name"] = name.spans()
        abbrev = Passage.of([piece_of(line, match.start("abbrev"), match.end("abbrev"))])
        attendee.abbrev = abbrev.text
        attendee.source["abbrev"] = abbrev.spans()
        tail = line.text[match.end() : end]
        note = ITEM_NOTE.search(tail)
        if note is not None:
            tail = tail[: note.start()]
        lead = len(tail) - len(tail.lstrip(" :–-"))
        role_text = tail.strip(" :–-")
        role: Passage | None = None
        names_only = _bare_pairs(line, match.end() + lead, match.end() + len(tail), status, 2)
        if names_only and " ".join(e.attendee.name for e in names_only) == role_text:
            found.append(RunEntry(attendee, name, None))
            found.extend(names_only)
            continue
        if role_text and len(role_text) < 120:
            begin = match.end() + lead
            role = Passage.of([piece_of(line, begin, begin + len(role_text))])
            attendee.role = role.text
            attendee.source["role"] = role.spans()
        found.append(RunEntry(attendee, name, role))
    return found
