"""`brief ingest` carries on after any failure: a bug in the reader, a database error while
storing one meeting. Each is one line in the summary, its traceback in a log; the other
meetings are stored and the exit status is non-zero."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, SEEDS
from watching_brief.cli import app
from watching_brief.extraction import Minutes
from watching_brief.tracker.ingest import mapping
from watching_brief.tracker.meetings.models import Meeting, SourceDocument

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("northshire-assurance-*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(SEEDS / "monthly-assurance-2021-04.txt", folder / "z-west-mercia.txt")
    return folder


def test_an_internal_error_and_a_database_error_fail_their_files_only(
    archive: Path, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.BRIEF_DATA_DIR = tmp_path / "data"
    from watching_brief.extraction.sources import load_bytes

    def reader(data: bytes, name: str, *args: Any) -> Any:
        if name.endswith("2026-02.txt"):
            raise IndexError("list index out of range")  # a bug in the reader
        return load_bytes(data, name, *args)

    def storing(minutes: Minutes, body: str | None = None) -> Any:
        stored = mapping.store_minutes(minutes, body)  # written, then the database fails
        if minutes.date == dt.date(2026, 3, 24):
            raise DatabaseError("could not extend file: No space left on device")
        return stored

    monkeypatch.setattr("watching_brief.tracker.ingest.services.load_bytes", reader)
    monkeypatch.setattr("watching_brief.tracker.ingest.services.store_minutes", storing)
    result = CliRunner().invoke(app, ["ingest", str(archive), "--body", "Northshire OPCC"])
    assert result.exit_code == 1
    output = " ".join(result.stdout.split())
    assert "Traceback" not in result.output
    assert "IndexError" not in output and "No space left" not in output
    assert "2 of 4 file(s) failed:" in output
    read_error = f"{archive / 'northshire-assurance-2026-02.txt'} could not be read: internal error"
    store_error = f"{archive / 'northshire-assurance-2026-03.txt'} could not be stored: internal"
    assert read_error in output and store_error in output
    logs = sorted((tmp_path / "data" / "logs").glob("*.log"))
    assert len(logs) == 2 and all(log.name in output for log in logs)
    details = " ".join(log.read_text() for log in logs)
    assert "IndexError: list index out of range" in details and "No space left" in details
    # The others are stored; nothing of the meeting whose storing failed was kept.
    assert sorted(Meeting.objects.values_list("date", flat=True)) == [
        dt.date(2021, 4, 27),
        dt.date(2026, 1, 27),
    ]
    assert SourceDocument.objects.count() == 2
