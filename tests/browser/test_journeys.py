"""User journeys in a real browser, each page checked with axe-core and photographed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import check_page, login, read_for_review
from tests.conftest import SEEDS
from watching_brief.extraction import extract_file
from watching_brief.publishing.house_style import render_pdf

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
MARKERS = ("MARKER-RESTRICTED-ITEM-7f3a", "MARKER-RESTRICTED-ACTION-9c1d", "MARKER-DRAFT-2b8e")


def account(name: str, role: str, posts: list[str] | None = None) -> Any:
    from watching_brief.tracker.web.accounts import create_account

    return create_account(name, PASSWORD, role, posts or [])


def open_dcc_action() -> Any:
    from watching_brief.tracker.actions.models import Action

    return Action.objects.filter(owner_post__abbrev="DCC", status="open").order_by("pk").first()


def test_officer_imports_a_pdf_corrects_an_owner_and_sees_the_action_in_the_log(
    page: Any, site: str, tmp_path: Path
) -> None:
    # given an officer and a PDF of published notes
    account("officer1", "officer")
    pdf = tmp_path / "monthly-assurance-2021-04.pdf"
    render_pdf(extract_file(SEEDS / "monthly-assurance-2021-04.txt"), pdf)
    login(page, site, "officer1", PASSWORD)
    # when they upload it and review what was read
    page.goto(f"{site}/import/")
    check_page(page, "import-upload")
    page.get_by_label("Upload the meeting notes").set_input_files(str(pdf))
    page.get_by_role("button", name="Read the notes").click()
    page.wait_for_url("**/import/*/")
    check_page(page, "import-review")
    owner = page.locator("#id_actions-0-owner")
    assert owner.input_value() == "PCC"
    owner.fill("DCC")
    # the notes name no body: the officer names it, and chooses to publish at once
    page.get_by_label("Body", exact=True).select_option(label="A body not listed")
    page.get_by_label("Name of the new body").fill("West Mercia OPCC")
    page.get_by_label("Published: anyone can read it at once").check()
    page.get_by_role("button", name="Confirm and store").click()
    # then the meeting is stored and the corrected owner is in the action log
    page.wait_for_url("**/meetings/*/")
    check_page(page, "meeting-after-import")
    page.goto(f"{site}/actions/?owner=DCC")
    row = page.locator("tr", has_text="revisit progress against the confidence strategy")
    assert row.count() == 1
    assert "DCC" in row.inner_text()
    check_page(page, "action-log-after-import")


def test_officer_must_name_the_body_and_settle_a_weekday_doubt_before_storing(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.meetings.models import Meeting

    # given notes whose date line says Tuesday for a Thursday, and that name no body
    account("officer4", "officer")
    login(page, site, "officer4", PASSWORD)
    read_for_review(page, site, SEEDS / "monthly-assurance-2020-09.txt")
    before = Meeting.objects.count()
    # when the officer confirms at once, the page refuses with an error summary
    page.get_by_role("button", name="Confirm and store").click()
    summary = page.locator(".govuk-error-summary")
    assert "Choose the body whose meeting this is" in summary.inner_text()
    assert "Confirm that the date of the meeting is right, or correct it" in summary.inner_text()
    check_page(page, "import-review-errors")
    assert Meeting.objects.count() == before
    # then, with the body named and the date corrected to the Tuesday, it is stored as a draft
    page.get_by_label("Body", exact=True).select_option(label="A body not listed")
    page.get_by_label("Name of the new body").fill("West Mercia OPCC")
    page.locator("#id_date_0").fill("22")
    page.get_by_role("button", name="Confirm and store").click()
    page.wait_for_url("**/meetings/*/")
    stored = Meeting.objects.order_by("-pk").first()
    assert stored is not None and str(stored.date) == "2020-09-22" and stored.status == "draft"


def test_force_contributor_adds_an_update_and_an_officer_closes_the_action(
    page: Any, site: str
) -> None:
    # given a force contributor linked to the DCC post, and an open DCC action
    account("force1", "contributor", ["DCC"])
    account("officer2", "officer")
    action = open_dcc_action()
    login(page, site, "force1", PASSWORD)
    # when the contributor adds an update
    page.goto(f"{site}/actions/{action.pk}/")
    assert page.get_by_role("button", name="Close action").count() == 0
    page.get_by_label("Update", exact=True).fill("Plan drafted and shared with the SPM.")
    page.get_by_role("button", name="Add update").click()
    page.wait_for_load_state()
    assert page.get_by_text("Plan drafted and shared with the SPM.").count() >= 1
    check_page(page, "action-updated-by-contributor")
    # and an officer then closes it
    page.context.clear_cookies()
    login(page, site, "officer2", PASSWORD)
    page.goto(f"{site}/actions/{action.pk}/")
    page.get_by_label("Closed", exact=True).check()
    page.get_by_label("Note").fill("Accepted at the officers' review.")
    page.get_by_role("button", name="Close action").click()
    page.wait_for_load_state()
    action.refresh_from_db()
    assert action.status == "closed"
    check_page(page, "action-closed-by-officer")


@pytest.fixture
def hidden(site: str) -> str:
    """A restricted item, a restricted action and a draft meeting, each with a marker."""
    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.meetings.models import Item, Meeting

    item = Item.objects.filter(meeting__date="2026-02-24").order_by("position")[2]
    item.restricted, item.text = True, f"{MARKERS[0]} {item.text}"
    item.save()
    action = Action.objects.filter(meeting__date="2026-03-24").first()
    assert action is not None
    action.restricted, action.text = True, f"{MARKERS[1]} {action.text}"
    action.save()
    Meeting.objects.filter(date="2026-01-27").update(
        status="draft", title=f"{MARKERS[2]} January notes"
    )
    return site


def test_anonymous_visitor_sees_published_notes_but_nothing_restricted(
    page: Any, hidden: str
) -> None:
    from watching_brief.tracker.meetings.models import Meeting

    pages = ["/", "/meetings/", "/actions/", "/posts/", "/topics/", f"/topics/?q={MARKERS[0]}"]
    pages += [f"/meetings/{m.pk}/" for m in Meeting.objects.exclude(status="draft")]
    for number, url in enumerate(pages):
        page.goto(f"{hidden}{url}")
        content = page.content()
        assert not any(marker in content for marker in MARKERS), url
        check_page(page, f"public-{number:02d}")
    for export in ("csv", "xlsx"):
        response = page.request.get(f"{hidden}/actions/export/?format={export}")
        assert response.ok
        assert not any(marker.encode() in response.body() for marker in MARKERS)
    draft = Meeting.objects.get(status="draft")
    assert page.request.get(f"{hidden}/meetings/{draft.pk}/").status == 404


def test_every_page_passes_axe_for_an_officer_and_the_sign_in_page_for_everyone(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.meetings.models import Meeting
    from watching_brief.tracker.people.models import Post

    page.goto(f"{site}/accounts/login/")
    check_page(page, "sign-in")
    account("officer3", "officer")
    login(page, site, "officer3", PASSWORD)
    meeting = Meeting.objects.order_by("date").last()
    assert meeting is not None
    pages = {
        "dashboard": "/",
        "meetings": "/meetings/",
        "meeting": f"/meetings/{meeting.pk}/",
        "source": f"/meetings/{meeting.pk}/source/?start=0&end=40",
        "pack": f"/series/{meeting.series.slug}/pack/",
        "actions-filtered": "/actions/?status=open&sort=due",
        "action": f"/actions/{Action.objects.first().pk}/",  # type: ignore[union-attr]
        "posts": "/posts/",
        "post": f"/posts/{Post.objects.filter(abbrev='DCC').first().pk}/",  # type: ignore[union-attr]
        "topics": "/topics/",
        "topic": "/topics/stalking/",
        "import": "/import/",
    }
    for name, url in pages.items():
        response = page.goto(f"{site}{url}")
        assert response is not None and response.ok, url
        check_page(page, f"officer-{name}")
