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
from html import escape
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from watching_brief.publishing import docx_writer as dw
from watching_brief.publishing import pdf_writer as pw
from watching_brief.publishing.document import RESTRICTED_LABEL, DocumentInfo
from watching_brief.publishing.items import Para
from watching_brief.publishing.layout import MONTHS, long_date

AGENDA_HEADER = ("No.", "Item", "Lead")
AGENDA_WIDTHS = (0.12, 0.63, 0.25)
MATTERS_HEADER = ("Ref.", "Action", "Owner (holder now)", "Due", "Status")
# Ref. fits "MAM-20260224-1" and Status "In progress" on one line (DejaVu Sans 9.5 pt).
MATTERS_WIDTHS = (0.20, 0.36, 0.16, 0.14, 0.14)
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
    restricted: bool = Field(False, description="Restricted: labelled as not for publication.")


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
    paras = [Para(RESTRICTED_LABEL, bold=True)] if matter.restricted else []
    paras.append(Para(matter.text))
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


def render_pack_pdf(pack: Pack, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the pack to ``path`` as an accessible A4 PDF (PDF/UA-1)."""
    info = (info or DocumentInfo()).with_organisation(pack.body)
    pw.write_html_pdf(pack.title, pack_html(pack), info, path)


def pack_html(pack: Pack) -> str:
    """The pack's HTML, top to bottom."""
    parts = [f"<h1>{escape(pack.title)}</h1>", pw.facts_html(pack.header())]
    for heading, table in pack_tables(pack):
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(pw.table_html(table) if table.rows else f"<p>{NONE}</p>")
    parts.append("<h2>Question sets</h2>")
    if not pack.question_sets:
        parts.append(f"<p>{NONE}</p>")
    parts.extend(question_set_html(entry) for entry in pack.question_sets)
    return "\n".join(parts)


def pack_tables(pack: Pack) -> list[tuple[str, pw.Table]]:
    """The agenda, matters arising and revisits due, each under its heading."""
    agenda = [[r.number, r.title, r.lead] for r in pack.agenda]
    matters: list[list[pw.Cell]] = [
        [m.reference, matter_paragraphs(m), owner_text(m), m.due, m.status] for m in pack.matters
    ]
    revisits = [[r.subject, r.booked_at, short_date(r.due)] for r in pack.revisits]
    return [
        ("Agenda", pw.Table(AGENDA_HEADER, agenda, AGENDA_WIDTHS)),
        ("Matters arising", pw.Table(MATTERS_HEADER, matters, MATTERS_WIDTHS)),
        ("Revisits due", pw.Table(REVISITS_HEADER, revisits, REVISITS_WIDTHS)),
    ]


def question_set_html(entry: QuestionSetEntry) -> str:
    """A question set: its theme, the facts, the questions and the written response."""
    questions = [f"Q{n}. {q}" for n, q in enumerate(entry.questions, start=1)]
    response = paragraphs(entry.response_text) or [entry.response_state.capitalize() + "."]
    lines = questions or ["No questions recorded."]
    return "\n".join(
        [
            f"<h3>{escape(entry.theme)}</h3>",
            pw.facts_html(set_facts(entry)),
            *(f"<p>{escape(line)}</p>" for line in lines),
            "<h4>Written response</h4>",
            *(f"<p>{escape(line)}</p>" for line in response),
        ]
    )


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a text."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- DOCX -----------------------------------------------------------------------------


def render_pack_docx(pack: Pack, path: Path, info: DocumentInfo | None = None) -> None:
    """Write the pack to ``path`` as a Word document."""
    info = (info or DocumentInfo()).with_organisation(pack.body)
    document = dw.new_document(pack.title, info)
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
