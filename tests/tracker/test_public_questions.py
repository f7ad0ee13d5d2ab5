"""Questions from the public: sending (with the acknowledgement delivered over real SMTP),
the honeypot and rate limits, moderation, the public session page and retention."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from tests.tracker.smtp import smtp_server
from watching_brief.cli import app
from watching_brief.tracker.meetings.models import Body, Item, Meeting, Question, Series
from watching_brief.tracker.meetings.publication import approve, publish
from watching_brief.tracker.participation import services
from watching_brief.tracker.participation.models import PublicQuestion, QuestionWindow
from watching_brief.tracker.web.accounts import create_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
HIDDEN = "MARKER-RESTRICTED-ANSWER-7c2e"


@pytest.fixture
def window() -> QuestionWindow:
    body = Body.objects.create(name="Testshire OPCC", slug="testshire-opcc")
    series = Series.objects.create(body=body, name="Public Accountability Meeting", slug="pam")
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        series=series,
        title="Public Accountability Meeting",
        date=today + dt.timedelta(days=14),
        status=Meeting.Status.DRAFT,
    )
    Item.objects.create(meeting=meeting, number="1", title="Welcome", position=0)
    return QuestionWindow.objects.create(
        meeting=meeting,
        opens=today - dt.timedelta(days=7),
        closes=today + dt.timedelta(days=7),
        guidance="Questions on policing in Testshire.",
    )


@pytest.fixture
def officer() -> Client:
    user = create_account("olivia", PASSWORD, "officer", [])
    client = Client()
    client.force_login(user)
    return client


def form(**changes: str) -> dict[str, str]:
    data = {
        "text": "How many police officers patrol the town centre at night?",
        "name": "Robin Resident",
        "email": "robin@example.org",
        "area": "Testford",
        "publish_name": "yes",
        "website": "",
    }
    data.update(changes)
    return data


def send(client: Client, window: QuestionWindow, address: str = "192.0.2.10", **changes: str):
    url = reverse("web:public_questions", args=[window.meeting_id])
    return client.post(url, form(**changes), REMOTE_ADDR=address)


def test_a_question_is_stored_and_acknowledged_by_email(
    client: Client, window: QuestionWindow, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with smtp_server(settings) as inbox, django_capture_on_commit_callbacks(execute=True):
        response = send(client, window)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:public_question_sent", args=[window.meeting_id])
    [question] = PublicQuestion.objects.all()
    assert (question.name, question.email, question.area) == (
        "Robin Resident",
        "robin@example.org",
        "Testford",
    )
    assert question.publish_name and question.status == "received"
    assert len(question.network) == 32 and "192.0.2" not in question.network
    assert [record.event for record in question.records.all()] == ["received"]
    [message] = inbox.to("robin@example.org")
    assert "Public Accountability Meeting" in message["Subject"]
    body = message.get_content()
    assert "How many police officers patrol the town centre at night?" in body
    assert f"/meetings/{window.meeting_id}/public-questions/" in body
    assert "erase your name and address 12 months" in body


def test_the_form_keeps_what_was_typed_on_an_error(client: Client, window: QuestionWindow) -> None:
    response = send(client, window, email="not-an-address")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title is not None and page.title.text.startswith("Error: ")
    assert (
        "Enter an email address in the correct format"
        in page.select_one(".govuk-error-summary").get_text()
    )
    assert "patrol the town centre" in page.select_one("#id_text").get_text()
    assert PublicQuestion.objects.count() == 0


def test_the_honeypot_turns_a_script_away(
    client: Client, window: QuestionWindow, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with smtp_server(settings) as inbox, django_capture_on_commit_callbacks(execute=True):
        response = send(client, window, website="http://spam.example")
    assert response.status_code == 302  # told nothing
    assert PublicQuestion.objects.count() == 0
    assert inbox.messages == []


def test_rate_limits_per_address_and_per_network(
    client: Client, window: QuestionWindow, settings: Any
) -> None:
    settings.BRIEF_QUESTION_LIMITS = {"address": (2, 3600), "network": (3, 3600)}
    assert send(client, window, email="one@example.org").status_code == 302
    assert send(client, window, email="ONE@example.org").status_code == 302
    refused = send(client, window, email="one@example.org")
    assert refused.status_code == 429
    assert "Too many questions sent" in refused.content.decode()
    assert PublicQuestion.objects.count() == 2
    # Another address on the same /24 network: the network's limit (3, counted so far 3).
    assert send(client, window, "192.0.2.99", email="two@example.org").status_code == 429
    # Another network is not held back.
    assert send(client, window, "198.51.100.7", email="two@example.org").status_code == 302
    assert PublicQuestion.objects.count() == 3


def test_a_closed_session_takes_no_question(client: Client, window: QuestionWindow) -> None:
    window.closes = timezone.localdate() - dt.timedelta(days=1)
    window.save()
    response = send(client, window)
    assert response.status_code == 302
    assert PublicQuestion.objects.count() == 0
    page = client.get(reverse("web:public_questions", args=[window.meeting_id]))
    assert b"question-form" not in page.content and b"closed on" in page.content


def _submitted(window: QuestionWindow, count: int) -> list[PublicQuestion]:
    return [
        services.submit(
            window,
            text=f"Question {number}: what is being done about speeding on Mill Lane?",
            name=f"Person {number}",
            email=f"person{number}@example.org",
            area="Testford",
            publish_name=number == 1,
        )
        for number in range(1, count + 1)
    ]


def moderate(officer: Client, window: QuestionWindow, question: PublicQuestion, **data: str):
    url = reverse("web:public_question_moderation", args=[window.meeting_id])
    prefixed = {f"q{question.pk}-{key}": value for key, value in data.items()}
    return officer.post(url, {"question": str(question.pk), **prefixed})


def test_officers_accept_merge_and_decline_and_every_decision_is_kept(
    officer: Client, window: QuestionWindow
) -> None:
    first, second, third = _submitted(window, 3)
    wording = "What is being done about speeding on Mill Lane?"
    assert moderate(officer, window, first, decision="accept", wording=wording).status_code == 302
    merged = moderate(officer, window, second, decision="merge", into=str(first.pk))
    assert merged.status_code == 302
    refused = moderate(officer, window, third, decision="decline")
    assert refused.status_code == 200 and b"Choose the reason the question is declined" in (
        refused.content
    )
    assert moderate(officer, window, third, decision="decline", reason="case").status_code == 302

    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.status, second.status, third.status) == ("accepted", "merged", "declined")
    assert second.merged_into == first and third.reason == "case"
    minuted = first.question
    assert minuted is not None and minuted.text == wording
    assert minuted.item.kind == Item.Kind.PUBLIC_QUESTIONS
    assert minuted.item.title == "Questions from the public"
    # Person 1 agreed to their name being published; person 2 did not.
    assert minuted.asker == "Person 1 and A member of the public"
    for question, event in ((first, "accepted"), (second, "merged"), (third, "declined")):
        records = list(question.records.all())
        assert [record.event for record in records] == ["received", event]
        assert records[-1].by is not None and records[-1].by.get_username() == "olivia"
    assert Question.objects.filter(meeting=window.meeting).count() == 1


def test_the_public_are_refused_the_moderation_page(client: Client, window: QuestionWindow) -> None:
    url = reverse("web:public_question_moderation", args=[window.meeting_id])
    assert client.get(url).status_code == 302  # to sign in
    assert "/accounts/login/" in client.get(url)["Location"]


def _publish(meeting: Meeting) -> None:
    officer = create_account("paul", PASSWORD, "officer", [])
    approve(meeting, officer)
    publish(meeting, officer)


def test_the_session_page_shows_what_was_put_and_answered_once_published(
    client: Client, officer: Client, window: QuestionWindow
) -> None:
    put, written, declined = _submitted(window, 3)
    minuted = services.accept(put)
    services.set_outcome(put, "put")
    Question.objects.filter(pk=minuted.pk).update(answer="Speed checks weekly from May.")
    services.accept(written)
    services.set_outcome(written, "written", answer="A written answer about Mill Lane.")
    services.decline(declined, "answered")
    put.refresh_from_db(), written.refresh_from_db()
    url = reverse("web:public_questions", args=[window.meeting_id])
    before = client.get(url).content.decode()
    assert "Speed checks weekly" not in before and "written answer about" not in before

    _publish(window.meeting)
    page = BeautifulSoup(client.get(url).content, "html.parser")
    put_card = page.select_one(f"#put-{put.question.pk}").get_text(" ", strip=True)
    assert "Asked by Person 1" in put_card and "Speed checks weekly from May." in put_card
    written_card = page.select_one(f"#written-{written.question.pk}").get_text(" ", strip=True)
    assert "Asked by A member of the public" in written_card
    assert "A written answer about Mill Lane." in written_card
    text = page.get_text()
    assert "Question 3" not in text  # declined: not on the public record
    assert "@example.org" not in client.get(url).content.decode()  # addresses never shown
    # ... and the question is part of the published notes, like any other.
    notes = client.get(reverse("web:meeting_detail", args=[window.meeting_id])).content.decode()
    assert "Speed checks weekly from May." in notes


def test_a_restricted_public_questions_item_is_withheld_from_the_public(
    client: Client, officer: Client, window: QuestionWindow
) -> None:
    [question] = _submitted(window, 1)
    services.accept(question)
    services.set_outcome(question, "put")
    question.refresh_from_db()
    minuted = Question.objects.get(pk=question.question.pk)
    minuted.answer = HIDDEN
    minuted.save()
    item = minuted.item
    item.restricted, item.restricted_reason, item.public_summary = True, "Operational", "Withheld"
    item.save()
    _publish(window.meeting)
    url = reverse("web:public_questions", args=[window.meeting_id])
    assert HIDDEN not in client.get(url).content.decode()
    assert HIDDEN in officer.get(url).content.decode()


def test_retention_erases_names_and_addresses_and_keeps_the_published_question(
    window: QuestionWindow,
) -> None:
    named, anonymous, recent = _submitted(window, 3)
    services.accept(named)
    services.merge(anonymous, named)
    services.set_outcome(named, "put")
    _publish(window.meeting)
    named.refresh_from_db()
    old = timezone.now() - dt.timedelta(days=400)  # past the default 12 months
    PublicQuestion.objects.filter(pk__in=[named.pk, anonymous.pk]).update(received=old)

    dry = CliRunner().invoke(app, ["erase-questioners", "--dry-run"])
    assert dry.exit_code == 0 and "Would erase the details of 2 questioners" in dry.output
    assert PublicQuestion.objects.filter(erased__isnull=False).count() == 0
    done = CliRunner().invoke(app, ["erase-questioners"])
    assert done.exit_code == 0 and "Erased the details of 2 questioners" in done.output

    for question in (named, anonymous):
        question.refresh_from_db()
        assert (question.name, question.email, question.network) == ("", "", "")
        assert question.erased is not None
        assert question.records.last().event == "erased"
    recent.refresh_from_db()
    assert recent.name == "Person 3" and recent.email == "person3@example.org"
    minuted = Question.objects.get(pk=named.question.pk)
    assert minuted.text == named.text  # the published question stays
    assert minuted.asker == "Members of the public"  # the consented name went with the rest
    assert services.erase_expired() == 0  # nothing left to erase


def test_a_body_sets_its_own_retention_period(window: QuestionWindow) -> None:
    body = window.meeting.series.body
    body.question_retention_months = 1
    body.save()
    [question] = _submitted(window, 1)
    PublicQuestion.objects.filter(pk=question.pk).update(
        received=timezone.now() - dt.timedelta(days=40)
    )
    assert services.erase_expired() == 1
    privacy = Client().get(reverse("web:privacy")).content.decode()
    assert "Testshire OPCC" in privacy and "1 month" in privacy


def test_officers_open_a_meeting_for_questions(officer: Client, window: QuestionWindow) -> None:
    meeting = window.meeting
    url = reverse("web:public_question_window", args=[meeting.pk])
    late = meeting.date + dt.timedelta(days=1)
    response = officer.post(
        url,
        {
            "opens_day": "1", "opens_month": "1", "opens_year": str(meeting.date.year),
            "closes_day": str(late.day), "closes_month": str(late.month),
            "closes_year": str(late.year),
            "guidance": "Typed guidance",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert b"Questions must close on or before the day of the meeting" in response.content
    assert b"Typed guidance" in response.content
    assert not QuestionWindow.objects.filter(pk=window.pk, guidance="Typed guidance").exists()
    response = officer.post(
        url,
        {
            "opens_day": "1", "opens_month": "1", "opens_year": str(meeting.date.year),
            "closes_day": str(meeting.date.day), "closes_month": str(meeting.date.month),
            "closes_year": str(meeting.date.year), "guidance": "Typed guidance",
        },
    )  # fmt: skip
    assert response.status_code == 302
    window.refresh_from_db()
    assert (window.closes, window.guidance) == (meeting.date, "Typed guidance")
