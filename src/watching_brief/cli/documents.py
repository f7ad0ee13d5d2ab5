"""`brief notes` and `brief pack`: a stored meeting's house-style notes and its pack."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console


class DocumentFormat(str, Enum):
    """The formats documents are written in."""

    pdf = "pdf"
    docx = "docx"


MeetingId = Annotated[int, typer.Argument(help="The meeting's id (as in /meetings/ID/).")]
FormatOption = Annotated[DocumentFormat, typer.Option("--format", "-f", help="pdf or docx.")]
Output = Annotated[Path, typer.Option("--output", "-o", help="File to write.")]


def _meeting(meeting_id: int) -> Any:
    """The stored meeting, or a one-line error and exit status 1."""
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.meetings.models import Meeting

    meeting = Meeting.objects.select_related("series", "series__body").filter(pk=meeting_id)
    found = meeting.first()
    if found is None:
        Console(stderr=True).print(f"error: no meeting with id {meeting_id}")
        raise typer.Exit(1)
    return found


def notes(
    meeting_id: MeetingId,
    output_format: FormatOption = DocumentFormat.pdf,
    output: Output = Path("notes.pdf"),
    full: Annotated[
        bool, typer.Option("--full", help="Include restricted items (officers' copy).")
    ] = False,
) -> None:
    """Write a meeting's notes in the house style (the public view unless --full)."""
    meeting = _meeting(meeting_id)
    from watching_brief.publishing import render_docx, render_pdf
    from watching_brief.tracker.documents.notes import notes_info, notes_minutes

    render = render_pdf if output_format is DocumentFormat.pdf else render_docx
    minutes = notes_minutes(meeting, full=full)
    render(minutes, output, notes_info(meeting, full=full))
    view = "full" if full else "public"
    Console().print(f"wrote the {view} notes of {meeting} to {output}")


def pack(
    meeting_id: MeetingId,
    output_format: FormatOption = DocumentFormat.pdf,
    output: Output = Path("pack.pdf"),
) -> None:
    """Write a meeting's pack: agenda, matters arising, revisits due, question sets."""
    meeting = _meeting(meeting_id)
    from watching_brief.publishing import render_pack_docx, render_pack_pdf
    from watching_brief.tracker.documents.pack import build_pack, pack_info

    render = render_pack_pdf if output_format is DocumentFormat.pdf else render_pack_docx
    built = build_pack(meeting)
    render(built, output, pack_info(meeting))
    Console().print(
        f"wrote the pack of {meeting} to {output}: {len(built.agenda)} agenda items, "
        f"{len(built.matters)} matters arising, {len(built.revisits)} revisits due, "
        f"{len(built.question_sets)} question sets"
    )
