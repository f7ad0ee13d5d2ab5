"""A deterministic generator of fictional meeting notes for the extraction benchmark.

Three layouts, as in docs/PRODUCT.md ("Layouts met in the wild"):

- ``pdf``: text exported from PDF like the seeds (labels block, attendance columns,
  detached item numbers, owner codes on lines of their own, prose wrapped at ~75 chars);
- ``board``: board notes ("Name (ABBR) – Role", "Action:" / "Decision:" lines, bullets);
- ``committee``: council panel minutes ("39/26 TITLE", "RESOLVED that ...").

Every body, place and person is made up. Each :class:`Note` also says what was planted
(actions, attendees, items, questions) so a benchmark can print a sanity check.

    notes = generate(1000, size=20_000, seed=1)
    paths = write_notes(notes, Path("/tmp/corpus"))
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


FIRST = _words(
    "Alice Bernard Carys Declan Elin Farid Gwen Hamish Imogen Jonas Keira Lionel Maud "
    "Nikhil Orla Percy Quentin Rosalind Silas Tamsin Ursula Vikram Wilf Yasmin Zachary "
    "Beatrix Cormac Delphine Edmund Fenella Gideon Harriet Ivo Juno Kasimir Linnea"
)
SURNAMES = _words(
    "Ashgrove Brindle Calloway Dunstable Everleigh Fairbairn Gorrell Hallam Ingleby "
    "Jessop Kettering Lomond Marchbank Nettleton Ogilvie Pennock Quarrie Radcliffe "
    "Stanwick Thursby Underhill Varley Wetherall Yelland Ashdown Brackley Corrigan Drury "
    "Ellwood Fothergill Gaskin Holroyd Ibbotson Jarrold Kinsella"
)
PLACES = _words(
    "Harrowdale Kestrelmoor Linwick Brackenshire Fallowfield Marrowby Selcombe Wrayford "
    "Dunmere Caverley Thornwold Ormsby"
)
POSTS = [
    tuple(post.rsplit(" = ", 1))
    for post in _words(
        "Police and Crime Commissioner = PCC; Deputy Police and Crime Commissioner = DPCC; "
        "Chief Constable = CC; Deputy Chief Constable = DCC; Assistant Chief Constable = ACC; "
        "Senior Policy Manager = SPM; Staff Officer = SO; Chief Executive, OPCC = CEO; "
        "Chief Finance Officer, OPCC = CFO; Director of Commercial Services = DoCS; "
        "Policy Officer = PO; Head of Estates = HoE",
        sep="; ",
    )
]
TOPICS = _words(
    "Mental health; Public contact; Officer uplift; Performance management framework; "
    "Violence against women and girls; Rural crime; Road safety; Custody; Victim satisfaction; "
    "Neighbourhood policing; Fleet and estates; Digital investigation; Domestic abuse; "
    "Call handling; Workforce wellbeing; Stop and search; Anti-social behaviour; "
    "Serious violence; Counter fraud; Medium-term financial plan",
    sep="; ",
)
PROSE = [
    "The {ans} explained that the {t} plan had been refreshed in {mon} and that {n} officers "
    "had completed the associated training since then.",
    "Performance against the {t} measures had improved by {pct}% over the quarter, although "
    "the {ans} acknowledged that the position in {place} remained behind the rest of the force.",
    "The {ans} set out the governance arrangements, with the force delivery group receiving a "
    "monthly report and exceptions escalated to the chief officer team.",
    "It was noted that the nonemergency demand linked to {t} had risen by {pct}% and that "
    "partners in {place} had been asked to share data on repeat callers.",
    "The {ans} said that the workforce survey had highlighted {t} as a concern for {pct}% of "
    "respondents and that a plan would be developed with staff associations.",
    "Recruitment to the {t} team remained challenging, with {n} vacancies at the end of {mon}, "
    "and the {ans} described the steps being taken to attract experienced staff.",
    "The {ans} confirmed that HMICFRS had reviewed the {t} arrangements and had made {n} "
    "recommendations, all of which had been accepted and were being tracked.",
    "The discussion moved to the use of data: the strategy, planning and insight team had "
    "built a dashboard for {t} that local policing areas would be able to use from {mon}.",
    "Funding for the {t} programme had been agreed for two years, and the {ans} stated that "
    "an evaluation would be commissioned before any decision on mainstreaming it.",
    "The {ans} added that the force had learned from a serious case review in {place} and "
    "that the learning had been shared with every supervisor through briefing packs.",
]
QUESTIONS = [
    "{who} asked whether the {t} plan had the right level of chief officer oversight.",
    "{who} asked whether the force understood why demand relating to {t} was rising.",
    "{who} queried whether the funding for {t} would be sustained beyond the current year.",
    "{who} asked what difference the public in {place} would notice in six months' time.",
    "{who} sought reassurance that the learning on {t} had reached frontline supervisors.",
]
TASKS = _words(
    "share the {t} delivery plan with the Senior Policy Manager; provide an update on progress "
    "against the {t} recommendations; circulate the {t} dashboard to members; report back on "
    "the {t} evaluation; provide a target date for the {t} performance data; arrange a "
    "briefing on {t} for the Commissioner; review the {t} risk register; revisit progress "
    "against the {t} strategy",
    sep="; ",
)
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
LAYOUTS = ("pdf", "board", "committee")
_STEMS = _words("Ash Bram Cold Dun Elm Fern Gran Hol Kings Lang Mill Nor Oak Red Stan Thorn Wes")
_ENDS = _words("ford ley wick dale bury moor")


def places(count: int) -> list[str]:
    """``count`` made-up place names: the usual twelve first, then stem + ending."""
    more = [s + e for s in _STEMS for e in _ENDS if s + e not in PLACES]
    random.Random(0).shuffle(more)
    names = [*PLACES, *more]
    if count > len(names):
        raise ValueError(f"at most {len(names)} places")
    return names[:count]


@dataclass(frozen=True)
class Shape:
    """How big and how spread notes are; the defaults are the corpus every benchmark
    used before (``Shape()`` changes no note). ``bench_scale.py`` asks for more topics,
    fewer actions per topic, more places over ten years, and the place in the title of
    ``pdf`` notes so that each force has its own series of them."""

    topics: tuple[int, int] = (4, 10)
    actions_per_topic: tuple[int, ...] = (0, 1, 1, 2)
    places: tuple[str, ...] = tuple(PLACES)
    start: dt.date = dt.date(2019, 1, 1)
    days: int = 7 * 365
    place_in_pdf_title: bool = False


DEFAULT_SHAPE = Shape()


@dataclass(frozen=True)
class PlantedAction:
    owner: str
    key: str  # the first words of the task, to find the action again
    due: str | None


@dataclass
class Note:
    name: str
    layout: str
    text: str
    actions: list[PlantedAction] = field(default_factory=list)
    attendees: int = 0
    items: int = 0
    questions: int = 0


@dataclass
class _Meeting:
    rng: random.Random
    date: dt.date
    place: str
    people: list[tuple[str, str, str]]  # name, role, abbrev
    apologies: list[tuple[str, str, str]]
    note: Note
    shape: Shape = DEFAULT_SHAPE


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _long_date(d: dt.date) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    firsts, lasts = rng.sample(FIRST, count), rng.sample(SURNAMES, count)
    posts = POSTS[:3] + rng.sample(POSTS[3:], count - 3)
    return [(f"{f} {s}", role, ab) for f, s, (role, ab) in zip(firsts, lasts, posts, strict=True)]


def _fill(template: str, m: _Meeting, topic: str, who: str = "") -> str:
    rng = m.rng
    ans = rng.choice(["CC", "DCC", "ACC"])
    return template.format(
        t=topic.lower(),
        ans=ans,
        who=who,
        place=m.place,
        n=rng.randint(3, 240),
        pct=rng.randint(2, 38),
        mon=rng.choice(MONTHS),
    )


def _due(m: _Meeting) -> str | None:
    rng, later = m.rng, m.date + dt.timedelta(days=m.rng.randint(20, 200))
    return rng.choice(
        [
            f"by {later.day} {later.strftime('%B %Y')}",
            "in 6 months' time",
            "by the next meeting",
            "within two weeks",
            f"by the end of {later.strftime('%B %Y')}",
            None,
        ]
    )


def _action(m: _Meeting, topic: str, owner: str) -> tuple[str, str]:
    task = _fill(m.rng.choice(TASKS), m, topic)
    due = _due(m)
    m.note.actions.append(PlantedAction(owner, " ".join(task.split()[:4]), due))
    return owner, f"{owner} to {task}" + (f" {due}." if due else ".")


def _segments(
    m: _Meeting, topic: str, budget: int, asker: Callable[[], str], owner: Callable[[], str]
) -> list[tuple[str, str]]:
    """The body of one item: ("para" | "question" | "action", text) pairs, ~budget chars.

    An action's text is "OWNER|OWNER to TASK DUE.", the owner first for the owner column.
    """
    segs: list[tuple[str, str]] = []
    size, n_actions = 0, m.rng.choice(m.shape.actions_per_topic)
    while size < budget:
        kind = m.rng.choice(["para", "para", "para", "question"])
        if kind == "question":
            m.note.questions += 1
            text = (
                _fill(m.rng.choice(QUESTIONS), m, topic, asker())
                + " "
                + _fill(m.rng.choice(PROSE), m, topic)
            )
        else:
            text = " ".join(_fill(t, m, topic) for t in m.rng.sample(PROSE, 3))
        segs.append((kind, text))
        size += len(text)
        if n_actions and m.rng.random() < 0.3:
            n_actions -= 1
            segs.append(("action", "|".join(_action(m, topic, owner()))))
    segs += [("action", "|".join(_action(m, topic, owner()))) for _ in range(n_actions)]
    return segs


def _new_meeting(
    rng: random.Random, index: int, layout: str, shape: Shape = DEFAULT_SHAPE
) -> _Meeting:
    date = shape.start + dt.timedelta(days=rng.randint(0, shape.days))
    date += dt.timedelta(days=max(0, 7 - date.weekday()) if date.weekday() > 4 else 0)
    people = _people(rng, rng.randint(6, 10))
    absent = {"pdf": 0, "board": rng.randint(0, 2), "committee": rng.randint(1, 2)}[layout]
    apologies = [people.pop() for _ in range(absent)]
    place = rng.choice(shape.places)
    note = Note(f"{index:05d}-{place.lower()}-{layout}-{date:%Y-%m}", layout, "")
    return _Meeting(rng, date, place, people, apologies, note, shape)


# --- layout (a): text exported from PDF ---------------------------------------------------


def _wrap(text: str, rng: random.Random) -> list[str]:
    lines = textwrap.wrap(text, width=rng.randint(70, 78))
    if len(lines) > 2 and rng.random() < 0.15:  # a page break leaves a leading space
        lines[-1] = " " + lines[-1]
    return lines


def _pdf_action(m: _Meeting, owner: str, text: str) -> list[str]:
    lines = _wrap(f"Action: {text}", m.rng)
    if len(lines) > 1 and m.rng.random() < 0.3:  # owner column interleaved mid-sentence
        return [lines[0], owner, *lines[1:]]
    return [*lines, "", owner, ""]


def _pdf_header(m: _Meeting) -> list[str]:
    chair, taker = m.people[0][0], m.people[5][0]
    day = m.date if m.rng.random() < 0.9 else m.date + dt.timedelta(days=1)  # wrong weekday
    names = [p[0] for p in m.people]
    caps = [f"{role} ({ab})" for _, role, ab in m.people]
    title = f"{m.place} Monthly Assurance Meeting" if m.shape.place_in_pdf_title else ""
    head = f"""{title or "Monthly Assurance Meeting"} {m.date:%B %Y} – Meeting Notes
