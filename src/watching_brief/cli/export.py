"""`brief export`: the public bulk data (JSON, CSV, XLSX, datapackage.json) to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table


def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write the bundle to (created).")],
) -> None:
    """Write every published meeting and the public tables, as the public sees them."""
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.exports import write_bundle

    console = Console()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Exporting", total=None)

        def advance(label: str, total: int) -> None:
            progress.update(task, description=f"Writing {label}", total=total, advance=1)

        summary = write_bundle(folder, progress=advance)
    table = Table("File", "Records", title=f"Bulk data in {summary.folder}")
    for name, count in summary.counts.items():
        table.add_row(name, str(count))
    table.add_row("watching-brief.xlsx", "one sheet per table")
    table.add_row("datapackage.json", f"{len(summary.files)} files described")
    console.print(table)
