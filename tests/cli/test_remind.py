"""`brief remind`: the digest table, posts with no address, --dry-run and real sending."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.tracker.test_publication import build_meeting
from watching_brief.cli import app
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Meeting

TODAY = "2026-04-01"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, ["remind", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.django_db
def test_remind_dry_run_then_for_real(mailoutbox: list[Any]) -> None:
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    Action.objects.filter(reference="T-1").update(due=dt.date(2026, 3, 30))  # overdue
    Action.objects.filter(reference="T-3").update(due=dt.date(2026, 4, 5))  # ACC: no address
    dry = run("--today", TODAY, "--days", "14", "--dry-run")
    assert "DCC (Testshire OPCC)" in dry and "Dana Carter" in dry and "dcc@example.org" in dry
    page = f"/posts/{built.acc.pk}/#email"  # where an officer adds the address
    assert "no e-mail address for ACC: set one at http" in dry
    assert f"{page} or link a contributor" in dry
    assert "Would send 1 reminder e-mail." in dry
    assert mailoutbox == []
    real = run("--today", TODAY, "--days", "14")
    assert "Sent 1 reminder e-mail." in real
    [message] = mailoutbox
    assert message.to == ["dcc@example.org"]
    assert "T-1" in message.body and "T-2" in message.body  # overdue, due 17 March
    assert f"/posts/{built.dcc.pk}/due.ics" in message.body


@pytest.mark.django_db
def test_remind_respects_the_window() -> None:
    build_meeting(status=Meeting.Status.PUBLISHED)
    Action.objects.update(due=dt.date(2026, 4, 20))
    assert "Would send 0 reminder e-mails." in run("--today", TODAY, "--days", "7", "--dry-run")
    assert "Would send 1 reminder e-mail." in run("--today", TODAY, "--days", "30", "--dry-run")


def test_a_bad_date_is_refused() -> None:
    result = CliRunner().invoke(app, ["remind", "--today", "1 April"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_remind_on_a_fresh_database_writes_mail_files(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"BRIEF_TESTING", "DATABASE_URL"}}
    env |= {"BRIEF_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    env["BRIEF_EMAIL_BACKEND"] = "file"

    def brief(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "watching_brief.cli", *args],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip

    assert brief("ingest", str(EXAMPLES)).returncode == 0
    result = brief("remind", "--today", TODAY, "--days", "60", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Reminders for 2026-04-01" in result.stdout
    assert "no e-mail address for DCC" in result.stdout  # the examples give no addresses
    real = brief("remind", "--today", TODAY, "--days", "60")
    assert real.returncode == 0, real.stderr
    assert "Sent 0 reminder e-mails." in real.stdout
