"""The approve, return and publish buttons, and the version history page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.tracker.test_publication import (
    ACTION_IN_ITEM,
    ACTION_RESTRICTED,
    ITEM_TEXT,
    ITEM_TITLE,
    PASSWORD,
    QUESTION_IN_ITEM,
    Built,
    build_meeting,
)
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
MARKERS = (ITEM_TITLE, ITEM_TEXT, ACTION_IN_ITEM, ACTION_RESTRICTED, QUESTION_IN_ITEM)


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def officer_client(officer: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    return client


@pytest.fixture
def built(db: None) -> Built:
    return build_meeting()


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def post_form(client: Client, page_url: str, form_id: str, **data: str) -> Any:
    """Submit a form found on the page, with its CSRF token, following the redirect."""
    page = soup(client.get(page_url))
    button = page.find("button", id=form_id)
    assert button is not None, f"no {form_id} button"
    form = button.find_parent("form")
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client.post(form["action"], {"csrfmiddlewaretoken": token, **data}, follow=True)


def banner(response: Any) -> str:
    heading = soup(response).select_one(".govuk-notification-banner__heading")
    return heading.get_text(" ", strip=True) if heading else ""


def test_officer_approves_and_publishes_from_the_meeting_page(
    built: Built, officer_client: Client
) -> None:
    url = reverse("web:meeting_detail", args=[built.meeting.pk])
    page = soup(officer_client.get(url))
    assert page.select_one("#publication-status").get_text(strip=True) == "Draft"
    assert page.find("button", id="publish") is None
    approved = post_form(officer_client, url, "approve")
    assert approved.redirect_chain[-1][0] == url
    assert "The notes are approved" in banner(approved)
    assert "olivia" in soup(approved).select_one("#publication-approved").get_text()
    returned = post_form(officer_client, url, "return-to-draft")
    assert "back in draft" in banner(returned)
    post_form(officer_client, url, "approve")
    published = post_form(officer_client, url, "publish", note="Agreed at the April meeting")
    assert "Version 1 is in the history" in banner(published)
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.PUBLISHED
    assert built.meeting.versions.get().note == "Agreed at the April meeting"
    page = soup(published)
    assert page.select_one("#publication-status").get_text(strip=True) == "Published"
    assert page.find("button", id="approve") is None and page.find("button", id="publish") is None
    assert page.select_one("#version-history")["href"] == reverse(
        "web:meeting_versions", args=[built.meeting.pk]
    )


def test_a_wrong_step_is_refused_with_a_message(built: Built, officer_client: Client) -> None:
    officer_client.get(reverse("web:meeting_detail", args=[built.meeting.pk]))
    token = officer_client.cookies["csrftoken"].value
    response = officer_client.post(
        reverse("web:meeting_publish", args=[built.meeting.pk]),
        {"csrfmiddlewaretoken": token},
        follow=True,
    )
    assert "only approved notes can be published" in banner(response)
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.DRAFT


def test_only_officers_may_change_the_status(built: Built) -> None:
    client = Client()
    for name in ("meeting_approve", "meeting_return_to_draft", "meeting_publish"):
        url = reverse(f"web:{name}", args=[built.meeting.pk])
        anonymous = client.post(url)
        assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    create_account("force-dcc", PASSWORD, "contributor", ["DCC"])
    client.login(username="force-dcc", password=PASSWORD)
    for name in ("meeting_approve", "meeting_return_to_draft", "meeting_publish"):
        assert client.post(reverse(f"web:{name}", args=[built.meeting.pk])).status_code == 403
    officer = create_account("olivia", PASSWORD, "officer", [])
    client.force_login(officer)
    assert client.get(reverse("web:meeting_approve", args=[built.meeting.pk])).status_code == 405
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.DRAFT


def test_the_public_sees_no_buttons_and_no_history_before_publication(
    built: Built, officer: Any
) -> None:
    client = Client()
    versions = reverse("web:meeting_versions", args=[built.meeting.pk])
    assert client.get(versions).status_code == 404
    publication.approve(built.meeting, officer)
    assert client.get(versions).status_code == 404
    publication.publish(built.meeting, officer)
    page = soup(client.get(reverse("web:meeting_detail", args=[built.meeting.pk])))
    assert page.select("#publication form") == []
    assert page.select_one("#version-history") is not None
    assert client.get(versions).status_code == 200


def test_version_history_shows_the_difference_without_restricted_parts(
    built: Built, officer: Any, officer_client: Client
) -> None:
    publication.approve(built.meeting, officer)
    publication.publish(built.meeting, officer, "First release")
    built.public_item.text = "Calls answered within the target."
    built.public_item.save()
    built.restricted_item.text = f"{ITEM_TEXT} changed"
    built.restricted_item.save()
    publication.record_version(built.meeting, officer)
    url = reverse("web:meeting_versions", args=[built.meeting.pk])
    public = Client().get(url)
    text = public.content.decode()
    for marker in MARKERS:
        assert marker not in text
    page = soup(public)
    sections = page.select("section.app-version")
    assert [s["id"] for s in sections] == ["version-2", "version-1"]
    added = [ins.get_text(" ", strip=True) for ins in sections[0].select("ins")]
    removed = [d.get_text(" ", strip=True) for d in sections[0].select("del")]
    assert added == ["+ added: Calls answered within the target."]
    assert removed == ["− removed: Calls answered on time."]
    for mark in sections[0].select("ins, del"):
        assert mark.select_one(".govuk-visually-hidden") is not None
    assert "1 line added, 1 removed" in sections[0].get_text(" ", strip=True)
    assert "First release" in sections[1].get_text(" ", strip=True)
    assert page.select(".app-version__who") == []  # the public does not see who
    officer_page = soup(officer_client.get(url))
    assert officer_page.select_one(".app-version__who").get_text(strip=True) == "olivia"


def test_a_part_restricted_after_publication_leaves_earlier_versions(
    built: Built, officer: Any
) -> None:
    withdrawn = "MARKER-LATER-RESTRICTED-6a2d"
    built.public_item.text = f"Calls answered on time. {withdrawn} was named."
    built.public_item.save()
    publication.approve(built.meeting, officer)
    first = publication.publish(built.meeting, officer)
    assert withdrawn in first.text
    built.public_item.restricted = True
    built.public_item.save()
    second = publication.record_version(built.meeting, officer)
    assert second is not None and withdrawn not in second.text
    response = Client().get(reverse("web:meeting_versions", args=[built.meeting.pk]))
    html = response.content.decode()
    assert withdrawn not in html and "Public contact" not in html
    assert publication.REDACTED in html


def test_approval_names_the_posts_no_notice_reached_and_where_to_add_an_address(
    built: Built, officer_client: Client
) -> None:
    url = reverse("web:meeting_detail", args=[built.meeting.pk])
    approved = post_form(officer_client, url, "approve")
    # the DCC has an address; the ACC (owner of T-3) has none and nobody linked
    assert "went to 1 address." in banner(approved)
    assert "No address for ACC" in banner(approved)
    [link] = soup(approved).select("#no-address a")
    post_url = reverse("web:post_detail", args=[built.acc.pk])
    assert link["href"] == f"{post_url}#email"
    page = soup(officer_client.get(post_url))
    assert "reach nobody" in page.select_one("#recipients").get_text()
    wrong = post_form(officer_client, post_url, "save-email", email="not an address")
    assert wrong.status_code == 400
    assert soup(wrong).select_one(".govuk-error-summary a").get_text().startswith("Enter an e-mail")
    assert soup(wrong).select_one("#id_email")["value"] == "not an address"  # kept
    saved = post_form(officer_client, post_url, "save-email", email="acc@example.org")
    assert "now go to acc@example.org" in banner(saved)
    assert Post.objects.get(pk=built.acc.pk).email == "acc@example.org"
    assert not soup(officer_client.get(url)).select("#no-address")


def test_the_public_never_sees_a_posts_address(built: Built, client: Client) -> None:
    built.meeting.status = Meeting.Status.PUBLISHED
    built.meeting.save()
    page = client.get(reverse("web:post_detail", args=[built.dcc.pk])).content.decode()
    assert "dcc@example.org" not in page and "email-form" not in page
    response = client.post(reverse("web:post_email", args=[built.dcc.pk]), {"email": ""})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Post.objects.get(pk=built.dcc.pk).email == "dcc@example.org"


def test_publishing_a_meeting_dated_ahead_asks_first(officer_client: Client) -> None:
    ahead = build_meeting(date=dt.date.today() + dt.timedelta(days=21)).meeting
    url = reverse("web:meeting_detail", args=[ahead.pk])
    post_form(officer_client, url, "approve")
    assert soup(officer_client.get(url)).select_one("#future-meeting") is not None
    asked = post_form(officer_client, url, "publish", note="Agreed")
    page = soup(asked)
    assert "21 days from today" in page.select_one("#future-warning").get_text()
    ahead.refresh_from_db()
    assert ahead.status == Meeting.Status.APPROVED  # nothing published yet
    assert page.select_one("#do-not-publish")["href"].startswith(url)
    form = page.select_one("#confirm-future")
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    assert data["note"] == "Agreed"
    done = officer_client.post(form["action"], data, follow=True)
    assert "The notes are published" in banner(done)
    ahead.refresh_from_db()
    assert ahead.status == Meeting.Status.PUBLISHED
    assert ahead.versions.get().note == "Agreed"


def test_a_meeting_held_today_or_before_publishes_at_once(
    built: Built, officer_client: Client
) -> None:
    url = reverse("web:meeting_detail", args=[built.meeting.pk])
    post_form(officer_client, url, "approve")
    assert "The notes are published" in banner(post_form(officer_client, url, "publish"))