Date:
Chair:
Minutes:
Venue

{day:%A} {_ordinal(m.date.day)} {m.date:%B}, 10 am
{chair}
{taker} Senior Policy Manager, OPCC
PCC conference room

Attendance:

1.

Name:"""
    return [*head.split("\n"), *names, "", "Capacity:", *caps, ""]


def _pdf_note(m: _Meeting, topics: list[str], budget: int) -> list[str]:
    lines = _pdf_header(m)
    m.note.attendees = len(m.people)
    lines += ["Outstanding Matters / Matters arising", *_wrap(_fill(PROSE[2], m, "x"), m.rng)]
    lines += ["2.", "", f"Holding to account - {topics[0]}", ""]
    asker = lambda: m.rng.choice(["The PCC", "The DPCC", "The SPM"])  # noqa: E731
    owner = lambda: m.rng.choice(_abbrevs(m, "DCC CC ACC PCC SO"))  # noqa: E731
    budget = budget * len(topics) // (len(topics) - 1)  # topics[0] is the theme
    for i, topic in enumerate(topics[1:], 1):
        head = [f"2.{i}", "", topic] if m.rng.random() < 0.5 else [f"2.{i} {topic}"]
        lines += head
        for kind, text in _segments(m, topic, budget, asker, owner):
            lines += _pdf_action(m, *text.split("|")) if kind == "action" else _wrap(text, m.rng)
    nxt = m.date + dt.timedelta(days=28)
    m.note.items = len(topics)
    return lines + [
        "Confirmation of next meeting type / date / time / venue:",
        f"{nxt:%A} {_ordinal(nxt.day)} {nxt:%B %Y}; 10:30 – 12:30",
        "Holding to account meeting, PCC conference room.",
    ]


# --- layout (b): board notes --------------------------------------------------------------


def _abbrevs(m: _Meeting, wanted: str) -> list[str]:
    """The abbreviations among ``wanted`` held by someone present (the CC always is)."""
    return [ab for _, _, ab in m.people if ab in wanted.split()] or ["CC"]


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split())


def _board_note(m: _Meeting, topics: list[str], budget: int) -> list[str]:
    pres = [f"{n} ({ab}) – {role}" for n, role, ab in m.people]
    apol = [f"{n} ({ab}) – {role}" for n, role, ab in m.apologies]
    m.note.attendees = len(pres) + len(apol)
    head = f"""OFFICIAL

