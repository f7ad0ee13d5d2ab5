"""Scanned archives: a seed note printed, scanned at 200 dpi and read with OCR.

The seed's house-style PDF is rasterised with poppler's ``pdftoppm`` at 200 dpi in grey
(as an office scanner would), the page images are put into an image-only PDF with
Pillow, and ``extract_bytes(..., ExtractionOptions(ocr=True))`` runs OCRmyPDF with
Tesseract on it. Scored against the seed's gold: actions and attendees at least 0.9, and
the record says that it was read through OCR. ``make test`` installs poppler-utils,
ocrmypdf, tesseract-ocr and tesseract-ocr-eng (``make office-deps``), so nothing is
skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SCORER, SEEDS
from watching_brief.extraction import ExtractionError, ExtractionOptions, extract_bytes
from watching_brief.extraction.sources import load_bytes
from watching_brief.extraction.sources.text import read_text
from watching_brief.publishing.house_style import render_pdf

SEED = "monthly-assurance-2020-09"
DPI = 200


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The seed as an image-only PDF: its pages rasterised at 200 dpi."""
    from PIL import Image

    missing = [tool for tool in ("pdftoppm", "ocrmypdf", "tesseract") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"not installed: {', '.join(missing)} (make office-deps)")
    from watching_brief.extraction import extract_file

    folder = tmp_path_factory.mktemp("scan")
    printed = folder / f"{SEED}.pdf"
    render_pdf(extract_file(SEEDS / f"{SEED}.txt"), printed)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(printed), str(folder / "page")],
        check=True,
        timeout=300,
    )
    pages = [Image.open(path) for path in sorted(folder.glob("page-*.png"))]
    assert pages, "pdftoppm wrote no page images"
    target = folder / "scan.pdf"
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=DPI)
    return target.read_bytes()


def test_the_scan_has_no_text_layer_and_says_to_use_ocr(scan: bytes) -> None:
    with pytest.raises(ExtractionError, match="no text layer.*--ocr"):
        load_bytes(scan, "scan.pdf")


def test_a_scanned_seed_read_with_ocr_scores_on_actions_and_attendees(
    scan: bytes, tmp_path: Path
) -> None:
    minutes = extract_bytes(scan, "scan.pdf", ExtractionOptions(ocr=True))
    assert minutes.warnings and minutes.warnings[0].startswith("ocr:")
    assert any(w.code == "ocr" for w in minutes.warning_details)
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(SEEDS / f"{SEED}.gold.json", gold)
    (gold / f"{SEED}.pdf").write_bytes(scan)
    predictions = tmp_path / "pred"
    predictions.mkdir()
    record = minutes.model_dump(mode="json", by_alias=True)
    (predictions / f"{SEED}.json").write_text(json.dumps(record), encoding="utf-8")
    args = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(predictions), "-v"]
    args += ["--min", "actions=0.9", "--min", "attendees=0.9"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_text_read_without_ocr_carries_no_ocr_warning() -> None:
    document = read_text((SEEDS / f"{SEED}.txt").read_bytes(), "seed.txt")
    assert not document.read_by_ocr
    minutes = extract_bytes((SEEDS / f"{SEED}.txt").read_bytes(), "seed.txt")
    assert not any(w.startswith("ocr:") for w in minutes.warnings)
