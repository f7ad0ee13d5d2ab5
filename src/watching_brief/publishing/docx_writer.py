"""The DOCX writer: python-docx, A4, the same tables, font, padding and page furniture
as the PDF (publishing/document.css).

Every document gets the house styles (DejaVu Sans 9.5 pt, British English), real
metadata (the organisation as author, the time it was made, en-GB), and on every page
the organisation's name and the protective marking at the top, the marking and
"Page N of M" (Word fields) at the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from watching_brief.publishing.document import LANGUAGE, DocumentInfo
from watching_brief.publishing.items import ItemRow, Para
from watching_brief.publishing.layout import (
    ITEMS_HEADER,
    PEOPLE_HEADER,
    Layout,
    PeopleTable,
)

TABLE_STYLE = "Table Grid"
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
ITEM_WIDTHS = (0.12, 0.68, 0.20)
HEADER_WIDTHS = (0.25, 0.75)
PEOPLE_WIDTHS = (0.35, 0.65)
FONT = "DejaVu Sans"
BODY_PT = 9.5
MARGIN_PT = 8.5
HEADING_PT = {"Title": 15, "Heading 1": 15, "Heading 2": 12, "Heading 3": 9.5}
HEADING_FILL = "DCE6F1"
CELL_PADDING = {"top": 80, "bottom": 100, "left": 100, "right": 100}  # twips: 4 pt, 5 pt
PARAGRAPH_GAP_PT = 4


def write_docx(layout: Layout, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the layout as a Word document."""
    info = (info or DocumentInfo()).with_organisation(layout.organisation)
    document = new_document(layout.title, info)
    document.add_heading(layout.title, level=1)
    header_table(document, layout.header)
    for people in layout.people:
        people_table(document, people)
    document.add_paragraph()
    items_table(document, layout.items)
    document.save(str(path))


def new_document(title: str, info: DocumentInfo) -> Any:
    """An empty A4 document in the house style, with its metadata and page furniture."""
    document = Document()
    a4_page(document)
    house_styles(document)
    metadata(document, title, info)
    page_furniture(document, title, info)
    return document


def a4_page(document: Any) -> None:
    """A4 portrait with 20 mm margins."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(MARGIN_MM / 2)


def house_styles(document: Any) -> None:
    """DejaVu Sans 9.5 pt in British English for everything; black headings."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(run_defaults)
    size = run_defaults.find(qn("w:sz"))
    size.set(qn("w:val"), str(round(BODY_PT * 2)))
    run_defaults.find(qn("w:szCs")).set(qn("w:val"), str(round(BODY_PT * 2)))
    language = run_defaults.find(qn("w:lang"))
    for attribute in ("w:val", "w:eastAsia"):
        language.set(qn(attribute), LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), str(PARAGRAPH_GAP_PT * 20))
    spacing.set(qn("w:line"), "240")
    for name, points in HEADING_PT.items():
        style = document.styles[name]
        set_fonts(style.element.get_or_add_rPr())
        style.font.size = Pt(points)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
    document.styles[TABLE_STYLE].paragraph_format.space_after = Pt(PARAGRAPH_GAP_PT)


def set_fonts(run_properties: Any) -> None:
    """Name the house font for every script, in place of the theme's fonts."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def metadata(document: Any, title: str, info: DocumentInfo) -> None:
    """Title, author (the organisation), created and modified now, language en-GB."""
    properties = document.core_properties
    when = info.when.astimezone(dt.UTC).replace(tzinfo=None)
    properties.title = title
    properties.author = properties.last_modified_by = info.organisation
    properties.created = properties.modified = when
    properties.language = LANGUAGE
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""
    properties.category = info.marking


def page_furniture(document: Any, title: str, info: DocumentInfo) -> None:
    """As in the PDF: the organisation, the marking and the title at the top of every
    page; the marking and "Page N of M" at the bottom."""
    section = document.sections[0]
    top = margin_paragraph(section.header)
    top.add_run(f"{info.organisation}\t")
    top.add_run(info.marking).bold = True
    top.add_run(f"\t{title}")
    bottom = margin_paragraph(section.footer)
    bottom.add_run("\t")
    bottom.add_run(info.marking).bold = True
    bottom.add_run("\tPage ")
    field(bottom, "PAGE")
    bottom.add_run(" of ")
    field(bottom, "NUMPAGES")


def margin_paragraph(part: Any) -> Any:
    """The paragraph of a header or footer, in the margins' size, with a centre tab in
    the middle and a right tab at the text's edge."""
    paragraph = part.paragraphs[0]
    paragraph.style.font.size = Pt(MARGIN_PT)
    tabs = paragraph.paragraph_format.tab_stops
    tabs.add_tab_stop(Mm(TEXT_WIDTH_MM / 2), WD_TAB_ALIGNMENT.CENTER)
    tabs.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's program fills in."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run._r.append(field_char(kind))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(field_char("end"))


def field_char(kind: str) -> Any:
    """A ``w:fldChar`` of the given type (begin, separate, end)."""
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def header_table(document: Any, rows: list[tuple[str, str]]) -> None:
    """Date / Chair / Minutes / Venue: label and value, the labels shaded."""
    table = new_table(document, HEADER_WIDTHS)
    for label, value in rows:
        row = fill_row(table, [[Para(label, bold=True)], [Para(value)]])
        shade(row.cells[0])


def people_table(document: Any, people: PeopleTable) -> None:
    """The heading and the table of name and capacity."""
    document.add_heading(people.heading, level=2)
    table = new_table(document, PEOPLE_WIDTHS)
    header_row(table, PEOPLE_HEADER)
    for row in people.rows:
        fill_row(table, [[Para(row.name)], [Para(row.capacity)]])


def items_table(document: Any, rows: list[ItemRow]) -> None:
    """No. / Item / Action owner, one row per item body or action."""
    table = new_table(document, ITEM_WIDTHS)
    header_row(table, ITEMS_HEADER)
    for row in rows:
        owner = [Para(row.owner, bold=True)] if row.owner else []
        fill_row(table, [[Para(row.number, bold=True)], row.paragraphs, owner])


def new_table(document: Any, widths: Sequence[float]) -> Any:
    """An empty grid table of fixed layout, columns of the given fractions of the text
    width, cells padded as in the PDF."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = TABLE_STYLE
    table.autofit = False
    for column, fraction in zip(table.columns, widths, strict=True):
        column.width = Mm(TEXT_WIDTH_MM * fraction)
    properties = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(TEXT_WIDTH_MM / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    properties.append(width)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in CELL_PADDING.items():
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    return table


def header_row(table: Any, labels: Sequence[str]) -> None:
    """A bold, shaded header row, repeated at the top of each page."""
    row = fill_row(table, [[Para(label, bold=True)] for label in labels])
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell in row.cells:
        shade(cell)


def shade(cell: Any) -> None:
    """The heading fill of the PDF's header cells."""
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), HEADING_FILL)
    cell._tc.get_or_add_tcPr().append(fill)


def fill_row(table: Any, cells: Sequence[Sequence[Para]]) -> Any:
    """Add a row; each paragraph of a cell is a paragraph of its own."""
    row = table.add_row()
    for cell, column, paragraphs in zip(row.cells, table.columns, cells, strict=True):
        cell.width = column.width
        for index, para in enumerate(paragraphs):
            target = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            if para.label:
                target.add_run(para.label).bold = True
            target.add_run(para.rest).bold = para.bold or None
    return row
