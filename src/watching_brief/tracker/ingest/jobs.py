"""Ingestion as background jobs (django-tasks): enqueue files, any number of workers run them.

On PostgreSQL the jobs go into a queue in the database (``django-tasks-db``) and
``brief worker`` processes, on any machines sharing the database, take them one at a
time. On SQLite the immediate backend runs each job in-process as it is enqueued. The
backend is chosen in settings (``BRIEF_TASKS_BACKEND``).

A job never raises for a bad file: it returns a dict whose ``status`` is ``failed`` with
the ``reason``, so the job itself succeeds and the worker carries on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django_tasks import TaskResult, task

from watching_brief.tracker.ingest.services import IngestResult, find_documents, ingest_file


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


@task()
def ingest_job(path: str, body: str | None = None) -> dict[str, Any]:
    """Ingest one file (a path the worker can read) and report what happened."""
    try:
        result = ingest_file(Path(path), body)
    except Exception as error:  # noqa: BLE001 - a bad file must not fail the worker's job
        result = IngestResult(Path(path), "failed", reason=f"{type(error).__name__}: {error}")
    return result_dict(result)


def enqueue_documents(paths: Iterable[Path], body: str | None = None) -> list[TaskResult[Any]]:
    """Enqueue one job per document (folders searched as by ``brief ingest``)."""
    return [ingest_job.enqueue(str(document.resolve()), body) for document in find_documents(paths)]


def enqueue_paths(paths: Iterable[Path | str], body: str | None = None) -> list[str]:
    """Enqueue one job per document and return the jobs' result ids."""
    return [str(result.id) for result in enqueue_documents((Path(p) for p in paths), body)]
