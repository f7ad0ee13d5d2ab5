"""`brief extract` and `brief schema` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SEEDS
from watching_brief.cli import app

runner = CliRunner()
SEED = SEEDS / "monthly-assurance-2021-04.txt"
INTERCHANGE_KEYS = {
    "title", "series", "body", "date", "start_time", "end_time", "venue", "chair",
    "minute_taker", "attendees", "items", "actions", "decisions", "questions",
    "carried_forward", "next_meeting", "warnings",
}  # fmt: skip


def test_json_output_has_the_interchange_keys() -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) >= INTERCHANGE_KEYS
    assert record["date"] == "2021-04-27"
    assert {"name", "role", "abbrev", "status"} <= set(record["attendees"][0])
    assert {"item", "text", "owner", "due"} <= set(record["actions"][0])
    assert all(isinstance(w, str) for w in record["warnings"])


def test_several_files_print_a_list() -> None:
    files = [str(path) for path in sorted(SEEDS.glob("*.txt"))]
    result = runner.invoke(app, ["extract", *files, "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["date"] for r in records] == ["2020-09-24", "2021-04-27"]
    assert {"item", "from", "text"} <= set(records[0]["carried_forward"][0])


def test_text_output_is_a_readable_summary() -> None:
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0
    assert "Attendance" in result.stdout and "Actions" in result.stdout
    assert "Julian Moss" in result.stdout


def test_unreadable_file_gets_one_line_naming_it_and_no_output(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(SEED), str(empty), "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{empty}: the file is empty" in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output


def test_binary_file_with_a_text_name_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.txt"
    fake.write_bytes(b"\x00\x89PNG\r\n\x1a\n" * 100)
    result = runner.invoke(app, ["extract", str(fake)])
    assert result.exit_code == 1
    assert "binary" in result.stderr


def test_schema_is_the_json_schema_of_the_record() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Minutes"
    assert "actions" in schema["properties"]
    assert "from" in schema["$defs"]["CarriedForward"]["properties"]
