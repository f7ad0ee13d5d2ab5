"""The next meeting's pack in the house style of the notes, as PDF and DOCX.

A :class:`Pack` is plain data (pydantic, no web framework): the meeting's header, the
agenda (No. / Item / Lead), the matters arising (Ref. / Action / Owner (holder now) /
Due / Status, each action followed by where it was set and its dated updates), the
revisits due and the question sets with their written responses. The tracker builds it
from the database; this module only lays it out.

    from watching_brief.publishing.pack import render_pack_pdf
    render_pack_pdf(pack, Path("pack.pdf"))
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from pydantic import BaseModel, Field
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from watching_brief.publishing import docx_writer as dw
from watching_brief.publishing import pdf_writer as pw
from watching_brief.publishing.items import Para
from watching_brief.publishing.layout import MONTHS, long_date

AGENDA_HEADER = ("No.", "Item", "Lead")
AGENDA_WIDTHS = (0.12, 0.63, 0.25)
MATTERS_HEADER = ("Ref.", "Action", "Owner (holder now)", "Due", "Status")
MATTERS_WIDTHS = (0.21, 0.38, 0.16, 0.13, 0.12)
REVISITS_HEADER = ("Subject", "Booked at", "Due")
REVISITS_WIDTHS = (0.50, 0.30, 0.20)
NONE = "None."


class AgendaRow(BaseModel):
    """One line of the agenda."""

    number: str = ""
    title: str
    lead: str = ""


class HistoryLine(BaseModel):
    """A dated update on an action, with the status it gave and its evidence."""

    date: dt.date
    status: str = ""
    text: str
    evidence: str = ""
    meeting: str = Field("", description="The meeting at which it was minuted, if any.")
    author: str = ""


class Matter(BaseModel):
    """An action brought to the meeting as a matter arising."""

    reference: str
    text: str
    owner: str = ""
    holder: str = Field("", description="Who holds the owner post now.")
    due: str = ""
    status: str = ""
    set_at: str = Field("", description="The meeting at which the action was set.")
    history: list[HistoryLine] = Field(default_factory=list)


class RevisitDue(BaseModel):
    """A theme booked to come back by this meeting."""

    subject: str
    booked_at: str = ""
    due: dt.date


class QuestionSetEntry(BaseModel):
    """Questions sent ahead of the meeting on one theme, and the written response."""

    theme: str
    item: str = ""
    sent_on: dt.date | None = None
    response_due: dt.date | None = None
    response_received: dt.date | None = None
    overdue: bool = False
    questions: list[str] = Field(default_factory=list)
    response_text: str = ""
    response_file: str = ""

    @property
    def response_state(self) -> str:
        """ "received 3 May 2026", "overdue" or "not received"."""
        if self.response_received:
            return f"received {short_date(self.response_received)}"
        return "overdue" if self.overdue else "not received"


class Pack(BaseModel):
    """Everything the pack of one meeting holds, in order."""

    series: str
    body: str = ""
    date: dt.date
    start_time: str = ""
    venue: str = ""
    chair: str = ""
    agenda: list[AgendaRow] = Field(default_factory=list)
    matters: list[Matter] = Field(default_factory=list)
    revisits: list[RevisitDue] = Field(default_factory=list)
    question_sets: list[QuestionSetEntry] = Field(default_factory=list)

    @property
    def title(self) -> str:
        """ "Pack: Monthly Assurance Meeting 24 March 2026"."""
        return f"Pack: {self.series} {short_date(self.date)}"

    def header(self) -> list[tuple[str, str]]:
        """The Date / Chair / Venue rows."""
        when = long_date(self.date) + (f", {self.start_time}" if self.start_time else "")
        return [("Date", when), ("Chair", self.chair), ("Venue", self.venue)]


def short_date(value: dt.date) -> str:
    """ "24 March 2026"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_text(value: dt.date | None) -> str:
    """A long date, or "" when there is none."""
    return short_date(value) if value else ""


