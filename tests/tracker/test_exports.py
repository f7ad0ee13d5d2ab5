"""The bulk data bundle: its files, rows that match the database, valid JSON, no leaks."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import frictionless
import jsonschema
import pytest
from django.contrib.auth.models import AnonymousUser
from openpyxl import load_workbook

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.exports import write_bundle
from watching_brief.tracker.exports.writers import LICENCE
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.roles import visible_actions, visible_meetings

TABLES = ("organizations", "people", "posts", "memberships", "events", "actions")
ITEM_MARKER = "RESTRICTED-ITEM-MARKER-7Q"
ACTION_MARKER = "RESTRICTED-ACTION-MARKER-3K"
DRAFT_MARKER = "DRAFT-MEETING-MARKER-9Z"
NO_DOCUMENT_MARKER = "NO-DOCUMENT-ITEM-MARKER-5W"
MARKERS = (ITEM_MARKER, ACTION_MARKER, DRAFT_MARKER, NO_DOCUMENT_MARKER)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def examples(db: None) -> list[Meeting]:
    ingest_paths([EXAMPLES])
    return list(Meeting.objects.order_by("date", "series__name"))


def _restrict_item(meeting: Meeting, marker: str) -> None:
    """Restrict the meeting's first item, with the marker in its text and stored record."""
    item = meeting.items.order_by("position").first()
    assert item is not None
    item.restricted, item.text = True, f"{item.text} {marker}"
    item.save()
    for document in meeting.documents.all():
        document.record["items"][item.position]["text"] = marker
        document.save()


def _restrict_action(meeting: Meeting, marker: str) -> None:
    """Restrict one action not under a restricted item, the marker in its text and record."""
    action = meeting.actions.exclude(item__restricted=True).order_by("position").first()
    assert action is not None
    action.restricted, action.text = True, f"{marker} {action.text}"
    action.save()
    for document in meeting.documents.all():
        document.record["actions"][action.position]["text"] = action.text
        document.save()


@pytest.fixture
def marked(examples: list[Meeting]) -> list[Meeting]:
    """Markers in a restricted item, a restricted action, a draft meeting, and an item of a
    meeting with no document."""
    with_actions = [m for m in examples if m.actions.count() >= 2]
    first, second = with_actions[0], with_actions[1]
    _restrict_item(first, ITEM_MARKER)
    _restrict_action(first, ACTION_MARKER)
    draft = next(m for m in examples if m not in (first, second))
    draft.status, draft.title = Meeting.Status.DRAFT, f"{draft.title} {DRAFT_MARKER}"
    draft.save()
    for document in draft.documents.all():
        document.record["title"] = draft.title
        document.save()
    second.documents.all().delete()
    _restrict_item(second, NO_DOCUMENT_MARKER)
    return examples


@pytest.fixture
def bundle(marked: list[Meeting], tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    write_bundle(folder)
    return folder


def test_the_bundle_holds_the_expected_files(bundle: Path) -> None:
    for name in TABLES:
        assert (bundle / f"{name}.csv").is_file()
    assert (bundle / "watching-brief.xlsx").is_file()
    assert (bundle / "schema" / "minutes.schema.json").is_file()
    published = visible_meetings(AnonymousUser())
    files = sorted(p.relative_to(bundle).as_posix() for p in bundle.glob("meetings/*/*.json"))
    expected = sorted(f"meetings/{m.series.slug}/{m.date.isoformat()}.json" for m in published)
    assert files == expected and len(files) == Meeting.objects.count() - 1
    package = json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        assert all((bundle / path).is_file() for path in paths), resource["name"]
    assert {r["name"] for r in package["resources"]} >= set(TABLES) | {"meetings"}


def test_csv_rows_match_the_database(bundle: Path) -> None:
    public = AnonymousUser()
    actions = {row["id"]: row for row in read_csv(bundle / "actions.csv")}
    expected = {a.reference: a for a in visible_actions(public)}
    assert set(actions) == set(expected) and actions
    assert Action.objects.filter(restricted=True).exists()
    for reference, row in actions.items():
        action = expected[reference]
        assert row["text"] == action.text and row["status"] == action.status
        assert row["due_date"] == (action.due.isoformat() if action.due else "")
        assert row["post_id"] == (f"post/{action.owner_post_id}" if action.owner_post_id else "")
    events = read_csv(bundle / "events.csv")
    assert {row["start_date"][:10] for row in events} == {
        m.date.isoformat() for m in visible_meetings(public)
    }
    people = {row["id"] for row in read_csv(bundle / "people.csv")}
    for row in read_csv(bundle / "memberships.csv"):
        assert row["person_id"] in people and row["start_date"]


def test_frictionless_validates_the_bundle(bundle: Path) -> None:
    # the tables' types, primary and foreign keys, the JSON resources and the descriptor
    report = frictionless.validate(bundle / "datapackage.json")
    problems = [error.message for task in report.tasks for error in task.errors]
    assert report.valid, problems + [error.message for error in report.errors]
    assert {task.name for task in report.tasks} >= set(TABLES) | {"meetings", "minutes-schema"}


def test_frictionless_finds_a_broken_reference(bundle: Path) -> None:
    # given an action whose owner post is not in posts.csv, validation fails on it
    path = bundle / "actions.csv"
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    header, first = rows[0].split(","), rows[1]
    assert "post_id" in header and "post/" in first
    broken = re.sub(r"post/\d+", "post/999999", first, count=1)
    path.write_text("\ufeff" + "\n".join([rows[0], broken, *rows[2:]]) + "\n", encoding="utf-8")
    report = frictionless.validate(bundle / "datapackage.json")
    assert not report.valid
    assert {e.type for t in report.tasks for e in t.errors if t.name == "actions"} == {
        "foreign-key"
    }


def test_the_package_declares_its_licence_and_typed_fields(bundle: Path) -> None:
    package = json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [LICENCE] and LICENCE["name"] == "OGL-UK-3.0"
    types = {
        (resource["name"], field["name"]): field["type"]
        for resource in package["resources"]
        if "fields" in resource.get("schema", {})
        for field in resource["schema"]["fields"]
    }
    assert types[("events", "date")] == "date" and types[("actions", "due_date")] == "date"
    assert types[("events", "action_count")] == "integer"
    assert types[("actions", "overdue")] == "boolean"
    meetings = next(r for r in package["resources"] if r["name"] == "meetings")
    assert (
        meetings["type"] == "json" and "schema" not in meetings
    )  # a JSON Schema is no table schema
    assert (bundle / meetings["jsonSchema"]).is_file()


def test_typed_columns_hold_their_values(bundle: Path) -> None:
    public = AnonymousUser()
    events = {row["id"]: row for row in read_csv(bundle / "events.csv")}
    for meeting in visible_meetings(public):
        row = next(row for row in events.values() if row["file"].endswith(f"{meeting.date}.json")
                   and row["series"] == meeting.series.name)  # fmt: skip
        assert row["date"] == meeting.date.isoformat()
        shown = visible_actions(public).filter(meeting=meeting).count()
        assert int(row["action_count"]) == shown
    today = dt.date.today()
    for row in read_csv(bundle / "actions.csv"):
        action = Action.objects.get(reference=row["id"])
        assert row["overdue"] == ("true" if action.is_overdue(today) else "false")


def test_csv_files_start_with_a_byte_order_mark_for_excel(bundle: Path) -> None:
    for name in TABLES:
        assert (bundle / f"{name}.csv").read_bytes().startswith(codecs.BOM_UTF8), name


def test_the_workbook_has_date_cells_a_frozen_bold_header_and_widths(bundle: Path) -> None:
    workbook = load_workbook(bundle / "watching-brief.xlsx")
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])
    events = workbook["events"]
    column = [cell.value for cell in events[1]].index("date") + 1
    dates = [row[column - 1] for row in events.iter_rows(min_row=2)]
    assert dates and all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in dates)


