"""Ingestion as background jobs (django-tasks): enqueue files, any number of workers run them.

On PostgreSQL the jobs go into a queue in the database (``django-tasks-db``) and
``brief worker`` processes, on any machines sharing the database, take them one at a
time. On SQLite the immediate backend runs each job in-process as it is enqueued. The
backend is chosen in settings (``BRIEF_TASKS_BACKEND``).

A job never raises for a bad file: it returns a dict whose ``status`` is ``failed`` with
the ``reason``, so the job itself succeeds and the worker carries on.

Imports from the web page are *batches*: each file is written under
``BRIEF_DATA_DIR/uploads/<batch>/`` (a volume every worker shares) and gets an
:class:`ImportFile` row; its job marks the row running, then records the outcome, so the
batch page reads progress from the database whichever machine ran the job.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from watching_brief.tracker.errorlog import internal_error, internal_error_text
from watching_brief.tracker.ingest.models import ImportBatch, ImportFile
from watching_brief.tracker.ingest.services import IngestResult, find_documents, ingest_file
from watching_brief.tracker.meetings.models import SourceDocument

UPLOADS = "uploads"
OUTCOMES = {status.value for status in ImportFile.Status} - {"queued", "running"}


def result_dict(result: IngestResult) -> dict[str, Any]:
    """An ingest result as JSON-ready data (what a job returns)."""
    return {
        "path": str(result.path),
        "status": result.status,
        "meeting": result.meeting,
        "reason": result.reason,
        "kept": list(result.kept),
        "unmatched": list(result.unmatched),
    }


def _ingest(path: Path, body: str | None) -> IngestResult:
    try:
        return ingest_file(path, body)
    except Exception as error:  # noqa: BLE001 - a bad file must not fail the worker's job
        reason = internal_error(str(path), error, doing="imported", kind="import")
        return IngestResult(path, "failed", reason=reason)


@task()
def ingest_job(path: str, body: str | None = None) -> dict[str, Any]:
    """Ingest one file (a path the worker can read) and report what happened."""
    return result_dict(_ingest(Path(path), body))


@task()
def import_file_job(file_id: int) -> dict[str, Any]:
    """Ingest one file of an import batch, recording its progress on its row."""
    ImportFile.objects.filter(pk=file_id, status=ImportFile.Status.QUEUED).update(
        status=ImportFile.Status.RUNNING, started=timezone.now()
    )
    upload = ImportFile.objects.filter(pk=file_id).first()
    if upload is None:
        return {"path": "", "status": "failed", "reason": f"import file {file_id} is gone"}
    path = Path(settings.BRIEF_DATA_DIR) / upload.path
    value = result_dict(_ingest(path, None))
    record_outcome(upload, value, path)
    return value


def record_outcome(upload: ImportFile, value: dict[str, Any], path: Path | None = None) -> None:
    """Store a job's result on its file's row (the reason names the file, not the path)."""
    status = value.get("status", "failed")
    upload.status = status if status in OUTCOMES else ImportFile.Status.FAILED
    reason = str(value.get("reason") or "")
    for long_name in filter(None, (value.get("path"), str(path) if path else "")):
        reason = reason.replace(str(long_name), upload.name)
    upload.reason = reason
    upload.meeting_name = str(value.get("meeting") or "")[:500]
    upload.meeting = None
    if path is not None and upload.status != ImportFile.Status.FAILED:
        found = _stored_as(path)
        if found is not None:
            upload.meeting = found.meeting
            upload.meeting_name = upload.meeting_name or str(found.meeting)[:500]
    upload.finished = timezone.now()
    upload.save(update_fields=["status", "reason", "meeting", "meeting_name", "finished"])


def _stored_as(path: Path) -> SourceDocument | None:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return SourceDocument.objects.filter(sha256=digest).select_related("meeting").first()


def enqueue_documents(paths: Iterable[Path], body: str | None = None) -> list[TaskResult[Any]]:
    """Enqueue one job per document (folders searched as by ``brief ingest``)."""
    return [ingest_job.enqueue(str(document.resolve()), body) for document in find_documents(paths)]


def enqueue_paths(paths: Iterable[Path | str], body: str | None = None) -> list[str]:
    """Enqueue one job per document and return the jobs' result ids."""
    return [str(result.id) for result in enqueue_documents((Path(p) for p in paths), body)]


@dataclass(frozen=True, slots=True)
class Upload:
    """One file to import: its name as uploaded, and how to read its bytes.

    ``read`` may raise ValueError (for example a zip member larger than allowed): the file
    is then recorded as failed with that reason and no job is queued for it.
    """

    name: str
    read: Callable[[], bytes]


def safe_name(name: str) -> str:
    """A plain file name from an uploaded name: no folders, no odd characters."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-")
    return (cleaned or "file")[-120:]


def upload_folder(batch: ImportBatch) -> Path:
    """Where a batch's files are written (under the shared data folder)."""
    return Path(settings.BRIEF_DATA_DIR) / UPLOADS / str(batch.pk)


def start_batch(uploads: Iterable[Upload], user: Any = None) -> ImportBatch:
    """Write each upload under the data folder and queue one ingest job per file."""
    batch = ImportBatch.objects.create(user=user)
    folder = upload_folder(batch)
    folder.mkdir(parents=True, exist_ok=True)
    root = Path(settings.BRIEF_DATA_DIR)
    queued: list[ImportFile] = []
    for number, upload in enumerate(uploads, 1):
        target = folder / f"{number:04d}-{safe_name(upload.name)}"
        row = ImportFile(batch=batch, name=upload.name[:500], path=str(target.relative_to(root)))
        try:
            data = upload.read()
        except ValueError as error:
            row.status, row.reason = ImportFile.Status.FAILED, str(error)
            row.finished = timezone.now()
            row.save()
            continue
        target.write_bytes(data)
        row.size = len(data)
        row.save()
        queued.append(row)
    for row in queued:
        result = import_file_job.enqueue(row.pk)
        ImportFile.objects.filter(pk=row.pk).update(task_id=str(result.id))
    return batch


def refresh_batch(batch: ImportBatch) -> None:
    """Settle files whose job ended without recording it (for example a job that raised)."""
    if not import_file_job.get_backend().supports_get_result:
        return
    for row in batch.files.filter(status__in=ImportFile.PENDING).exclude(task_id=""):
        try:
            result = import_file_job.get_result(row.task_id)
        except TaskResultDoesNotExist:
            continue
        if result.status == TaskResultStatus.FAILED:
            # The job itself raised (not a bad file: those are reported as failed results).
            # Office staff get a plain line; the traceback goes to the log it names.
            error = result.errors[-1] if result.errors else None
            details = (error.traceback or error.exception_class_path) if error else ""
            reason = internal_error_text(
                row.name,
                details or "The job failed and left no traceback.",
                doing="imported",
                kind="import",
            )
            record_outcome(row, {"status": "failed", "reason": reason})
        elif result.status == TaskResultStatus.SUCCESSFUL:
            root = Path(settings.BRIEF_DATA_DIR)
            record_outcome(row, dict(result.return_value or {}), root / row.path)
