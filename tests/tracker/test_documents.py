"""House-style notes and packs from the database: who may download what, what they hold."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.golden.test_round_trip import HIDDEN_ACTION, HIDDEN_TITLE, PUBLIC_LINE, tracker_meeting
from watching_brief.publishing.document import RESTRICTED_LABEL
from watching_brief.tracker.actions.models import Action, ActionUpdate, Revisit
from watching_brief.tracker.documents.pack import build_pack
from watching_brief.tracker.meetings.models import CarriedForward, Item, Meeting, Question
from watching_brief.tracker.programme.models import PlannedTheme, QuestionSet
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
UPDATE = "MARKER-UPDATE-5d21 Plan drafted and shared with partners"


def pdf_text(data: bytes) -> str:
    """The text of every page; a hyphen that ends a line (PDFium reads it as U+FFFE, a
    break it may remove) kept as the hyphen printed."""
    pdf = pdfium.PdfDocument(data)
    try:
        pages = (page.get_textpage().get_text_range().replace("\ufffe", "-") for page in pdf)
        return " ".join(" ".join(text.split()) for text in pages)
    finally:
        pdf.close()


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def text_of(response: Any, fmt: str) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return pdf_text(data) if fmt == "pdf" else docx_text(data)


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def officer_client(officer: Any) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def contributor_client(db: None) -> Client:
    client = Client()
    client.force_login(create_account("force-dcc", PASSWORD, "force contributor", []))
    return client


@pytest.fixture
def published() -> Meeting:
    """The tracker-made meeting, published, with a restricted item and action."""
    meeting = tracker_meeting()
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    return meeting


def notes_url(meeting: Meeting, fmt: str) -> str:
    return reverse("web:meeting_notes_file", args=[meeting.pk, fmt])


def pack_url(meeting: Meeting, fmt: str) -> str:
    return reverse("web:meeting_pack_file", args=[meeting.pk, fmt])


# --- notes ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_public_gets_public_notes(client: Client, published: Meeting, fmt: str) -> None:
    response = client.get(notes_url(published, fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="qsb-2026-05-12-notes-public.{fmt}"'
    )
    text = text_of(response, fmt)
    assert "Neighbourhood policing" in text
    assert "Restricted item" in text and PUBLIC_LINE in text
    assert "MARKER-SECRET" not in text
    assert "covert tasking" not in text.casefold()


def test_contributor_gets_public_notes(contributor_client: Client, published: Meeting) -> None:
    text = text_of(contributor_client.get(notes_url(published, "pdf")), "pdf")
    assert "Restricted item" in text and "MARKER-SECRET" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_officer_gets_full_notes_and_can_ask_for_public(
    officer_client: Client, published: Meeting, fmt: str
) -> None:
    full = officer_client.get(notes_url(published, fmt))
    assert full["Content-Disposition"] == f'attachment; filename="qsb-2026-05-12-notes.{fmt}"'
    text = text_of(full, fmt)
    assert HIDDEN_TITLE in text and "MARKER-SECRET-ACTION" in text
    public = text_of(officer_client.get(notes_url(published, fmt), {"view": "public"}), fmt)
    assert "MARKER-SECRET" not in public and PUBLIC_LINE in public


def test_draft_notes_are_for_officers_only(client: Client, officer_client: Client) -> None:
    draft = tracker_meeting()
    assert client.get(notes_url(draft, "pdf")).status_code == 404
    response = officer_client.get(notes_url(draft, "docx"))
    assert response.status_code == 200
    assert HIDDEN_ACTION in text_of(response, "docx")


def test_unknown_format_is_not_found(client: Client, published: Meeting) -> None:
    assert client.get(notes_url(published, "html")).status_code == 404


def test_ingested_meeting_notes_keep_every_action(client: Client, ingested: list) -> None:
    meeting = Meeting.objects.filter(status="published", actions__isnull=False).first()
    assert meeting is not None
    text = text_of(client.get(notes_url(meeting, "pdf")), "pdf")
    for action in meeting.actions.all():
        assert " ".join(action.text.split())[:40] in text


# --- pack ----------------------------------------------------------------------------


def test_pack_needs_an_officer(
    client: Client, contributor_client: Client, published: Meeting, settings: Any
) -> None:
    anonymous = client.get(pack_url(published, "pdf"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert contributor_client.get(pack_url(published, "pdf")).status_code == 403
    assert contributor_client.get(pack_url(published, "docx")).status_code == 403


@pytest.fixture
def planned(ingested: list) -> Meeting:
    """A planned next meeting of the Northshire series, with its matters and question sets."""
    last = Meeting.objects.filter(series__name="Monthly Assurance Meeting").latest("date")
    series = last.series
    meeting = Meeting.objects.create(
        series=series,
        title="Monthly Assurance Meeting",
        date=last.date + dt.timedelta(days=28),
        status=Meeting.Status.DRAFT,
        chair=last.chair,
    )
    Item.objects.create(
        meeting=meeting, number="1", title="Matters arising", kind="matters_arising"
    )
    theme = Item.objects.create(
        meeting=meeting, number="2", title="Rural crime", kind="theme", position=1
    )
    PlannedTheme.objects.create(
        series=series,
        date=meeting.date,
        title="Rural crime",
        lead_post=Action.objects.filter(owner_post__isnull=False).first().owner_post,  # type: ignore[union-attr]
    )
    action = Action.objects.filter(meeting__series=series).still_open().first()
    assert action is not None
    ActionUpdate.objects.create(
        action=action,
        date=meeting.date - dt.timedelta(days=7),
        text=UPDATE,
        evidence="Email of the week before",
        status="in_progress",
    )
    sent = QuestionSet.objects.create(
        meeting=meeting,
        item=theme,
        theme="Rural crime",
        sent_on=meeting.date - dt.timedelta(days=21),
        response_due=meeting.date - dt.timedelta(days=7),
        response_received=meeting.date - dt.timedelta(days=8),
        response_text="MARKER-RESPONSE Rural crime fell by 12% over the year.",
    )
    sent.response_file.save("rural-response.pdf", ContentFile(b"%PDF-1.4"), save=True)
    Question.objects.create(
        meeting=meeting, item=theme, question_set=sent, text="How many rural officers are there?"
    )
    QuestionSet.objects.create(
        meeting=meeting,
        theme="Stop and search",
        response_due=meeting.date - dt.timedelta(days=3),
    )
    Revisit.objects.create(
        series=series,
        meeting=last,
        subject="MARKER-REVISIT Confidence strategy",
        due=meeting.date,
    )
    return meeting


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_pack_lists_open_actions_of_the_series_with_history(media: None, planned: Meeting) -> None:
    pack = build_pack(planned, today=planned.date)
    open_before = Action.objects.filter(
        meeting__series=planned.series, meeting__date__lt=planned.date
    ).still_open()
    assert [m.reference for m in pack.matters] == [
        a.reference for a in open_before.order_by("meeting__date", "position", "pk")
    ]
    updated = next(m for m in pack.matters if any(line.text == UPDATE for line in m.history))
    assert updated.history[-1].text == UPDATE
    assert updated.history[-1].status == "In progress"
    assert updated.history[-1].evidence == "Email of the week before"
    assert updated.set_at.startswith("Monthly Assurance Meeting ")
    assert [row.title for row in pack.agenda] == ["Matters arising", "Rural crime"]
    assert pack.agenda[1].lead
    assert [r.subject for r in pack.revisits] == ["MARKER-REVISIT Confidence strategy"]
    rural, stop = pack.question_sets
    assert rural.questions == ["How many rural officers are there?"]
    assert rural.response_file == "rural-response.pdf"
    assert rural.response_state.startswith("received ")
    assert stop.response_state == "overdue"
    assert stop.questions == []


def test_pack_prefers_matters_linked_by_carried_forward(media: None, planned: Meeting) -> None:
    chosen = Action.objects.filter(meeting__series=planned.series).order_by("-pk")[:2]
    for position, action in enumerate(chosen):
        CarriedForward.objects.create(
            meeting=planned, text=action.text, action=action, position=position
        )
    assert [m.reference for m in build_pack(planned).matters] == [a.reference for a in chosen]


def test_unplanned_meeting_gets_a_standing_agenda(media: None, planned: Meeting) -> None:
    planned.items.all().delete()
    titles = [row.title for row in build_pack(planned).agenda]
    assert titles == [
        "Matters arising",
        "Rural crime",
        "Any other business",
        "Date of next meeting",
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_officer_downloads_the_pack(
    media: None, officer_client: Client, planned: Meeting, fmt: str
) -> None:
    response = officer_client.get(pack_url(planned, fmt))
    assert response.status_code == 200
    stem = f"{planned.series.slug}-{planned.date:%Y-%m-%d}-pack"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'
    text = text_of(response, fmt)
    assert f"Pack: Monthly Assurance Meeting {planned.date.day}" in text
    for section in ("Agenda", "Matters arising", "Revisits due", "Question sets"):
        assert section in text
    assert UPDATE in text
    assert "MARKER-REVISIT" in text and "MARKER-RESPONSE" in text
    assert "rural-response.pdf" in text


# --- the meeting page and the command line ---------------------------------------------


def test_meeting_page_links_to_documents(
    client: Client, officer_client: Client, published: Meeting
) -> None:
    url = reverse("web:meeting_detail", args=[published.pk])
    public = BeautifulSoup(client.get(url).content, "html.parser")
    links = [a["href"] for a in public.select("#documents a")]
    assert notes_url(published, "pdf") in links and notes_url(published, "docx") in links
    assert not public.select("#pack-downloads")
    officer = BeautifulSoup(officer_client.get(url).content, "html.parser")
    hrefs = [a["href"] for a in officer.select("#documents a")]
    assert pack_url(published, "pdf") in hrefs and pack_url(published, "docx") in hrefs
    assert f"{notes_url(published, 'pdf')}?view=public" in hrefs
    assert all(a.get_text(strip=True) for a in officer.select("#documents a"))


def brief(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BRIEF_TESTING", "DATABASE_URL"}}
    env["BRIEF_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "watching_brief.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_brief_notes_and_pack_commands(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    data = tmp_path / "data"
    assert brief("ingest", str(EXAMPLES), data=data).returncode == 0
    notes = brief("notes", "1", "--format", "docx", "-o", str(tmp_path / "n.docx"), data=data)
    assert notes.returncode == 0, notes.stderr
    assert "public notes" in notes.stdout
    assert "Attendance" in docx_text((tmp_path / "n.docx").read_bytes())
    full = brief("notes", "1", "--full", "-o", str(tmp_path / "n.pdf"), data=data)
    assert full.returncode == 0 and "full notes" in full.stdout
    assert pdf_text((tmp_path / "n.pdf").read_bytes()).count("Action owner") >= 1
    pack = brief("pack", "2", "--format", "pdf", "-o", str(tmp_path / "p.pdf"), data=data)
    assert pack.returncode == 0, pack.stderr
    assert "Matters arising" in pdf_text((tmp_path / "p.pdf").read_bytes())
    missing = brief("notes", "999", "-o", str(tmp_path / "x.pdf"), data=data)
    assert missing.returncode == 1 and "no meeting with id 999" in missing.stderr


def test_public_notes_drop_a_restricted_action_from_its_items_text(ingested: list) -> None:
    from watching_brief.tracker.documents.notes import notes_minutes

    action = Action.objects.filter(item__isnull=False, meeting__status="published").first()
    assert action is not None and action.item is not None
    assert " ".join(action.text.split()) in " ".join(action.item.text.split())
    action.restricted = True
    action.save()
    public = notes_minutes(action.meeting, full=False)
    assert action.text not in [a.text for a in public.actions]
    shown = " ".join(" ".join((i.text or "").split()) for i in public.items)
    assert " ".join(action.text.split()) not in shown
    full = notes_minutes(action.meeting, full=True)
    assert action.text in [a.text for a in full.actions]


# --- fit to publish: markings, labels, questions, matters, the pack's history ----------


def test_officers_copy_is_marked_and_labelled_and_public_copy_is_not(
    client: Client, officer_client: Client, published: Meeting
) -> None:
    full = text_of(officer_client.get(notes_url(published, "pdf")), "pdf")
    assert full.count("OFFICIAL-SENSITIVE") >= 2 and "Eastvale OPCC" in full
    assert f"{HIDDEN_TITLE} {RESTRICTED_LABEL}" in full
    assert f"{RESTRICTED_LABEL} Action: {HIDDEN_ACTION}" in full
    public = text_of(client.get(notes_url(published, "pdf")), "pdf")
    assert "OFFICIAL" in public and "OFFICIAL-SENSITIVE" not in public
    assert "Eastvale OPCC" in public and RESTRICTED_LABEL not in public


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_markings_are_the_bodys_setting(
    client: Client, officer_client: Client, published: Meeting, fmt: str
) -> None:
    body = published.series.body
    body.full_marking, body.public_marking = "OFFICIAL-SENSITIVE [PERSONAL]", ""
    body.save()
    full = officer_client.get(notes_url(published, fmt))
    public = client.get(notes_url(published, fmt))
    if fmt == "docx":
        header = Document(io.BytesIO(full.content)).sections[0].header.paragraphs[0].text
        assert "OFFICIAL-SENSITIVE [PERSONAL]" in header
        public_header = Document(io.BytesIO(public.content)).sections[0].header
        assert "OFFICIAL" not in public_header.paragraphs[0].text
        return
    assert "OFFICIAL-SENSITIVE [PERSONAL]" in text_of(full, fmt)
    assert "OFFICIAL" not in text_of(public, fmt)


def test_notes_show_each_question_with_its_asker_and_answer(
    client: Client, published: Meeting
) -> None:
    text = text_of(client.get(notes_url(published, "pdf")), "pdf")
    question = "Question (PCC): The PCC asked how many officers had been abstracted"
    assert question in text
    answer = "Answer: The CC said that abstractions had fallen by a fifth since January."
    assert text.index(question) < text.index(answer)


def test_notes_show_the_matters_brought_forward_the_page_shows(
    client: Client, published: Meeting
) -> None:
    arising = published.items.get(number="1")
    secret = published.actions.get(restricted=True)
    CarriedForward.objects.create(
        meeting=published,
        item=arising,
        from_text="February 2026",
        text="MARKER-MATTER CC to review the custody suite rota",
        update="Rota agreed with the federation",
        status="done",
    )
    CarriedForward.objects.create(
        meeting=published, text=f"MARKER-HIDDEN-MATTER {secret.text}", action=secret, position=1
    )
    page = client.get(reverse("web:meeting_detail", args=[published.pk])).content.decode()
    assert "MARKER-MATTER" in page and "MARKER-HIDDEN-MATTER" not in page
    public = text_of(client.get(notes_url(published, "pdf")), "pdf")
    assert (
        "Brought forward from February 2026: MARKER-MATTER CC to review the custody suite "
        "rota Update: Rota agreed with the federation (done)" in public
    )
    assert "MARKER-HIDDEN-MATTER" not in public and "MARKER-SECRET" not in public


def test_notes_do_not_repeat_a_matter_their_item_already_gives(ingested: list) -> None:
    from watching_brief.tracker.documents.notes import notes_minutes

    matter = CarriedForward.objects.filter(item__isnull=False).first()
    assert matter is not None and " ".join(matter.text.split()) in " ".join(
        matter.item.text.split()  # type: ignore[union-attr]
    )
    minutes = notes_minutes(matter.meeting, full=True)
    said = " ".join(" ".join((i.text or "").split()) for i in minutes.items)
    assert said.count(" ".join(matter.text.split())) == 1
    assert "Brought forward from" not in said


def test_pack_says_minuted_at_once_for_an_imported_update(media: None, planned: Meeting) -> None:
    from watching_brief.publishing.pack import history_text

    earlier = Meeting.objects.filter(series=planned.series, date__lt=planned.date).latest("date")
    action = Action.objects.filter(meeting__series=planned.series).still_open().first()
    assert action is not None
    ActionUpdate.objects.create(
        action=action,
        date=earlier.date,
        author_name=f"Minuted at {earlier}",
        text="MARKER-MINUTED progress noted",
        meeting=earlier,
    )
    matter = next(m for m in build_pack(planned).matters if m.reference == action.reference)
    line = next(h for h in matter.history if h.text.startswith("MARKER-MINUTED"))
    assert history_text(line).casefold().count("minuted at") == 1
    assert f"(minuted at {earlier.series.name}" in history_text(line)


def test_pack_labels_restricted_matters_and_is_marked(
    media: None, officer_client: Client, planned: Meeting
) -> None:
    action = Action.objects.filter(meeting__series=planned.series).still_open().first()
    assert action is not None
    action.restricted = True
    action.save()
    text = text_of(officer_client.get(pack_url(planned, "pdf")), "pdf")
    assert f"{action.reference} {RESTRICTED_LABEL}" in text
    assert text.count("OFFICIAL-SENSITIVE") >= 2
    assert planned.series.body.name in text
