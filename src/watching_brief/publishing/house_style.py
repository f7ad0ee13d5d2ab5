"""The house-style document generator: a meeting's record as published notes.

The notes follow the layout of published OPCC notes: the title, a header table (Date,
Chair, Minutes, Venue), the attendance (and apologies) tables of name and capacity,
then the items table of number, item and action owner, with each action on a row of
its own and its owner beside it.
"""

from __future__ import annotations

from pathlib import Path

from watching_brief.extraction.record import Minutes
from watching_brief.publishing.document import DocumentInfo
from watching_brief.publishing.docx_writer import write_docx
from watching_brief.publishing.layout import build_layout
from watching_brief.publishing.pdf_writer import write_pdf


def render_docx(minutes: Minutes, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the notes of ``minutes`` to ``path`` as a Word document."""
    write_docx(build_layout(minutes, info), path, info)


def render_pdf(minutes: Minutes, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the notes of ``minutes`` to ``path`` as an accessible A4 PDF (PDF/UA-1)."""
    write_pdf(build_layout(minutes, info), path, info)
