"""`brief demo`: the bundled example notes into a fresh SQLite database, then the log."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

DEMO_FOLDER = Path("data") / "demo"


def default_examples() -> Path:
    """The bundled examples folder at the root of the project."""
    return Path(__file__).resolve().parents[3] / "examples"


def demo(
    folder: Annotated[
        Path | None, typer.Option(help="Folder of notes (default: the bundled examples).")
    ] = None,
    as_of: Annotated[str | None, typer.Option(help="Date for 'overdue' (default today).")] = None,
) -> None:
    """Ingest the bundled examples into a fresh SQLite database; print the log and agenda."""
    console = Console()
    source = folder or default_examples()
    if not source.is_dir():
        console.print(f"[red]error:[/red] {source}: no such folder")
        raise typer.Exit(1)
    shutil.rmtree(DEMO_FOLDER, ignore_errors=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ["BRIEF_DATA_DIR"] = str(DEMO_FOLDER.resolve())
    console.print(f"Demo database: {DEMO_FOLDER / 'brief.sqlite3'}")
    from watching_brief.cli import ingest, log

    try:
        ingest.ingest([source], body=None)
    except typer.Exit as stop:
        if stop.exit_code:
            raise
    log.actions(output_format=log.Format.table, as_of=as_of)
    log.agenda(as_of=as_of)
