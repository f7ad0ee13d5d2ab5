"""The office's work lists in a real browser: the contributor's own posts' actions, the
officer's closures to accept and updates to review, each page checked with axe-core."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import check_page, login
from tests.browser.test_journeys import PASSWORD, account, open_dcc_action

WAITING = "Response plan agreed with the health board."


def test_contributor_marks_an_action_done_from_their_list_and_an_officer_accepts_it(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.actions.models import Action

    # given a force contributor linked to the DCC post, and an open DCC action
    account("force4", "contributor", ["DCC"])
    account("officer4", "officer")
    action = open_dcc_action()
    login(page, site, "force4", PASSWORD)
    page.goto(f"{site}/")
    # the dashboard counts their post's actions and leads to their list
    counts = page.locator("#my-work-counts")
    assert counts.count() == 1
    page.locator("#my-actions-link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="My post's actions", exact=True).count() == 1
    check_page(page, "work-my-actions")
    # when they open one of their actions from the list and mark it done
    page.get_by_role("link", name=action.reference, exact=True).first.click()
    page.wait_for_load_state()
    page.get_by_label("Update", exact=True).fill("Delivered to the Commissioner.")
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Add update").click()
    page.wait_for_load_state()
    page.goto(f"{site}/work/my-actions/")
    awaiting = page.locator("#awaiting + table")
    assert action.reference in awaiting.inner_text()
    # then an officer sees it waiting on their dashboard and accepts it from the list
    page.context.clear_cookies()
    login(page, site, "officer4", PASSWORD)
    page.goto(f"{site}/")
    assert page.locator("#closures-link").inner_text().startswith("1")
    page.locator("#closures-link").click()
    page.wait_for_load_state()
    card = page.locator(f"#closure-{action.pk}")
    assert "Delivered to the Commissioner." in card.inner_text()
    check_page(page, "work-closures")
    card.get_by_role("button", name=f"Accept closure of {action.reference}").click()
    page.wait_for_load_state()
    assert "No closures are waiting" in page.locator("#closure-count").inner_text()
    action.refresh_from_db()
    assert action.status == Action.Status.CLOSED


def test_an_update_waits_for_an_officer_and_the_public_sees_it_only_once_approved(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.actions.models import Action

    account("force5", "contributor", ["DCC"])
    account("officer5", "officer")
    action = open_dcc_action()
    # an officer turns the setting on for the body that set the action
    login(page, site, "officer5", PASSWORD)
    page.goto(f"{site}/work/updates/")
    page.get_by_role("link", name=action.meeting.series.body.name).click()
    page.wait_for_load_state()
    page.get_by_label("Publish updates after an officer reads them").check()
    check_page(page, "work-body-settings")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_load_state()
    # the contributor's update waits, and says so
    page.context.clear_cookies()
    login(page, site, "force5", PASSWORD)
    page.goto(f"{site}/actions/{action.pk}/")
    page.get_by_label("Update", exact=True).fill(WAITING)
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Add update").click()
    page.wait_for_load_state()
    assert "waiting for an officer" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(f"{site}/work/my-actions/")
    assert action.reference in page.locator("#waiting-updates").inner_text()
    # the public does not see it
    page.context.clear_cookies()
    page.goto(f"{site}/actions/{action.pk}/")
    assert WAITING not in page.content()
    # the officer approves it from the review list
    login(page, site, "officer5", PASSWORD)
    page.goto(f"{site}/")
    page.locator("#updates-link").click()
    page.wait_for_load_state()
    check_page(page, "work-updates")
    page.get_by_role("button", name=f"Approve and show the update on {action.reference}").click()
    page.wait_for_load_state()
    assert "No updates are waiting" in page.locator("#update-count").inner_text()
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    # and now the public sees it
    page.context.clear_cookies()
    page.goto(f"{site}/actions/{action.pk}/")
    assert WAITING in page.content()


def test_officer_is_asked_before_publishing_a_meeting_dated_ahead_and_adds_a_posts_address(
    page: Any, site: str
) -> None:
    import datetime as dt

    from tests.tracker.test_publication import build_meeting
    from watching_brief.tracker.meetings.models import Meeting
    from watching_brief.tracker.people.models import Post

    built = build_meeting(date=dt.date.today() + dt.timedelta(days=21))
    account("officer6", "officer")
    login(page, site, "officer6", PASSWORD)
    page.goto(f"{site}/meetings/{built.meeting.pk}/")
    page.get_by_role("button", name="Approve the notes").click()
    page.wait_for_load_state()
    # the ACC has no address: the page says so and leads to where to add one
    assert "No address for ACC" in page.locator(".govuk-notification-banner--success").inner_text()
    page.locator("#no-address a").click()
    page.wait_for_load_state()
    page.get_by_label("E-mail address for notices and reminders").fill("acc.office@example.org")
    check_page(page, "work-post-address")
    page.get_by_role("button", name="Save the address").click()
    page.wait_for_load_state()
    assert Post.objects.get(pk=built.acc.pk).email == "acc.office@example.org"
    # publishing asks first, and only the second yes publishes
    page.goto(f"{site}/meetings/{built.meeting.pk}/")
    assert page.locator("#future-meeting").count() == 1
    page.get_by_role("button", name="Publish the notes").click()
    page.wait_for_load_state()
    assert "21 days from today" in page.locator("#future-warning").inner_text()
    check_page(page, "work-publish-ahead")
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.APPROVED
    page.get_by_role("button", name="Publish the notes anyway").click()
    page.wait_for_load_state()
    built.meeting.refresh_from_db()
    assert built.meeting.status == Meeting.Status.PUBLISHED
