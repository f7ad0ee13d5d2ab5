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


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbered_document(
    paragraphs: list[tuple[str, str, int]], levels: str, override: str = ""
) -> bytes:
    """A DOCX whose paragraphs are numbered by Word (numPr), with our own list levels.

    ``paragraphs``: (text, numId, ilvl); list 90 uses the levels given, list 91 the same
    levels with ``override`` (a w:lvlOverride) applied.
    """
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">{levels}</w:abstractNum>'
    ))  # fmt: skip
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    ))  # fmt: skip
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>{override}</w:num>'
    ))  # fmt: skip
    for text, number_id, level in paragraphs:
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{number_id}"/></w:numPr>'
        ))  # fmt: skip
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def level(ilvl: int, start: int, kind: str, pattern: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{kind}"/>'
        f'<w:lvlText w:val="{pattern}"/></w:lvl>'
    )


def test_word_list_numbers_are_computed_from_the_numbering_definitions() -> None:
    levels = level(0, 1, "decimal", "%1.") + level(1, 1, "decimal", "%1.%2")
    levels += level(2, 1, "lowerLetter", "(%3)")
    data = numbered_document(
        [
            ("Apologies", "90", 0),
            ("Minutes of the last meeting", "90", 0),
            ("Matters arising", "90", 1),
            ("Finance", "90", 1),
            ("Capital", "90", 2),
            ("Revenue", "90", 2),
            ("Performance", "90", 0),
            ("Calls", "90", 1),
        ],
        levels,
    )
    lines = [line.text for line in load_bytes(data, "notes.docx").lines if line.text]
    assert lines == [
        "1. Apologies",
        "2. Minutes of the last meeting",
        "2.1 Matters arising",
        "2.2 Finance",
        "(a) Capital",
        "(b) Revenue",
        "3. Performance",
        "3.1 Calls",
    ]


def test_list_starts_formats_and_overrides() -> None:
    levels = level(0, 4, "upperRoman", "%1.") + level(1, 1, "upperLetter", "%2)")
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>'
    data = numbered_document(
        [("Estates", "90", 0), ("Sites", "90", 1), ("Fleet", "90", 0), ("Ten", "91", 0)],
        levels,
        override,
    )
    lines = [line.text for line in load_bytes(data, "notes.docx").lines if line.text]
    assert lines == ["IV. Estates", "A) Sites", "V. Fleet", "X. Ten"]


def test_numbered_items_are_read_as_items() -> None:
    from docx.oxml import parse_xml

    data = numbered_document(
        [("Apologies", "90", 0), ("Estates strategy", "90", 0), ("Any other business", "90", 0)],
        level(0, 1, "decimal", "%1."),
    )
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    first = body[0]
    for text in ("Eastbrook Governance Board – Notes", "Date: Tuesday 3 March 2026, 10:00"):
        paragraph = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{text}</w:t></w:r></w:p>')
        first.addprevious(paragraph)
    for numbered in list(body.iterchildren(f"{{{W_NS}}}p"))[2:5]:
        note = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>The board noted it.</w:t></w:r></w:p>')
        numbered.addnext(note)
    buffer = io.BytesIO()
    document.save(buffer)
    minutes = extract_bytes(buffer.getvalue(), "notes.docx")
    assert [(item.number, item.title) for item in minutes.items] == [
        ("1", "Apologies"),
        ("2", "Estates strategy"),
        ("3", "Any other business"),
    ]
