"""The minute-taking pages: the item list, one page per item, autosave and due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.tracker.conftest import WEST_MERCIA
from watching_brief.extraction.sources import load_bytes
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Item, Meeting, Question
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password


@pytest.fixture
def meeting(ingested: list) -> Meeting:
    """Notes being minuted: a draft (edits to published notes wait for republication)."""
    Meeting.objects.filter(date=dt.date(2026, 2, 24)).update(status=Meeting.Status.DRAFT)
    return Meeting.objects.get(series__name="Monthly Assurance Meeting", date=dt.date(2026, 2, 24))


@pytest.fixture
def item(meeting: Meeting) -> Item:
    return meeting.items.get(number="2.2")


@pytest.fixture
def officer(client: Client) -> Client:
    create_account("olivia", PASSWORD, "officer", [])
    client.login(username="olivia", password=PASSWORD)
    return client


def item_url(item: Item) -> str:
    return reverse("web:minute_item", args=[item.meeting_id, item.pk])


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def form_data(page: BeautifulSoup) -> dict[str, Any]:
    """What a browser would send for the minute form as rendered."""
    form = page.select_one("#minute-form")
    data: dict[str, Any] = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in {"radio", "checkbox"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def new_row(page: BeautifulSoup) -> str:
    """The form prefix of the blank action row ("actions-3")."""
    total = int(page.select_one("input[name=actions-TOTAL_FORMS]")["value"])
    return f"actions-{total - 1}"


def post_id(meeting: Meeting, abbrev: str) -> str:
    body = meeting.series.body  # its own posts, and its force's (CC, DCC, ACC)
    return str(Post.objects.get(body__in=[body, body.force], abbrev=abbrev).pk)


@pytest.mark.parametrize("name", ["minute_meeting", "minute_item", "minute_resolve_due"])
def test_the_public_is_sent_to_sign_in(client: Client, item: Item, name: str) -> None:
    args = [item.meeting_id, item.pk] if name == "minute_item" else [item.meeting_id]
    response = client.get(reverse(f"web:{name}", args=args))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["minute_meeting", "minute_item", "minute_resolve_due"])
def test_a_force_contributor_is_refused(client: Client, item: Item, name: str) -> None:
    create_account("force-dcc", PASSWORD, "contributor", ["DCC"], body=WEST_MERCIA)
    client.login(username="force-dcc", password=PASSWORD)
    args = [item.meeting_id, item.pk] if name == "minute_item" else [item.meeting_id]
    assert client.get(reverse(f"web:{name}", args=args)).status_code == 403
    if name == "minute_item":
        response = client.post(reverse(f"web:{name}", args=args), {"text": "x"})
        assert response.status_code == 403


def test_the_meeting_page_links_officers_to_minuting(officer: Client, meeting: Meeting) -> None:
    page = soup(officer.get(reverse("web:meeting_detail", args=[meeting.pk])))
    links = {a.get_text(strip=True): a["href"] for a in page.select("#minuting-links a")}
    assert links["Minute this meeting"] == reverse("web:minute_meeting", args=[meeting.pk])
    assert links["Question sets"] == reverse("web:question_set_list", args=[meeting.pk])


def test_the_public_meeting_page_has_no_minuting_links(client: Client, meeting: Meeting) -> None:
    page = soup(client.get(reverse("web:meeting_detail", args=[meeting.pk])))
    assert page.select("#minuting-links") == []


def test_the_item_list_shows_each_items_status(officer: Client, meeting: Meeting) -> None:
    response = officer.get(reverse("web:minute_meeting", args=[meeting.pk]))
    assert response.status_code == 200
    rows = soup(response).select("#minute-items tbody tr")
    assert len(rows) == meeting.items.count()
    stalking = next(row for row in rows if "Stalking" in row.get_text())
    cells = [cell.get_text(" ", strip=True) for cell in stalking.select("td")]
    item = meeting.items.get(number="2.2")
    assert cells[1] == ("Written" if item.text.strip() else "Not started")
    assert cells[3] == str(item.actions.count())


def test_the_item_page_offers_posts_present_and_neighbouring_items(
    officer: Client, item: Item
) -> None:
    page = soup(officer.get(item_url(item)))
    owners = [o.get_text() for o in page.select(f"select[name={new_row(page)}-owner] option")]
    assert "DCC – Laura Bennion" in owners
    assert not any(label.startswith("DPCC") for label in owners)
    assert page.select_one("a[rel=prev]")["href"].endswith(f"/{item.pk - 1}/")
    assert page.select_one("a[rel=next]")["href"].endswith(f"/{item.pk + 1}/")
    radios = [r.get_text(strip=True) for r in page.select(".govuk-radios__label")]
    assert radios == ["Not rated", "Assured", "Partly assured", "Not assured"]


def test_saving_adds_an_action_with_its_due_date_resolved(
    officer: Client, meeting: Meeting, item: Item
) -> None:
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    row = new_row(page)
    data.update(
        {
            "text": "The DCC described the new stalking clinic.",
            "assurance": "partly",
            f"{row}-text": "Report the outcome of the stalking clinic pilot",
            f"{row}-owner": post_id(meeting, "DCC"),
            f"{row}-due_text": "in 6 months' time",
            "save": "",
        }
    )
    response = officer.post(item_url(item), data)
    assert response.status_code == 302
    action = Action.objects.get(item=item, text__startswith="Report the outcome")
    assert action.due == dt.date(2026, 8, 24)
    assert action.owner_holder is not None and action.owner_holder.name == "Laura Bennion"
    item.refresh_from_db()
    assert item.assurance == "partly"
    after = soup(officer.get(response["Location"]))
    assert "Saved the minutes" in after.get_text()
    assert after.select_one(f"textarea[name={new_row(after)}-text]").get_text() == ""


def test_add_another_action_saves_and_offers_a_new_row(officer: Client, item: Item) -> None:
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    row = new_row(page)
    data.update({f"{row}-text": "First new action", "add_action": ""})
    response = officer.post(item_url(item), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#new-action")
    after = soup(officer.get(response["Location"]))
    assert new_row(after) != row
    assert after.select_one(f"textarea[name={row}-text]").get_text() == "First new action"


def test_check_due_dates_shows_them_resolved_and_saves_nothing(officer: Client, item: Item) -> None:
    before = Action.objects.count()
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    row = new_row(page)
    data.update(
        {
            "text": "Typed but not saved",
            f"{row}-text": "Review the stalking audit",
            f"{row}-due_text": "end of June",
            "check": "",
        }
    )
    response = officer.post(item_url(item), data)
    assert response.status_code == 200
    checked = soup(response)
    resolved = checked.select_one(f"#id_{row}-due_text-resolved").get_text(" ", strip=True)
    assert "30 June 2026" in resolved
    assert checked.select_one("textarea[name=text]").get_text() == "Typed but not saved"
    assert "Nothing has been saved" in checked.get_text()
    assert Action.objects.count() == before
    item.refresh_from_db()
    assert item.text != "Typed but not saved"


def test_a_validation_error_keeps_everything_typed(officer: Client, item: Item) -> None:
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    row = new_row(page)
    data.update(
        {
            "text": "Long minutes typed in the meeting",
            "restricted": "on",
            "restricted_reason": "",
            "public_summary": "",
            f"{row}-text": "An action typed in full",
            f"{row}-owner": "other",
            f"{row}-owner_other": "",
            f"{row}-due_text": "by the next meeting",
            "save": "",
        }
    )
    response = officer.post(item_url(item), data)
    assert response.status_code == 400
    page = soup(response)
    summary = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert "#id_restricted_reason" in summary
    assert "#id_public_summary" in summary
    assert f"#id_{row}-owner_other" in summary
    assert page.select_one("textarea[name=text]").get_text() == "Long minutes typed in the meeting"
    assert page.select_one(f"textarea[name={row}-text]").get_text() == "An action typed in full"
    assert page.select_one(f"input[name={row}-due_text]")["value"] == "by the next meeting"
    assert page.select_one("input[name=restricted]").has_attr("checked")
    assert page.select_one("#id_restricted_reason-error") is not None
    item.refresh_from_db()
    assert item.text != "Long minutes typed in the meeting"
    assert not item.restricted


def test_restricting_with_a_reason_and_public_line_hides_the_item(
    officer: Client, client: Client, meeting: Meeting, item: Item
) -> None:
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    data.update(
        {
            "text": "MARKER-MINUTED-SECRET",
            "restricted": "on",
            "restricted_reason": "FOI s.31 law enforcement",
            "public_summary": "The force briefed the PCC on stalking operations.",
            "save": "",
        }
    )
    assert officer.post(item_url(item), data).status_code == 302
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    public = Client().get(reverse("web:meeting_detail", args=[meeting.pk]))
    text = public.content.decode()
    assert "MARKER-MINUTED-SECRET" not in text
    assert "The force briefed the PCC on stalking operations." in text


def test_answers_are_saved_and_shown_on_the_meeting_page(
    officer: Client, meeting: Meeting, item: Item
) -> None:
    question = Question.objects.create(meeting=meeting, item=item, text="How many orders?")
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    data.update({f"answer_{question.pk}": "Twelve orders were granted.", "save": ""})
    assert officer.post(item_url(item), data).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Twelve orders were granted."
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    shown = soup(Client().get(reverse("web:meeting_detail", args=[meeting.pk])))
    answer = shown.select_one(f"#item-{item.pk} .app-answer")
    assert answer is not None and "Twelve orders were granted." in answer.get_text()


def test_autosave_returns_json_and_saves_the_text(
    officer: Client, meeting: Meeting, item: Item
) -> None:
    question = Question.objects.create(meeting=meeting, item=item, text="How many orders?")
    page = soup(officer.get(item_url(item)))
    data = form_data(page)
    row = new_row(page)
    data.update(
        {
            "text": "Half-typed minutes",
            f"answer_{question.pk}": "Twelve",
            "restricted": "on",  # the flag waits for Save
            f"{row}-owner": "other",  # an action row that would not validate
        }
    )
    before = Action.objects.count()
    response = officer.post(item_url(item), data, headers={"X-Autosave": "1"})
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert body["saved_at"]
    assert {"text", f"answer_{question.pk}"} <= set(body["fields"])
    item.refresh_from_db()
    question.refresh_from_db()
    assert item.text == "Half-typed minutes"
    assert question.answer == "Twelve"
    assert not item.restricted
    assert Action.objects.count() == before


def test_autosave_on_published_notes_waits_for_republication(
    officer: Client, meeting: Meeting, item: Item
) -> None:
    """#13 finding 5: half-typed text never reaches the public page, the public notes or
    the versions; the officer's republication makes exactly one version."""
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    publication.record_version(meeting, None, "Published.")
    published = item.text
    meeting_url = reverse("web:meeting_detail", args=[meeting.pk])
    notes_url = reverse("web:meeting_notes_file", args=[meeting.pk, "pdf"])

    def public_notes() -> str:
        return load_bytes(Client().get(notes_url).content, "notes.pdf").text

    assert published.splitlines()[0][:40] in public_notes()
    data = form_data(soup(officer.get(item_url(item))))
    for typed in ("Corrected", "Corrected minutes", "MARKER-CORRECTED-minutes, as agreed."):
        data["text"] = typed
        response = officer.post(item_url(item), data, headers={"X-Autosave": "1"})
        body = response.json()
        assert body["saved"] is True and body["amendment"] is True
        data["version"] = body["version"]  # as minute.js does
    item.refresh_from_db()
    assert item.text == published
    assert meeting.versions.count() == 1
    assert "MARKER-CORRECTED" not in Client().get(meeting_url).content.decode()
    assert "MARKER-CORRECTED" not in public_notes()
    page = soup(officer.get(item_url(item)))  # the officer goes on from the amendment
    assert page.select_one("#id_text").get_text().startswith("MARKER-CORRECTED")
    assert page.select_one("#amendment-note") is not None
    assert officer.get(meeting_url).status_code == 200
    assert soup(officer.get(meeting_url)).select_one("#republish") is not None

    response = officer.post(reverse("web:meeting_republish", args=[meeting.pk]), {"note": ""})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "MARKER-CORRECTED-minutes, as agreed."
    versions = list(meeting.versions.order_by("number"))
    assert len(versions) == 2 and "MARKER-CORRECTED" in versions[1].text
    assert "MARKER-CORRECTED" in Client().get(meeting_url).content.decode()
    assert "MARKER-CORRECTED" in public_notes()
    assert not meeting.amendments.exists()


