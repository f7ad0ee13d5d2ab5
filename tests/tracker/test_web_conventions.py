"""GOV.UK conventions on every page: error pages with a way back, titles, dates as GOV.UK
writes them, no "Not rated" on procedural items, and a contents list on long meetings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import include, path

from tests.conftest import EXAMPLES
from tests.tracker.test_no_leak import links
from watching_brief.tracker import dates
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.forms import ActionUpdateForm

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SUFFIX = " – Watching Brief"


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


# The URL configuration of the 500 test: the site's, and a page that fails.
urlpatterns = [path("broken/", broken), path("", include("watching_brief.tracker.urls"))]
handler500 = "watching_brief.tracker.web.views.errors.server_error"


@pytest.fixture
def examples(db: None) -> None:
    ingest_paths([EXAMPLES])


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def title(response: Any) -> str:
    return soup_of(response).title.get_text()


# Dates -------------------------------------------------------------------------------


def test_dates_read_as_govuk_writes_them() -> None:
    day = dt.date(2026, 4, 3)
    assert dates.long_date(day) == "3 April 2026"
    assert dates.weekday_date(day) == "Friday 3 April 2026"
    assert dates.short_date(dt.date(2026, 9, 30)) == "30 Sept 2026"
    assert dates.readable_date("2026-04-30") == "30 April 2026"
    assert dates.readable_date("end of April") == "end of April"
    assert dates.readable_date("") == ""
    assert dates.clock_time(dt.time(17, 30)) == "5:30pm"
    assert dates.clock_time(dt.time(9, 0)) == "9am"
    assert dates.clock_time(dt.time(12, 0)) == "midday"
    assert dates.clock_time(dt.time(0, 0)) == "midnight"


def test_a_moment_is_shown_in_london_time() -> None:
    summer = dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC)  # 5:30pm British Summer Time
    assert dates.date_and_time(summer) == "1 July 2026 at 5:30pm"


def test_the_template_filter_writes_dates_and_keeps_text_as_written() -> None:
    template = Template(
        "{% load govuk %}{{ day|govuk_date }}|{{ day|govuk_date:'weekday' }}|"
        "{{ iso|govuk_date:'short' }}|{{ text|govuk_date }}|{{ none|govuk_date }}|"
        "{{ time|govuk_time }}"
    )
    context = Context(
        {
            "day": dt.date(2026, 4, 30),
            "iso": "2026-09-01",
            "text": "end of May",
            "none": None,
            "time": dt.time(14, 5),
        }
    )
    assert template.render(context) == (
        "30 April 2026|Thursday 30 April 2026|1 Sept 2026|end of May||2:05pm"
    )


def test_no_page_shows_an_iso_date_to_people(examples: None, client: Client) -> None:
    """Dates people read are GOV.UK style on every public page; quotations of the notes
    (the source text, passages) are shown as written."""
    seen, queue = set(), ["/", "/meetings/", "/actions/", "/posts/", "/topics/"]
    found = []
    while queue:
        url = queue.pop()
        if url in seen or "/source/" in url or not url.endswith("/"):
            continue
        seen.add(url)
        response = client.get(url)
        soup = soup_of(response)
        for quoted in soup.select("script, style, .app-source, .app-passage"):
            quoted.decompose()
        found += [f"{url}: {m}" for m in ISO_DATE.findall(soup.get_text(" "))]
        queue += links(response.content, response["Content-Type"])
    assert len(seen) > 30
    assert not found


# Titles ------------------------------------------------------------------------------


def test_titles_name_the_page_then_the_service(examples: None, client: Client) -> None:
    for url in ("/", "/meetings/", "/actions/", "/posts/", "/topics/", "/search/"):
        text = title(client.get(url))
        assert text.endswith(SUFFIX), (url, text)
        assert len(text) > len(SUFFIX) and not text.startswith("Error"), (url, text)
    assert title(client.get("/")) == "Dashboard – Watching Brief"


def test_a_form_sent_back_with_errors_puts_error_first_in_the_title(client: Client) -> None:
    """Django's sign-in form, which no view of ours checks by hand: found by the tag."""
    assert title(client.get("/accounts/login/")) == "Sign in – Watching Brief"
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert title(response) == "Error: Sign in – Watching Brief"


