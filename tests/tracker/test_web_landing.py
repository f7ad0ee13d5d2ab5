"""The public's way in: the landing page (what the site holds, whose meetings, the latest
notes, each body's actions, next meetings never in the past), the action log's topic
filter and the topic timeline reaching actions under a theme's sub-items, and the search
page's order, grouping, answers, spelling suggestion and topic link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import EXAMPLES, SEEDS
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting, Question
from watching_brief.tracker.programme.models import Schedule

pytestmark = pytest.mark.django_db
WEST_MERCIA = "West Mercia OPCC"
HIDDEN = "Zqxlandingmarker"


def soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "lxml")


def counts(page: BeautifulSoup) -> dict[str, dict[str, int]]:
    """Each body card's open, overdue and done counts."""
    found = {}
    for card in page.select(".app-body-summary"):
        name = card.select_one(".govuk-summary-card__title").get_text(strip=True)
        found[name] = {
            cell["data-count"]: int(cell.get_text(strip=True))
            for cell in card("dd", {"data-count": True})
        }
    return found


def test_the_landing_page_says_what_the_site_holds(ingested: list, client: Client) -> None:
    page = soup(client, reverse("web:dashboard"))
    about = page.select_one("#about").get_text(" ", strip=True)
    assert "hold others to account" in about
    for body in (WEST_MERCIA, "Northshire Police and Crime Panel"):
        assert body in about
    assert page.select_one("form[role=search] input[name=q]") is not None
    latest = [a["href"] for a in page.select("#latest a")]
    newest = Meeting.objects.filter(status="published").order_by("-date")[:5]
    assert latest == [reverse("web:meeting_detail", args=[m.pk]) for m in newest]


def test_each_body_shows_its_public_actions_open_overdue_and_done(
    ingested: list, client: Client
) -> None:
    # given a restricted open action of West Mercia, and an overdue one
    today = timezone.localdate()
    wm = Action.objects.filter(meeting__series__body__name=WEST_MERCIA)
    public = wm.filter(restricted=False, effective_restricted=False)
    hidden = public.filter(status="open").first()
    assert hidden is not None
    Action.objects.filter(pk=hidden.pk).update(restricted=True)
    public = public.exclude(pk=hidden.pk)
    # when the public reads the landing page
    found = counts(soup(client, reverse("web:dashboard")))[WEST_MERCIA]
    # then the counts are of the public actions only
    assert found == {
        "open": public.filter(status__in=("open", "in_progress")).count(),
        "overdue": public.filter(status__in=("open", "in_progress"), due__lt=today).count(),
        "done": public.filter(status__in=("done", "closed")).count(),
    }
    assert found["open"] + found["done"] > 0


def test_next_meetings_never_lists_a_meeting_in_the_past(ingested: list, client: Client) -> None:
    today = timezone.localdate()
    march = Meeting.objects.get(date=dt.date(2026, 3, 24))
    panel = Meeting.objects.get(date=dt.date(2026, 2, 12))
    ahead = today + dt.timedelta(days=20)
    Meeting.objects.filter(pk=march.pk).update(
        next_meeting_date=ahead, next_meeting_text="In the council chamber"
    )
    Meeting.objects.filter(pk=panel.pk).update(next_meeting_date=today - dt.timedelta(days=1))
    page = soup(client, reverse("web:dashboard"))
    rows = page.select("#next-meetings + table tbody tr")
    dates = {row.th.get_text(" ", strip=True): row.select_one("time")["datetime"] for row in rows}
    assert list(dates.values()) == [ahead.isoformat()]
    assert "In the council chamber" in rows[0].get_text()
    assert all(d >= today.isoformat() for d in dates.values())


def test_a_series_calendar_gives_the_next_meeting_when_none_is_announced(
    ingested: list, client: Client
) -> None:
    # given the Panel's announced date passed, and a calendar: the last Tuesday monthly
    panel = Meeting.objects.get(date=dt.date(2026, 2, 12))
    Schedule.objects.create(series=panel.series, starts_on=dt.date(2026, 1, 1))
    today = timezone.localdate()
    # when the public reads the landing page
    rows = soup(client, reverse("web:dashboard")).select("#next-meetings + table tbody tr")
    found = {row.th.get_text(" ", strip=True): row for row in rows}
    # then the Panel's next meeting is the calendar's next last Tuesday
    (row,) = [row for name, row in found.items() if name.startswith(panel.series.name)]
    date = dt.date.fromisoformat(row.select_one("time")["datetime"])
    assert today <= date < today + dt.timedelta(days=40)
    assert date.weekday() == 1 and (date + dt.timedelta(days=7)).month != date.month
    assert "calendar" in row.get_text()


def test_a_meeting_stored_ahead_is_the_next_one(ingested: list, client: Client) -> None:
    march = Meeting.objects.get(date=dt.date(2026, 3, 24))
    ahead = timezone.localdate() + dt.timedelta(days=3)
    coming = Meeting.objects.create(series=march.series, title="Coming up", date=ahead)
    page = soup(client, reverse("web:dashboard"))
    links = [a["href"] for a in page.select("#next-meetings + table tbody td a")]
    assert reverse("web:meeting_detail", args=[coming.pk]) in links


def test_issue_15_the_action_logs_topic_filter_finds_actions_under_a_theme(
    ingested: list, client: Client
) -> None:
    action = Action.objects.get(reference="MAM-20200924-1")
    assert action.item is not None and "mental" not in action.item.title.lower()
    page = soup(client, reverse("web:action_list") + "?topic=mental+health")
    assert "MAM-20200924-1" in page.get_text()
    assert "MAM-20260224-3" not in page.get_text()


