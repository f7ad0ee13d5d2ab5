"""The import review an officer can trust: every part beside its passage, the body required,
date doubts settled, draft or published chosen; and unexpected errors shown plainly."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from tests.conftest import SEEDS
from watching_brief.extraction import ExtractionOptions
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Body, Meeting, MeetingVersion, Question
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.models import PendingImport

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
APRIL = SEEDS / "monthly-assurance-2021-04.txt"  # the year of its date is taken from the title
SEPTEMBER = SEEDS / "monthly-assurance-2020-09.txt"  # "Tuesday 24th September" 2020: a Thursday


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.BRIEF_DATA_DIR = tmp_path / "data"
    return settings.BRIEF_DATA_DIR


@pytest.fixture
def officer_client(client: Client) -> Client:
    client.force_login(create_account("olivia", PASSWORD, "officer", []))
    return client


def upload(client: Client, name: str, data: bytes, **extra: str) -> Any:
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("web:import_upload"), {"file": file, **extra})


def review_page(client: Client, path: Path) -> tuple[str, BeautifulSoup]:
    response = upload(client, path.name, path.read_bytes())
    assert response.status_code == 302, response.content[:2000]
    url = response["Location"]
    return url, BeautifulSoup(client.get(url).content, "html.parser")


def form_data(soup: BeautifulSoup) -> dict[str, str]:
    """What the browser would send for the review form, unchanged."""
    data = {}
    for field in soup.select_one("#review-form").select("input, textarea, select"):
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


def settled(soup: BeautifulSoup) -> dict[str, str]:
    return form_data(soup) | {
        "body_choice": "new",
        "body_new": "West Mercia OPCC",
        "date_confirmed": "on",
    }


def error_links(response: Any) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select(".govuk-error-summary__list a")}


def passage_beside(soup: BeautifulSoup, row_id: str) -> str:
    return soup.select_one(f"#{row_id} .app-passage__text").get_text(" ", strip=True)


def test_questions_carried_forward_matters_and_next_meeting_are_shown_beside_their_passages(
    officer_client: Client,
) -> None:
    _, soup = review_page(officer_client, SEPTEMBER)
    text = soup.select_one("#source-text").get_text()
    question = soup.select_one("#id_questions-0-text").get_text()
    assert question.startswith("The PCC asked for confirmation")
    assert soup.select_one("#id_questions-0-asker")["value"] == "PCC"
    assert soup.find("label", attrs={"for": "id_questions-0-answer"})
    beside = passage_beside(soup, "questions-1")
    assert "The PCC asked for confirmation" in beside and beside in " ".join(text.split())
    matter = soup.select_one("#id_carried-0-text").get_text()
    assert "year of wellbeing" in matter
    assert soup.select_one("#id_carried-0-from_")["value"] == "September 2019"
    assert "year of wellbeing" in passage_beside(soup, "carried-1")
    assert [soup.select_one(f"#id_next-date_{n}")["value"] for n in range(3)] == [
        "28",
        "10",
        "2020",
    ]
    assert "Thematic on the outcome" in soup.select_one("#id_next-type")["value"]
    assert "28th October 2020" in passage_beside(soup, "part-next")
    assert "24th September" in passage_beside(soup, "part-date")
    attendee_row = soup.select_one("#attendees tbody tr")
    assert "John Campion" in attendee_row.select_one(".app-passage").get_text()
    assert "Not found in the text" not in soup.select_one("#questions").get_text()
    for field in soup.select("#review-form input:not([type=hidden]), #review-form textarea"):
        assert soup.find("label", attrs={"for": field["id"]}), field["id"]


def test_answers_next_meeting_and_matters_are_stored_as_corrected(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEPTEMBER)
    data = settled(soup) | {
        "questions-0-answer": "It was a national initiative.",
        "questions-1-asker": "DPCC",
        "carried-0-status": "done",
        "next-date_day": "29",
        "next-venue": "Hindlip Hall",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302, error_links(response)
    meeting = Meeting.objects.get()
    questions = list(Question.objects.filter(meeting=meeting).order_by("position"))
    assert questions[0].answer == "It was a national initiative."
    assert questions[1].asker == "DPCC" and not questions[1].answer
    assert meeting.carried_forward.order_by("position").first().status == "done"
    assert meeting.next_meeting_date == dt.date(2020, 10, 29)


def test_a_blank_body_is_refused_and_the_placeholder_is_never_offered(
    officer_client: Client,
) -> None:
    ingest_paths([SEPTEMBER])  # notes naming no body: filed under the unnamed body
    assert Body.objects.filter(name="Unnamed body").exists()
    url, soup = review_page(officer_client, APRIL)
    offered = [o.get_text() for o in soup.select("#id_body_choice option")]
    assert "Unnamed body" not in offered and "A body not listed" in offered
    data = settled(soup) | {"body_choice": "", "body_new": ""}
    response = officer_client.post(url, data)
    assert response.status_code == 400
    links = error_links(response)
    assert links["Choose the body whose meeting this is, or name a new one"] == "#id_body_choice"
    missing_name = officer_client.post(url, data | {"body_choice": "new"})
    assert error_links(missing_name)["Enter the name of the new body"] == "#id_body_new"
    placeholder = officer_client.post(
        url, data | {"body_choice": "new", "body_new": "unnamed body"}
    )
    assert "Enter the body's own name" in error_links(placeholder)
    assert Meeting.objects.count() == 1  # only the one ingested before


def test_an_existing_body_can_be_chosen(officer_client: Client) -> None:
    body = Body.objects.create(name="West Mercia OPCC", slug="west-mercia-opcc")
    url, soup = review_page(officer_client, APRIL)
    data = settled(soup) | {"body_choice": str(body.pk), "body_new": ""}
    assert officer_client.post(url, data).status_code == 302
    assert Meeting.objects.get().series.body == body
    assert Body.objects.count() == 1


def test_a_weekday_that_does_not_match_must_be_settled(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEPTEMBER)
    doubt = soup.select_one("#date-doubt").get_text(" ", strip=True)
    assert "the notes say Tuesday, but 24 September 2020 was a Thursday" in doubt
    unsettled = settled(soup)
    unsettled.pop("date_confirmed")
    response = officer_client.post(url, unsettled)
    assert response.status_code == 400
    message = "Confirm that the date of the meeting is right, or correct it"
    assert error_links(response)[message] == "#id_date_confirmed"
    assert Meeting.objects.count() == 0
    corrected = unsettled | {"date_day": "22"}  # the Tuesday: a correction settles it
    assert officer_client.post(url, corrected).status_code == 302
    assert Meeting.objects.get().date == dt.date(2020, 9, 22)


def test_confirming_the_date_settles_the_doubt(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEPTEMBER)
    assert officer_client.post(url, settled(soup)).status_code == 302
    assert Meeting.objects.get().date == dt.date(2020, 9, 24)


def test_draft_is_the_default_and_nothing_is_public_until_published(
    officer_client: Client, client: Client
) -> None:
    url, soup = review_page(officer_client, APRIL)
    radios = soup.select("input[name=status]")
    assert [(r["value"], r.has_attr("checked")) for r in radios] == [
        ("draft", True),
        ("published", False),
    ]
    response = officer_client.post(url, settled(soup), follow=True)
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.DRAFT and meeting.published_at is None
    assert "a draft" in BeautifulSoup(response.content, "html.parser").main.get_text()
    assert Client().get(reverse("web:meeting_detail", args=[meeting.pk])).status_code == 404


def test_published_when_chosen_with_its_first_version(officer_client: Client) -> None:
    url, soup = review_page(officer_client, APRIL)
    response = officer_client.post(url, settled(soup) | {"status": "published"}, follow=True)
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.published_at is not None
    assert MeetingVersion.objects.filter(meeting=meeting).count() == 1
    assert "published" in BeautifulSoup(response.content, "html.parser").main.get_text()
    assert Client().get(reverse("web:meeting_detail", args=[meeting.pk])).status_code == 200


def test_the_review_is_for_officers_only(officer_client: Client) -> None:
    ingest_paths([APRIL], body="West Mercia OPCC")  # the force's posts, DCC among them
    url, soup = review_page(officer_client, SEPTEMBER)
    anonymous = Client()
    response = anonymous.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert anonymous.post(url, settled(soup)).status_code == 302
    force = Client()
    force.force_login(create_account("force", PASSWORD, "contributor", ["DCC"]))
    assert force.get(url).status_code == 403
    assert force.post(url, settled(soup)).status_code == 403
    assert Meeting.objects.count() == 1 and PendingImport.objects.count() == 1
    assert "Check the imported notes" in officer_client.get(url).content.decode()


def test_extract_with_ocr_passes_the_option_to_the_core(
    officer_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watching_brief.tracker.web import import_forms

    seen: list[ExtractionOptions] = []
    real = import_forms.load_bytes

    def spy(data: bytes, name: str, options: ExtractionOptions | None = None) -> Any:
        seen.append(options or ExtractionOptions())
        return real(data, name, options)

    monkeypatch.setattr(import_forms, "load_bytes", spy)
    assert upload(officer_client, APRIL.name, APRIL.read_bytes(), ocr="on").status_code == 302
    assert upload(officer_client, APRIL.name, APRIL.read_bytes()).status_code == 302
    assert [options.ocr for options in seen] == [True, False]


def test_an_error_in_the_reader_is_a_form_error_naming_the_file_and_a_log(
    officer_client: Client, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug deep in the reader")

    monkeypatch.setattr("watching_brief.tracker.web.import_forms.extract_document", broken)
    response = upload(officer_client, "notes.txt", APRIL.read_bytes())
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".govuk-error-summary__list a")
    assert summary["href"] == "#id_file"
    assert summary.text.startswith("notes.txt could not be read: internal error, details in")
    assert "RuntimeError" not in soup.get_text() and "Traceback" not in soup.get_text()
    (log,) = (data_dir / "logs").glob("import-*.log")
    assert log.name in summary.text
    assert "RuntimeError: a bug deep in the reader" in log.read_text()
    assert PendingImport.objects.count() == 0


def test_an_error_while_storing_is_a_govuk_page_with_a_way_back(
    officer_client: Client, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    url, soup = review_page(officer_client, APRIL)

    def gone(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr("watching_brief.tracker.web.views.imports.store_document", gone)
    response = officer_client.post(url, settled(soup))
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    line = page.select_one("#problem").get_text()
    assert line.startswith(f"{APRIL.name} could not be stored: internal error, details in")
    assert page.select_one("#back-link")["href"] == url
    assert "DatabaseError" not in page.get_text() and "Traceback" not in page.get_text()
    (log,) = (data_dir / "logs").glob("import-*.log")
    assert "server closed the connection unexpectedly" in log.read_text()
    assert PendingImport.objects.count() == 1 and Meeting.objects.count() == 0
    monkeypatch.undo()
    assert officer_client.post(url, settled(soup)).status_code == 302  # the way back works


def test_a_scanned_pdf_without_ocr_says_to_choose_ocr(officer_client: Client) -> None:
    import io

    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument.new()
    scan.new_page(595, 842)  # a page with no text layer, as a scanner without OCR leaves it
    buffer = io.BytesIO()
    scan.save(buffer)
    response = upload(officer_client, "scan.pdf", buffer.getvalue())
    assert response.status_code == 400
    message = error_links(response)
    (text,) = message
    assert text.startswith("scan.pdf: the PDF has no text layer")
    assert "--ocr" not in text  # the command line's advice is put in the page's terms
    assert ("Extract with OCR" if shutil.which("ocrmypdf") else "ocrmypdf") in text
    assert message[text] == "#id_file"


def test_the_body_the_notes_name_is_chosen_when_known_else_offered_as_new(
    officer_client: Client,
) -> None:
    from tests.conftest import EXAMPLES

    named = EXAMPLES / "northshire-assurance-2026-02.txt"  # "Office of the PCC for Northshire"
    _, soup = review_page(officer_client, named)
    assert soup.select_one("#id_body_choice option[selected]")["value"] == "new"
    assert soup.select_one("#id_body_new")["value"].endswith("for Northshire")
    body = Body.objects.create(name="Northshire OPCC", slug="northshire-opcc")
    _, soup = review_page(officer_client, named)
    assert soup.select_one("#id_body_choice option[selected]")["value"] == str(body.pk)
    assert soup.select_one("#id_body_new")["value"] == ""


def test_what_the_officer_typed_is_kept_on_a_validation_error(officer_client: Client) -> None:
    url, soup = review_page(officer_client, SEPTEMBER)
    data = form_data(soup) | {
        "body_choice": "",  # refused: the body is required
        "status": "published",
        "questions-2-answer": "Typed answer",
        "carried-0-status": "dropped",
        "next-venue": "Typed venue",
        "date_confirmed": "on",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 400
    kept = form_data(BeautifulSoup(response.content, "html.parser"))
    kept.pop("csrfmiddlewaretoken"), data.pop("csrfmiddlewaretoken")
    assert kept == data
    assert Meeting.objects.count() == 0
