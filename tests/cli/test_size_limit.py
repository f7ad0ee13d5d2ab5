"""A size limit on CLI input (issue 13, finding 14): `brief extract` and `brief ingest`
refuse a file over the limit (50 MB by default, `--max-size` in MB) before reading it,
with an error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from watching_brief.cli import app
from watching_brief.cli.extract import DEFAULT_MAX_MB, MB
from watching_brief.extraction import ExtractionError, ExtractionOptions, extract_bytes
from watching_brief.extraction.options import DEFAULT_MAX_BYTES

runner = CliRunner()
SEED = SEEDS / "monthly-assurance-2021-04.txt"


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A 60 MB text file (sparse: nothing is written, so the test stays fast)."""
    path = tmp_path / "big-notes.txt"
    with path.open("wb") as handle:
        handle.truncate(60 * MB)
    return path


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any file's bytes fails the test: the limit must be checked first."""

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)


def test_the_cli_default_is_the_core_default() -> None:
    assert DEFAULT_MAX_MB * MB == DEFAULT_MAX_BYTES == 50 * MB


def test_extract_refuses_a_file_over_the_default_limit(big: Path, no_reading: None) -> None:
    result = runner.invoke(app, ["extract", str(big), "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert f"{big}: the file is too large (60.0 MB; the limit is 50 MB)" in message


def test_max_size_sets_the_limit(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(SEED.read_bytes() * 20)  # over 0.1 MB
    refused = runner.invoke(app, ["extract", str(notes), "--max-size", "0.1"])
    assert refused.exit_code == 1
    assert f"{notes}: the file is too large" in " ".join(refused.stderr.split())
    allowed = runner.invoke(app, ["extract", str(SEED), "--max-size", "0.1"])
    assert allowed.exit_code == 0, allowed.output


def test_bytes_over_the_limit_are_refused() -> None:
    data = SEED.read_bytes()
    with pytest.raises(ExtractionError, match="notes.txt: the file is too large"):
        extract_bytes(data, "notes.txt", ExtractionOptions(max_bytes=len(data) - 1))


@pytest.mark.django_db
def test_ingest_refuses_a_file_over_the_limit(big: Path, no_reading: None) -> None:
    result = runner.invoke(app, ["ingest", str(big)], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert f"{big}: the file is too large (60.0 MB; the limit is 50 MB)" in result.stdout
    smaller = runner.invoke(app, ["ingest", str(big), "--max-size", "10"], env={"COLUMNS": "300"})
    assert "the limit is 10 MB" in smaller.stdout
