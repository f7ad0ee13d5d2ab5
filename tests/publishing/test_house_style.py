"""The house-style generator: DOCX and PDF notes checked for their structure."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import docx
import pypdfium2 as pdfium
import pytest

from watching_brief.extraction import extract_file
from watching_brief.extraction.record import Action, Attendee, Item, Minutes
from watching_brief.publishing import render_docx, render_pdf
from watching_brief.publishing.document import DocumentInfo

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
APRIL_2021 = FIXTURES / "seeds" / "monthly-assurance-2021-04.txt"
ITEMS_HEADER = ["No.", "Item", "Action owner"]
PEOPLE_HEADER = ["Name", "Capacity"]
PAGE_FURNITURE = re.compile(r"^(Page \d+|No\. Item Action owner)$")


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing text that was wrapped into lines."""
    return " ".join(text.split())


def cells(row: Any) -> list[str]:
    return [cell.text for cell in row.cells]


def docx_tables(minutes: Minutes, tmp_path: Path) -> list[Any]:
    path = tmp_path / "notes.docx"
    render_docx(minutes, path)
    return list(docx.Document(str(path)).tables)


def pdf_pages(minutes: Minutes, tmp_path: Path) -> list[str]:
    path = tmp_path / "notes.pdf"
    render_pdf(minutes, path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def body_text(pages: list[str]) -> str:
    """The text of all pages without footers and repeated header rows, squashed."""
    lines = [line for page in pages for line in page.splitlines()]
    return squash(" ".join(line for line in lines if not PAGE_FURNITURE.match(line.strip())))


def row_of_action(table: Any, action: Action) -> Any:
    wanted = squash(action.text)
    rows = [row for row in table.rows[1:] if wanted in squash(row.cells[1].text)]
    assert len(rows) == 1, f"one row should hold {action.text!r}"
    return rows[0]


@pytest.fixture(scope="module", params=SEEDS, ids=[p.stem for p in SEEDS])
def seed(request: pytest.FixtureRequest) -> Minutes:
    return extract_file(request.param)


@pytest.fixture(scope="module")
def april() -> Minutes:
    return extract_file(APRIL_2021)


HAND_ATTENDEES = [
    Attendee(name="Ann Chair", role="Police and Crime Commissioner", abbrev="PCC"),
    Attendee(name="Cal Chief", role="Chief Constable", abbrev="CC"),
    Attendee(name="Dee Guest", role="Head of Estates"),
    Attendee(name="Eve Away", role="Deputy Chief Constable", abbrev="DCC", status="apologies"),
]
HAND_ITEMS = [
    Item(
        number="1",
        title="Matters arising",
        text="Action arising\nThe CC will report on the fleet review.\nThe Board noted it.",
    ),
    Item(
        number="2",
        title="Finance",
        text=(
            "The CFO presented the report.\n"
            "Action: CC to share the overtime plan with the PCC.\n"
            "The PCC asked about reserves.\n"
            "The CC explained the position.\n"
            "Action: someone to look into the old radios.\n"
            "Action: PCC to write to the Home Office."
        ),
    ),
    Item(title="Date of next meeting", text="Tuesday 7 April 2026"),
]
HAND_ACTIONS = [
    Action(item="1", text="The CC will report on the fleet review.", owner="CC"),
    Action(item="2", text="CC to share the overtime plan with the PCC.", owner="CC"),
    Action(item="2", text="PCC to write to the Home Office.", owner="PCC"),
]


@pytest.fixture()
def hand_built() -> Minutes:
    return Minutes(
        title="Governance Board March 2026 – Meeting Notes",
        date=dt.date(2026, 3, 3),
        start_time="09:30",
        end_time="11:00",
        chair="Ann Chair",
        minute_taker="Ben Notes",
        venue="Room 1",
        attendees=[a.model_copy() for a in HAND_ATTENDEES],
        items=[i.model_copy() for i in HAND_ITEMS],
        actions=[a.model_copy() for a in HAND_ACTIONS],
    )


def test_docx_has_header_attendance_and_items_tables(seed: Minutes, tmp_path: Path) -> None:
    header, attendance, *rest = docx_tables(seed, tmp_path)
    assert [cells(row)[0] for row in header.rows] == ["Date", "Chair", "Minutes", "Venue"]
    assert cells(attendance.rows[0]) == PEOPLE_HEADER
    present = [a for a in seed.attendees if a.status in ("present", "virtual")]
    assert [cells(row)[0] for row in attendance.rows[1:]] == [a.name for a in present]
    assert cells(rest[-1].rows[0]) == ITEMS_HEADER
    assert len(rest) == 1 + any(a.status == "apologies" for a in seed.attendees)


def test_docx_puts_each_owner_beside_its_action(seed: Minutes, tmp_path: Path) -> None:
    items = docx_tables(seed, tmp_path)[-1]
    assert seed.actions
    for action in seed.actions:
        row = row_of_action(items, action)
        assert action.owner
        assert row.cells[2].text == action.owner
        assert cells(row)[0] == ""
        paragraphs = [p.text for p in row.cells[1].paragraphs]
        assert action.owner not in paragraphs
        assert not squash(row.cells[1].text).endswith(f"{action.text} {action.owner}".strip())


def test_docx_items_begin_with_their_number_and_title(seed: Minutes, tmp_path: Path) -> None:
    items = docx_tables(seed, tmp_path)[-1]
    firsts = [row for row in items.rows[1:] if row.cells[1].paragraphs[0].runs]
    titles = [row.cells[1].paragraphs[0].text for row in firsts]
    for item in seed.items:
        assert item.title in titles
        row = firsts[titles.index(item.title)]
        assert row.cells[0].text == (item.number or "")
        assert row.cells[1].paragraphs[0].runs[0].bold


def test_docx_capacities_and_date(april: Minutes, tmp_path: Path) -> None:
    header, attendance, _items = docx_tables(april, tmp_path)
    assert cells(header.rows[0]) == ["Date", "Tuesday 27 April 2021, 14:00"]
    assert cells(header.rows[2]) == ["Minutes", "Natasha Noorbakhsh"]
    assert cells(attendance.rows[2]) == [
        "Tracey Onslow",
        "Deputy Police and Crime Commissioner (DPCC)",
    ]


def test_pdf_of_april_2021_breaks_inside_the_items_table(april: Minutes, tmp_path: Path) -> None:
    pages = pdf_pages(april, tmp_path)
    assert len(pages) > 1
    headed = [page for page in pages if "No. Item Action owner" in page]
    assert len(headed) >= 2
    assert all(f"Page {n}" in page for n, page in enumerate(pages, start=1))


def test_pdf_holds_every_action_and_attendee(seed: Minutes, tmp_path: Path) -> None:
    text = body_text(pdf_pages(seed, tmp_path))
    for action in seed.actions:
        assert squash(action.text) in text
    for attendee in seed.attendees:
        assert attendee.name in text
    assert squash(seed.title or "") in text


def test_pdf_is_deterministic(april: Minutes, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    info = DocumentInfo(created=dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC))
    render_pdf(april, first, info)
    render_pdf(april, second, info)
    assert first.read_bytes() == second.read_bytes()


def test_hand_built_tables(hand_built: Minutes, tmp_path: Path) -> None:
    header, attendance, apologies, items = docx_tables(hand_built, tmp_path)
    assert cells(header.rows[0]) == ["Date", "Tuesday 3 March 2026, 09:30 – 11:00"]
    assert [cells(row) for row in attendance.rows] == [
        PEOPLE_HEADER,
        ["Ann Chair", "Police and Crime Commissioner (PCC)"],
        ["Cal Chief", "Chief Constable (CC)"],
        ["Dee Guest", "Head of Estates"],
    ]
    assert [cells(row) for row in apologies.rows] == [
        PEOPLE_HEADER,
        ["Eve Away", "Deputy Chief Constable (DCC)"],
    ]
    assert cells(items.rows[0]) == ITEMS_HEADER


def test_hand_built_item_rows(hand_built: Minutes, tmp_path: Path) -> None:
    items = docx_tables(hand_built, tmp_path)[-1]
    assert [cells(row) for row in items.rows[1:]] == [
        ["1", "Matters arising", ""],
        ["", "Action arising\nThe CC will report on the fleet review.", "CC"],
        ["", "The Board noted it.", ""],
        ["2", "Finance\nThe CFO presented the report.", ""],
        ["", "Action: CC to share the overtime plan with the PCC.", "CC"],
        ["", "The PCC asked about reserves.\nThe CC explained the position.", ""],
        ["", "Action: someone to look into the old radios.", ""],
        ["", "Action: PCC to write to the Home Office.", "PCC"],
        ["", "Date of next meeting\nTuesday 7 April 2026", ""],
    ]


def test_hand_built_pdf(hand_built: Minutes, tmp_path: Path) -> None:
    pages = pdf_pages(hand_built, tmp_path)
    text = body_text(pages)
    assert len(pages) == 1
    assert "Apologies" in text
    assert "Eve Away Deputy Chief Constable (DCC)" in text
    assert "Action: someone to look into the old radios." in text


def test_no_apologies_table_without_apologies(hand_built: Minutes, tmp_path: Path) -> None:
    present = [a for a in hand_built.attendees if a.status != "apologies"]
    minutes = hand_built.model_copy(update={"attendees": present})
    tables = docx_tables(minutes, tmp_path)
    assert len(tables) == 3
    assert "Apologies" not in body_text(pdf_pages(minutes, tmp_path))


def test_empty_record_renders(tmp_path: Path) -> None:
    minutes = Minutes()
    header, attendance, items = docx_tables(minutes, tmp_path)
    assert cells(header.rows[0]) == ["Date", ""]
    assert len(attendance.rows) == 1
    assert len(items.rows) == 1
    assert "Meeting notes" in body_text(pdf_pages(minutes, tmp_path))


def test_publishing_imports_only_the_record() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "watching_brief" / "publishing"
    allowed = re.compile(r"^watching_brief\.(extraction\.record|publishing(\.\w+)?)$")
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        for name in names:
            assert not name.startswith(("django", "typer", "rich")), (module.name, name)
            if name.startswith("watching_brief"):
                assert allowed.match(name), (module.name, name)
