"""Question sets: creating, editing, the written response and its file, overdue on the dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.tracker.conftest import WEST_MERCIA
from watching_brief.tracker.meetings.models import Item, Meeting, Question
from watching_brief.tracker.programme.models import QuestionSet
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
OVERDUE_THEME = "MARKER-OVERDUE-THEME-5d1e"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def meeting(ingested: list) -> Meeting:
    return Meeting.objects.get(series__name="Monthly Assurance Meeting", date=dt.date(2026, 3, 24))


@pytest.fixture
def item(meeting: Meeting) -> Item:
    return meeting.items.order_by("position")[1]


@pytest.fixture
def officer(client: Client) -> Client:
    create_account("olivia", PASSWORD, "officer", [])
    client.login(username="olivia", password=PASSWORD)
    return client


@pytest.fixture
def question_set(meeting: Meeting, item: Item) -> QuestionSet:
    question_set = QuestionSet.objects.create(
        meeting=meeting,
        item=item,
        theme="Neighbourhood policing",
        sent_on=dt.date(2026, 3, 3),
        response_due=dt.date(2026, 3, 17),
    )
    for number, text in enumerate(["How many PCSOs?", "What is the abstraction rate?"]):
        Question.objects.create(
            meeting=meeting, item=item, question_set=question_set, text=text, position=100 + number
        )
    return question_set


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def date_parts(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_an_officer_adds_a_question_set(officer: Client, meeting: Meeting, item: Item) -> None:
    url = reverse("web:question_set_list", args=[meeting.pk])
    page = soup(officer.get(url))
    options = [o["value"] for o in page.select("select[name=item] option")]
    assert str(item.pk) in options
    data = {
        "theme": "Public confidence",
        "item": str(item.pk),
        "questions": "How is confidence measured?\n\n  What changed since the survey?  \n",
        **date_parts("sent_on", dt.date(2026, 3, 3)),
        **date_parts("response_due", dt.date(2026, 3, 17)),
    }
    response = officer.post(url, data)
    assert response.status_code == 302
    question_set = QuestionSet.objects.get(theme="Public confidence")
    assert response["Location"] == reverse("web:question_set_detail", args=[question_set.pk])
    assert (question_set.sent_on, question_set.response_due) == (
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 17),
    )
    questions = list(question_set.questions.order_by("position"))
    assert [q.text for q in questions] == [
        "How is confidence measured?",
        "What changed since the survey?",
    ]
    assert all(q.meeting == meeting and q.item == item for q in questions)
    assert questions[0].asker == "PCC"  # the chair's post
    listed = soup(officer.get(url)).select("#question-sets tbody tr")
    assert any("Public confidence" in row.get_text() for row in listed)


def test_the_questions_appear_on_the_items_minute_page(
    officer: Client, question_set: QuestionSet, item: Item
) -> None:
    page = soup(officer.get(reverse("web:minute_item", args=[item.meeting_id, item.pk])))
    text = page.select_one("#minute-form").get_text(" ", strip=True)
    assert "How many PCSOs?" in text
    assert "Sent in advance" in text
    for question in question_set.questions.all():
        assert page.select_one(f"textarea[name=answer_{question.pk}]") is not None


def test_a_question_set_without_theme_or_questions_keeps_what_was_typed(
    officer: Client, meeting: Meeting
) -> None:
    url = reverse("web:question_set_list", args=[meeting.pk])
    data = {
        "theme": "",
        "questions": "",
        **date_parts("sent_on", dt.date(2026, 3, 10)),
        **date_parts("response_due", dt.date(2026, 3, 1)),
    }
    data["sent_on_month"] = "3"
    response = officer.post(url, data)
    assert response.status_code == 400
    page = soup(response)
    messages = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Enter the theme" in messages
    assert "Enter at least one question" in messages
    assert "on or after the date sent" in messages
    assert page.select_one("input[name=sent_on_day]")["value"] == "10"
    assert not QuestionSet.objects.filter(meeting=meeting).exists()


def test_an_officer_records_the_written_response_with_a_file(
    officer: Client, question_set: QuestionSet, media: Path
) -> None:
    url = reverse("web:question_set_detail", args=[question_set.pk])
    page = soup(officer.get(url))
    assert page.select_one("textarea[name=questions]").get_text().splitlines() == [
        "How many PCSOs?",
        "What is the abstraction rate?",
    ]
    upload = SimpleUploadedFile("response.txt", b"The force's written response.", "text/plain")
    data = {
        "theme": "Neighbourhood policing",
        "item": str(question_set.item_id),
        "questions": "How many PCSOs are in post?\nWhat is the abstraction rate?\nAny vacancies?",
        **date_parts("sent_on", dt.date(2026, 3, 3)),
        **date_parts("response_due", dt.date(2026, 3, 17)),
        **date_parts("response_received", dt.date(2026, 3, 16)),
        "response_text": "Summary of the response.",
        "response_file": upload,
    }
    response = officer.post(url, data)
    assert response.status_code == 302
    question_set.refresh_from_db()
    assert question_set.response_received == dt.date(2026, 3, 16)
    assert question_set.response_text == "Summary of the response."
    assert Path(question_set.response_file.path).is_relative_to(media)
    texts = [q.text for q in question_set.questions.order_by("position")]
    assert texts == [
        "How many PCSOs are in post?",
        "What is the abstraction rate?",
        "Any vacancies?",
    ]
    page = soup(officer.get(url))
    link = page.select_one(f"a[href='{reverse('web:question_set_file', args=[question_set.pk])}']")
    assert link is not None
    download = officer.get(link["href"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"The force's written response."


def test_a_response_needs_the_date_received(officer: Client, question_set: QuestionSet) -> None:
    url = reverse("web:question_set_detail", args=[question_set.pk])
    data = {
        "theme": "Neighbourhood policing",
        "questions": "How many PCSOs?",
        "response_text": "Typed response kept",
    }
    response = officer.post(url, data)
    assert response.status_code == 400
    page = soup(response)
    assert "#id_response_received_0" in [a["href"] for a in page.select(".govuk-error-summary a")]
    assert page.select_one("textarea[name=response_text]").get_text() == "Typed response kept"


@pytest.mark.parametrize("role", ["anonymous", "contributor"])
def test_question_sets_and_their_files_are_for_officers_only(
    client: Client, question_set: QuestionSet, role: str
) -> None:
    question_set.response_file = SimpleUploadedFile("secret.txt", b"secret")
    question_set.save()
    if role == "contributor":
        create_account("force-dcc", PASSWORD, "contributor", ["DCC"], body=WEST_MERCIA)
        client.login(username="force-dcc", password=PASSWORD)
    urls = [
        reverse("web:question_set_list", args=[question_set.meeting_id]),
        reverse("web:question_set_detail", args=[question_set.pk]),
        reverse("web:question_set_file", args=[question_set.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403


def test_overdue_responses_are_on_the_officers_dashboard_only(
    officer: Client, meeting: Meeting
) -> None:
    today = dt.date.today()
    overdue = QuestionSet.objects.create(
        meeting=meeting, theme=OVERDUE_THEME, response_due=today - dt.timedelta(days=1)
    )
    QuestionSet.objects.create(
        meeting=meeting, theme="Not yet due", response_due=today + dt.timedelta(days=5)
    )
    QuestionSet.objects.create(
        meeting=meeting,
        theme="Already answered",
        response_due=today - dt.timedelta(days=9),
        response_received=today - dt.timedelta(days=10),
    )
    panel = soup(officer.get(reverse("web:dashboard"))).select_one("#overdue-responses")
    assert panel is not None
    assert "Written responses overdue" in panel.get_text()
    links = {a.get_text(strip=True): a["href"] for a in panel.select("a")}
    assert links == {OVERDUE_THEME: reverse("web:question_set_detail", args=[overdue.pk])}
    public = Client().get(reverse("web:dashboard"))
    assert OVERDUE_THEME not in public.content.decode()
    assert soup(public).select_one("#overdue-responses") is None
