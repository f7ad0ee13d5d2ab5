"""`brief ingest` over a folder with an unreadable PDF among good notes: the others are
stored, the summary names the bad file and its reason, and the exit status is non-zero."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_tracker_commands import brief
from tests.conftest import EXAMPLES, FIXTURES

TRUNCATED = FIXTURES / "broken" / "truncated-libreoffice.pdf"


def test_one_truncated_pdf_among_good_notes(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    good = sorted(EXAMPLES.glob("northshire-assurance-*.txt"))[:2]
    for path in good:
        shutil.copy(path, folder / path.name)
    shutil.copy(TRUNCATED, folder / "b-minutes-march.pdf")  # sorted between the good ones
    data = tmp_path / "data"
    result = brief("ingest", str(folder), data=data)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any("stored" in line and "│ 2" in line for line in lines), result.stdout
    assert "1 of 3 file(s) failed:" in result.stdout
    bad = folder / "b-minutes-march.pdf"
    assert f"{bad}: the PDF is truncated (it has no end-of-file marker)" in result.stdout
    meetings = brief("actions", "--format", "json", data=data)
    stored = {row["date"] for row in json.loads(meetings.stdout)}
    assert len(stored) == 2
