"""The action log pages: filters, sorting, exports, visibility, updates and closures."""

from __future__ import annotations

import codecs
import csv
import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.tracker.conftest import WEST_MERCIA
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.exports.action_log import HEADERS
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
RESTRICTED = "MARKER-RESTRICTED-7f3a"
ITEM_RESTRICTED = "MARKER-ITEM-RESTRICTED-91bc"
UNPUBLISHED = "MARKER-UNPUBLISHED-c04e"


def page(client: Client, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def log_rows(client: Client, **params: Any) -> list[dict[str, str]]:
    soup = page(client, reverse("web:action_list"), **params)
    rows = []
    for tr in soup.select("table.app-action-log tbody tr"):
        cells = tr.find_all("td")
        if len(cells) < 6:
            continue
        rows.append(
            {
                "reference": cells[0].get_text(strip=True),
                "text": cells[2].get_text(strip=True),
                "owner": cells[3].get_text(" ", strip=True),
                # the date as the page writes it for people, ISO in <time datetime>
                "due": cells[4].time["datetime"] if cells[4].time else cells[4].get_text(" ", True),
                "status": cells[5].select_one(".govuk-tag").get_text(strip=True),
                "href": cells[0].a["href"],
            }
        )
    return rows


@pytest.fixture
def hidden(ingested: list) -> dict[str, Action]:
    """Three actions no member of the public may see, each with a marker in its text."""
    actions = list(Action.objects.filter(meeting__status="published").order_by("pk"))
    restricted, unpublished = actions[0], actions[-1]
    in_item = next(a for a in actions[1:-1] if a.item is not None)
    restricted.text, restricted.restricted = f"{RESTRICTED} {restricted.text}", True
    restricted.save()
    in_item.text = f"{ITEM_RESTRICTED} {in_item.text}"
    in_item.save()
    assert in_item.item is not None
    in_item.item.restricted = True
    in_item.item.save()
    unpublished.text = f"{UNPUBLISHED} {unpublished.text}"
    unpublished.save()
    Meeting.objects.filter(pk=unpublished.meeting_id).update(status=Meeting.Status.DRAFT)
    return {"restricted": restricted, "item": in_item, "unpublished": unpublished}


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def contributor(ingested: list) -> Any:
    body = dcc_action().meeting.series.body.slug  # two bodies have a DCC: this action's
    return create_account("force-dcc", PASSWORD, "contributor", ["DCC"], body=body)


def test_log_shows_owner_post_holder_then_and_now(client: Client, ingested: list) -> None:
    rows = log_rows(client, owner="DCC", series="monthly-assurance-meeting")
    assert rows and all(row["owner"].startswith("DCC") for row in rows)
    assert any(
        "then: Laura Bennion" in r["owner"] and "now: Mark Ellery" in r["owner"] for r in rows
    )
    detail = page(client, rows[0]["href"])
    assert detail.h1.get_text(strip=True) == rows[0]["reference"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"status": "closed"}, lambda row: row["status"] == "Closed"),
        ({"status": "open_any"}, lambda row: row["status"] in {"Open", "In progress"}),
        ({"owner": "PCC"}, lambda row: row["owner"].startswith("PCC")),
        ({"overdue": "on"}, lambda row: row["status"] in {"Open", "In progress"}),
    ],
)
def test_filters_narrow_the_log(client: Client, ingested: list, params: dict, check: Any) -> None:
    everything = log_rows(client)
    rows = log_rows(client, **params)
    assert 0 < len(rows) < len(everything)
    assert all(check(row) for row in rows)


def test_topic_filter_finds_words_in_the_action(client: Client, ingested: list) -> None:
    rows = log_rows(client, topic="PMF plan")
    assert rows and all("pmf plan" in row["text"].lower() for row in rows)
    assert len(rows) < len(log_rows(client))


def test_due_date_filter_and_an_invalid_date(client: Client, ingested: list) -> None:
    rows = log_rows(client, due_from_day="1", due_from_month="1", due_from_year="2026")
    assert rows and all(row["due"][:10] >= "2026-01-01" for row in rows)
    rows = log_rows(client, due_to_day="31", due_to_month="12", due_to_year="2025")
    assert all(row["due"][:10] <= "2025-12-31" for row in rows)
    soup = page(client, reverse("web:action_list"), due_from_day="31", due_from_month="2")
    summary = soup.select_one(".govuk-error-summary")
    assert summary and "Due on or after must include a day, month and year" in summary.text
    assert soup.find("input", {"name": "due_from_day"})["value"] == "31"