{m.place} Office of the Police and Crime Commissioner

Strategic Governance Board {m.date:%B %Y} – Meeting Notes

Date: {_long_date(m.date)}
Time: 13:30 – 15:45
Venue: Boardroom, {m.place} Police Headquarters
Chair: {m.people[0][0]}
Minutes: {m.people[-1][0]}, Governance Officer

Present:"""
    lines = [*head.split("\n"), *pres, ""] + (["Apologies:", *apol, ""] if apol else [])
    lines += ["", "1. Welcome and apologies", "", "The Chair welcomed everyone.", ""]
    asker = lambda: "The " + m.rng.choice(_abbrevs(m, "PCC DPCC CEO CFO"))  # noqa: E731
    owners = [_initials(m.people[-1][0]), *_abbrevs(m, "CC DCC ACC CFO DoCS")]
    owner = lambda: m.rng.choice(owners)  # noqa: E731
    for i, topic in enumerate(topics, 2):
        lines += [f"{i}. {topic}", ""]
        for kind, text in _segments(m, topic, budget, asker, owner):
            lines += _board_segment(kind, text) + [""]
        if m.rng.random() < 0.4:
            lines += [f"Decision: The Board approved the revised {topic.lower()} plan.", ""]
    nxt = m.date + dt.timedelta(days=63)
    m.note.items = len(topics) + 2
    return lines + [
        f"{len(topics) + 2}. Date of next meeting",
        "",
        f"The next meeting will be held on {_long_date(nxt)} from 13:30 to 15:30 "
        f"in the Boardroom, {m.place} Police Headquarters.",
    ]


def _board_segment(kind: str, text: str) -> list[str]:
    if kind == "action":
        return [f"Action: {text.split('|', 1)[1]}"]
    return [f"• {text}"] if kind == "question" else [text]


# --- layout (c): committee minutes --------------------------------------------------------


def _committee_note(m: _Meeting, topics: list[str], budget: int) -> list[str]:
    cllrs = [p[0] for p in m.people[:-3]]
    officers = [f"{n} – {role}" for n, role, _ in m.people[-3:]]
    apol = [p[0] for p in m.apologies]
    m.note.attendees = len(cllrs) + len(officers) + len(apol)
    num, yy = m.rng.randint(1, 180), m.date.year % 100
    head = f"""{m.place.upper()} POLICE AND CRIME PANEL