def test_restricting_published_notes_takes_effect_at_once(
    officer: Client, meeting: Meeting, item: Item
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    data = form_data(soup(officer.get(item_url(item))))
    data.update(
        {
            "restricted": "on",
            "restricted_reason": "FOI s.31 law enforcement",
            "public_summary": "The force briefed the PCC on stalking operations.",
            "save": "",
        }
    )
    assert officer.post(item_url(item), data).status_code == 302
    item.refresh_from_db()
    assert item.restricted and all(a.restricted for a in item.actions.all())
    text = Client().get(reverse("web:meeting_detail", args=[meeting.pk])).content.decode()
    assert "The force briefed the PCC on stalking operations." in text
    assert "stalking protection orders applied for and granted" not in text


def test_autosave_needs_the_csrf_token(item: Item) -> None:
    create_account("olivia", PASSWORD, "officer", [])
    client = Client(enforce_csrf_checks=True)
    client.login(username="olivia", password=PASSWORD)
    response = client.post(item_url(item), {"text": "x"}, headers={"X-Autosave": "1"})
    assert response.status_code == 403


def test_resolve_due_endpoint(officer: Client, meeting: Meeting) -> None:
    url = reverse("web:minute_resolve_due", args=[meeting.pk])
    assert officer.get(url, {"due": "31/03/21"}).json()["due"] == "2021-03-31"
    assert officer.get(url, {"due": "by the next meeting"}).json()["due"] == "2026-03-24"
    meeting.next_meeting_date = None
    meeting.save()
    body = officer.get(url, {"due": "by the next meeting"}).json()
    assert body["due"] is None
    assert body["display"] == "no date for the next meeting yet"


def test_the_planning_note_is_shown_apart_and_saving_the_minutes_leaves_it_out(
    item: Item, officer: Client
) -> None:
    note = "Ask why the waiting list grew MARKER-PLANNING-6b2d"
    item.planning_note = note
    item.save()
    page = soup(officer.get(item_url(item)))
    shown = page.select_one("#planning-note")
    assert shown is not None and note in shown.get_text() and "never published" in shown.get_text()
    assert note not in page.select_one("#minute-form").get_text()  # not pre-filled
    officer.post(item_url(item), form_data(page), follow=True)
    item.refresh_from_db()
    assert note not in item.text and item.planning_note == note