def test_xlsx_sheets_repeat_the_csv_files(bundle: Path) -> None:
    workbook = load_workbook(bundle / "watching-brief.xlsx", read_only=True)
    assert workbook.sheetnames == list(TABLES)
    for name in TABLES:
        with (bundle / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            from_csv = list(csv.reader(handle))
        sheet = workbook[name].iter_rows(values_only=True)
        from_xlsx = [[as_csv_text(value) for value in row] for row in sheet]
        assert from_xlsx == from_csv, name


def as_csv_text(value: object) -> str:
    """A workbook cell as the CSV writes it: dates ISO, booleans true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime):  # openpyxl reads a date cell as a datetime
        return value.date().isoformat()
    return str(value)


def test_every_meeting_file_validates_against_the_schema(bundle: Path) -> None:
    schema = json.loads((bundle / "schema" / "minutes.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    files = list(bundle.glob("meetings/*/*.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(data)
        assert data["date"] == path.stem


def test_no_marker_appears_in_any_exported_file(bundle: Path) -> None:
    texts = [
        p.read_text(encoding="utf-8") for p in bundle.rglob("*") if p.suffix in {".json", ".csv"}
    ]
    workbook = load_workbook(bundle / "watching-brief.xlsx", read_only=True)
    for sheet in workbook.worksheets:
        texts.append(" ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row))
    everything = "\n".join(texts)
    for marker in MARKERS:
        assert marker not in everything, marker


def test_an_officer_bundle_holds_what_the_public_one_leaves_out(
    marked: list[Meeting], tmp_path: Path, django_user_model: type
) -> None:
    officer = django_user_model.objects.create_superuser("root", password="x-long-password-1")  # noqa: S106
    write_bundle(tmp_path / "all", user=officer)
    everything = "\n".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "all").rglob("*.json")
    )
    assert all(marker in everything for marker in MARKERS)


def test_the_meeting_without_a_document_is_built_from_the_database(bundle: Path) -> None:
    meeting = Meeting.objects.filter(documents=None).get()
    path = bundle / "meetings" / meeting.series.slug / f"{meeting.date.isoformat()}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    shown = visible_actions(AnonymousUser()).filter(meeting=meeting)
    assert [a["text"] for a in data["actions"]] == [a.text for a in shown.order_by("position")]
    assert data["series"] == meeting.series.name


def test_brief_export_prints_a_summary(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"BRIEF_TESTING", "DATABASE_URL"}}
    env.update(BRIEF_DATA_DIR=str(tmp_path / "data"), COLUMNS="160")

    def brief(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "watching_brief.cli", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)

    assert brief("ingest", str(EXAMPLES)).returncode == 0
    result = brief("export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "actions.csv" in result.stdout and "meetings/*.json" in result.stdout
    assert (tmp_path / "out" / "datapackage.json").is_file()
