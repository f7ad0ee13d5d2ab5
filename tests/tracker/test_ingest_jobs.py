"""Ingestion jobs: in-process on SQLite (immediate backend), a database queue on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks import TaskResultStatus

from tests.conftest import EXAMPLES, ROOT
from watching_brief.tracker.ingest.jobs import enqueue_documents, enqueue_paths, ingest_job
from watching_brief.tracker.meetings.models import Meeting, SourceDocument

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FIRST = EXAMPLES / "northshire-assurance-2026-01.txt"
SECOND = EXAMPLES / "northshire-panel-2026-02.txt"

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database queue is tested on PostgreSQL"
)


def test_the_default_backend_follows_the_database() -> None:
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    if os.environ.get("BRIEF_TASKS_BACKEND"):
        pytest.skip("BRIEF_TASKS_BACKEND is set")
    if connection.vendor == "postgresql":
        assert backend.startswith("django_tasks_db.")
    else:
        assert backend.endswith("ImmediateBackend")


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_immediate_backend_stores_the_meeting_at_once() -> None:
    [job] = enqueue_documents([FIRST])
    assert job.status == TaskResultStatus.SUCCESSFUL
    value: dict[str, Any] = job.return_value
    assert value["status"] == "stored"
    assert value["path"] == str(FIRST.resolve())
    assert Meeting.objects.count() == 1
    assert SourceDocument.objects.count() == 1
    # The same file again changes nothing.
    [again] = enqueue_documents([FIRST])
    assert again.return_value["status"] == "unchanged"
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_a_failing_file_gives_a_failed_value_not_a_failed_job(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    job = ingest_job.enqueue(str(missing), None)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value["status"] == "failed"
    assert str(missing) in job.return_value["reason"]
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE)
def test_enqueue_paths_returns_one_id_per_document() -> None:
    ids = enqueue_paths([FIRST, SECOND])
    assert len(ids) == 2 and len(set(ids)) == 2
    assert Meeting.objects.count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE)
def test_database_queue_run_by_a_worker_process(tmp_path: Path) -> None:
    ids = enqueue_paths([FIRST, SECOND])
    assert len(ids) == 2
    assert Meeting.objects.count() == 0  # queued, not run
    for result_id in ids:
        assert ingest_job.get_result(result_id).status == TaskResultStatus.READY

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "BRIEF_TASKS_BACKEND": "database"}
    brief = Path(sys.executable).parent / "brief"
    done = subprocess.run(
        [str(brief), "worker", "--batch", "--interval", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    for result_id in ids:
        result = ingest_job.get_result(result_id)
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value["status"] == "stored"
    assert Meeting.objects.count() == 2
    assert SourceDocument.objects.count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE)
def test_database_queue_failing_file_does_not_stop_the_worker(tmp_path: Path) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    missing = tmp_path / "missing.txt"
    [bad] = enqueue_paths([missing])
    [good] = enqueue_paths([FIRST])
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()

    failed = ingest_job.get_result(bad)
    assert failed.status == TaskResultStatus.SUCCESSFUL
    assert failed.return_value["status"] == "failed"
    assert "No such file" in failed.return_value["reason"]
    stored = ingest_job.get_result(good)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.return_value["status"] == "stored"
    assert Meeting.objects.count() == 1
