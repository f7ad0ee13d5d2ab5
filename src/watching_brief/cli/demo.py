"""`brief demo`: run the extractor over the bundled example notes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from watching_brief.extraction import ExtractionError, Minutes, extract_file

DOCUMENT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")


def example_files(folder: Path) -> list[Path]:
    """The example notes in ``folder`` (gold files and READMEs left out)."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in DOCUMENT_SUFFIXES and path.name.lower() != "readme.md"
    )


def default_examples() -> Path:
    """The bundled examples folder at the root of the project."""
    return Path(__file__).resolve().parents[3] / "examples"


def demo(
    folder: Annotated[
        Path | None, typer.Option(help="Folder of notes (default: the bundled examples).")
    ] = None,
) -> None:
    """Extract every bundled example and print the action log across them."""
    console = Console()
    source = folder or default_examples()
    if not source.is_dir():
        console.print(f"[red]error:[/red] {source}: no such folder")
        raise typer.Exit(1)
    records: list[Minutes] = []
    for path in track(example_files(source), description="Extracting", console=console):
        try:
            records.append(extract_file(path))
        except ExtractionError as error:
            console.print(f"[red]error:[/red] {error}")
    meetings = Table(
        "Date", "Meeting", "Items", "Actions", "Questions", "Warnings", title="Meetings"
    )
    for record in sorted(records, key=lambda r: str(r.date)):
        meetings.add_row(
            str(record.date or "?"),
            record.title or "?",
            str(len(record.items)),
            str(len(record.actions)),
            str(len(record.questions)),
            str(len(record.warnings)),
        )
    console.print(meetings)
    log = Table("Meeting", "Item", "Owner", "Due", "Action", title="Action log")
    for record in sorted(records, key=lambda r: str(r.date)):
        for action in record.actions:
            due = action.due.isoformat() if action.due else (action.due_text or "")
            log.add_row(
                str(record.date or "?"), action.item or "", action.owner or "?", due, action.text
            )
    console.print(log)
