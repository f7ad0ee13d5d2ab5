"""The public's part in a real browser: a member of the public sends a question (a script
is turned away by the honeypot and the rate limit), an officer accepts one, merges one and
declines one, the question is put and answered at the meeting, and after publication the
session page shows it; the questioner and a follower of the topic each get their e-mail,
delivered to a real SMTP server."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, check_page, login
from tests.tracker.smtp import smtp_server

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
QUESTIONS = {
    "robin@example.org": ("Robin Resident", "yes", "How many speed checks were made on Mill Lane?"),
    "sam@example.org": ("Sam Smith", "no", "What is being done about speeding on Mill Lane?"),
    "alex@example.org": ("Alex Able", "no", "Why was my parking fine not cancelled last May?"),
}
ANSWER = "The ACC said 48 speed checks were made on Mill Lane this year."

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")


def press(page: Any, button: str, within: Any = None) -> None:
    with page.expect_navigation():
        (within or page).get_by_role("button", name=button, exact=True).click()


def fill_date(page: Any, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.fixture
def meeting(site: str) -> Any:
    from watching_brief.tracker.meetings.models import Item, Meeting, Series, Topic
    from watching_brief.tracker.web.accounts import create_account

    create_account("officer9", PASSWORD, "officer", [])
    Topic.objects.create(name="Road safety", slug="road-safety")
    series = Series.objects.order_by("pk").first()
    assert series is not None
    meeting = Meeting.objects.create(
        series=series,
        title=f"{series.name} public session",
        date=dt.date.today(),
        status=Meeting.Status.DRAFT,
    )
    Item.objects.create(meeting=meeting, number="1", title="Welcome", position=0)
    return meeting


def post_as_a_script(browser: Any, url: str, form: dict[str, str], times: int) -> list[int]:
    """A script that reads the form (for its CSRF token) and posts it ``times`` times."""
    context = browser.new_context()
    try:
        client = context.request
        page = client.get(url).text()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        data = {**form, "csrfmiddlewaretoken": token.group(1)}
        headers = {"Referer": url}
        return [
            client.post(url, form=data, headers=headers, max_redirects=0).status
            for _ in range(times)
        ]
    finally:
        context.close()


def test_a_public_question_is_sent_moderated_answered_and_published(
    page: Any, browser: Any, site: str, meeting: Any, settings: Any
) -> None:
    from watching_brief.tracker.meetings.models import Item, Topic
    from watching_brief.tracker.participation.models import PublicQuestion

    settings.BRIEF_QUESTION_LIMITS = {"address": (2, 3600), "network": (50, 3600)}
    with smtp_server(settings) as inbox:
        # an officer opens the meeting for questions
        login(page, site, "officer9", PASSWORD)
        page.goto(f"{site}/meetings/{meeting.pk}/")
        page.get_by_role("link", name="Open this meeting for questions from the public").click()
        fill_date(page, "Questions open on", meeting.date)
        fill_date(page, "Questions close on", meeting.date)
        page.get_by_label("Guidance for people sending questions (optional)").fill(
            "Questions about policing in your area."
        )
        press(page, "Save")
        assert "/public-questions/moderate/" in page.url
        page.context.clear_cookies()

        # members of the public send their questions from the list of sessions
        for email, (name, consent, text) in QUESTIONS.items():
            page.goto(f"{site}/")
            page.get_by_role("link", name="Questions from the public").click()
            page.locator("#open-sessions").get_by_role("link").first.click()
            page.get_by_label("Your question").fill(text)
            page.get_by_label("Your name").fill(name)
            page.get_by_label("Email address").fill(email)
            page.get_by_label("The town or area where you live").fill("Northtown")
            page.get_by_label(
                "Yes, publish my name" if consent == "yes" else "No, say 'a member of the public'"
            ).check()
            if email == "robin@example.org":
                check_page(page, "public-question-form")
            press(page, "Send your question")
            assert page.locator(".govuk-panel__title").inner_text() == "Question sent"
        check_page(page, "public-question-sent")
        assert PublicQuestion.objects.count() == 3
        [acknowledged] = inbox.to("robin@example.org")
        assert "How many speed checks were made on Mill Lane?" in acknowledged.get_content()

        # a script: the hidden field filled, then too many questions from one address
        url = f"{site}/meetings/{meeting.pk}/public-questions/"
        form = {
            "text": "Buy cheap watches today, best prices online!!",
            "name": "Bot",
            "email": "bot@example.org",
            "area": "Nowhere",
            "publish_name": "yes",
        }
        trapped = post_as_a_script(browser, url, {**form, "website": "http://spam.example"}, 1)
        assert (
            trapped == [302] and PublicQuestion.objects.count() == 3
        )  # told nothing, kept nothing
        assert post_as_a_script(browser, url, form, 3) == [302, 302, 429]
        PublicQuestion.objects.filter(email="bot@example.org").delete()

        # a follower of the topic asks for alerts and confirms from the e-mail
        page.goto(f"{site}/topics/road-safety/")
        page.get_by_role("link", name="Get email alerts about this topic").click()
        page.get_by_label("Email address").fill("follower@example.org")
        page.get_by_label("As soon as something changes").check()
        press(page, "Get alerts")
        [asking] = inbox.to("follower@example.org")
        link = re.search(r"http\S+/confirm/", asking.get_content())
        assert link is not None
        page.goto(link.group(0).replace("http://127.0.0.1:8000", site))
        press(page, "Confirm")
        assert "the topic Road safety" in page.locator("main").inner_text()

        # the officer moderates: accept, merge, decline
        by_email = {q.email: q for q in PublicQuestion.objects.all()}
        login(page, site, "officer9", PASSWORD)
        page.goto(f"{site}/meetings/{meeting.pk}/public-questions/moderate/")
        check_page(page, "public-question-moderation")
        robin, sam, alex = (by_email[e] for e in QUESTIONS)
        card = page.locator(f"#question-{robin.pk}")
        card.get_by_text("Decide").click()
        card.get_by_label("Accept", exact=True).check()
        press(page, "Save the decision", card)
        card = page.locator(f"#question-{sam.pk}")
        card.get_by_text("Decide").click()
        card.get_by_label("Merge with an accepted question").check()
        card.get_by_label("Merge into").select_option(label=robin.text)
        press(page, "Save the decision", card)
        card = page.locator(f"#question-{alex.pk}")
        card.get_by_text("Decide").click()
        card.get_by_label("Decline", exact=True).check()
        card.get_by_label("Reason for declining").select_option(
            label="About an individual case or a complaint"
        )
        press(page, "Save the decision", card)
        card = page.locator(f"#question-{robin.pk}")
        card.get_by_label("Put at the meeting", exact=True).check()
        press(page, "Save how it is answered", card)
        statuses = dict(PublicQuestion.objects.values_list("email", "status"))
        assert [statuses[e] for e in QUESTIONS] == ["accepted", "merged", "declined"]

        # at the meeting: the item is tagged and the answer minuted
        item = Item.objects.get(meeting=meeting, kind="public_questions")
        item.topics.add(Topic.objects.get(slug="road-safety"))
        page.goto(f"{site}/meetings/{meeting.pk}/minute/{item.pk}/")
        page.get_by_label("Answer to question 1").fill(ANSWER)
        press(page, "Save")
        page.goto(f"{site}/meetings/{meeting.pk}/")
        press(page, "Approve the notes")
        press(page, "Publish the notes")
        assert "Published" in page.locator("#publication-status").inner_text()
        page.context.clear_cookies()

        # the public: the session page shows the question put and its answer
        page.goto(f"{site}/meetings/{meeting.pk}/")
        page.locator("#public-questions").get_by_role("link").first.click()
        put = page.locator("[id^=put-]")
        assert put.count() == 1
        text = put.inner_text()
        assert robin.text in text and ANSWER in text
        assert "Asked by Robin Resident and A member of the public" in text
        main = page.locator("main").inner_text()
        assert alex.text not in main and "@example.org" not in page.content()
        check_page(page, "public-question-session")

        # the follower's alert: the notes were published
        digests = inbox.to("follower@example.org")[1:]
        assert len(digests) == 1
        assert "Notes published" in digests[0].get_content()
        assert digests[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
