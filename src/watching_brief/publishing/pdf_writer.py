"""The PDF writer: reportlab platypus, A4, tables whose rows may break across pages."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer

from watching_brief.publishing.items import ItemRow, Para
from watching_brief.publishing.layout import (
    ITEMS_HEADER,
    PEOPLE_HEADER,
    Layout,
    PeopleTable,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FALLBACK, FALLBACK_BOLD = "Helvetica", "Helvetica-Bold"
MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
ITEM_WIDTHS = (0.12, 0.68, 0.20)
HEADER_WIDTHS = (0.25, 0.75)
PEOPLE_WIDTHS = (0.35, 0.65)
HEADING_FILL = colors.HexColor("#DCE6F1")
GRID = colors.HexColor("#7F7F7F")
SPLIT_IN_ROW = "splitInRow" in inspect.signature(LongTable.__init__).parameters


def fonts() -> tuple[str, str]:
    """DejaVu Sans (registered on first use) when installed, otherwise Helvetica."""
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return FALLBACK, FALLBACK_BOLD
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
    return FONT, FONT_BOLD


class Styles:
    """The paragraph styles of the notes, in the font that is available."""

    def __init__(self) -> None:
        self.font, self.bold = fonts()
        self.body = ParagraphStyle("body", fontName=self.font, fontSize=9.5, leading=12.5)
        self.cell_bold = ParagraphStyle("cellbold", parent=self.body, fontName=self.bold)
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=self.bold, fontSize=15, leading=19
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=self.bold,
            fontSize=12,
            leading=15,
            spaceBefore=6 * mm,
            spaceAfter=2 * mm,
            keepWithNext=1,
        )


def write_pdf(layout: Layout, path: Path) -> None:
    """Write the layout as an A4 PDF with "Page N" in the footer."""
    styles = Styles()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=layout.title,
        invariant=1,
    )

    def footer(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(styles.font, 8.5)
        canvas.drawCentredString(A4[0] / 2, MARGIN / 2, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.build(story(layout, styles), onFirstPage=footer, onLaterPages=footer)


def story(layout: Layout, styles: Styles) -> list[Flowable]:
    """The flowables of the notes, top to bottom."""
    parts: list[Flowable] = [Paragraph(escape(layout.title), styles.title), Spacer(1, 4 * mm)]
    parts.append(header_table(layout.header, styles))
    for people in layout.people:
        parts.extend(people_section(people, styles))
    parts.append(Spacer(1, 6 * mm))
    parts.append(items_table(layout.items, styles))
    return parts


def header_table(rows: list[tuple[str, str]], styles: Styles) -> LongTable:
    """Date / Chair / Minutes / Venue: label and value."""
    cells = [[[para(label, styles.cell_bold)], [para(value, styles.body)]] for label, value in rows]
    return table(cells, HEADER_WIDTHS, styles, header=False)


def people_section(people: PeopleTable, styles: Styles) -> list[Flowable]:
    """The heading and the table of name and capacity."""
    head = [[para(label, styles.cell_bold)] for label in PEOPLE_HEADER]
    cells = [head] + [
        [[para(r.name, styles.body)], [para(r.capacity, styles.body)]] for r in people.rows
    ]
    heading = Paragraph(escape(people.heading), styles.heading)
    return [heading, table(cells, PEOPLE_WIDTHS, styles)]


def items_table(rows: list[ItemRow], styles: Styles) -> LongTable:
    """No. / Item / Action owner, the header row repeated on every page."""
    head = [[para(label, styles.cell_bold)] for label in ITEMS_HEADER]
    return table([head] + [item_cells(row, styles) for row in rows], ITEM_WIDTHS, styles)


def item_cells(row: ItemRow, styles: Styles) -> list[Any]:
    """One row's cells; the item cell is a list of paragraphs so it can split."""
    body = [cell_para(p, styles) for p in row.paragraphs]
    spaced: list[Flowable] = []
    for index, flowable in enumerate(body):
        spaced.extend([Spacer(1, 1.5 * mm), flowable] if index else [flowable])
    return [[para(row.number, styles.cell_bold)], spaced, [para(row.owner, styles.cell_bold)]]


def cell_para(paragraph: Para, styles: Styles) -> Paragraph:
    """A paragraph of the item cell, its action label in bold."""
    if paragraph.bold:
        return para(paragraph.text, styles.cell_bold)
    label = f"<b>{escape(paragraph.label)}</b>" if paragraph.label else ""
    return Paragraph(label + escape(paragraph.rest), styles.body)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (markup characters escaped).

    Table cells hold lists of these: a row split across pages keeps list contents but
    drops a lone flowable.
    """
    return Paragraph(escape(text), style)


def table(
    cells: list[list[Any]], widths: Sequence[float], styles: Styles, header: bool = True
) -> LongTable:
    """A grid table that may break between and inside rows.

    Where reportlab can split inside a row it is asked to try that first
    (``splitByRow=0, splitInRow=1``; a row boundary is still used when a row cannot
    split). Trying row boundaries first would end the page's part of the table at a
    row boundary and then start the remainder, with its repeated header row, in the
    space left on the same page.
    """
    options: dict[str, Any] = {"repeatRows": 1 if header else 0, "splitByRow": 1}
    if SPLIT_IN_ROW:
        options.update(splitByRow=0, splitInRow=1)
    result = LongTable(cells, colWidths=[w * WIDTH for w in widths], **options)
    result.setStyle(table_style(header))
    return result


def table_style(header: bool) -> list[tuple[Any, ...]]:
    """Grid lines, padding, the header row shaded."""
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    shaded_to = (-1, 0) if header else (0, -1)
    style.append(("BACKGROUND", (0, 0), shaded_to, HEADING_FILL))
    return style
