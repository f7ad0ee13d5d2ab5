"""A document whose insert collides with a concurrent worker's is stored on a retry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError

from watching_brief.extraction import extract_bytes
from watching_brief.tracker.ingest import services
from watching_brief.tracker.meetings.models import Meeting, SourceDocument

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example() -> Path:
    return sorted(p for p in EXAMPLES.rglob("*.txt"))[0]


def test_collision_is_retried_and_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _example()
    data = path.read_bytes()
    real = services.store_minutes
    calls: list[int] = []

    def colliding(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        stored = real(*args, **kwargs)
        if len(calls) == 1:  # as if another worker had inserted the same person first
            raise IntegrityError("duplicate key value violates unique constraint")
        return stored

    monkeypatch.setattr(services, "store_minutes", colliding)
    result = services.store_document(path, data, extract_bytes(data, str(path)))
    assert result.status == "stored"
    assert len(calls) == 2
    assert Meeting.objects.count() == 1  # the first attempt left nothing behind
    assert SourceDocument.objects.count() == 1


def test_lasting_integrity_error_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _example()
    data = path.read_bytes()

    def always(*args: Any, **kwargs: Any) -> Any:
        raise IntegrityError("always")

    monkeypatch.setattr(services, "store_minutes", always)
    with pytest.raises(IntegrityError):
        services.store_document(path, data, extract_bytes(data, str(path)))
    assert not Meeting.objects.exists()
