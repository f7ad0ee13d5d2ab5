"""A member of the public finds every promise made about a topic, starting from the landing
page: a misspelt search, its suggestion, the topic's timeline and the action log."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import check_page
from tests.conftest import SEEDS

TOPIC = "mental health"


def promises_on_the_topic() -> set[str]:
    """The references of the public actions under an item on the topic, or under one of
    its sub-items: what the visitor must find."""
    from watching_brief.tracker.access import public_actions
    from watching_brief.tracker.actions.models import Action

    public = Action.objects.filter(public_actions())
    on_topic = public.filter(item__title__icontains=TOPIC) | public.filter(
        item__parent__title__icontains=TOPIC
    )
    return set(on_topic.values_list("reference", flat=True))


def test_a_member_of_the_public_finds_every_promise_about_a_topic(page: Any, site: str) -> None:
    from watching_brief.tracker.ingest.services import ingest_paths

    # given the seed notes published beside the examples: their September 2020 promise sits
    # under "2.3 Responding to calls for service", a sub-item of the mental health theme
    ingest_paths([SEEDS], body="West Mercia OPCC")
    expected = promises_on_the_topic()
    assert "MAM-20200924-1" in expected
    # when a visitor on the landing page searches, misspelling the topic
    page.goto(f"{site}/")
    check_page(page, "landing")
    assert "West Mercia OPCC" in page.locator("#about").inner_text()
    page.get_by_label("Find what was asked or promised").fill("mental helth")
    page.get_by_role("button", name="Search the record").click()
    page.wait_for_url("**/search/?q=mental+helth")
    # then the search offers the right spelling, whose results hold the promise
    page.locator("#suggestion").get_by_role("link", name=TOPIC).click()
    page.wait_for_url("**/search/?q=mental+health*")
    check_page(page, "search-suggested")
    results = page.locator(".app-search-results").inner_text()
    assert "Action MAM-20200924-1" in results
    # and links the topic's timeline, where every promise on the topic is listed
    page.locator("#topic-link").get_by_role("link").click()
    page.wait_for_url("**/topics/mental-health/")
    check_page(page, "topic-timeline")
    timeline = page.locator("#timeline").inner_text()
    assert all(reference in timeline for reference in expected), expected
    # and the action log, filtered to the topic, holds the same promises
    page.get_by_role("link", name="Every action on this topic in the action log").click()
    page.wait_for_url("**/actions/?topic=*")
    check_page(page, "action-log-topic")
    log = page.locator("main").inner_text()
    assert all(reference in log for reference in expected), expected
    # and each promise opens on its own page
    page.get_by_role("link", name="MAM-20200924-1").first.click()
    page.wait_for_url("**/actions/*/")
    assert "detained" in page.locator("main").inner_text()
