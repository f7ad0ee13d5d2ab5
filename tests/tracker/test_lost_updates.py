"""No lost updates (#13, findings 11 and 12): every write carries the version it was read
at and a stale one is refused with both texts; a contributor's status survives an
officer's stale page; contributors cannot change the status of an accepted closure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.tracker.test_web_minuting import form_data, item_url, soup
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.api.auth import create_token
from watching_brief.tracker.meetings.minuting import current_minutes
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
FEBRUARY = dt.date(2026, 2, 24)


@pytest.fixture(autouse=True)
def generous_rate_limit(settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 100_000
    cache.clear()


@pytest.fixture
def people(ingested: list) -> dict[str, Any]:
    return {
        "officer": create_account("olivia", PASSWORD, "officer", []),
        "officer2": create_account("oscar", PASSWORD, "officer", []),
        # two bodies have a DCC: the contributor is the Northshire force's (the February notes)
        "contributor": create_account(
            "force-dcc", PASSWORD, "contributor", ["DCC"], body=_february_body()
        ),
    }


def _february_body() -> str:
    return Meeting.objects.select_related("series__body").get(date=FEBRUARY).series.body.slug


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def item_of(number: str, status: str = Meeting.Status.DRAFT) -> Item:
    Meeting.objects.filter(date=FEBRUARY).update(status=status)
    return Item.objects.get(meeting__date=FEBRUARY, number=number)


def dcc_action() -> Action:
    return Action.objects.get(meeting__date=FEBRUARY, text__startswith="DCC and ACC to review")


def api_post(key: str, url: str, data: dict[str, Any]) -> Any:
    return Client().post(
        url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )


# The item page ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.PUBLISHED])
def test_the_second_of_two_saves_is_refused_with_both_texts(
    people: dict[str, Any], status: str
) -> None:
    item = item_of("2.2", status)
    first, second = signed_in(people["officer"]), signed_in(people["officer2"])
    mine = form_data(soup(first.get(item_url(item))))
    theirs = form_data(soup(second.get(item_url(item))))
    mine.update(text="MARKER-FIRST-SAVE minutes", save="")
    theirs.update(text="MARKER-SECOND-SAVE minutes", save="")
    assert first.post(item_url(item), mine).status_code == 302

    refused = second.post(item_url(item), theirs)

    assert refused.status_code == 409
    page = soup(refused)
    assert "changed by someone else" in page.select_one(".govuk-error-summary").get_text()
    row = page.select_one(".app-conflict__row")
    assert "MARKER-SECOND-SAVE" in row.select_one(".app-conflict__yours").get_text()
    assert "MARKER-FIRST-SAVE" in row.select_one(".app-conflict__theirs").get_text()
    assert page.select_one("#id_text").get_text() == "MARKER-SECOND-SAVE minutes"  # kept
    item.refresh_from_db()
    assert current_minutes(item).text == "MARKER-FIRST-SAVE minutes"
    # saving again from the conflict page, with both in view, replaces the other on purpose
    assert second.post(item_url(item), form_data(page) | {"save": ""}).status_code == 302
    item.refresh_from_db()
    assert current_minutes(item).text == "MARKER-SECOND-SAVE minutes"


def test_an_autosave_from_a_stale_page_is_refused_with_both_texts(
    people: dict[str, Any],
) -> None:
    item = item_of("2.2")
    first, second = signed_in(people["officer"]), signed_in(people["officer2"])
    mine = form_data(soup(first.get(item_url(item))))
    theirs = form_data(soup(second.get(item_url(item))))
    mine["text"] = "MARKER-SAVED-FIRST"
    saved = first.post(item_url(item), mine, headers={"X-Autosave": "1"})
    assert saved.status_code == 200 and saved.json()["saved"]
    mine["text"], mine["version"] = "MARKER-SAVED-FIRST, more", saved.json()["version"]
    assert first.post(item_url(item), mine, headers={"X-Autosave": "1"}).status_code == 200
    theirs["text"] = "MARKER-TYPED-SECOND"

    refused = second.post(item_url(item), theirs, headers={"X-Autosave": "1"})

    assert refused.status_code == 409
    body = refused.json()
    assert body["conflict"] is True and body["saved"] is False
    assert body["theirs"]["Minutes"] == "MARKER-SAVED-FIRST, more"
    assert body["yours"]["Minutes"] == "MARKER-TYPED-SECOND"
    item.refresh_from_db()
    assert item.text == "MARKER-SAVED-FIRST, more"


def test_the_contributors_status_survives_an_officers_stale_page(
    people: dict[str, Any],
) -> None:
    item = item_of("2.1", Meeting.Status.PUBLISHED)
    action = dcc_action()
    assert action.item_id == item.pk and action.status != Action.Status.DONE
    officer = signed_in(people["officer"])
    stale = form_data(soup(officer.get(item_url(item))))  # opened before the update
    contributor = signed_in(people["contributor"])
    detail = soup(contributor.get(reverse("web:action_detail", args=[action.pk])))
    version = detail.select_one("#update-form [name=update-version]")["value"]
    done = {"update-text": "Review complete", "update-status": "done", "update-version": version}
    assert contributor.post(reverse("web:action_update", args=[action.pk]), done).status_code == 302
    stale.update(text=item.text + " Corrected.", save="")

    refused = officer.post(item_url(item), stale)

    assert refused.status_code == 409
    theirs = soup(refused).select(".app-conflict__theirs")
    assert any("Done" in cell.get_text() for cell in theirs)
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    # the officer reloads and saves the text: the status they did not touch stays "done"
    fresh = form_data(soup(officer.get(item_url(item))))
    fresh.update(text=item.text + " Corrected.", save="")
    assert officer.post(item_url(item), fresh).status_code == 302
    officer.post(reverse("web:meeting_republish", args=[item.meeting_id]), {})
    action.refresh_from_db()
    item.refresh_from_db()
    assert action.status == Action.Status.DONE and item.text.endswith("Corrected.")


# Action pages and the API ----------------------------------------------------------


def test_two_api_updates_read_at_one_version_the_second_is_refused(
    people: dict[str, Any],
) -> None:
    action = dcc_action()
    officer, contributor = create_token(people["officer"]), create_token(people["contributor"])
    read = Client().get(f"/api/actions/{action.pk}").json()["version"]
    url = f"/api/actions/{action.pk}/updates"
    first = api_post(
        contributor, url, {"text": "Done on 3 March", "status": "done", "version": read}
    )
    assert first.status_code == 201, first.content

    second = api_post(
        officer, url, {"text": "Still in progress", "status": "in_progress", "version": read}
    )

    assert second.status_code == 409
    body = second.json()
    assert body["yours"] == {"status": "In progress", "update": "Still in progress"}
    assert body["theirs"] == {"status": "Done", "update": "Done on 3 March"}
    assert body["version"] == Action.objects.get(pk=action.pk).revision != read
    assert Action.objects.get(pk=action.pk).status == Action.Status.DONE
    assert not ActionUpdate.objects.filter(text="Still in progress").exists()
    close = api_post(
        officer, f"/api/actions/{action.pk}/close", {"status": "closed", "version": read}
    )
    assert close.status_code == 409
    missing = api_post(officer, url, {"text": "No version"})
    assert missing.status_code == 422


def test_a_stale_web_update_is_refused_with_both_texts(people: dict[str, Any]) -> None:
    action = dcc_action()
    contributor = signed_in(people["contributor"])
    detail = soup(contributor.get(reverse("web:action_detail", args=[action.pk])))
    version = detail.select_one("#update-form [name=update-version]")["value"]
    officer = signed_in(people["officer"])
    close = {"close-status": "dropped", "close-note": "Overtaken", "close-version": version}
    assert officer.post(reverse("web:action_close", args=[action.pk]), close).status_code == 302
    done = {"update-text": "MARKER-MY-UPDATE", "update-status": "done", "update-version": version}

    refused = contributor.post(reverse("web:action_update", args=[action.pk]), done)

    assert refused.status_code == 409
    page = BeautifulSoup(refused.content, "html.parser")
    table = page.select_one("#conflict").get_text(" ", strip=True)
    assert "MARKER-MY-UPDATE" in table and "Overtaken" in table and "Dropped" in table
    assert page.find("textarea", {"name": "update-text"}).text == "MARKER-MY-UPDATE"
    assert Action.objects.get(pk=action.pk).status == Action.Status.DROPPED


def test_a_contributor_cannot_reopen_an_accepted_closure(people: dict[str, Any]) -> None:
    action = dcc_action()
    officer_key = create_token(people["officer"])
    key = create_token(people["contributor"])
    closed = api_post(
        officer_key,
        f"/api/actions/{action.pk}/close",
        {"status": "closed", "version": action.revision},
    )
    assert closed.status_code == 200
    version = closed.json()["version"]
    url = f"/api/actions/{action.pk}/updates"

    reopen = api_post(key, url, {"text": "Reopened", "status": "in_progress", "version": version})

    assert reopen.status_code == 403 and "only an officer" in reopen.json()["detail"]
    web = signed_in(people["contributor"]).post(
        reverse("web:action_update", args=[action.pk]),
        {"update-text": "Reopened", "update-status": "in_progress", "update-version": version},
    )
    assert web.status_code == 403
    assert "only an officer" in web.content.decode()
    assert Action.objects.get(pk=action.pk).status == Action.Status.CLOSED
    assert not ActionUpdate.objects.filter(action=action, text="Reopened").exists()
    note = api_post(key, url, {"text": "Evidence filed", "version": version})
    assert note.status_code == 201  # an update without a status is still welcome
    version = Client().get(f"/api/actions/{action.pk}").json()["version"]
    officer = api_post(
        officer_key, url, {"text": "Reopened", "status": "in_progress", "version": version}
    )
    assert officer.status_code == 201  # an officer may reopen it
    assert Action.objects.get(pk=action.pk).status == Action.Status.IN_PROGRESS