def test_the_topic_timeline_is_newest_first_with_promises_and_progress(
    ingested: list, client: Client
) -> None:
    # given progress reported on the theme's action after its meeting
    action = Action.objects.get(reference="MAM-20200924-1")
    ActionUpdate.objects.create(
        action=action, date=dt.date(2020, 11, 2), text="Figures sent to the PCC.", status="done"
    )
    question = Question.objects.filter(item__parent=action.item.parent).first()  # type: ignore[union-attr]
    assert question is not None
    Question.objects.filter(pk=question.pk).update(answer="The CC said detentions had halved.")
    # when the public opens the mental health topic
    page = soup(client, reverse("web:topic_detail", args=["mental-health"]))
    sections = page.select("#timeline > li")
    dates = [li.select_one("h2 time")["datetime"] for li in sections]
    # then the meetings and the progress come newest first, actions of sub-items included
    assert dates == sorted(dates, reverse=True)
    assert "2020-11-02" in dates and "2020-09-24" in dates
    text = page.select_one("#timeline").get_text(" ")
    assert "MAM-20200924-1" in text and "Figures sent to the PCC." in text
    assert "detentions had halved" in text
    assert page.find("h4", string="Promised") is not None


def test_the_topic_timeline_pages_by_meeting(
    ingested: list, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("watching_brief.tracker.web.views.topics.TOPIC_MEETINGS_PER_PAGE", 1)
    first = soup(client, reverse("web:topic_detail", args=["mental-health"]))
    second = soup(client, reverse("web:topic_detail", args=["mental-health"]) + "?page=2")
    first_dates = [t["datetime"] for t in first.select("#timeline > li > h2 time")]
    second_dates = [t["datetime"] for t in second.select("#timeline > li > h2 time")]
    assert first_dates and second_dates and max(second_dates) < min(first_dates)


def test_the_topic_timeline_hides_restricted_items_and_their_actions(
    ingested: list, client: Client
) -> None:
    item = Item.objects.get(meeting__date=dt.date(2020, 9, 24), number="2.3")
    item.restricted, item.text = True, f"{item.text} {HIDDEN}"
    item.save()
    Action.objects.filter(reference="MAM-20200924-1").update(text=f"{HIDDEN} promised")
    body = client.get(reverse("web:topic_detail", args=["mental-health"])).content.decode()
    assert HIDDEN not in body and "MAM-20200924-1" not in body


@pytest.fixture
def indexed(db: None, django_capture_on_commit_callbacks: Any) -> Any:
    with django_capture_on_commit_callbacks(execute=True):
        ingest_paths([SEEDS], body=WEST_MERCIA)
        ingest_paths([EXAMPLES])
    return django_capture_on_commit_callbacks


def test_search_page_finds_the_promise_and_links_the_topic(indexed: Any, client: Client) -> None:
    page = soup(client, reverse("web:search") + "?q=mental+health")
    links = [a["href"] for a in page.select(".app-search-results a")]
    for number in (2, 3):  # every page of the results (the order is each backend's own)
        more = soup(client, reverse("web:search") + f"?q=mental+health&page={number}")
        links += [a["href"] for a in more.select(".app-search-results a")]
    action = Action.objects.get(reference="MAM-20200924-1")
    assert reverse("web:action_detail", args=[action.pk]) in links
    topic = page.select_one("#topic-link a")
    assert topic is not None and topic["href"] == reverse(
        "web:topic_detail", args=["mental-health"]
    )


def test_search_page_suggests_a_spelling(indexed: Any, client: Client) -> None:
    page = soup(client, reverse("web:search") + "?q=mental+helth&kind=action")
    suggestion = page.select_one("#suggestion a")
    assert suggestion is not None and suggestion.get_text() == "mental health"
    assert "kind=action" in suggestion["href"] and "q=mental+health" in suggestion["href"]
    assert (
        soup(client, reverse("web:search") + "?q=mental+health").select_one("#suggestion") is None
    )


def test_search_page_orders_by_date_and_groups_by_meeting(indexed: Any, client: Client) -> None:
    page = soup(client, reverse("web:search") + "?q=police&sort=date&group=on")
    groups = page.select(".app-search-group")
    assert len(groups) > 1
    dates = [g.select_one("h3 a").get_text().rsplit(", ", 1)[1] for g in groups]
    parsed = [dt.datetime.strptime(d, "%d %B %Y").date() for d in dates]
    assert parsed == sorted(parsed, reverse=True) and len(set(parsed)) == len(parsed)
    assert page.select_one("#id_sort_1").has_attr("checked")
    default = soup(client, reverse("web:search") + "?q=police")
    assert default.select_one("#id_sort_0").has_attr("checked")
    assert not default.select(".app-search-group")


def test_search_page_shows_a_questions_answer(indexed: Any, client: Client) -> None:
    question = Question.objects.filter(item__title="Stalking").first()
    assert question is not None
    with indexed(execute=True):
        question.answer = "Nineteen orders were applied for."
        question.save()
    page = soup(client, reverse("web:search") + "?q=nineteen+orders&kind=question")
    answers = [p.get_text(" ", strip=True) for p in page.select(".app-search-answer")]
    assert answers == ["Answer: Nineteen orders were applied for."]
