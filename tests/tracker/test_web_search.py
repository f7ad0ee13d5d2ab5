"""The search page: it finds and highlights, filters, pages, shows form errors, and never
shows an anonymous visitor what ``web.roles`` hides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
ITEM_MARK = "zqxrestricteditem"
ACTION_MARK = "zqxrestrictedaction"
DRAFT_MARK = "zqxdraftmeeting"
MARKS = (ITEM_MARK, ACTION_MARK, DRAFT_MARK)


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ingest_paths([EXAMPLES])


@pytest.fixture
def marked(indexed: None, django_capture_on_commit_callbacks: Any) -> None:
    """Markers in a restricted item, a restricted action and a draft meeting."""
    with django_capture_on_commit_callbacks(execute=True):
        item = Item.objects.get(title="Stalking")
        item.restricted, item.text = True, f"{item.text} {ITEM_MARK}"
        item.save()
        action = Action.objects.get(reference="MAM-20260324-2")
        action.restricted, action.text = True, f"{action.text} {ACTION_MARK}"
        action.save()
        draft = Meeting.objects.get(date=dt.date(2026, 1, 27))
        draft.status, draft.title = Meeting.Status.DRAFT, f"{DRAFT_MARK} January 2026"
        draft.save()


def page(client: Client, **params: str) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_and_highlights(indexed: None, client: Client) -> None:
    body = page(client, q="StreetSafe")
    assert "<mark>StreetSafe</mark>" in body
    assert "&lt;mark&gt;" not in body
    action = Action.objects.get(reference="MAM-20260224-3")
    assert f'href="/actions/{action.pk}/"' in body
    assert "24 February 2026" in body
    assert 'class="govuk-tag' in body


def test_no_results_and_empty_query(indexed: None, client: Client) -> None:
    assert "No results" in page(client, q="zzzznothinglikethis")
    body = page(client)
    assert "No results" not in body
    assert 'for="id_q"' in body


def test_filter_by_kind(indexed: None, client: Client) -> None:
    body = page(client, q="StreetSafe", kind="action")
    assert "Action MAM-" in body
    assert "Question from" not in body


def test_filter_by_series_status_owner_and_dates(indexed: None, client: Client) -> None:
    body = page(client, q="StreetSafe", series="northshire-police-and-crime-panel")
    assert "No results" in body or "Monthly Assurance" not in body
    closed = page(client, q="StreetSafe", kind="action", status="closed")
    assert "MAM-20260224-3" in closed
    assert "MAM-20260224-3" not in page(client, q="StreetSafe", kind="action", status="open")
    dated = page(client, q="StreetSafe", **{"from": "01/03/2026", "to": "2026-03-31"})
    assert "24 February 2026" not in dated


def test_form_errors_are_summarised_and_keep_the_typed_values(
    indexed: None, client: Client
) -> None:
    body = page(client, q="StreetSafe", kind="nonsense", **{"from": "31/02/2026"})
    assert "There is a problem" in body
    assert 'href="#id_from"' in body
    assert 'value="31/02/2026"' in body
    assert 'value="StreetSafe"' in body
    assert "<mark>" not in body
    later = page(client, q="StreetSafe", **{"from": "2026-03-01", "to": "2026-01-01"})
    assert "There is a problem" in later


def test_pages_of_results(indexed: None, client: Client) -> None:
    first = page(client, q="PCC OR DCC OR ACC OR police")
    assert 'class="govuk-pagination"' in first
    second = page(client, q="PCC OR DCC OR ACC OR police", page="2")
    assert 'aria-current="page">2<' in second


def test_anonymous_search_never_shows_restricted_or_draft_content(
    marked: None, client: Client
) -> None:
    for mark in MARKS:
        body = page(client, q=mark)
        assert mark not in body.split("</form>", 2)[-1], mark
        assert "No results" in body
    assert "zqx" not in page(client, q="stalking").split('id="results-heading"')[-1]


def test_an_officer_finds_the_markers(marked: None, client: Client) -> None:
    client.force_login(create_account("olive", "a-Long-pass-2026", "officer", []))
    for mark in MARKS:
        assert f"<mark>{mark}</mark>" in page(client, q=mark), mark


def test_navigation_has_a_labelled_search_box(db: None, client: Client) -> None:
    body = client.get("/").content.decode()
    assert 'for="site-search"' in body
    assert 'id="site-search"' in body
    assert 'href="/search/"' in body
