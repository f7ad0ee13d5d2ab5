"""DOCX: paragraphs and tables in order; owner cells read as owners; damaged files refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from watching_brief.extraction import ExtractionError, extract_bytes
from watching_brief.extraction.sources import load_bytes


def board_notes() -> bytes:
    document = docx.Document()
    document.add_heading("Eastbrook Governance Board – Notes", level=1)
    header = document.add_table(rows=0, cols=2)
    for label, value in [("Date", "Tuesday 3 March 2026, 10:00"), ("Chair", "Priya Shah")]:
        cells = header.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("Attendance", level=2)
    people = document.add_table(rows=1, cols=2)
    people.rows[0].cells[0].text, people.rows[0].cells[1].text = "Name", "Capacity"
    for name, role in [
        ("Priya Shah", "Police and Crime Commissioner (PCC)"),
        ("Ruth Mason", "Deputy Chief Constable (DCC)"),
        ("Jo Tate", "Staff Officer (SO)"),
    ]:
        cells = people.add_row().cells
        cells[0].text, cells[1].text = name, role
    items = document.add_table(rows=1, cols=3)
    for cell, text in zip(items.rows[0].cells, ["No.", "Item", "Action owner"], strict=True):
        cell.text = text
    rows = [
        ("1", ["Estates", "The board discussed the estate strategy."], ""),
        ("", ["Action: To share the costed plan for the custody suite."], "DCC"),
        (
            "",
            [
                "Action: To arrange a visit to the site for the PCC.",
                "Action: To circulate the visit notes.",
            ],
            "SO\nDCC",
        ),
    ]
    for number, paragraphs, owner in rows:
        cells = items.add_row().cells
        cells[0].text = number
        cells[1].text = paragraphs[0]
        for paragraph in paragraphs[1:]:
            cells[1].add_paragraph(paragraph)
        owners = owner.split("\n")
        cells[2].text = owners[0]
        for extra in owners[1:]:
            cells[2].add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_table_rows_give_items_attendance_and_owners_from_the_owner_cell() -> None:
    minutes = extract_bytes(board_notes(), "board.docx")
    assert minutes.title == "Eastbrook Governance Board – Notes"
    assert minutes.date is not None and minutes.date.isoformat() == "2026-03-03"
    assert minutes.start_time == "10:00"
    assert [(a.name, a.abbrev) for a in minutes.attendees] == [
        ("Priya Shah", "PCC"),
        ("Ruth Mason", "DCC"),
        ("Jo Tate", "SO"),
    ]
    assert [(i.number, i.title) for i in minutes.items] == [("1", "Estates")]
    assert [(a.owner, a.text) for a in minutes.actions] == [
        ("DCC", "To share the costed plan for the custody suite."),
        ("SO", "To arrange a visit to the site for the PCC."),
        ("DCC", "To circulate the visit notes."),
    ]


def test_owner_cell_lines_are_marked_with_their_column() -> None:
    document = load_bytes(board_notes(), "board.docx")
    owners = [
        line.text for line in document.lines if line.cell and line.cell.header == "Action owner"
    ]
    assert owners == ["DCC", "SO", "DCC"]


def test_truncated_docx_is_refused() -> None:
    data = board_notes()
    with pytest.raises(ExtractionError, match="damaged or truncated"):
        load_bytes(data[: len(data) // 2], "cut.docx")


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    with pytest.raises(ExtractionError, match="not a Word document"):
        load_bytes(buffer.getvalue(), "notes.docx")


def test_docx_with_no_text_is_refused() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ExtractionError, match="no text"):
        load_bytes(buffer.getvalue(), "blank.docx")


def test_text_file_named_docx_says_what_it_is() -> None:
    with pytest.raises(ExtractionError) as caught:
        load_bytes(b"Board notes\nDate: 3 March 2026\n", "notes.docx")
    assert caught.value.problem == "the name says a Word document but the content is text"
