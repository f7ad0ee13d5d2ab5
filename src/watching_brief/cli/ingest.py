"""`brief ingest`: import notes into the tracker, one meeting per document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    body: Annotated[
        str | None, typer.Option(help="Body to file meetings under when the notes name none.")
    ] = None,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Enqueue one job per document instead (run by `brief worker`); prints the "
            "job ids. With the immediate backend (SQLite) the jobs complete at once.",
        ),
    ] = False,
) -> None:
    """Extract each document and store its meeting; the same file twice changes nothing.

    Each meeting is stored in its own transaction. A file that cannot be read or stored
    (for any reason, an unexpected error included) is reported and the next file is
    taken; the summary lists every failure with its reason, and the exit status is 1 when
    any file failed.
    """
    from watching_brief.cli.errors import reported
    from watching_brief.tracker import setup

    with reported("the database", "opened", "ingest"):
        setup()
    if queue:
        with reported("the job queue", "reached", "ingest"):
            enqueue(paths, body)
        return
    from watching_brief.tracker.ingest.services import IngestResult, find_documents, ingest_file

    console = Console()
    documents = list(find_documents(paths))
    results = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Ingesting", total=len(documents))
        for document in documents:
            progress.update(task, description=f"Ingesting {document.name}")
            try:
                results.append(ingest_file(document, body))
            except Exception as error:  # noqa: BLE001 - ingest_file reports its own; belt and braces
                from watching_brief.tracker.errorlog import internal_error

                reason = internal_error(str(document), error, doing="stored", kind="ingest")
                results.append(IngestResult(document, "failed", reason=reason))
            progress.advance(task)
    console.print(summary_table(results))
    failures = [result for result in results if result.status == "failed"]
    if failures:
        console.print(f"{len(failures)} of {len(results)} file(s) failed:", style="bold red")
        for result in failures:
            console.print(f"  {escape(result.reason)}", highlight=False, soft_wrap=True)
    for result in results:
        if result.kept:
            console.print(f"{result.path}: kept hand corrections: {', '.join(result.kept)}")
        if result.unmatched:
            count = len(result.unmatched)
            console.print(f"{result.path}: {count} carried-forward matter(s) matched no action")
    if any(result.status == "failed" for result in results):
        raise typer.Exit(1)


def enqueue(paths: list[Path], body: str | None) -> None:
    """Enqueue the documents as jobs and print each job's id (and outcome once finished)."""
    from watching_brief.tracker.ingest.jobs import enqueue_documents

    console = Console()
    jobs = enqueue_documents(paths, body)
    failed = False
    for job in jobs:
        path = job.args[0] if job.args else ""
        if job.is_finished:
            value = job.return_value if job.status == "SUCCESSFUL" else None
            outcome = value["status"] if value else "error"
            failed = failed or outcome in ("failed", "error")
            console.print(f"{job.id}\t{job.status}\t{outcome}\t{path}", soft_wrap=True)
            if value and value.get("reason"):
                console.print(f"  {escape(str(value['reason']))}", highlight=False, soft_wrap=True)
        else:
            console.print(f"{job.id}\t{job.status}\t{path}", soft_wrap=True)
    console.print(f"{len(jobs)} job(s) enqueued", style="dim")
    if failed:
        raise typer.Exit(1)


def summary_table(results: list) -> Table:  # type: ignore[type-arg]
    """Counts by outcome (the failures are listed after it, one line each)."""
    table = Table("Outcome", "Documents", title="Ingest")
    for status in ("stored", "updated", "unchanged", "failed"):
        table.add_row(status, str(sum(r.status == status for r in results)))
    return table