Minutes of the meeting of the {m.place} Police and Crime Panel held on \
{_long_date(m.date)} at 2.00 pm in the Council Chamber, {m.place} Guildhall.

Present:
Councillor {cllrs[0]} (Chair)"""
    lines = [*head.split("\n"), *[f"Councillor {c}" for c in cllrs[1:]], "", "In attendance:"]
    lines += [*officers, "", "", f"{num}/{yy} APOLOGIES FOR ABSENCE", ""]
    cllr = "Councillors" if len(apol) > 1 else "Councillor"
    lines += [f"Apologies were received from {cllr} {' and '.join(apol)}.", "", ""]
    asker = lambda: "Councillor " + m.rng.choice(cllrs).split()[-1]  # noqa: E731
    owner = lambda: m.rng.choice(["Officers", "The Commissioner", "The Scrutiny Officer"])  # noqa: E731
    for i, topic in enumerate(topics, 1):
        lines += [f"{num + i}/{yy} {topic.upper()}", ""]
        for kind, text in _segments(m, topic, budget, asker, owner):
            lines += [f"Action: {text.split('|', 1)[1]}" if kind == "action" else text, ""]
        lines += [f"RESOLVED that the report on {topic.lower()} be noted.", "", ""]
    nxt = m.date + dt.timedelta(days=91)
    m.note.items = len(topics) + 2
    return lines + [
        f"{num + len(topics) + 1}/{yy} DATE OF NEXT MEETING",
        "",
        f"RESOLVED that the next meeting of the Panel be held on {_long_date(nxt)} "
        f"at 2.00 pm in the Council Chamber, {m.place} Guildhall.",
        "",
    ]


# --- public API ---------------------------------------------------------------------------

_RENDER = {"pdf": _pdf_note, "board": _board_note, "committee": _committee_note}


def generate_one(
    index: int, size: int = 20_000, seed: int = 1, shape: Shape = DEFAULT_SHAPE
) -> Note:
    """One note, the same for the same (index, size, seed, shape)."""
    rng = random.Random(f"{seed}:{index}")
    layout = LAYOUTS[index % len(LAYOUTS)]
    m = _new_meeting(rng, index, layout, shape)
    topics = rng.sample(TOPICS, rng.randint(*shape.topics))
    budget = max(200, (size - 1500) // len(topics) - 300)
    m.note.text = "\n".join(_RENDER[layout](m, topics, budget)) + "\n"
    return m.note


def generate(n: int, size: int = 20_000, seed: int = 1) -> list[Note]:
    """``n`` notes of about ``size`` characters each, layouts in turn (pdf, board, committee)."""
    return [generate_one(i, size, seed) for i in range(n)]


def write_notes(notes: list[Note], folder: Path) -> list[Path]:
    """Write each note as ``NAME.txt`` and what was planted as ``manifest.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for note in notes:
        path = folder / f"{note.name}.txt"
        path.write_text(note.text, encoding="utf-8")
        paths.append(path)
    planted = [{k: v for k, v in asdict(n).items() if k != "text"} for n in notes]
    (folder / "manifest.json").write_text(json.dumps(planted, indent=1), encoding="utf-8")
    return paths


