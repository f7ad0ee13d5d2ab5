"""`brief extract` and `brief schema` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SEEDS
from watching_brief.cli import app

runner = CliRunner()
SEED = SEEDS / "monthly-assurance-2021-04.txt"
TRUNCATED = FIXTURES / "broken" / "truncated-libreoffice.pdf"
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


def test_a_truncated_pdf_from_libreoffice_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(TRUNCATED), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    line = result.stderr.replace("\n", "")
    assert line.startswith(f"error: {TRUNCATED}: the PDF is truncated")
    assert "Traceback" not in result.output


def test_an_internal_error_is_one_line_naming_the_file_and_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug deep in the PDF reader")

    monkeypatch.setattr("watching_brief.extraction.sources.read_pdf", broken)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEF_DATA_DIR", str(tmp_path / "data"))
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(TRUNCATED.read_bytes() + b"\n%%EOF\n")  # past the core's own checks
    result = runner.invoke(app, ["extract", str(notes), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "Traceback" not in result.output and "RuntimeError" not in result.output
    (log,) = (tmp_path / "data" / "logs").glob("extract-*.log")
    expected = f"error: {notes} could not be read: internal error, details in data/logs/{log.name}"
    assert result.stderr.replace("\n", "") == expected
    assert "RuntimeError: a bug deep in the PDF reader" in log.read_text()
    assert "Traceback (most recent call last)" in log.read_text()