def history_text(line: HistoryLine) -> str:
    """ "12 March 2026 – In progress: text Evidence: ... (minuted at ...)"."""
    head = f"{short_date(line.date)}" + (f" – {line.status}" if line.status else "")
    parts = [f"{head}: {line.text.strip()}"]
    if line.evidence.strip():
        parts.append(f"Evidence: {line.evidence.strip()}")
    if line.author:
        parts.append(f"({line.author})")
    if line.meeting:
        parts.append(f"(minuted at {line.meeting})")
    return " ".join(parts)


def matter_paragraphs(matter: Matter) -> list[Para]:
    """The action cell: the action, where it was set, then each update."""
    paras = [Para(matter.text)]
    if matter.set_at:
        paras.append(Para(f"Set at {matter.set_at}."))
    if not matter.history:
        paras.append(Para("No updates recorded."))
    paras.extend(Para(history_text(line)) for line in matter.history)
    return paras


def owner_text(matter: Matter) -> str:
    """ "DCC (Jane Smith)" or the owner alone."""
    return f"{matter.owner} ({matter.holder})" if matter.holder else matter.owner


def set_facts(entry: QuestionSetEntry) -> list[tuple[str, str]]:
    """The label and value rows of a question set."""
    rows = [
        ("Agenda item", entry.item),
        ("Sent", date_text(entry.sent_on)),
        ("Response due", date_text(entry.response_due)),
        ("Response", entry.response_state),
    ]
    if entry.response_file:
        rows.append(("Attached file", entry.response_file))
    return [(label, value) for label, value in rows if value or label != "Agenda item"]


# --- PDF ------------------------------------------------------------------------------