@pytest.mark.parametrize("sort", ["due", "-due", "date", "-date", "status", "owner"])
def test_sorting_by_column(client: Client, ingested: list, sort: str) -> None:
    rows = log_rows(client, sort=sort)
    key = {"due": "due", "date": "reference", "status": "status", "owner": "owner"}[
        sort.lstrip("-")
    ]
    if key == "due":
        values = [row["due"][:10] for row in rows if row["due"] != "Not set"]
        assert values == sorted(values, reverse=sort.startswith("-"))
        assert rows[-1]["due"] == "Not set"
    elif key == "status":
        codes = [row["status"].lower().replace(" ", "_") for row in rows]
        assert codes == sorted(codes)
    assert len(rows) == len(log_rows(client))


def test_sort_headings_link_to_the_reverse_order(client: Client, ingested: list) -> None:
    soup = page(client, reverse("web:action_list"), sort="due", owner="DCC")
    due = soup.find("th", attrs={"aria-sort": "ascending"})
    assert due and "sort=-due" in due.a["href"] and "owner=DCC" in due.a["href"]


def export(client: Client, fmt: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(reverse("web:action_export"), {"format": fmt, **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    if fmt == "csv":
        assert response.content.startswith(codecs.BOM_UTF8)  # so Excel reads it as UTF-8
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *body = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_exactly_the_filtered_rows(client: Client, ingested: list, fmt: str) -> None:
    params = {"owner": "DCC", "status": "open_any", "sort": "-due"}
    shown = [row["reference"] for row in log_rows(client, **params)]
    exported = export(client, fmt, **params)
    assert [row["Reference"] for row in exported] == shown
    assert {row["Owner"] for row in exported} == {"DCC"}
    assert len(export(client, fmt)) == len(log_rows(client))


def test_exports_have_readable_headers_a_body_column_and_real_dates(
    client: Client, ingested: list
) -> None:
    rows = export(client, "csv")
    assert list(rows[0]) == HEADERS
    actions = {a.reference: a for a in Action.objects.select_related("meeting__series__body")}
    for row in rows:
        action = actions[row["Reference"]]
        assert row["Body"] == action.meeting.series.body.name
        assert row["Meeting date"] == action.meeting.date.isoformat()
        assert row["Due date"] == (action.due.isoformat() if action.due else "")
    bodies = {row["Body"] for row in rows}
    assert WEST_MERCIA in bodies and len(bodies) > 1  # the seeds' body and Northshire's
    response = client.get(reverse("web:action_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    assert [cell.value for cell in sheet[1]] == HEADERS
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert widths["Action"] > widths["Reference"] > 8
    meeting_dates = [row[HEADERS.index("Meeting date")] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.is_date and cell.number_format == "d mmmm yyyy" for cell in meeting_dates)
    due = [row[HEADERS.index("Due date")] for row in sheet.iter_rows(min_row=2)]
    assert any(cell.is_date for cell in due)
    assert all(cell.is_date or cell.value is None for cell in due)


def test_the_csv_keeps_every_character_through_its_byte_order_mark(
    client: Client, ingested: list
) -> None:
    action = (
        Action.objects.filter(meeting__status="published", restricted=False)
        .exclude(item__restricted=True)
        .first()
    )
    assert action is not None
    action.text = "Café review – 1½ hours, “quoted” £5"
    action.save()
    rows = export(client, "csv")
    assert action.text in {row["Action"] for row in rows}


@pytest.mark.parametrize("marker", [RESTRICTED, ITEM_RESTRICTED, UNPUBLISHED])
def test_the_public_never_sees_hidden_actions(
    client: Client, hidden: dict[str, Action], marker: str
) -> None:
    for params in ({}, {"topic": marker}, {"status": "open_any"}, {"sort": "-due"}):
        table = page(client, reverse("web:action_list"), **params).select_one("table")
        assert table is not None and marker not in table.get_text()
        for fmt in ("csv", "xlsx"):
            assert not any(marker in str(row["Action"]) for row in export(client, fmt, **params))
    for action in hidden.values():
        assert client.get(reverse("web:action_detail", args=[action.pk])).status_code == 404


def test_officers_see_hidden_actions(client: Client, hidden: dict, officer: Any) -> None:
    client.force_login(officer)
    content = client.get(reverse("web:action_list"), {"topic": "MARKER"}).content.decode()
    assert RESTRICTED in content and ITEM_RESTRICTED in content and UNPUBLISHED in content


def dcc_action(**filters: Any) -> Action:
    action = Action.objects.filter(owner_post__abbrev="DCC", meeting__status="published", **filters)
    return action.exclude(status__in=["closed", "dropped"]).first()  # type: ignore[return-value]


def test_contributor_updates_an_action_of_their_post(client: Client, contributor: Any) -> None:
    action = dcc_action()
    client.force_login(contributor)
    soup = page(client, reverse("web:action_detail", args=[action.pk]))
    assert soup.select_one("#update-form") and not soup.select_one("#close-form")
    data = {
        "update-text": "Plan shared on 3 March",
        "update-evidence": "Email of 3 March",
        "update-status": "done",
        "update-version": soup.select_one("#update-form [name=update-version]")["value"],
    }
    response = client.post(reverse("web:action_update", args=[action.pk]), data, follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert "has been added" in soup.select_one(".govuk-notification-banner--success").text
    cells = [td.get_text(strip=True) for td in soup.select("#update-table tbody tr")[-1]("td")]
    # signed with the post, never the account name (finding 7)
    assert cells[1:] == ["DCC", "Plan shared on 3 March", "Email of 3 March", "Done"]
    assert Action.objects.get(pk=action.pk).status == "done"


def test_contributor_may_not_update_others_nor_close(client: Client, contributor: Any) -> None:
    other = Action.objects.filter(meeting__status="published", restricted=False).exclude(
        owner_post__abbrev="DCC"
    )[0]
    client.force_login(contributor)
    update = {"update-text": "Done", "update-status": "in_progress", "update-version": "0"}
    assert client.post(reverse("web:action_update", args=[other.pk]), update).status_code == 403
    action = dcc_action()
    close = {"close-status": "closed", "close-note": "Finished", "close-version": "0"}
    assert client.post(reverse("web:action_close", args=[action.pk]), close).status_code == 403
    response = client.post(
        reverse("web:action_update", args=[action.pk]),
        {"update-text": "All done", "update-status": "closed", "update-version": action.revision},
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".govuk-error-summary")
    assert soup.find("textarea", {"name": "update-text"}).text == "All done"
    assert Action.objects.get(pk=action.pk).status not in {"closed", "dropped"}
    assert not ActionUpdate.objects.filter(action=action, text="All done").exists()


def test_anonymous_visitors_may_not_update(client: Client, ingested: list) -> None:
    action = dcc_action()
    soup = page(client, reverse("web:action_detail", args=[action.pk]))
    assert not soup.select_one("#update-form") and not soup.select_one("#close-form")
    response = client.post(reverse("web:action_update", args=[action.pk]), {"update-text": "x"})
    assert response.status_code == 403


def test_officer_closes_and_history_shows_the_change(
    client: Client, ingested: list, officer: Any
) -> None:
    action = dcc_action(status="open")
    client.force_login(officer)
    response = client.post(
        reverse("web:action_close", args=[action.pk]),
        {
            "close-status": "closed",
            "close-note": "Accepted at the March meeting",
            "close-version": action.revision,
        },
        follow=True,
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert "is now closed" in soup.select_one(".govuk-notification-banner--success").text
    assert soup.select_one("#action-status .govuk-tag").get_text(strip=True) == "Closed"
    latest = [
        td.get_text(" ", strip=True) for td in soup.select("#history-table tbody tr")[0]("td")
    ]
    assert latest[1] == "olivia" and "Status: Open → Closed" in latest[2]
    assert soup.select("#history-table tbody tr")[-1]("td")[2].get_text() == "Created"


def test_closing_without_a_status_keeps_the_note(
    client: Client, ingested: list, officer: Any
) -> None:
    action = dcc_action()
    client.force_login(officer)
    url = reverse("web:action_close", args=[action.pk])
    response = client.post(url, {"close-note": "Kept note", "close-version": action.revision})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one(".govuk-error-summary__list a")
    assert link.text == "Select whether the action is closed or dropped"
    assert soup.select_one(link["href"]) is not None
    assert soup.find("textarea", {"name": "close-note"}).text == "Kept note"
