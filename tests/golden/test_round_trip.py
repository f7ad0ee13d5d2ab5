"""The generator and the importer checked against each other on every run.

Each bundled example and both seed notes are ingested; each stored meeting's record
(full view) is written as a gold file, rendered to DOCX and PDF by the house-style
generator, and read back by the extractor. The shared scorer must give 1.00 on
attendees, items, actions (owner and due), decisions and questions.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SCORER, SEEDS
from watching_brief.extraction import extract_file
from watching_brief.extraction.record import Minutes
from watching_brief.publishing import render_docx, render_pdf

pytestmark = pytest.mark.django_db
RENDERERS = {"pdf": render_pdf, "docx": render_docx}
PERFECT = (
    "attendees",
    "attendees.abbrev",
    "attendees.role",
    "attendees.status",
    "items",
    "items.number",
    "actions",
    "actions.owner",
    "actions.due",
    "actions.item",
    "decisions",
    "questions",
    "questions.asker",
    "date",
    "start_time",
    "venue",
    "chair",
    "minute_taker",
)
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason=f"no scorer at {SCORER}")


def gold_from(minutes: Minutes) -> dict[str, Any]:
    """A gold file in the corpus's shape, written from the record itself."""
    data = minutes.model_dump(mode="json", by_alias=True)
    return {
        **{key: data[key] for key in ("title", "series", "body", "date", "start_time")},
        **{key: data[key] for key in ("end_time", "venue", "chair", "minute_taker")},
        "attendees": [
            {key: one[key] for key in ("name", "role", "abbrev", "status")}
            for one in data["attendees"]
        ],
        "items": [{"number": one["number"], "title": one["title"]} for one in data["items"]],
        "actions": [
            {key: one[key] for key in ("item", "text", "owner", "due")} for one in data["actions"]
        ],
        "decisions": [{"item": one["item"], "text": one["text"]} for one in data["decisions"]],
        "questions": [
            {key: one[key] for key in ("item", "asker", "text")} for one in data["questions"]
        ],
        "warnings": [],
    }


