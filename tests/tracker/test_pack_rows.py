"""The pack's action rows, written in Python rather than by the template engine."""

from __future__ import annotations

from bs4 import BeautifulSoup

from watching_brief.tracker.actions.log import ActionRow
from watching_brief.tracker.web.views.meeting_parts import pack_rows_html


def row(**changes: object) -> ActionRow:
    values: dict[str, object] = {
        "reference": "A-1", "meeting": "Board", "date": "2026-01-05", "item": "3",
        "text": "Report back", "owner": "DCC", "holder_then": "Ann Lee", "holder_now": "",
        "due": "2026-02-01", "due_text": "", "status": "Open", "overdue": False,
        "closed_at": "",
    }  # fmt: skip
    values.update(changes)
    return ActionRow(**values)  # type: ignore[arg-type]


def cells(html: str) -> list[list[str]]:
    page = BeautifulSoup(f"<table><tbody>{html}</tbody></table>", "html.parser")
    return [[td.get_text() for td in tr("td")] for tr in page("tr")]


def test_every_value_is_escaped() -> None:
    html = pack_rows_html(
        [row(text="<script>alert(1)</script> & more", owner='"Chief" <b>', status="<i>")]
    )
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert cells(html) == [
        ["A-1", "5 January 2026, item 3", "<script>alert(1)</script> & more",
         '"Chief" <b>Ann Lee / ?', "1 February 2026", "<i>"],
    ]  # fmt: skip


def test_the_cells_say_what_the_template_said() -> None:
    html = pack_rows_html(
        [
            row(item="", owner="", holder_then="", due="", due_text="", overdue=True),
            row(due="", due_text="by the summer", holder_now="Sam Roe"),
        ]
    )
    first, second = cells(html)
    assert first == ["A-1", "5 January 2026", "Report back", "Not recorded", "Not set", "Overdue"]
    assert second[3] == "DCCAnn Lee / Sam Roe" and second[4] == "by the summer"
    page = BeautifulSoup(html, "html.parser")
    assert [tag["class"] for tag in page("strong")] == [
        ["govuk-tag", "govuk-tag--red"],
        ["govuk-tag", "govuk-tag--blue"],
    ]
    # each cell is named for the stacked table on a phone
    assert [td["data-label"] for td in page.find("tr")("td")] == [
        "Reference", "Set at", "Action", "Owner (then / now)", "Due", "Status",
    ]  # fmt: skip
    assert pack_rows_html([]) == ""
