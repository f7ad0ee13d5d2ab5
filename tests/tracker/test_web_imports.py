"""Importing notes through the web: upload, review beside the text, correct, confirm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import SEEDS
from watching_brief.extraction import extract_file
from watching_brief.publishing.house_style import render_pdf
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Meeting, SourceDocument
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.models import PendingImport

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
SEED = SEEDS / "monthly-assurance-2021-04.txt"


@pytest.fixture
def officer_client(client: Client) -> Client:
    client.force_login(create_account("olivia", PASSWORD, "officer", []))
    return client


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(reverse("web:import_upload"), {"file": SimpleUploadedFile(name, data)})


def review_page(client: Client, path: Path) -> tuple[str, BeautifulSoup]:
    response = upload(client, path.name, path.read_bytes())
    assert response.status_code == 302
    url = response["Location"]
    return url, BeautifulSoup(client.get(url).content, "html.parser")


def form_data(soup: BeautifulSoup) -> dict[str, str]:
    """What the browser would send for the review form, unchanged."""
    form = soup.select_one("#review-form")
    data = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        unticked = field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked")
        if not name or unticked:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"]
        else:
            data[name] = field.get("value", "")
    return data


def settled(soup: BeautifulSoup, body: str = "West Mercia OPCC") -> dict[str, str]:
    """The review form with what an officer must settle: the body (the seed names none)
    and the date (its year is taken from the title)."""
    return form_data(soup) | {"body_choice": "new", "body_new": body, "date_confirmed": "on"}


def test_anonymous_visitors_sign_in_and_others_are_refused(client: Client, db: None) -> None:
    response = client.get(reverse("web:import_upload"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    ingest_paths([SEED])
    client.force_login(create_account("force", PASSWORD, "contributor", ["DCC"]))
    assert client.get(reverse("web:import_upload")).status_code == 403
    assert upload(client, SEED.name, SEED.read_bytes()).status_code == 403


def test_upload_page_has_a_labelled_file_input(officer_client: Client) -> None:
    soup = BeautifulSoup(officer_client.get(reverse("web:import_upload")).content, "html.parser")
    file_input = soup.select_one("input.govuk-file-upload[type=file]")
    assert soup.find("label", attrs={"for": file_input["id"]}).get_text(strip=True)


def test_review_shows_every_field_beside_the_text_and_stores_nothing(
    officer_client: Client,
) -> None:
    _, soup = review_page(officer_client, SEED)
    assert soup.select_one("#id_title")["value"].startswith("Monthly Assurance Meeting April 2021")
    assert [soup.select_one(f"#id_date_{n}")["value"] for n in range(3)] == ["27", "4", "2021"]
    names = [i["value"] for i in soup.select("#attendees input[name$='-name']")]
    assert "John Campion" in names and "Julian Moss" in names
    assert soup.select("#items input[name$='-title']")
    assert soup.select_one("#id_actions-0-owner")["value"] == "PCC"
    assert "Monthly Assurance" in soup.select_one("pre.app-source").text
    for field in soup.select("#review-form input:not([type=hidden]), #review-form textarea"):
        assert soup.find("label", attrs={"for": field["id"]}), field["id"]
    assert Meeting.objects.count() == 0 and PendingImport.objects.count() == 1


def test_corrected_owner_is_stored_on_confirm(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEED)
    data = settled(soup)
    assert data["actions-0-owner"] == "PCC"
    data["actions-0-owner"] = "DCC"
    data["venue"] = "Corrected venue"
    response = officer_client.post(url, data, follow=True)
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == reverse("web:meeting_detail", args=[meeting.pk])
    banner = BeautifulSoup(response.content, "html.parser").select_one(
        ".govuk-notification-banner--success"
    )
    assert banner and "has been stored" in banner.text
    first = Action.objects.filter(meeting=meeting).order_by("position").first()
    assert first is not None and first.owner_post is not None
    assert first.owner_post.abbrev == "DCC" and first.owner_holder.name == "Julian Moss"
    assert meeting.venue == "Corrected venue"
    assert PendingImport.objects.count() == 0


def test_removed_rows_are_not_stored(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEED)
    data = settled(soup) | {"actions-0-DELETE": "on"}
    actions = int(data["actions-TOTAL_FORMS"])
    officer_client.post(url, data)
    assert Action.objects.count() == actions - 1


def test_an_invalid_date_keeps_every_typed_value(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEED)
    data = form_data(soup) | {"date_day": "31", "date_month": "2", "date_year": "2021"}
    data |= {"title": "Typed title", "actions-0-owner": "DCC", "actions-1-due_day": "40"}
    response = officer_client.post(url, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.text: a["href"] for a in soup.select(".govuk-error-summary__list a")}
    assert links["Date of the meeting must be a real date"] == "#id_date_0"
    assert "Due date must include a day, month and year" in links
    assert soup.select_one("#id_title")["value"] == "Typed title"
    assert [soup.select_one(f"#id_date_{n}")["value"] for n in range(3)] == ["31", "2", "2021"]
    assert soup.select_one("#id_actions-0-owner")["value"] == "DCC"
    assert soup.select_one("#id_actions-1-due_0")["value"] == "40"
    kept = form_data(soup)
    kept.pop("csrfmiddlewaretoken"), data.pop("csrfmiddlewaretoken")
    assert kept == data
    assert Meeting.objects.count() == 0


def test_a_pdf_rendered_from_the_notes_is_imported(officer_client: Client, tmp_path: Path) -> None:
    pdf = tmp_path / "april-2021.pdf"
    render_pdf(extract_file(SEED), pdf)
    url, soup = review_page(officer_client, pdf)
    assert [soup.select_one(f"#id_date_{n}")["value"] for n in range(3)] == ["27", "4", "2021"]
    assert soup.select("#attendees input[name$='-name']")
    assert Meeting.objects.count() == 0
    officer_client.post(url, settled(soup))
    stored = SourceDocument.objects.get()
    assert stored.file_name == "april-2021.pdf" and stored.media_type == "application/pdf"
    assert stored.meeting.actions.count() == len(
        soup.select("textarea[name^='actions-'][name$='-text']")
    )


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("notes.pdf", b"Just some text, not a PDF", "notes.pdf: the name says a PDF"),
        ("empty.txt", b"", "empty.txt"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx"),
    ],
)
def test_a_bad_upload_names_the_file_and_problem(
    officer_client: Client, name: str, data: bytes, problem: str
) -> None:
    response = upload(officer_client, name, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".govuk-error-summary__list a")
    assert summary.text.startswith(problem) and len(summary.text) > len(name) + 2
    assert problem in soup.select_one(".govuk-error-message").text
    assert PendingImport.objects.count() == 0 and Meeting.objects.count() == 0


def test_a_document_already_stored_is_reported(officer_client: Client) -> None:
    ingest_paths([SEED])
    url, soup = review_page(officer_client, SEED)
    assert "already been stored" in soup.select_one(".govuk-notification-banner").text
    response = officer_client.post(url, settled(soup), follow=True)
    assert "already stored" in BeautifulSoup(response.content, "html.parser").main.text
    assert Meeting.objects.count() == 1 and PendingImport.objects.count() == 0


def test_another_officers_upload_or_an_unknown_token_is_not_found(officer_client: Client) -> None:
    url, _ = review_page(officer_client, SEED)
    other = Client()
    other.force_login(create_account("oscar", PASSWORD, "officer", []))
    assert other.get(url).status_code == 404
    unknown = reverse("web:import_review", kwargs={"token": "00000000-0000-4000-8000-000000000000"})
    assert officer_client.get(unknown).status_code == 404