def render_pack_pdf(pack: Pack, path: Path) -> None:
    """Write the pack to ``path`` as an A4 PDF with "Page N" in the footer."""
    styles = pw.Styles()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=pw.MARGIN,
        rightMargin=pw.MARGIN,
        topMargin=pw.MARGIN,
        bottomMargin=pw.MARGIN,
        title=pack.title,
        invariant=1,
    )

    def footer(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(styles.font, 8.5)
        canvas.drawCentredString(A4[0] / 2, pw.MARGIN / 2, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.build(pack_story(pack, styles), onFirstPage=footer, onLaterPages=footer)


def pack_story(pack: Pack, styles: pw.Styles) -> list[Flowable]:
    """The flowables of the pack, top to bottom."""
    parts: list[Flowable] = [Paragraph(escape(pack.title), styles.title), Spacer(1, 4)]
    parts.append(pw.header_table(pack.header(), styles))
    parts.append(heading("Agenda", styles))
    rows = [[r.number, [Para(r.title)], r.lead] for r in pack.agenda]
    parts.append(pdf_table(AGENDA_HEADER, rows, AGENDA_WIDTHS, styles) if rows else none(styles))
    parts.append(heading("Matters arising", styles))
    matters = [
        [m.reference, matter_paragraphs(m), owner_text(m), m.due, m.status] for m in pack.matters
    ]
    parts.append(
        pdf_table(MATTERS_HEADER, matters, MATTERS_WIDTHS, styles) if matters else none(styles)
    )
    parts.append(heading("Revisits due", styles))
    revisits = [[[Para(r.subject)], r.booked_at, short_date(r.due)] for r in pack.revisits]
    parts.append(
        pdf_table(REVISITS_HEADER, revisits, REVISITS_WIDTHS, styles) if revisits else none(styles)
    )
    parts.append(heading("Question sets", styles))
    if not pack.question_sets:
        parts.append(none(styles))
    for entry in pack.question_sets:
        parts.extend(pdf_question_set(entry, styles))
    return parts


def heading(text: str, styles: pw.Styles) -> Paragraph:
    """A section heading."""
    return Paragraph(escape(text), styles.heading)


def none(styles: pw.Styles) -> Paragraph:
    """What an empty section says."""
    return Paragraph(NONE, styles.body)


def pdf_cell(value: str | list[Para], styles: pw.Styles) -> list[Flowable]:
    """A cell as a list of paragraphs (so a long row can split across pages)."""
    paras = value if isinstance(value, list) else [Para(value)]
    cell: list[Flowable] = []
    for index, one in enumerate(paras):
        if index:
            cell.append(Spacer(1, 3))
        cell.append(pw.cell_para(one, styles))
    return cell


def pdf_table(
    header: tuple[str, ...],
    rows: list[list[Any]],
    widths: tuple[float, ...],
    styles: pw.Styles,
) -> Flowable:
    """A grid table with a bold header row repeated on every page."""
    head = [[pw.para(label, styles.cell_bold)] for label in header]
    body = [[pdf_cell(value, styles) for value in row] for row in rows]
    return pw.table([head, *body], widths, styles)


def pdf_question_set(entry: QuestionSetEntry, styles: pw.Styles) -> list[Flowable]:
    """A question set: its theme, the facts, the questions and the written response."""
    parts: list[Flowable] = [Paragraph(escape(entry.theme), styles.cell_bold), Spacer(1, 3)]
    parts.append(pw.header_table(set_facts(entry), styles))
    parts.append(Spacer(1, 6))
    for number, question in enumerate(entry.questions, start=1):
        parts.append(Paragraph(escape(f"Q{number}. {question}"), styles.body))
    if not entry.questions:
        parts.append(Paragraph("No questions recorded.", styles.body))
    parts.append(Spacer(1, 6))
    parts.append(Paragraph("Written response", styles.cell_bold))
    for line in paragraphs(entry.response_text) or [entry.response_state.capitalize() + "."]:
        parts.append(Paragraph(escape(line), styles.body))
    parts.append(Spacer(1, 12))
    return parts


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a text."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- DOCX -----------------------------------------------------------------------------


def render_pack_docx(pack: Pack, path: Path) -> None:
    """Write the pack to ``path`` as a Word document."""
    document = Document()
    dw.a4_page(document)
    document.add_heading(pack.title, level=1)
    dw.header_table(document, pack.header())
    document.add_heading("Agenda", level=2)
    agenda = [[r.number, [Para(r.title)], r.lead] for r in pack.agenda]
    docx_table(document, AGENDA_HEADER, agenda, AGENDA_WIDTHS)
    document.add_heading("Matters arising", level=2)
    matters = [
        [m.reference, matter_paragraphs(m), owner_text(m), m.due, m.status] for m in pack.matters
    ]
    docx_table(document, MATTERS_HEADER, matters, MATTERS_WIDTHS)
    document.add_heading("Revisits due", level=2)
    revisits = [[[Para(r.subject)], r.booked_at, short_date(r.due)] for r in pack.revisits]
    docx_table(document, REVISITS_HEADER, revisits, REVISITS_WIDTHS)
    document.add_heading("Question sets", level=2)
    if not pack.question_sets:
        document.add_paragraph(NONE)
    for entry in pack.question_sets:
        docx_question_set(document, entry)
    document.save(str(path))


def docx_table(
    document: Any, header: tuple[str, ...], rows: list[list[Any]], widths: tuple[float, ...]
) -> None:
    """A grid table with a repeated bold header row, or "None." when there are no rows."""
    if not rows:
        document.add_paragraph(NONE)
        return
    table = dw.new_table(document, widths)
    dw.header_row(table, header)
    for row in rows:
        dw.fill_row(table, [value if isinstance(value, list) else [Para(value)] for value in row])


def docx_question_set(document: Any, entry: QuestionSetEntry) -> None:
    """A question set: its theme, the facts, the questions and the written response."""
    document.add_heading(entry.theme, level=3)
    dw.header_table(document, set_facts(entry))
    for number, question in enumerate(entry.questions, start=1):
        document.add_paragraph(f"Q{number}. {question}")
    if not entry.questions:
        document.add_paragraph("No questions recorded.")
    document.add_paragraph().add_run("Written response").bold = True
    for line in paragraphs(entry.response_text) or [entry.response_state.capitalize() + "."]:
        document.add_paragraph(line)
