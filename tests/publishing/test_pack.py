"""The pack rendered as PDF and DOCX: its sections, rows and history read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document

from watching_brief.publishing.pack import (
    AgendaRow,
    HistoryLine,
    Matter,
    Pack,
    QuestionSetEntry,
    RevisitDue,
    render_pack_docx,
    render_pack_pdf,
)

SECTIONS = ("Agenda", "Matters arising", "Revisits due", "Question sets")


def sample_pack(matters: int = 2) -> Pack:
    """A pack with one of everything (and ``matters`` actions)."""
    return Pack(
        series="Monthly Assurance Meeting",
        body="Northshire OPCC",
        date=dt.date(2026, 3, 24),
        start_time="10:00",
        venue="OPCC Boardroom",
        chair="Helen Marsh",
        agenda=[
            AgendaRow(number="1", title="Matters arising"),
            AgendaRow(number="2", title="Theme: rural crime", lead="ACC"),
        ],
        matters=[
            Matter(
                reference=f"MAM-20260224-{n}",
                text=f"DCC to circulate the rural crime plan, part {n}",
                owner="DCC",
                holder="Sam Okafor",
                due="31 March 2026",
                status="In progress",
                set_at="Monthly Assurance Meeting 24 February 2026",
                history=[
                    HistoryLine(
                        date=dt.date(2026, 3, 10),
                        status="In progress",
                        text=f"Draft plan shared with partners UPDATE-{n}",
                        evidence="Email of 10 March",
                    )
                ],
            )
            for n in range(1, matters + 1)
        ],
        revisits=[
            RevisitDue(
                subject="Confidence strategy",
                booked_at="24 September 2025",
                due=dt.date(2026, 3, 24),
            )
        ],
        question_sets=[
            QuestionSetEntry(
                theme="Rural crime",
                sent_on=dt.date(2026, 3, 3),
                response_due=dt.date(2026, 3, 17),
                overdue=True,
                questions=["How many rural crime officers are in post?"],
            ),
            QuestionSetEntry(
                theme="Contact management",
                response_received=dt.date(2026, 3, 16),
                questions=["What is the 101 abandonment rate?"],
                response_text="The abandonment rate fell to 9% in February.",
                response_file="contact-response.pdf",
            ),
        ],
    )


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def readers() -> dict[str, tuple[object, object]]:
    return {"pdf": (render_pack_pdf, pdf_text), "docx": (render_pack_docx, docx_text)}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_pack_has_every_section_and_the_history(kind: str, tmp_path: Path) -> None:
    render, read = readers()[kind]
    path = tmp_path / f"pack.{kind}"
    render(sample_pack(), path)  # type: ignore[operator]
    text = " ".join(read(path).split())  # type: ignore[operator]
    assert "Pack: Monthly Assurance Meeting 24 March 2026" in text
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    for header in ("No.", "Lead", "Ref.", "Owner (holder now)", "Due", "Status"):
        assert header in text
    assert "MAM-20260224-1" in text
    assert "Draft plan shared with partners UPDATE-1" in text
    assert "Evidence: Email of 10 March" in text
    assert "DCC (Sam Okafor)" in text
    assert "Confidence strategy" in text
    assert "overdue" in text
    assert "received 16 March 2026" in text
    assert "The abandonment rate fell to 9% in February." in text
    assert "contact-response.pdf" in text
    assert text.index("UPDATE-1") < text.index("MAM-20260224-2") < text.index("UPDATE-2")


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_empty_sections_say_none(kind: str, tmp_path: Path) -> None:
    render, read = readers()[kind]
    pack = Pack(series="Board", date=dt.date(2026, 1, 5))
    path = tmp_path / f"empty.{kind}"
    render(pack, path)  # type: ignore[operator]
    text = read(path)  # type: ignore[operator]
    assert text.count("None.") == 4


def test_long_pack_breaks_across_pages_with_repeated_headers(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    render_pack_pdf(sample_pack(matters=60), path)
    pdf = pdfium.PdfDocument(path)
    try:
        pages = [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()
    assert len(pages) > 2
    assert sum("Owner (holder now)" in page for page in pages) >= 2
    assert "UPDATE-60" in "".join(pages)


def test_response_state() -> None:
    entry = QuestionSetEntry(theme="x")
    assert entry.response_state == "not received"
    assert entry.model_copy(update={"overdue": True}).response_state == "overdue"
    received = entry.model_copy(update={"response_received": dt.date(2026, 2, 1)})
    assert received.response_state == "received 1 February 2026"
