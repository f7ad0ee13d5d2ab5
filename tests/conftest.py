"""Shared paths for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("BRIEF_TESTING", "1")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
DOCUMENTS = FIXTURES / "documents"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
# The shared scorer when it sits beside the checkout (as in CI); else the copy kept here.
SCORER = SHARED / "tools" / "score_extraction.py"
if not SCORER.exists():
    SCORER = ROOT / "tests" / "golden" / "score_extraction.py"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The real seed notes by slug."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
