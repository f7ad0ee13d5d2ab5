"""Publishing: meeting notes rendered in the house style of published OPCC notes.

Reads only the :class:`~watching_brief.extraction.record.Minutes` record; no web
framework, no command line.

    from watching_brief.publishing import render_docx, render_pdf
    render_pdf(minutes, Path("notes.pdf"))
"""

from __future__ import annotations

from watching_brief.publishing.house_style import render_docx, render_pdf

__all__ = ["render_docx", "render_pdf"]
