"""Property tests of the extraction core.

Properties, checked on arbitrary text, arbitrary bytes, generated text shaped like
meeting notes and the real seed notes:

1. ``extract_text`` never raises; ``extract_bytes`` raises nothing but ``ExtractionError``.
2. The record survives a JSON round trip and validates against its own JSON Schema.
3. Every span lies inside the document text, and every string field that has spans reads
   (white space collapsed) as the text under its spans joined by single spaces, or joined
   with nothing after a hyphen that ends a span.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from watching_brief.extraction import ExtractionError, Minutes, extract_bytes, extract_text
from watching_brief.extraction.document import Document
from watching_brief.extraction.sources import load_bytes

try:
    import jsonschema
except ImportError:  # pragma: no cover - jsonschema is a dev dependency
    jsonschema = None

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(SETTINGS, max_examples=40)

ROOT = Path(__file__).resolve().parents[2]
SEED_DIRS = [
    ROOT / "tests" / "extraction",
    ROOT / "tests" / "fixtures" / "documents",
    Path("/work/shared/corpus/seeds"),
]


# --------------------------------------------------------------------------- checks


def document_text(text: str) -> str:
    """The text the extractor reads (and its spans point into) for ``extract_text``."""
    return Document.from_text(text).text


def models(minutes: Minutes) -> Iterator[tuple[str, BaseModel]]:
    """Every sourced model in the record, with a label saying where it sits."""
    yield "minutes", minutes
    for name in ("attendees", "items", "actions", "decisions", "questions", "carried_forward"):
        for index, model in enumerate(getattr(minutes, name)):
            yield f"{name}[{index}]", model
    if minutes.next_meeting is not None:
        yield "next_meeting", minutes.next_meeting


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def joins_to(value: str, pieces: list[str]) -> bool:
    """Does ``value`` read as ``pieces`` joined by spaces (or by nothing after a hyphen)?"""
    target = squash(value)
    parts = [part for part in (squash(piece) for piece in pieces) if part]
    position = 0
    for index, part in enumerate(parts):
        if not target.startswith(part, position):
            return False
        position += len(part)
        if index < len(parts) - 1:
            if target.startswith(" ", position):
                position += 1
            elif not part.endswith("-"):
                return False
    return position == len(target)


def check_spans(minutes: Minutes, text: str) -> None:
    for label, model in models(minutes):
        fields = type(model).model_fields
        for name, spans in model.source.items():
            for span in spans:
                assert 0 <= span.start <= span.end <= len(text), (
                    f"{label}.source[{name!r}]: span {span} outside text of length {len(text)}"
                )
            if name not in fields:
                continue
            value = getattr(model, name)
            if not isinstance(value, str):
                continue
            pieces = [text[span.start : span.end] for span in spans]
            assert joins_to(value, pieces), (
                f"{label}.{name} = {value!r} but its spans {spans} read {pieces!r}"
            )


@functools.cache
def schema_validator() -> Any:
    schema = Minutes.model_json_schema(by_alias=True)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def check_json(minutes: Minutes) -> None:
    dumped = minutes.model_dump_json(by_alias=True)
    assert Minutes.model_validate_json(dumped) == minutes
    if jsonschema is not None:
        validator = schema_validator()
        errors = sorted(validator.iter_errors(json.loads(dumped)), key=str)
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def check_record(minutes: Minutes, text: str) -> None:
    """All properties of one record extracted from ``text`` (the document text)."""
    assert isinstance(minutes, Minutes)
    check_json(minutes)
    check_spans(minutes, text)


def check_text(text: str) -> Minutes:
    minutes = extract_text(text, "notes.txt")  # must not raise, whatever the text
    check_record(minutes, document_text(text))
    return minutes


def check_bytes(data: bytes) -> None:
    try:
        minutes = extract_bytes(data, "notes.txt")
    except ExtractionError:
        return
    # Spans point into the decoded, newline-normalised document text.
    check_record(minutes, load_bytes(data, "notes.txt").text)


def test_jsonschema_available() -> None:
    """Say plainly when the schema half of property 2 cannot run."""
    if jsonschema is None:
        pytest.skip("jsonschema is not installed: schema validation is skipped")


# ----------------------------------------------------------------- note-shaped text

NAMES = [
    "John Campion", "Jackie Irvin", "Martin Oakes", "Gillian Fairbairn", "Roger Haldane",
    "Dean Whitfield", "Samira Wood", "Helen Grieve", "Anne-Marie O'Neill", "Cllr Pat Lee",
    "Dr Sam Patel", "Jo Van Dyke",
]  # fmt: skip
ROLES = [
    ("Police and Crime Commissioner", "PCC"),
    ("Deputy Police and Crime Commissioner", "DPCC"),
    ("Chief Constable", "CC"),
    ("Deputy Chief Constable", "DCC"),
    ("Assistant Chief Constable", "ACC"),
    ("Senior Policy Manager", "SPM"),
    ("Staff Officer", "SO"),
    ("Chief Finance Officer", "CFO"),
    ("Head of Victim Services", None),
    ("Policy Officer", "PO"),
]
TENURES = ["", "T/", "A/"]
DASHES = [" – ", " - ", " — ", ", ", " "]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Sept", "Dec"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Mon", ""]
WORDS = [
    "the",
    "force",
    "assurance",
    "plan",
    "progress",
    "victims",
    "mental",
    "health",
    "demand",
    "update",
    "report",
    "data",
    "performance",
    "strategy",
    "recruitment",
    "call",
    "handling",
    "response",
    "times",
    "confidence",
    "review",
    "partners",
    "oversight",
    "scrutiny",
    "delivery",
    "budget",
    "officers",
    "staff",
    "training",
    "policing",
    "public",
    "recruit-",
    "ment",
    "well-",
    "being",
    "non-",
    "emergency",
    "co-",
    "ordinate",
]
VERBS = ["provide", "share", "confirm", "revisit", "ensure", "circulate", "review", "report"]
TITLES = [
    "Matters arising", "Outstanding Matters / Matters arising",
    "Holding to account – Mental Health",
    "Leadership and governance", "Performance management", "Confidence", "Officer uplift",
    "Any other business", "AOB", "Victim advice line (VAL)/ Victim Code of Practice (VCOP)",
    "HMICFRS inspection programme", "Were victims kept informed?", "Update on the new unit",
    "Finance", "Road safety:",
]  # fmt: skip
SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0", " \u2009"])

name_s = st.sampled_from(NAMES)
role_s = st.sampled_from(ROLES)
words_s = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
day_s = st.integers(1, 31).map(lambda d: f"{d}{st_suffix(d)}")
year_s = st.sampled_from(["2020", "2021", "2025", "2026", ""])


def st_suffix(day: int) -> str:
    return {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")


@st.composite
def date_s(draw: st.DrawFn) -> str:
    def month() -> str:
        return draw(st.sampled_from(MONTHS))

    return choose(
        draw,
        lambda: f"{draw(st.sampled_from(WEEKDAYS))} {draw(day_s)} {month()} {draw(year_s)}".strip(),
        lambda: f"{draw(st.integers(0, 35))}/{draw(st.integers(0, 13)):02d}/"
        f"{draw(st.sampled_from(['21', '2026', '26']))}",
        lambda: f"{month()} {draw(st.integers(1, 31))}, {draw(year_s)}".strip(" ,"),
        lambda: f"{draw(st.integers(1990, 2100))}-{draw(st.integers(1, 12)):02d}-"
        f"{draw(st.integers(1, 31)):02d}",
        lambda: f"{draw(day_s)} of {month()}",
    )


time_s = st.sampled_from(
    ["10 am", "14:00 pm", "2pm – 4pm", "10:30 – 12:30", "9.30am to 11am", "25:00", "noon", ""]
)
due_s = st.one_of(
    date_s().map(lambda d: f"by {d}"),
    st.sampled_from([
        "by the next meeting", "within two weeks", "in 6 months’ time", "by end of May 2026",
        "by the end of March", "ASAP", "before the next HTA meeting", "by March 2026",
        "no later than 31 January 2026", "for the next meeting", "",
    ]),
)  # fmt: skip


def choose(draw: st.DrawFn, *options: Callable[[], Any]) -> Any:
    """One of ``options``, called: only the chosen one draws (so shrinking stays cheap)."""
    return options[draw(st.integers(0, len(options) - 1))]()


def abbrev_of(draw: st.DrawFn, default: str) -> str:
    return draw(role_s)[1] or default


@st.composite
def owner_s(draw: st.DrawFn) -> str:
    role, abbrev = draw(role_s)
    return choose(
        draw,
        lambda: abbrev or role,
        lambda: f"the {abbrev or role}",
        lambda: role,
        lambda: f"{abbrev or 'CC'} and {abbrev_of(draw, 'DCC')}",
        lambda: f"{abbrev or 'SO'} / {abbrev_of(draw, 'PCC')}",
        lambda: "Staff office",
        lambda: draw(name_s),
        lambda: f"{draw(st.sampled_from(TENURES))}{abbrev or 'ACC'}",
    )


@st.composite
def attendee_line(draw: st.DrawFn) -> str:
    name = draw(name_s)
    role, abbrev = draw(role_s)
    tenure = draw(st.sampled_from(TENURES))
    dash = draw(st.sampled_from(DASHES))
    bracket = f" ({tenure}{abbrev})" if abbrev else ""
    return choose(
        draw,
        lambda: f"{name}{dash}{tenure}{role}{bracket}",
        lambda: f"{name}{bracket}{dash}{role}",
        lambda: f"{tenure}{role}{bracket}{dash}{name}",
        lambda: name,
        lambda: f"{role}{bracket}",
        lambda: f"• {name}, {role}",
        lambda: f"{name}{dash}{tenure}{abbrev or role}",
    )


@st.composite
def heading_line(draw: st.DrawFn) -> str:
    title = draw(st.sampled_from(TITLES))
    major = draw(st.integers(0, 12))
    minor = draw(st.integers(0, 10))
    return choose(
        draw,
        lambda: f"{major}. {title}",
        lambda: f"{major}.",
        lambda: f"{major} {title}",
        lambda: f"{major}.{minor} {title}",
        lambda: f" {major}.{minor}",
        lambda: title,
        lambda: f"Item {major}: {title}",
        lambda: f"Agenda item {major} – {title}",
        lambda: f"Ref {major:02d}/20/04/2022",
        lambda: f"{major}/20 {title}",
        lambda: f"{major}.{minor}.{draw(st.integers(1, 4))} {title}",
    )


ACTION_LABELS = [
    "Action:", "Action -", "ACTION:", "• Action:", "Action 3:", "New action:", "Action arising",
    "Actions arising from the September 2019 meeting:",
]  # fmt: skip


@st.composite
def action_lines(draw: st.DrawFn) -> list[str]:
    label = draw(st.sampled_from(ACTION_LABELS))
    owner = draw(owner_s())
    verb = draw(st.sampled_from(VERBS))
    what = draw(words_s)
    due = draw(due_s)
    sentence = choose(
        draw,
        lambda: f"{owner} to {verb} {what} {due}".strip(),
        lambda: f"The {owner} will {verb} {what} {due}".strip(),
        lambda: f"{verb.capitalize()} {what} {due} ({abbrev_of(draw, 'DCC')})".strip(),
    )
    if label.endswith("arising") or (label.endswith(":") and draw(st.booleans())):
        lines = [label, sentence]
    else:
        lines = [f"{label} {sentence}"]
    # Wrap the sentence over lines (sometimes in the middle of a word, after a hyphen).
    if draw(st.booleans()) and len(lines[-1]) > 20:
        cut = draw(st.integers(5, len(lines[-1]) - 5))
        lines[-1:] = [lines[-1][:cut], lines[-1][cut:]]
    return lines


ASK_VERBS = [
    "asked whether", "queried", "asked how", "questioned whether", "sought reassurance that",
    "asked the CC to", "noted that",
]  # fmt: skip


@st.composite
def statement_line(draw: st.DrawFn) -> str:
    def question() -> str:
        asker = draw(st.sampled_from(["PCC", "DPCC", "Chair", "Commissioner", "panel", "CC"]))
        return f"The {asker} {draw(st.sampled_from(ASK_VERBS))} {draw(words_s)}"

    return choose(
        draw,
        lambda: f"{question()}.",
        lambda: f"{question()}? The CC said {draw(words_s)}.",
        lambda: f"Decision: {draw(words_s)}",
        lambda: f"RESOLVED that {draw(words_s)}.",
        lambda: f"Agreed – {draw(words_s)}",
        lambda: draw(words_s),
        lambda: f"{draw(words_s).capitalize()}.",
        lambda: "None",
        lambda: "N/A",
        lambda: f"Apologies were received from {draw(name_s)} and {draw(name_s)}.",
        lambda: f"Present: Councillors {draw(name_s)} (Chair), {draw(name_s)} and {draw(name_s)}",
    )


@st.composite
def header_lines(draw: st.DrawFn) -> list[str]:
    title = choose(
        draw,
        lambda: f"Monthly Assurance Meeting {draw(st.sampled_from(MONTHS))} {draw(year_s)} – "
        "Meeting Notes",
        lambda: f"Holding to Account Meeting {draw(st.sampled_from(MONTHS))} {draw(year_s)}– "
        "Meeting Notes",
        lambda: f"Police and Crime Panel – Minutes of the meeting held on {draw(date_s())}",
        lambda: "Southmoor Office of the Police and Crime Commissioner",
        lambda: f"Governance Board {draw(date_s())}",
    )

    def inline() -> str:
        return choose(
            draw,
            lambda: f"Date: {draw(date_s())}",
            lambda: f"Date of meeting: {draw(date_s())}, {draw(time_s)}",
            lambda: f"Time: {draw(time_s)}",
            lambda: "Venue: Committee Room, Southmoor Police HQ, Tolley Lane",
            lambda: f"Chair: {draw(name_s)}, {draw(role_s)[0]}",
            lambda: f"Chaired by: {draw(name_s)}",
            lambda: f"Notes: {draw(name_s)}, Policy and Scrutiny Officer",
            lambda: f"Minutes: {draw(name_s)} {draw(role_s)[0]}, OPCC",
            lambda: "Location: PCC conference room",
        )

    def value() -> str:
        return choose(
            draw,
            lambda: draw(name_s),
            lambda: draw(date_s()),
            lambda: f"{draw(name_s)} {draw(role_s)[0]}",
            lambda: "PCC room",
            lambda: "",
        )

    def label_block() -> list[str]:
        labels = draw(
            st.lists(
                st.sampled_from(["Date:", "Chair:", "Minutes:", "Venue", "Time:"]),
                min_size=2,
                max_size=4,
                unique=True,
            )
        )
        return [*labels, "", *(value() for _ in labels)]

    rest = choose(
        draw,
        lambda: [],
        lambda: [inline() for _ in range(draw(st.integers(1, 6)))],
        label_block,
    )
    return [title, *rest]


@st.composite
def attendance_block(draw: st.DrawFn) -> list[str]:
    heading = draw(st.sampled_from(["Present:", "Attendance:", "Apologies:", "In attendance",
                                    "Virtual attendance:", "Absent", "Attendees"]))  # fmt: skip
    if draw(st.integers(0, 3)) == 3:
        count = draw(st.integers(1, 6))
        names = [draw(name_s) for _ in range(count)]
        roles = [f"{r} ({a})" if a else r for r, a in (draw(role_s) for _ in range(count))]
        lines = [heading, "", "No.", "1.", "Name:", *names, "", "Capacity:", *roles]
        if draw(st.booleans()):
            lines.pop()
        return lines
    return [heading, *draw(st.lists(attendee_line(), min_size=1, max_size=6))]


@st.composite
def next_meeting_block(draw: st.DrawFn) -> list[str]:
    heading = choose(
        draw,
        lambda: "Next meeting",
        lambda: "Confirmation of next meeting type / date / time / venue:",
        lambda: "Date of next meeting",
        lambda: f"{draw(st.integers(1, 9))}. Date of the next meeting",
        lambda: f"Next meeting: {draw(date_s())}",
    )

    def line() -> str:
        return choose(
            draw,
            lambda: f"{draw(date_s())}; {draw(time_s)}",
            lambda: "Thematic on the outcome on budget investments",
            lambda: f"The next meeting will take place on {draw(date_s())}, {draw(time_s)}, in "
            "the Committee Room, Southmoor Police HQ, and will focus on road safety.",
            lambda: "Venue: Committee Room 2",
            lambda: "Meeting type: Holding to account",
            lambda: "Meeting type and venue to be confirmed following the PCC elections.",
        )

    return [heading, *(line() for _ in range(draw(st.integers(0, 3))))]


furniture_s = st.sampled_from(
    ["Page 2 of 5", "OFFICIAL", "OFFICIAL - SENSITIVE", "- 3 -", "4 / 9", "\f", "Page 1",
     "Southmoor OPCC Holding to Account Notes", "NOT PROTECTIVELY MARKED"]
)  # fmt: skip
owner_codes_s = st.sampled_from(["DCC", "CC", "SO", "PCC", "DCC SO", "CC, ACC", "PCC / DPCC",
                                 "dcc", "T/ACC", "DCC & CC"])  # fmt: skip
noise_s = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
).filter(lambda s: "\n" not in s and "\r" not in s)

body_block = st.one_of(
    statement_line().map(lambda line: [line]),
    statement_line().map(lambda line: [line]),
    action_lines(),
    action_lines(),
    furniture_s.map(lambda line: [line]),
    owner_codes_s.map(lambda line: [line]),
    st.just([""]),
    words_s.map(lambda line: [line]),
    noise_s.map(lambda line: [line]),
    heading_line().map(lambda line: [line]),  # a stray heading, out of sequence
)


@st.composite
def item_heading(draw: st.DrawFn, major: int, minor: int) -> list[str]:
    """The heading of item ``major`` (sub-item ``minor`` when it is not 0), in some shape."""
    title = draw(st.sampled_from(TITLES))
    number = f"{major}.{minor}" if minor else str(major)
    return choose(
        draw,
        lambda: [f"{number} {title}"],
        lambda: [f"{number}. {title}"],
        lambda: [f"{number}.", "", title],
        lambda: [number, title],
        lambda: [title],
        lambda: [f"Item {number}: {title}"],
        lambda: [f"{major}/26 {title}"],
    )


@st.composite
def items_block(draw: st.DrawFn) -> list[str]:
    """Items numbered in sequence (with sub-items), each with a body of statements."""
    lines: list[str] = []
    major, minor = draw(st.integers(0, 3)), 0
    for _ in range(draw(st.integers(1, 6))):
        if minor == 0 or draw(st.booleans()):
            major, minor = (major + 1, 0) if draw(st.booleans()) else (major, minor + 1)
        else:
            minor += 1
        lines.extend(draw(item_heading(major, minor)))
        for block in draw(st.lists(body_block, min_size=1, max_size=6)):
            lines.extend(block)
    return lines


line_block = st.one_of(
    items_block(),
    items_block(),
    attendance_block(),
    next_meeting_block(),
    body_block,
)


@st.composite
def indent(draw: st.DrawFn, line: str) -> str:
    if draw(st.integers(0, 5)) == 0:
        line = draw(SPACE) + line
    if draw(st.integers(0, 5)) == 0:
        line = line + draw(SPACE)
    if draw(st.integers(0, 8)) == 0:
        line = line.replace(" ", draw(SPACE))
    return line


@st.composite
def notes(draw: st.DrawFn) -> str:
    """Text shaped like meeting notes: header, attendance, items, actions, furniture."""
    lines = list(draw(header_lines()))
    blocks = draw(st.lists(line_block, max_size=8))
    if draw(st.booleans()):
        blocks.insert(0, draw(attendance_block()))
    for block in blocks:
        lines.extend(block)
    lines = [draw(indent(line)) for line in lines]
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    return newline.join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


def seed_files() -> list[Path]:
    found: dict[str, Path] = {}
    for directory in SEED_DIRS:
        if directory.is_dir():
            for path in sorted(directory.glob("*.txt")):
                found.setdefault(path.name, path)
    return list(found.values())


# ------------------------------------------------------------------------- property 1+2+3


@SETTINGS
@given(st.text())
@example("")
@example("\x00\x01\x02\x1b\x7f")
@example("\r\n\r\r\n")
@example("\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c")
@example("\ufeffDate: 31 February 2026")
def test_any_text_never_raises(text: str) -> None:
    check_text(text)


structural = st.lists(
    st.sampled_from(
        list("aAbBcCdDpP01239 .:;,()/-–—\t\n\r\f\x0b\x85\u2028\u00a0\u2009•?'’")
        + ["Action:", "Date:", "Present:", "Name:", "Capacity:", "PCC", "DCC", "(CC)", "2.1 ",
           "Next meeting", "Page 2 of 5", " to ", "asked whether", "31 March 2026", "A/", "T/"]
    ),
    max_size=200,
).map("".join)  # fmt: skip


@SETTINGS
@given(structural)
def test_structural_text_never_raises(text: str) -> None:
    check_text(text)


# Shrinking inputs of thousands of lines takes minutes: this test reports the failing input
# as found. The same bugs show with small inputs in the tests above, which do shrink.
@settings(FEW, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(
    st.lists(st.one_of(notes(), structural, st.text(max_size=40)), min_size=1, max_size=3),
    st.integers(50, 400),
)
def test_long_repeated_text(fragments: list[str], repeat: int) -> None:
    check_text("\n".join(fragments) * repeat)


@SETTINGS
@given(notes())
# Minimal failing inputs hypothesis found, kept as regression examples.
@example("Monthly Assurance Meeting January 2020 – Meeting Notes\nChaired by: John Campion")
@example("Meeting notes\nMinutetaker: Jo Bloggs")
@example("Meeting notes\nChair:  John  Campion")
@example(
    "Monthly Assurance Meeting January 2020 – Meeting Notes\nPresent:\n"
    "John Campion – T/Police and Crime Commissioner (T/PCC)"
)
def test_note_shaped_text(text: str) -> None:
    check_text(text)


@SETTINGS
@given(
    st.one_of(
        st.binary(max_size=400),
        st.tuples(
            st.sampled_from([b"", b"\xef\xbb\xbf", b"%PDF-", b"PK\x03\x04", b"<html>", b"\x00"]),
            st.one_of(notes(), st.text(max_size=200)),
            st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16"]),
        ).map(lambda t: t[0] + t[1].encode(t[2], errors="replace")),
    )
)
@example(b"")
@example(b" \n\t")
@example(b"\x00")
@example(b"\xff\xfe\x00d")
@example(b"\x81\x8d\x8f\x90\x9d")  # bytes cp1252 cannot decode; latin-1 can
@example(b"Chaired by")
@example(b"Date\nChair\nMinutes\n!\n!\n!  !")
def test_any_bytes_raise_only_extraction_error(data: bytes) -> None:
    check_bytes(data)


REACHED: dict[str, Callable[[Minutes], bool]] = {
    "two attendees": lambda m: len(m.attendees) >= 2,
    "attendee with role and abbreviation": lambda m: any(a.abbrev and a.role for a in m.attendees),
    "two items": lambda m: len(m.items) >= 2,
    "sub-item": lambda m: any(item.parent for item in m.items),
    "action with owner and due date": lambda m: any(a.owner_text and a.due_text for a in m.actions),
    "question": lambda m: bool(m.questions),
    "decision": lambda m: bool(m.decisions),
    "carried forward": lambda m: bool(m.carried_forward),
    "next meeting date": lambda m: m.next_meeting is not None and m.next_meeting.date is not None,
    "meeting date": lambda m: m.date is not None,
    "chair": lambda m: m.chair is not None,
}


def test_note_strategy_reaches_records() -> None:
    """The generated notes do produce attendees, items, actions, questions ..."""
    seen: set[str] = set()

    @settings(SETTINGS, max_examples=300, database=None, phases=[Phase.generate], derandomize=True)
    @given(notes())
    def collect(text: str) -> None:
        try:
            minutes = extract_text(text)
        except Exception:  # reported by test_note_shaped_text
            return
        seen.update(name for name, reached in REACHED.items() if reached(minutes))

    collect()
    assert seen == set(REACHED), f"never reached: {sorted(set(REACHED) - seen)}"


@pytest.mark.parametrize("path", seed_files(), ids=lambda path: path.stem)
def test_seed_notes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check_text(text)
    check_bytes(path.read_bytes())
