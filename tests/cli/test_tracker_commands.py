"""`brief ingest`, `brief actions`, `brief agenda`, `brief people` and `brief demo`, run as a
person would: a separate process with its own fresh SQLite database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, SEEDS


def person_env(data: Path) -> dict[str, str]:
    """The environment of a person's shell: none of the test run's settings, ``data``."""
    unset = {"BRIEF_TESTING", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["BRIEF_DATA_DIR"] = str(data)
    return env


def brief(*args: str, data: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = person_env(data)
    env["COLUMNS"] = "160"
    return subprocess.run(
        [sys.executable, "-m", "watching_brief.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_ingest_then_log_on_a_fresh_sqlite_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = brief("ingest", str(EXAMPLES), data=data)
    assert first.returncode == 0, first.stderr
    assert "stored" in first.stdout and "│ 4" in first.stdout
    assert (data / "brief.sqlite3").exists()
    again = brief("ingest", str(EXAMPLES), data=data)
    assert again.returncode == 0
    assert "unchanged │ 4" in again.stdout.replace("  ", " ").replace("  ", " ")
    log = brief("actions", "--open", "--owner", "DCC", "--format", "json", data=data)
    rows = json.loads(log.stdout)
    assert rows and {row["owner"] for row in rows} == {"DCC"}
    assert all(row["status"] in {"Open", "In progress"} for row in rows)
    csv_log = brief("actions", "--format", "csv", data=data)
    assert csv_log.stdout.splitlines()[0].startswith("reference,meeting,date")


def test_failed_file_sets_the_exit_status_and_names_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "good.txt").write_bytes((SEEDS / "monthly-assurance-2021-04.txt").read_bytes())
    result = brief("ingest", str(folder), "--body", "West Mercia OPCC", data=tmp_path / "data")
    assert result.returncode == 1
    assert "the file is empty" in result.stdout
    assert "stored" in result.stdout


def test_agenda_and_people(tmp_path: Path) -> None:
    data = tmp_path / "data"
    brief("ingest", str(EXAMPLES), data=data)
    agenda = brief(
        "agenda", "--series", "monthly-assurance-meeting", "--as-of", "2026-04-01", data=data
    )
    assert agenda.returncode == 0, agenda.stderr
    assert "next meeting 2026-04-28" in agenda.stdout
    assert "Matters arising" in agenda.stdout
    people = brief("people", data=data)
    assert "Mark Ellery" in people.stdout and "Temporary" in people.stdout


def test_demo_ingests_the_examples_into_a_fresh_database(tmp_path: Path) -> None:
    result = brief("demo", "--as-of", "2026-04-01", data=tmp_path / "unused", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "demo" / "brief.sqlite3").exists()
    assert "Action log" in result.stdout and "Matters arising" in result.stdout


def test_createuser_makes_the_first_officer_and_refuses_weak_passwords(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = brief(
        "createuser", "alice", "--role", "officer", "--password", "Str0ng-enough-2026", data=data
    )
    assert made.returncode == 0, made.stderr
    assert "Created officer alice" in made.stdout
    weak = brief("createuser", "bob", "--password", "123", data=data)
    assert weak.returncode == 1
    assert "password" in weak.stderr.lower()
    unknown = brief(
        "createuser", "carol", "--role", "contributor", "--post", "XYZ",
        "--password", "Str0ng-enough-2026", data=data,
    )  # fmt: skip
    assert unknown.returncode == 1
    assert "no post XYZ" in unknown.stderr


def test_the_log_on_a_database_never_made_migrates_it_under_the_full_settings(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    log = brief("actions", "--overdue", "--format", "json", data=data)
    assert log.returncode == 0, log.stderr
    assert json.loads(log.stdout) == []
    with sqlite3.connect(data / "brief.sqlite3") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    # every app's tables, not only the record's: the web's, the search index's, the queue's
    assert {"actions_action", "search_searchentry", "django_session"} <= tables


def test_reading_commands_start_without_the_web_api_search_or_admin_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert brief("ingest", str(EXAMPLES), data=data).returncode == 0
    env = person_env(data)
    code = (
        "import sys\n"
        "from watching_brief.cli import log\n"
        "log.actions(overdue=True, output_format=log.Format.json, as_of='2026-06-01')\n"
        "heavy = ('watching_brief.tracker.web', 'watching_brief.tracker.api', "
        "'watching_brief.tracker.search', 'watching_brief.tracker.meetings.admin', "
        "'watching_brief.tracker.actions.admin', 'openpyxl', 'watching_brief.extraction')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    rows = json.loads(done.stdout)
    assert rows and all(row["overdue"] for row in rows)