if __name__ == "__main__":
    import sys

    print(generate_one(int(sys.argv[1]) if len(sys.argv) > 1 else 0).text)


def meeting_key(note: Note, index: int, seed: int, shape: Shape = DEFAULT_SHAPE) -> tuple[str, ...]:
    """What the tracker files a note's meeting under: its series (and body) and date.

    ``pdf`` notes name no body and, unless the shape puts the place in their title, all
    fall in one series, so their date alone must differ; ``board`` and ``committee``
    series are per place. The date is the one the generator drew (the draws replayed).
    """
    date = _new_meeting(random.Random(f"{seed}:{index}"), index, note.layout, shape).date
    own_series = note.layout != "pdf" or shape.place_in_pdf_title
    place = note.name.split("-")[1] if own_series else ""
    return (note.layout, place, date.isoformat())


def distinct_meetings(
    size: int = 20_000, seed: int = 1, shape: Shape = DEFAULT_SHAPE
) -> Iterator[tuple[Note, int]]:
    """Notes one after another whose series/date pairs all differ (a note that would land
    on a meeting already taken is skipped), each with how many were skipped so far."""
    seen: set[tuple[str, ...]] = set()
    index = skipped = 0
    while True:
        note = generate_one(index, size, seed, shape)
        key = meeting_key(note, index, seed, shape)
        index += 1
        if key in seen:
            skipped += 1
            continue
        seen.add(key)
        yield note, skipped
