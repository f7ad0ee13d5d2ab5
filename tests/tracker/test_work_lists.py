"""The office's work lists: closures to accept, updates to review (the body setting
"publish updates after an officer reads them"), and a contributor's own posts' actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.tracker.test_publication import PASSWORD, Built, build_meeting
from watching_brief.tracker.access import visible_updates
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.actions.services import (
    NotWaiting,
    approve_update,
    record_update,
)
from watching_brief.tracker.actions.worklists import post_work, work_counts
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
WAITING = "MARKER-WAITING-UPDATE-5d1e"
RETURNED = "MARKER-RETURNED-UPDATE-88ab"


@pytest.fixture
def built() -> Built:
    return build_meeting(status=Meeting.Status.PUBLISHED)


@pytest.fixture
def officer() -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def dcc_staff() -> Any:
    user = create_account("dcc-staff", PASSWORD, "contributor", ["DCC"])
    user.email = "dcc.staff@example.org"
    user.save()
    return user


def soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def reviewing(built: Built, on: bool = True) -> None:
    body = built.meeting.series.body
    body.review_updates = on
    body.save()


# Closures to accept -------------------------------------------------------------------


def test_the_officer_accepts_a_closure_from_the_list(
    built: Built, officer: Any, dcc_staff: Any, client: Client
) -> None:
    action = built.public_action
    record_update(dcc_staff, action, "Report sent to the PCC.", "done", revision=action.revision)
    client.force_login(officer)
    page = soup(client, reverse("web:closure_list"))
    card = page.select_one(f"#closure-{action.pk}")
    assert card is not None and "Report sent to the PCC." in card.get_text()
    assert page.select_one("#closure-count").get_text(strip=True) == "1 closure waiting."  # type: ignore[union-attr]
    dashboard = soup(client, reverse("web:dashboard"))
    assert dashboard.select_one("#closures-link").get_text(" ", strip=True).startswith("1 ")  # type: ignore[union-attr]
    version = card.select_one("input[name=version]")["value"]  # type: ignore[index]
    response = client.post(
        reverse("web:closure_decide", args=[action.pk]),
        {"decision": "accept", "version": version, "note": ""},
        follow=True,
    )
    assert "T-1 is closed" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.CLOSED
    assert action.updates.order_by("-pk")[0].text == "Closure accepted."
    assert not soup(client, reverse("web:closure_list")).select(".govuk-summary-card")


def test_the_officer_sends_a_closure_back_with_a_note(
    built: Built, officer: Any, dcc_staff: Any, client: Client
) -> None:
    action = built.public_action
    record_update(dcc_staff, action, "Done.", "done", revision=action.revision)
    action.refresh_from_db()
    client.force_login(officer)
    client.post(
        reverse("web:closure_decide", args=[action.pk]),
        {"decision": "send_back", "version": action.revision, "note": "No evidence given."},
    )
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    assert action.updates.order_by("-pk")[0].text == "No evidence given."


def test_a_closure_decided_on_a_stale_page_is_refused(
    built: Built, officer: Any, dcc_staff: Any, client: Client
) -> None:
    action = built.public_action
    record_update(dcc_staff, action, "Done.", "done", revision=action.revision)
    action.refresh_from_db()
    stale = action.revision
    record_update(dcc_staff, action, "More evidence.", "", revision=stale)
    Action.objects.filter(pk=action.pk).update(revision=stale + 1)  # saved since
    client.force_login(officer)
    response = client.post(
        reverse("web:closure_decide", args=[action.pk]),
        {"decision": "accept", "version": stale},
        follow=True,
    )
    assert "changed by someone else" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


def test_only_officers_see_and_decide_closures(
    built: Built, dcc_staff: Any, client: Client
) -> None:
    action = built.public_action
    record_update(dcc_staff, action, "Done.", "done", revision=action.revision)
    assert client.get(reverse("web:closure_list")).status_code == 302  # sign in first
    client.force_login(dcc_staff)
    assert client.get(reverse("web:closure_list")).status_code == 403
    url = reverse("web:closure_decide", args=[action.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


# Updates to review --------------------------------------------------------------------


def test_with_the_setting_off_an_update_is_shown_at_once(built: Built, dcc_staff: Any) -> None:
    action = built.public_action
    update = record_update(dcc_staff, action, "Shown.", "done", revision=action.revision)
    assert update.review == ActionUpdate.Review.SHOWN
    assert action.status == Action.Status.DONE
    assert update in visible_updates(None)


def test_with_the_setting_on_an_update_waits_and_its_status_with_it(
    built: Built, dcc_staff: Any, officer: Any, client: Client
) -> None:
    reviewing(built)
    action = built.public_action
    update = record_update(dcc_staff, action, WAITING, "done", revision=action.revision)
    assert update.review == ActionUpdate.Review.PENDING
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN  # proposed only
    # the public: not on the page, the API, the feed; the author and officers see it
    for url in (
        reverse("web:action_detail", args=[action.pk]),
        f"/api/actions/{action.pk}",
        reverse("web:feed_actions"),
    ):
        assert WAITING not in client.get(url).content.decode(), url
    assert update not in visible_updates(None)
    assert update in visible_updates(dcc_staff) and update in visible_updates(officer)
    other = create_account("acc-staff", PASSWORD, "contributor", ["ACC"])
    assert update not in visible_updates(other)
    client.force_login(officer)
    page = soup(client, reverse("web:update_review_list"))
    card = page.select_one(f"#update-{update.pk}")
    assert card is not None and WAITING in card.get_text()
    link = soup(client, reverse("web:dashboard")).select_one("#updates-link")
    assert link is not None and link.get_text(" ", strip=True).startswith("1 update")
    response = client.post(
        reverse("web:update_review", args=[update.pk]), {"decision": "accept"}, follow=True
    )
    assert "T-1 is now done" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    client.logout()
    assert WAITING in client.get(reverse("web:action_detail", args=[action.pk])).content.decode()


def test_an_update_sent_back_is_never_shown_and_its_text_kept_for_its_author(
    built: Built, dcc_staff: Any, officer: Any, client: Client
) -> None:
    reviewing(built)
    action = built.public_action
    update = record_update(dcc_staff, action, RETURNED, "done", revision=action.revision)
    client.force_login(officer)
    client.post(
        reverse("web:update_review", args=[update.pk]),
        {"decision": "send_back", "note": "Say which report."},
    )
    update.refresh_from_db()
    assert update.review == ActionUpdate.Review.RETURNED
    assert update.review_note == "Say which report."
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    with pytest.raises(NotWaiting):  # reviewed once only
        approve_update(officer, update)
    client.logout()
    public = client.get(reverse("web:action_detail", args=[action.pk]))
    assert RETURNED not in public.content.decode()
    client.force_login(dcc_staff)
    mine = soup(client, reverse("web:my_actions"))
    returned = mine.select_one("#returned-updates")
    assert returned is not None
    assert RETURNED in returned.get_text() and "Say which report." in returned.get_text()


def test_approving_never_reopens_an_accepted_closure(
    built: Built, dcc_staff: Any, officer: Any
) -> None:
    reviewing(built)
    action = built.public_action
    update = record_update(dcc_staff, action, "In hand.", "in_progress", revision=action.revision)
    record_update(officer, action, "Closed.", "closed", officer=True)
    said = approve_update(officer, update)
    assert "stays closed" in said
    action.refresh_from_db()
    assert action.status == Action.Status.CLOSED


def test_an_officers_own_update_never_waits(built: Built, officer: Any) -> None:
    reviewing(built)
    update = record_update(officer, built.public_action, "Officer's note.", "", officer=True)
    assert update.review == ActionUpdate.Review.SHOWN


def test_the_setting_is_changed_on_the_bodys_settings_page(
    built: Built, officer: Any, client: Client
) -> None:
    body = built.meeting.series.body
    client.force_login(officer)
    url = reverse("web:body_settings", args=[body.slug])
    assert soup(client, url).select_one("#id_review_updates") is not None
    client.post(url, {"review_updates": "on"})
    body.refresh_from_db()
    assert body.review_updates
    client.post(url, {})
    body.refresh_from_db()
    assert not body.review_updates


def test_a_contributor_cannot_change_the_setting(
    built: Built, dcc_staff: Any, client: Client
) -> None:
    client.force_login(dcc_staff)
    body = built.meeting.series.body
    url = reverse("web:body_settings", args=[body.slug])
    assert client.post(url, {"review_updates": "on"}).status_code == 403
    body.refresh_from_db()
    assert not body.review_updates


# A contributor's own posts' actions ---------------------------------------------------


def test_my_actions_groups_the_posts_actions(built: Built, dcc_staff: Any, client: Client) -> None:
    # T-1 due 31 March 2026, T-2 (restricted item, the DCC's) due 17 March 2026
    t1, t2 = built.public_action, Action.objects.get(reference="T-2")
    work = post_work(dcc_staff, dt.date(2026, 3, 20))
    assert [a.reference for a in work.overdue] == ["T-2"]
    assert [a.reference for a in work.due_soon] == ["T-1"]
    assert not work.open and not work.awaiting
    work = post_work(dcc_staff, dt.date(2026, 1, 1))
    assert [a.reference for a in work.open] == ["T-2", "T-1"]  # due later than 30 days
    record_update(dcc_staff, t1, "Done.", "done", revision=t1.revision)
    work = post_work(dcc_staff, dt.date(2026, 3, 20))
    assert [a.reference for a in work.awaiting] == ["T-1"]
    counts = work_counts(dcc_staff, dt.date(2026, 3, 20))
    assert counts is not None and (counts.overdue, counts.open, counts.awaiting) == (1, 1, 1)
    assert "T-3" not in {a.reference for a in work.overdue + work.open}  # the ACC's
    client.force_login(dcc_staff)
    page = soup(client, reverse("web:my_actions"))
    assert {a.get_text() for a in page.select("#awaiting ~ table a")} >= {"T-1"}
    assert t2.reference in page.get_text()
    assert soup(client, reverse("web:dashboard")).select_one("#my-actions-link") is not None


def test_the_public_and_officers_have_no_post_work(built: Built, officer: Any) -> None:
    assert work_counts(None, dt.date(2026, 3, 20)) is None
    counts = work_counts(officer, dt.date(2026, 3, 20))
    assert counts is not None and counts.officer


def test_the_digest_goes_to_the_contributor_alone(
    built: Built, dcc_staff: Any, client: Client, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Action.objects.filter(reference="T-3").update(due=dt.date(2026, 3, 10))  # the ACC's
    client.force_login(dcc_staff)
    response = client.post(reverse("web:my_digest"), follow=True)
    assert "on its way to dcc.staff@example.org" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["dcc.staff@example.org"]]
    body = mail.outbox[0].body
    assert "T-1" in body and "T-3" not in body  # overdue; the ACC's is not theirs
    assert reverse("web:my_actions") in body


def test_the_digest_asks_for_an_address_first(built: Built, client: Client) -> None:
    user = create_account("no-mail", PASSWORD, "contributor", ["DCC"])
    client.force_login(user)
    response = client.post(reverse("web:my_digest"), follow=True)
    assert "no e-mail address" in response.content.decode()
    assert not mail.outbox
