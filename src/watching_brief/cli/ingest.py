"""`brief ingest`: import notes into the tracker, one meeting per document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    body: Annotated[
        str | None, typer.Option(help="Body to file meetings under when the notes name none.")
    ] = None,
) -> None:
    """Extract each document and store its meeting; the same file twice changes nothing."""
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.ingest.services import find_documents, ingest_file

    console = Console()
    documents = list(find_documents(paths))
    results = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Ingesting", total=len(documents))
        for document in documents:
            progress.update(task, description=f"Ingesting {document.name}")
            results.append(ingest_file(document, body))
            progress.advance(task)
    console.print(summary_table(results))
    for result in results:
        if result.kept:
            console.print(f"{result.path}: kept hand corrections: {', '.join(result.kept)}")
        if result.unmatched:
            count = len(result.unmatched)
            console.print(f"{result.path}: {count} carried-forward matter(s) matched no action")
    if any(result.status == "failed" for result in results):
        raise typer.Exit(1)


def summary_table(results: list) -> Table:  # type: ignore[type-arg]
    """Counts by outcome, then one row per failure with its reason."""
    table = Table("Outcome", "Documents", title="Ingest")
    for status in ("stored", "updated", "unchanged", "failed"):
        table.add_row(status, str(sum(r.status == status for r in results)))
    for result in results:
        if result.status == "failed":
            table.add_row("[red]failed[/red]", result.reason)
    return table
