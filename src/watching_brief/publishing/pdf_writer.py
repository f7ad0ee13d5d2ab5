"""The PDF writer: each document as an HTML page, typeset by WeasyPrint as tagged PDF/UA-1.

The page is plain semantic HTML (headings, tables with header cells, paragraphs), so the
PDF's structure tree gives screen readers the reading order, the headings and the table
headers; its language is en-GB, its title is shown in the window's title bar, and every
font (DejaVu Sans, from Debian's fonts-dejavu-core) is embedded. The organisation's name,
the protective marking and "Page N of M" are in the page margins of every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML

from watching_brief.publishing.document import LANGUAGE, DocumentInfo
from watching_brief.publishing.items import ItemRow, Para
from watching_brief.publishing.layout import (
    ITEMS_HEADER,
    PEOPLE_HEADER,
    Layout,
    PeopleTable,
)

STYLESHEET = Path(__file__).with_name("document.css")
ITEM_WIDTHS = (0.12, 0.68, 0.20)
HEADER_WIDTHS = (0.25, 0.75)
PEOPLE_WIDTHS = (0.35, 0.65)

Cell = str | Sequence[Para]


@dataclass(frozen=True)
class Table:
    """A table: its column headings (none for a table of label and value rows), its rows
    and the fractions of the text width its columns take."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float]


def write_pdf(layout: Layout, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the notes' layout as an accessible A4 PDF."""
    info = (info or DocumentInfo()).with_organisation(layout.organisation)
    write_html_pdf(layout.title, notes_body(layout), info, path)


def notes_body(layout: Layout) -> str:
    """The notes' HTML, top to bottom: title, header table, attendance, items."""
    parts = [f"<h1>{escape(layout.title)}</h1>", facts_html(layout.header)]
    parts.extend(people_html(people) for people in layout.people)
    items = Table(ITEMS_HEADER, [item_cells(row) for row in layout.items], ITEM_WIDTHS)
    parts.append(table_html(items, css_class="items"))
    return "\n".join(parts)


def people_html(people: PeopleTable) -> str:
    """The heading and the table of name and capacity."""
    rows = [[row.name, row.capacity] for row in people.rows]
    table = Table(PEOPLE_HEADER, rows, PEOPLE_WIDTHS)
    return f"<h2>{escape(people.heading)}</h2>\n{table_html(table)}"


def item_cells(row: ItemRow) -> list[Cell]:
    """One row of the items table: number, the item's paragraphs, the action owner."""
    number = [Para(row.number, bold=True)] if row.number else ""
    owner = [Para(row.owner, bold=True)] if row.owner else ""
    return [number, row.paragraphs, owner]


def facts_html(rows: Sequence[tuple[str, str]]) -> str:
    """A table of label and value rows (Date, Chair ...), the labels as row headers."""
    return table_html(Table((), [[label, value] for label, value in rows], HEADER_WIDTHS))


def table_html(table: Table, css_class: str = "") -> str:
    """A table with a repeated header row, or with row headers when it has no header."""
    cols = "".join(f'<col style="width: {w * 100:.2f}%">' for w in table.widths)
    parts = [f'<table class="{css_class}">' if css_class else "<table>"]
    parts.append(f"<colgroup>{cols}</colgroup>")
    if table.header:
        heads = "".join(f'<th scope="col">{escape(label)}</th>' for label in table.header)
        parts.append(f"<thead><tr>{heads}</tr></thead>")
    parts.append("<tbody>")
    for row in table.rows:
        tags = ["td"] * len(row) if table.header else ['th scope="row"', *["td"] * (len(row) - 1)]
        cells = [
            f"<{tag}>{cell_html(value)}</{tag.split()[0]}>"
            for tag, value in zip(tags, row, strict=True)
        ]
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def cell_html(value: Cell) -> str:
    """A cell's content: one paragraph per :class:`Para` (a plain string is one)."""
    paras = [Para(value)] if isinstance(value, str) else value
    return "".join(para_html(p) for p in paras if p.text)


def para_html(para: Para) -> str:
    """A paragraph; a bold one in ``<strong>``, a leading label ("Action:") in bold."""
    if para.bold:
        return f"<p><strong>{escape(para.text)}</strong></p>"
    label = f"<strong>{escape(para.label)}</strong>" if para.label else ""
    return f"<p>{label}{escape(para.rest)}</p>"


def write_html_pdf(title: str, body: str, info: DocumentInfo, path: Path) -> None:
    """Typeset ``body`` (HTML) as a tagged PDF/UA-1 with the document's metadata."""
    html = page_html(title, body, info)
    HTML(string=html, url_fetcher=fetch_nothing).write_pdf(
        str(path),
        stylesheets=[house_css(), CSS(string=margins_css(info, title))],
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        uncompressed_pdf=False,
    )


@cache
def house_css() -> CSS:
    """The house style (document.css), parsed once."""
    return CSS(filename=str(STYLESHEET))


def fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Documents load nothing: no network at run time, no local file named in a text."""
    raise ValueError(f"a generated document fetches nothing ({url[:80]})")


def page_html(title: str, body: str, info: DocumentInfo) -> str:
    """The whole HTML document: language, title, author and creation date, the body."""
    created = info.when.isoformat()
    author = f'<meta name="author" content="{escape(info.organisation)}">'
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{author if info.organisation else ''}"
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="dcterms.modified" content="{created}">'
        f"</head><body>{body}</body></html>"
    )


def margins_css(info: DocumentInfo, title: str) -> str:
    """The page margins' content: the organisation, the marking and the title at the
    top; the marking and "Page N of M" at the bottom."""
    marking = css_string(info.marking)
    return (
        "@page {"
        f" @top-left {{ content: {css_string(info.organisation)}; }}"
        f" @top-center {{ content: {marking}; }}"
        f" @top-right {{ content: {css_string(title)}; }}"
        f" @bottom-center {{ content: {marking}; }}"
        ' @bottom-right { content: "Page " counter(page) " of " counter(pages); }'
        " }"
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (quotes, backslashes and line breaks escaped)."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'