def score(folder: Path, predictions: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The shared scorer over ``folder``, every figure in :data:`PERFECT` required 1.00."""
    source = ["--pred", str(predictions)] if predictions else ["--cmd", BRIEF]
    args = [sys.executable, str(SCORER), "--gold", str(folder), *source, "-v"]
    for field in PERFECT:
        args += ["--min", f"{field}=1.0"]
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)


BRIEF = f"{sys.executable} -m watching_brief.cli extract {{input}} --format json"


def stored_records() -> dict[str, Minutes]:
    """Ingest the seeds and examples; each stored meeting's full record by slug."""
    from watching_brief.tracker.documents.notes import notes_minutes
    from watching_brief.tracker.ingest.services import ingest_paths
    from watching_brief.tracker.meetings.models import Meeting

    ingest_paths([SEEDS], body="West Mercia OPCC")
    ingest_paths([EXAMPLES])
    meetings = Meeting.objects.select_related("series", "series__body").order_by("date", "pk")
    return {f"{m.series.slug}-{m.date:%Y-%m-%d}": notes_minutes(m, full=True) for m in meetings}


def write_round_trip(records: dict[str, Minutes], kind: str, folder: Path) -> Path:
    """Gold files and renderings in ``folder``; the extracted records in ``pred``."""
    predictions = folder / "pred"
    predictions.mkdir(parents=True)
    for slug, minutes in records.items():
        gold = gold_from(minutes)
        (folder / f"{slug}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        document = folder / f"{slug}.{kind}"
        RENDERERS[kind](minutes, document)
        read = extract_file(document).model_dump(mode="json", by_alias=True)
        (predictions / f"{slug}.json").write_text(json.dumps(read), encoding="utf-8")
    return predictions


@needs_scorer
@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_stored_meeting_round_trips(kind: str, tmp_path: Path) -> None:
    records = stored_records()
    assert len(records) == 6
    assert sum(len(m.actions) for m in records.values()) > 10
    predictions = write_round_trip(records, kind, tmp_path)
    result = score(tmp_path, predictions)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK")


HIDDEN_TITLE = "Covert tasking review MARKER-SECRET-TITLE"
HIDDEN_ACTION = "ACC to brief the PCC on the covert tasking audit MARKER-SECRET-ACTION"
PUBLIC_LINE = "An operational matter was discussed in private."


def tracker_meeting() -> Any:
    """A draft meeting made in the tracker: attendance, items of each kind, actions due
    "in 6 months' time" and "by the next meeting", a decision and a restricted item."""
    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.meetings.models import (
        Attendance,
        Body,
        Decision,
        Item,
        Meeting,
        Question,
        Series,
    )
    from watching_brief.tracker.people.models import Person, Post, Tenure

    body = Body.objects.create(name="Eastvale OPCC", slug="eastvale-opcc")
    series = Series.objects.create(body=body, name="Quarterly Scrutiny Board", slug="qsb")
    date = dt.date(2026, 5, 12)
    meeting = Meeting.objects.create(
        series=series,
        title="Quarterly Scrutiny Board – Meeting Notes",
        date=date,
        start_time=dt.time(10, 0),
        venue="Eastvale Police HQ, Room 4",
        chair="Amira Holt",
        minute_taker="Ben Carver",
        status=Meeting.Status.DRAFT,
        next_meeting_date=dt.date(2026, 8, 11),
    )
    people = [
        ("Amira Holt", "Police and Crime Commissioner", "PCC", "present"),
        ("Ruth Dale", "Chief Constable", "CC", "present"),
        ("Owen Pryce", "Deputy Chief Constable", "DCC", "virtual"),
        ("Keith Marsh", "Assistant Chief Constable", "ACC", "present"),
        ("Ben Carver", "Governance Officer", "GO", "present"),
        ("Lena Ward", "Chief Executive", "CEX", "apologies"),
    ]
    posts = {}
    for position, (name, title, abbrev, status) in enumerate(people):
        person = Person.objects.create(name=name)
        post = Post.objects.create(body=body, title=title, abbrev=abbrev)
        Tenure.objects.create(person=person, post=post, start=date, last_seen=date)
        Attendance.objects.create(
            meeting=meeting, person=person, post=post, role=title, status=status, position=position
        )
        posts[abbrev] = post
    rows = [
        ("1", "Matters arising", Item.Kind.MATTERS_ARISING, "All matters arising were noted."),
        ("2", "Neighbourhood policing", Item.Kind.THEME, "The CC set out the new model."),
        ("3", "Stop and search scrutiny", Item.Kind.REVISIT, "The board reviewed the panel."),
        ("4", HIDDEN_TITLE, Item.Kind.OTHER, "MARKER-SECRET-TEXT about informants."),
        ("5", "Any other business", Item.Kind.AOB, "There was no other business."),
    ]
    items = {}
    for position, (number, title, kind, text) in enumerate(rows):
        items[number] = Item.objects.create(
            meeting=meeting, number=number, title=title, kind=kind, text=text, position=position
        )
    secret = items["4"]
    secret.restricted, secret.public_summary = True, PUBLIC_LINE
    secret.save()
    actions = [
        ("2", "DCC to report on neighbourhood abstractions", "DCC", "in 6 months' time"),
        ("3", "CC to share the stop and search panel's findings", "CC", "by the next meeting"),
        ("4", HIDDEN_ACTION, "ACC", "by the next meeting"),
    ]
    for position, (number, text, owner, phrase) in enumerate(actions):
        due = date.replace(month=11) if "months" in phrase else meeting.next_meeting_date
        Action.objects.create(
            reference=f"QSB-{position + 1}",
            meeting=meeting,
            item=items[number],
            position=position,
            text=text,
            owner_post=posts[owner],
            due=due,
            due_text=phrase,
            restricted=number == "4",
        )
    Decision.objects.create(
        meeting=meeting, item=items["3"], text="The board agreed to publish the panel's report."
    )
    Question.objects.create(
        meeting=meeting,
        item=items["2"],
        asker="PCC",
        asker_post=posts["PCC"],
        text="The PCC asked how many officers had been abstracted from neighbourhood teams.",
        answer="The CC said that abstractions had fallen by a fifth since January.",
    )
    return meeting


def test_meeting_made_in_the_tracker_round_trips(tmp_path: Path) -> None:
    from watching_brief.tracker.documents.notes import notes_minutes

    meeting = tracker_meeting()
    full = notes_minutes(meeting, full=True)
    assert [a.due for a in full.actions] == [
        dt.date(2026, 11, 12),
        dt.date(2026, 8, 11),
        dt.date(2026, 8, 11),
    ]
    for kind, render in RENDERERS.items():
        folder = tmp_path / kind
        (folder / "pred").mkdir(parents=True)
        (folder / "qsb.gold.json").write_text(json.dumps(gold_from(full)), encoding="utf-8")
        render(full, folder / f"qsb.{kind}")
        read = extract_file(folder / f"qsb.{kind}")
        (folder / "pred" / "qsb.json").write_text(read.model_dump_json(by_alias=True))
        result = score(folder, folder / "pred")
        assert result.returncode == 0, result.stdout + result.stderr
        assert read.next_meeting is not None and read.next_meeting.date == dt.date(2026, 8, 11)
        assert [a.status for a in read.attendees] == [a.status for a in full.attendees]


def test_public_notes_leave_out_the_restricted_item(tmp_path: Path) -> None:
    from watching_brief.tracker.documents.notes import notes_minutes

    public = notes_minutes(tracker_meeting(), full=False)
    for kind, render in RENDERERS.items():
        path = tmp_path / f"public.{kind}"
        render(public, path)
        read = extract_file(path)
        text = read.model_dump_json()
        assert "MARKER-SECRET" not in text
        assert "covert tasking" not in text.casefold()
        restricted = [item for item in read.items if item.number == "4"]
        assert [item.title for item in restricted] == ["Restricted item"]
        assert PUBLIC_LINE in (restricted[0].text or "")
        assert len(read.actions) == 2
        assert {a.owner for a in read.actions} == {"DCC", "CC"}


@needs_scorer
def test_brief_extract_reads_a_generated_docx(tmp_path: Path) -> None:
    """One case through the real command, as the scorer runs it."""
    from watching_brief.tracker.documents.notes import notes_minutes

    full = notes_minutes(tracker_meeting(), full=True)
    (tmp_path / "qsb.gold.json").write_text(json.dumps(gold_from(full)), encoding="utf-8")
    render_docx(full, tmp_path / "qsb.docx")
    result = score(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_scorer
def test_round_trip_check_can_fail(tmp_path: Path) -> None:
    """A wrong owner in what was read back makes the check fail."""
    from watching_brief.tracker.documents.notes import notes_minutes

    full = notes_minutes(tracker_meeting(), full=True)
    (tmp_path / "pred").mkdir()
    (tmp_path / "qsb.gold.json").write_text(json.dumps(gold_from(full)), encoding="utf-8")
    render_pdf(full, tmp_path / "qsb.pdf")
    read = extract_file(tmp_path / "qsb.pdf")
    read.actions[0].owner = "GO"
    (tmp_path / "pred" / "qsb.json").write_text(read.model_dump_json(by_alias=True))
    result = score(tmp_path, tmp_path / "pred")
    assert result.returncode == 1
    assert "actions.owner" in result.stdout.splitlines()[-1]
