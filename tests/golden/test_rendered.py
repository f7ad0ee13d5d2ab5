"""Every gold document rendered to PDF and DOCX in the house layout scores like its text.

The renderings are made by the project's own house-style generator at test time: a
header table, an attendance table of Name / Capacity, and an items table of No. / Item /
Action owner whose pages break inside the table. Reading them back exercises the PDF
reader's columns (owner column, number column) and the DOCX reader's table cells.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCUMENTS, EXAMPLES, SCORER, SEEDS
from tests.golden.test_gold import THRESHOLDS
from watching_brief.extraction import extract_file
from watching_brief.publishing.house_style import render_docx, render_pdf

RENDERERS = {"pdf": render_pdf, "docx": render_docx}
FOLDERS = {"seeds": SEEDS, "documents": DOCUMENTS, "examples": EXAMPLES}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Renderings and gold files, one folder per (format, source folder)."""
    root = tmp_path_factory.mktemp("rendered")
    for kind, render in RENDERERS.items():
        for name, folder in FOLDERS.items():
            target = root / kind / name
            target.mkdir(parents=True)
            for text in sorted(folder.glob("*.txt")):
                render(extract_file(text), target / f"{text.stem}.{kind}")
                shutil.copy(text.with_name(f"{text.stem}.gold.json"), target)
    return root


@pytest.mark.skipif(not SCORER.exists(), reason=f"no scorer at {SCORER}")
@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_rendered_documents_score_like_their_text(rendered: Path, kind: str, folder: str) -> None:
    source = rendered / kind / folder
    predictions = rendered / f"pred-{kind}-{folder}"
    predictions.mkdir()
    for document in sorted(source.glob(f"*.{kind}")):
        record = extract_file(document).model_dump(mode="json", by_alias=True)
        (predictions / f"{document.stem}.json").write_text(json.dumps(record), encoding="utf-8")
    args = [sys.executable, str(SCORER), "--gold", str(source), "--pred", str(predictions), "-v"]
    for field, value in THRESHOLDS[folder].items():
        args += ["--min", f"{field}={value}"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_owner_names_never_leak_into_action_text(rendered: Path, kind: str) -> None:
    for document in sorted((rendered / kind / "seeds").glob(f"*.{kind}")):
        for action in extract_file(document).actions:
            assert action.owner, action.text
            assert not action.text.rstrip(".").endswith(f" {action.owner}"), action.text
            assert f" {action.owner} {action.owner} " not in f" {action.text} "


def test_pdf_pages_break_inside_the_items_table(rendered: Path) -> None:
    import pypdfium2 as pdfium

    path = rendered / "pdf" / "seeds" / "monthly-assurance-2021-04.pdf"
    pdf = pdfium.PdfDocument(path)
    try:
        headers = sum("Action owner" in page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    assert headers >= 2