def test_error_is_found_on_a_bound_form_with_errors_only() -> None:
    template = Template("{% load govuk %}{% form_has_errors as failed %}{{ failed }}")
    assert template.render(Context({"form": ActionUpdateForm()})) == "False"
    assert template.render(Context({"form": ActionUpdateForm(data={})})) == "True"
    assert template.render(Context({"errors": [("#q", "Enter a date")]})) == "True"


# Error pages (DEBUG is off in the tests, as in production) ----------------------------


def test_page_not_found_is_a_govuk_page_with_a_way_back(client: Client) -> None:
    response = client.get("/no-such-page/", HTTP_REFERER="http://testserver/meetings/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert title(response) == "Page not found – Watching Brief"
    assert soup.select_one("link[href$='govuk-frontend.min.css']")
    assert soup.select_one("#back-link")["href"] == "http://testserver/meetings/"
    assert soup.select_one("#home-link")["href"] == "/"


def test_a_way_back_is_never_to_another_site(client: Client) -> None:
    response = client.get("/no-such-page/", HTTP_REFERER="https://elsewhere.example/")
    assert soup_of(response).select_one("#back-link") is None


def test_an_api_path_not_found_answers_in_json(client: Client) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_forbidden_says_why_and_offers_sign_in(examples: None, client: Client) -> None:
    client.force_login(create_account("force1", PASSWORD, "contributor", ["CC"]))
    action = Meeting.objects.first().actions.first()  # type: ignore[union-attr]
    response = client.post(f"/actions/{action.pk}/close/")
    assert response.status_code == 403
    soup = soup_of(response)
    assert title(response) == "You cannot see this page – Watching Brief"
    assert soup.select_one("#reason").get_text() == "Only officers may close an action."
    assert "signed in as force1" in soup.get_text()


def test_a_refused_form_says_nothing_was_saved_and_how_to_go_back(client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/accounts/login/", {"username": "a"}, HTTP_REFERER="http://testserver/accounts/login/"
    )
    assert response.status_code == 403
    assert title(response) == "Your form could not be sent – Watching Brief"
    assert "Nothing has been saved" in soup_of(response).get_text()
    assert soup_of(response).select_one("#home-link")


def test_a_bad_request_is_a_govuk_page(client: Client) -> None:
    response = client.get("/", HTTP_HOST="not-allowed.example")
    assert response.status_code == 400
    assert title(response) == "Sorry, there is a problem with the service – Watching Brief"


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_a_govuk_page(db: None) -> None:
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    soup = soup_of(response)
    assert title(response) == "Sorry, there is a problem with the service – Watching Brief"
    assert "Try again later." in soup.get_text()
    assert "a bug" not in soup.get_text()


# Meeting pages -----------------------------------------------------------------------


def test_procedural_items_carry_no_not_rated_tag(examples: None, client: Client) -> None:
    meeting = Meeting.objects.get(date="2026-03-24")
    soup = soup_of(client.get(f"/meetings/{meeting.pk}/"))
    tags = {}
    for section in soup.select("section.app-item"):
        heading = section.select_one("h3").get_text(" ", strip=True)
        tags[heading] = [tag.get_text() for tag in section.select("p > .govuk-tag")]
    procedural = [h for h in tags if re.search(r"Matters arising|Any other business|Next", h)]
    assert len(procedural) == 3, tags
    assert all("Not rated" not in tags[h] for h in procedural), tags
    rated = [h for h in tags if h not in procedural]
    assert rated and all(tags[h] for h in rated), tags  # the others keep their rating
    assert any("Not rated" in tags[h] for h in rated), tags


def test_a_long_meeting_page_has_a_contents_list(examples: None, client: Client) -> None:
    long = max(Meeting.objects.all(), key=lambda m: m.items.count())
    soup = soup_of(client.get(f"/meetings/{long.pk}/"))
    contents = soup.select_one("nav#contents")
    assert contents is not None and contents["aria-label"] == "Contents"
    targets = [a["href"].removeprefix("#") for a in contents.select("a")]
    assert len(targets) >= long.items.count()
    assert all(soup.find(id=target) for target in targets), targets


def test_a_short_meeting_page_has_none(examples: None, client: Client) -> None:
    short = Meeting.objects.first()
    assert short is not None
    short.items.exclude(pk__in=short.items.order_by("position").values("pk")[:3]).delete()
    assert short.items.count() == 3
    assert soup_of(client.get(f"/meetings/{short.pk}/")).select_one("nav#contents") is None
