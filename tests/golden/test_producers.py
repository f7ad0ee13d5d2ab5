"""PDFs of the seeds, fixtures and examples written by LibreOffice and by Chromium's print
score as their DOCX does.

The PDFs are made at test time (``tests/golden/producers.py``): LibreOffice converts the
house-style DOCX of every note in one headless run; Chromium prints an HTML rendering of
the same layout. They are made once per test session and shared between xdist workers
(a lock file guards the folder). ``make test`` installs both programs, so nothing here is
skipped: a missing program fails the tests with the target that installs it.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SCORER
from tests.golden import producers
from tests.golden.test_gold import THRESHOLDS
from watching_brief.extraction import extract_file

# What a DOCX of these notes reaches; each producer's PDF must reach it too (with the
# folder's own thresholds where they ask more).
AS_THEIR_DOCX = {"actions": 1.0, "actions.owner": 1.0, "attendees": 1.0, "items": 0.95}


@pytest.fixture(scope="session")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of producers' PDFs (made by the first worker that needs it)."""
    missing = producers.missing_programs()
    if missing:
        pytest.fail(f"not installed: {', '.join(missing)} (make office-deps browser-deps)")
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if base.name.startswith("popen-gw") else base
    root = shared / "producers"
    with (shared / "producers.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "done").exists():
            producers.build(root)
            (root / "done").write_text("ok", encoding="utf-8")
    return root


def minimums(folder: str) -> dict[str, float]:
    merged = dict(THRESHOLDS[folder])
    for field, value in AS_THEIR_DOCX.items():
        merged[field] = max(merged.get(field, 0.0), value)
    return merged


@pytest.mark.parametrize("producer", producers.PRODUCERS)
@pytest.mark.parametrize("folder", sorted(producers.FOLDERS))
def test_other_producers_pdfs_score_as_their_docx(
    produced: Path, tmp_path: Path, producer: str, folder: str
) -> None:
    source = produced / producer / folder
    pdfs = sorted(source.glob("*.pdf"))
    assert len(pdfs) == len(list(source.glob("*.gold.json"))) > 0
    for pdf in pdfs:
        record = extract_file(pdf).model_dump(mode="json", by_alias=True)
        (tmp_path / f"{pdf.stem}.json").write_text(json.dumps(record), encoding="utf-8")
    args = [sys.executable, str(SCORER), "--gold", str(source), "--pred", str(tmp_path), "-v"]
    for field, value in minimums(folder).items():
        args += ["--min", f"{field}={value}"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("producer", producers.PRODUCERS)
def test_other_producers_pdfs_are_what_they_say(produced: Path, producer: str) -> None:
    """The files really come from LibreOffice and Chromium (their Producer field)."""
    import pypdfium2 as pdfium

    expected = {"libreoffice": "LibreOffice", "chromium": "Skia"}[producer]
    for pdf in sorted((produced / producer / "seeds").glob("*.pdf")):
        document = pdfium.PdfDocument(pdf)
        try:
            assert expected in (document.get_metadata_dict().get("Producer") or ""), pdf.name
        finally:
            document.close()


@pytest.mark.parametrize("producer", producers.PRODUCERS)
def test_owner_names_stay_out_of_action_text(produced: Path, producer: str) -> None:
    for pdf in sorted((produced / producer / "seeds").glob("*.pdf")):
        for action in extract_file(pdf).actions:
            assert action.owner, action.text
            assert not action.text.rstrip(".").endswith(f" {action.owner}"), action.text
