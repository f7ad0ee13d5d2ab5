"""`brief worker`: run queued ingestion jobs (the database task backend)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console


def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Run the jobs waiting now, then exit.")
    ] = False,
    interval: Annotated[
        float, typer.Option(help="Seconds to wait between polls when the queue is empty.")
    ] = 1.0,
    max_tasks: Annotated[
        int | None, typer.Option(help="Exit after running this many jobs.")
    ] = None,
) -> None:
    """Run queued jobs from the database (`brief ingest --queue` adds them).

    Any number of workers can run, on any machines that share the database
    (DATABASE_URL) and can read the queued files at the same paths: each job is claimed
    by exactly one worker. Stop a worker with Ctrl+C or SIGTERM; it finishes its current
    job first. Needs the database backend (the default on PostgreSQL, or
    BRIEF_TASKS_BACKEND=database); with the immediate backend jobs run as they are queued
    and there is nothing for a worker to do.
    """
    from watching_brief.tracker import setup

    setup()
    from django.core.management import call_command
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        Console(stderr=True).print(
            "brief worker needs the database task backend (PostgreSQL, or "
            "BRIEF_TASKS_BACKEND=database); jobs already run as they are queued."
        )
        raise typer.Exit(1)
    options: dict[str, object] = {"interval": interval, "batch": batch, "reload": False}
    if max_tasks is not None:
        options["max_tasks"] = max_tasks
    call_command("db_worker", **options)
