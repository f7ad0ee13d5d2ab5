"""PDF: layout-aware reading, and a clear error for every kind of unreadable PDF."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from watching_brief.extraction import (
    ExtractionError,
    ExtractionOptions,
    extract_bytes,
    extract_file,
)
from watching_brief.extraction.sources import load_bytes


def draw_pdf(pages: list[list[tuple[float, float, str]]], **options: object) -> bytes:
    """A PDF with text drawn at (x, y) positions, one list of strings per page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, **options)  # type: ignore[arg-type]
    for page in pages:
        for x, y, text in page:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


TABLE_PAGE = [
    (60, 800, "Governance Board – Notes"),
    (60, 780, "Date:"),
    (160, 780, "Tuesday 3 March 2026"),
    (60, 750, "Name"),
    (200, 750, "Capacity"),
    (60, 735, "Priya Shah"),
    (200, 735, "Police and Crime Commissioner (PCC)"),
    (60, 722, "Ruth Mason"),
    (200, 722, "Deputy Chief Constable (DCC)"),
    (60, 690, "No."),
    (100, 690, "Item"),
    (460, 690, "Action owner"),
    (60, 675, "1."),
    (100, 675, "Estates"),
    (100, 662, "The board discussed the estate strategy for the coming year."),
    (100, 649, "Action: To provide the board with a costed plan for the"),
    (460, 649, "DCC"),
    (100, 636, "custody suite by 31 March 2026."),
]


def test_owner_column_is_read_as_the_owner_and_left_out_of_the_text() -> None:
    minutes = extract_bytes(draw_pdf([TABLE_PAGE]), "board.pdf")
    (action,) = minutes.actions
    assert action.owner == "DCC"
    assert (
        action.text
        == "To provide the board with a costed plan for the custody suite by 31 March 2026."
    )
    assert [(a.name, a.abbrev) for a in minutes.attendees] == [
        ("Priya Shah", "PCC"),
        ("Ruth Mason", "DCC"),
    ]
    assert [(i.number, i.title) for i in minutes.items] == [("1", "Estates")]
    assert minutes.date is not None and minutes.date.isoformat() == "2026-03-03"


def test_lines_in_the_owner_column_carry_their_cell() -> None:
    document = load_bytes(draw_pdf([TABLE_PAGE]), "board.pdf")
    owner_lines = [line for line in document.lines if line.cell and line.cell.column == 2]
    assert [line.text for line in owner_lines] == ["DCC"]
    assert owner_lines[0].cell is not None and owner_lines[0].cell.header == "Action owner"
    assert document.pages == 1


def test_a_five_hundred_page_document_is_read(tmp_path: Path) -> None:
    page = [
        (60, 800 - 14 * row, f"Line {row} of the discussion on page text.") for row in range(50)
    ]
    path = tmp_path / "long.pdf"
    path.write_bytes(draw_pdf([page] * 500))
    document = load_bytes(path.read_bytes(), str(path))
    assert document.pages == 500
    assert document.text.count("Line 49 of the discussion") == 500


def test_scanned_pdf_without_text_says_so_and_suggests_ocr() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ExtractionError) as caught:
        load_bytes(buffer.getvalue(), "scan.pdf")
    assert "no text layer" in caught.value.problem
    assert "OCR" in caught.value.problem or "--ocr" in caught.value.problem


def test_encrypted_pdf_says_it_needs_a_password() -> None:
    encrypted = draw_pdf([TABLE_PAGE], encrypt=StandardEncryption("secret", canPrint=0))
    with pytest.raises(ExtractionError, match="encrypted"):
        load_bytes(encrypted, "locked.pdf")


