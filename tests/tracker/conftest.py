"""Tracker fixtures: the seed notes and the bundled examples ingested into the test DB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SEEDS
from watching_brief.tracker.ingest.services import IngestResult, ingest_paths

WEST_MERCIA = "West Mercia OPCC"


@pytest.fixture
def ingested(db: None) -> list[IngestResult]:
    """The two seed notes (filed under one body) and the four Northshire examples."""
    results = ingest_paths([SEEDS], body=WEST_MERCIA)
    results += ingest_paths([EXAMPLES])
    return results


@pytest.fixture
def notes_copy(tmp_path: Path) -> Path:
    """A writable copy of one example, to change and ingest again."""
    source = EXAMPLES / "northshire-assurance-2026-02.txt"
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


@pytest.fixture(autouse=True)
def _empty_response_cache(settings: Any, tmp_path: Path) -> None:
    """Each test starts with no cached responses, and its own generation file: a
    rolled-back test leaves no write behind to change the generation, and test processes
    running side by side must not change each other's."""
    settings.BRIEF_CACHE_GENERATION_FILE = tmp_path / "cache-generation"
