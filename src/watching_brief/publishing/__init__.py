"""Publishing: meeting notes rendered in the house style of published OPCC notes.

Reads only the :class:`~watching_brief.extraction.record.Minutes` record; no web
framework, no command line.

    from watching_brief.publishing import render_docx, render_pdf
    render_pdf(minutes, Path("notes.pdf"))
    render_pack_pdf(pack, Path("pack.pdf"))  # the next meeting's pack (publishing.pack)
"""

from __future__ import annotations

from watching_brief.publishing.house_style import render_docx, render_pdf
from watching_brief.publishing.pack import Pack, render_pack_docx, render_pack_pdf

__all__ = ["Pack", "render_docx", "render_pack_docx", "render_pack_pdf", "render_pdf"]