def test_truncated_pdf_is_refused() -> None:
    data = draw_pdf([TABLE_PAGE])
    with pytest.raises(ExtractionError, match="truncated"):
        load_bytes(data[: len(data) // 2], "cut.pdf")


def test_corrupt_pdf_is_refused() -> None:
    with pytest.raises(ExtractionError, match="damaged"):
        load_bytes(b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n", "corrupt.pdf")


def test_binary_file_named_pdf_says_what_it_is() -> None:
    with pytest.raises(ExtractionError) as caught:
        load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100, "notes.pdf")
    assert caught.value.problem == "the name says a PDF but the content is binary data"


def test_empty_pdf_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ExtractionError, match="empty"):
        extract_file(path)


def scanned_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_scanned_pdf_is_read_after_ocr_when_ocrmypdf_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --ocr, the PDF goes through ocrmypdf (here a stand-in that writes a text PDF,
    since the real tool is not installed on these machines) and is read again."""
    text_pdf = tmp_path / "with-text.pdf"
    text_pdf.write_bytes(draw_pdf([TABLE_PAGE]))
    tool = tmp_path / "bin" / "ocrmypdf"
    tool.parent.mkdir()
    # the last argument is the output file
    tool.write_text(f'#!/bin/sh\nfor a; do out="$a"; done\ncp {text_pdf} "$out"\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tool.parent}:{os.environ['PATH']}")
    with pytest.raises(ExtractionError, match="run it with --ocr"):
        load_bytes(scanned_pdf(), "scan.pdf")
    minutes = extract_bytes(scanned_pdf(), "scan.pdf", ExtractionOptions(ocr=True))
    assert [a.owner for a in minutes.actions] == ["DCC"]
    assert minutes.warnings[0].startswith("ocr:")

    import json

    from typer.testing import CliRunner

    from watching_brief.cli import app

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    refused = CliRunner().invoke(app, ["extract", str(scan), "--format", "json"])
    assert refused.exit_code == 1
    result = CliRunner().invoke(app, ["extract", str(scan), "--ocr", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["warnings"][0].startswith("ocr:")
    assert [action["owner"] for action in record["actions"]] == ["DCC"]


def lines_of(data: bytes) -> list[str]:
    return [line.text for line in load_bytes(data, "notes.pdf").lines if line.text]


def test_an_unexpected_failure_inside_the_reader_is_an_extraction_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watching_brief.extraction.sources import pdf as reader

    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(reader, "_page_runs", broken)
    with pytest.raises(ExtractionError) as caught:
        load_bytes(draw_pdf([TABLE_PAGE]), "notes.pdf")
    assert caught.value.internal
    assert caught.value.path == "notes.pdf"
    assert "internal error" in str(caught.value)
    assert isinstance(caught.value.__cause__, KeyError)


def test_overprinted_text_is_read_once() -> None:
    """Producers fake bold by drawing a line twice, a fraction of a point apart."""
    page = [(60, 800, "2. APPROVAL OF MINUTES"), (60.4, 800, "2. APPROVAL OF MINUTES")]
    page += [(60, 780, "No action was taken.")]
    lines = lines_of(draw_pdf([page]))
    assert lines[0] == "2. APPROVAL OF MINUTES"
    assert lines[1] == "No action was taken."


def test_glyphs_placed_one_by_one_make_words_again() -> None:
    """Chromium's print places each glyph on its own; the words and phrases come back."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page: list[tuple[float, float, str]] = []
    for y, text in ((800, "Present: Priya Shah"), (780, "The board met at noon.")):
        x = 60.0
        for char in text:
            if char != " ":
                page.append((x, y, char))
            x += stringWidth(char, "Helvetica", 12)
    assert lines_of(draw_pdf([page]))[:2] == ["Present: Priya Shah", "The board met at noon."]


def test_a_borderless_grid_gives_a_line_per_cell() -> None:
    page = [
        (60, 800, "Present:"),
        (160, 800, "Mick Ratford, Treasurer"),
        (330, 800, "Karen Butt, Bookings Secretary"),
        (160, 785, "Mags Ratford, Secretary"),
        (330, 785, "Jon Stride (Chairperson)"),
        (60, 760, "1. Apologies for absence: none."),
    ]
    assert lines_of(draw_pdf([page])) == [
        "Present:",
        "Mick Ratford, Treasurer",
        "Karen Butt, Bookings Secretary",
        "Mags Ratford, Secretary",
        "Jon Stride (Chairperson)",
        "1. Apologies for absence: none.",
    ]


def test_a_list_number_set_apart_by_a_tab_stays_with_its_heading() -> None:
    page = [(60, 800, "2."), (110, 800, "APPROVAL OF MINUTES"), (60, 780, "None.")]
    assert lines_of(draw_pdf([page]))[0] == "2. APPROVAL OF MINUTES"


def test_a_label_value_wrapped_onto_the_next_line_is_one_field() -> None:
    first = "Council Chamber, Eastbrook Guildhall, Market Street,"
    page = [
        (60, 800, "Venue:"),
        (160, 800, first),
        (160, 786, "Eastbrook"),
        (60, 760, "Chair:"),
        (160, 760, "Priya Shah"),
    ]
    lines = lines_of(draw_pdf([page]))
    assert lines[:2] == [f"Venue: {first} Eastbrook", "Chair: Priya Shah"]


def test_an_item_number_wrapped_in_its_narrow_column_is_joined() -> None:
    page = [
        (60, 800, "No."),
        (112, 800, "Item"),
        (460, 800, "Action owner"),
        (60, 785, "04/26/0"),
        (112, 785, "Road safety"),
        (60, 772, "1"),
        (112, 772, "The board heard the report."),
    ]
    lines = load_bytes(draw_pdf([page]), "notes.pdf").lines
    numbers = [line.text for line in lines if line.cell and line.cell.column == 0]
    assert numbers == ["04/26/01"]


def test_page_numbers_and_file_paths_are_left_out() -> None:
    def page(number: int) -> list[tuple[float, float, str]]:
        return [
            (60, 800, f"Text of page {number}."),
            (60, 400, r"G:\pubworks\COMMITTEES\2005\minutes032305-final.doc"),
            (60, 60, "Dedicated to Excellence"),
            (500, 60, str(number)),
            (280, 40, f"Page {number} of 2"),
        ]

    lines = lines_of(draw_pdf([page(1), page(2)]))
    assert lines == [
        "Text of page 1.",
        "Dedicated to Excellence",
        "Text of page 2.",
        "Dedicated to Excellence",
    ]


def test_a_number_in_the_body_of_the_page_is_kept() -> None:
    page = [(60, 800, "Members present:"), (60, 500, "12"), (60, 480, "Text.")]
    assert "12" in lines_of(draw_pdf([page]))
