"""`ingest`: files in, meetings stored; idempotent, one transaction per document."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from watching_brief.extraction import ExtractionError, Minutes, extract_document
from watching_brief.extraction.sources import load_bytes, sniff
from watching_brief.tracker.errorlog import internal_error
from watching_brief.tracker.ingest.links import book_revisits, link_carried_forward
from watching_brief.tracker.ingest.mapping import store_minutes
from watching_brief.tracker.meetings.models import SourceDocument
from watching_brief.tracker.meetings.publication import record_version

DOCUMENT_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".html", ".htm")
ATTEMPTS = 3  # a document is stored again when a concurrent worker's insert collided


@dataclass(slots=True)
class IngestResult:
    """What happened to one file: stored, unchanged, updated or failed."""

    path: Path
    status: str
    meeting: str = ""
    reason: str = ""
    kept: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def find_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and documents found in folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            yield path


def ingest_file(path: Path, body: str | None = None) -> IngestResult:
    """Extract one file and store its meeting, all or nothing; never raises for one file.

    An unexpected error (a bug in the reader, a database error while storing this
    meeting) fails this file only: its traceback goes to a log under the data folder and
    the reason names the file and that log.
    """
    try:
        return _ingest_file(path, body)
    except Exception as error:  # noqa: BLE001 - one file's failure never stops a batch
        return IngestResult(path, "failed", reason=internal_error(str(path), error, doing="stored"))


def _ingest_file(path: Path, body: str | None) -> IngestResult:
    try:
        data = path.read_bytes()
    except OSError as error:
        return IngestResult(path, "failed", reason=f"{path}: {error.strerror or error}")
    digest = hashlib.sha256(data).hexdigest()
    existing = SourceDocument.objects.filter(sha256=digest).select_related("meeting").first()
    if existing is not None:
        return IngestResult(path, "unchanged", meeting=str(existing.meeting))
    try:
        document = load_bytes(data, str(path))  # read once: the record and the text kept
        minutes = extract_document(document)
    except ExtractionError as error:
        return IngestResult(path, "failed", reason=str(error))
    except Exception as error:  # noqa: BLE001 - a bug in the reader fails this file only
        return IngestResult(path, "failed", reason=internal_error(str(path), error))
    return store_document(path, data, minutes, body, text=document.text)


def store_document(
    path: Path, data: bytes, minutes: Minutes, body: str | None = None, text: str | None = None
) -> IngestResult:
    """Store a document's (possibly corrected) record and the document, all or nothing.

    ``text`` is the document's text as it was read (through OCR, say); by default it is
    read again from ``data``.
    """
    digest = hashlib.sha256(data).hexdigest()
    for attempt in range(1, ATTEMPTS + 1):
        if SourceDocument.objects.filter(sha256=digest).exists():
            return IngestResult(path, "unchanged")
        try:
            with transaction.atomic():
                stored = store_minutes(minutes, body)
                SourceDocument.objects.create(
                    meeting=stored.meeting,
                    file_name=path.name[:500],
                    sha256=digest,
                    media_type=sniff(data),
                    size=len(data),
                    text=_document_text(data, str(path)) if text is None else text,
                    record=minutes.model_dump(mode="json", by_alias=True),
                    warnings=minutes.warnings,
                )
                unmatched = link_carried_forward(stored.meeting)
                book_revisits(stored.meeting)
                if stored.changed and not stored.created:
                    # published notes imported again are republished: one version when
                    # the public text changed (none when the re-import changed nothing)
                    note = f"Imported again from {path.name}."
                    record_version(stored.meeting, None, note)
            break
        except ValueError as error:
            return IngestResult(path, "failed", reason=f"{path}: {error}")
        except IntegrityError:
            # Another worker stored the same person, post, body or series between our
            # look-up and our insert; nothing of ours was kept, and this time we find it.
            if attempt == ATTEMPTS:
                raise
    status = "stored" if stored.created else "updated"
    return IngestResult(path, status, str(stored.meeting), kept=stored.kept, unmatched=unmatched)


def _document_text(data: bytes, name: str) -> str:
    from watching_brief.extraction.sources import load_bytes

    return load_bytes(data, name).text


def ingest_paths(
    paths: Iterable[Path],
    body: str | None = None,
    progress: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest every document under ``paths``; one bad file never stops the rest."""
    results = []
    for path in find_documents(paths):
        result = ingest_file(path, body)
        results.append(result)
        if progress is not None:
            progress(result)
    return results
