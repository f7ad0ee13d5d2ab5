"""The dashboard, meeting, post and topic pages: what each role sees, filters, provenance.

Data comes from ingesting the real seed notes and the bundled examples; markers put into
restricted and draft records must never reach an anonymous visitor on any page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.tracker.readable import readable
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Item, Meeting, Series, SourceDocument, Topic
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db

ITEM_MARK = "ZQX-RESTRICTED-ITEM"
ACTION_MARK = "ZQX-RESTRICTED-ACTION"
OPEN_MARK = "ZQX-RESTRICTED-OPEN-ACTION"
DRAFT_MARK = "ZQX-DRAFT-MEETING"
DRAFT_ITEM_MARK = "ZQX-DRAFT-ITEM"
DRAFT_ACTION_MARK = "ZQX-DRAFT-ACTION"
DRAFT_ONLY_PERSON = "Julian Moss"  # seen only at the (now draft) April 2021 meeting
SECRETS = (ITEM_MARK, ACTION_MARK, OPEN_MARK, DRAFT_MARK, DRAFT_ITEM_MARK, DRAFT_ACTION_MARK)
SUMMARY = "Stalking was discussed in private; a summary will follow."


def northshire(date: str) -> Meeting:
    return Meeting.objects.get(date=dt.date.fromisoformat(date), series__body__slug__contains="n")


def restrict_action(reference: str, mark: str) -> Action:
    """Mark an action restricted, with the marker in its text and in its item's text."""
    action = Action.objects.select_related("item").get(reference=reference)
    new_text = f"{action.text} {mark}"
    assert action.item is not None and action.text in action.item.text
    Item.objects.filter(pk=action.item.pk).update(
        text=action.item.text.replace(action.text, new_text)
    )
    Action.objects.filter(pk=action.pk).update(text=new_text, restricted=True)
    return action


@pytest.fixture
def marked(ingested: list) -> dict[str, Meeting]:
    """A restricted item (February), a restricted action (January), a restricted open
    action (March), and the April 2021 meeting turned back into a draft."""
    february = Meeting.objects.get(date=dt.date(2026, 2, 24))
    stalking = february.items.get(number="2.2")
    stalking.restricted, stalking.public_summary = True, SUMMARY
    stalking.text += f" {ITEM_MARK}"
    stalking.save()
    restrict_action("MAM-20260127-1", ACTION_MARK)
    restrict_action("MAM-20260324-2", OPEN_MARK)
    draft = Meeting.objects.get(date=dt.date(2021, 4, 27))
    draft.status, draft.title = Meeting.Status.DRAFT, f"{DRAFT_MARK} April 2021"
    draft.save()
    item = draft.items.get(number="2.3")
    Item.objects.filter(pk=item.pk).update(text=f"{item.text} {DRAFT_ITEM_MARK}")
    Action.objects.filter(reference="MAM-20210427-2").update(text=f"DCC {DRAFT_ACTION_MARK}")
    return {
        "february": february,
        "january": Meeting.objects.get(date=dt.date(2026, 1, 27)),
        "march": Meeting.objects.get(date=dt.date(2026, 3, 24)),
        "draft": draft,
        "old": Meeting.objects.get(date=dt.date(2020, 9, 24)),
        "panel": Meeting.objects.get(date=dt.date(2026, 2, 12)),
    }


@pytest.fixture
def officer(db: None) -> Client:
    """A separate client, signed in as an officer (``client`` stays anonymous)."""
    signed_in = Client()
    signed_in.force_login(create_account("olivia", "a-Long-pass-2026", "officer", []))
    return signed_in


def soup(client: Client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "lxml")


def main_text(page: BeautifulSoup) -> str:
    main = page.find("main")
    assert main is not None
    return main.get_text(" ")


def public_urls(client: Client) -> list[str]:
    """Every page of ours an anonymous visitor can reach, found by following links."""
    urls = [
        reverse("web:dashboard"),
        reverse("web:meeting_list"),
        reverse("web:post_list"),
        reverse("web:topic_list"),
        reverse("web:topic_detail", args=["stalking"]),
        reverse("web:topic_detail", args=["holding-to-account"]),
        reverse("web:meeting_pack", args=["monthly-assurance-meeting"]),
        reverse("web:meeting_pack", args=["monthly-assurance-meeting"]) + "?download=1",
    ]
    pattern = re.compile(
        r"^/(meetings/\d+/(source/)?|series/[\w-]+/pack/|posts/\d+/|topics/[\w-]+/)"
    )
    seen: set[str] = set()
    queue = list(urls)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page = soup(client, url)
        for link in page.find_all("a", href=True):
            href = str(link["href"]).split("#")[0]
            if pattern.match(href) and href not in seen:
                queue.append(href)
    return sorted(seen)


def test_anonymous_visitors_reach_every_page_and_never_see_restricted_or_draft(
    client: Client, marked: dict[str, Meeting]
) -> None:
    urls = public_urls(client)
    kinds = {re.sub(r"\d+|\?.*", "N", url).split("/")[1] for url in urls}
    assert {"", "meetings", "series", "posts", "topics"} <= kinds
    assert any("/source/" in url for url in urls) and any("/pack/" in url for url in urls)
    for url in urls:
        html = readable(client.get(url).content).decode()
        for secret in (*SECRETS, DRAFT_ONLY_PERSON):
            assert secret not in html, (secret, url)


def test_anonymous_visitors_get_404_for_draft_meetings_and_sources_holding_restricted_text(
    client: Client, marked: dict[str, Meeting]
) -> None:
    draft = marked["draft"].pk
    soup(client, reverse("web:meeting_detail", args=[draft]), 404)
    soup(client, reverse("web:meeting_source", args=[draft]), 404)
    for name in ("february", "january", "march"):
        soup(client, reverse("web:meeting_source", args=[marked[name].pk]), 404)
    soup(client, reverse("web:meeting_source", args=[marked["panel"].pk]))


def test_a_restricted_item_is_replaced_by_its_public_summary(
    client: Client, marked: dict[str, Meeting]
) -> None:
    page = soup(client, reverse("web:meeting_detail", args=[marked["february"].pk]))
    headings = [h.get_text(" ", strip=True) for h in page.select("main h3")]
    assert "2.2 Restricted item" in headings and "2.2 Stalking" not in headings
    assert SUMMARY in main_text(page)
    assert page.select_one("main .govuk-warning-text") is None


def test_a_restricted_action_is_taken_out_of_its_item_for_the_public(
    client: Client, marked: dict[str, Meeting]
) -> None:
    page = soup(client, reverse("web:meeting_detail", args=[marked["january"].pk]))
    references = {a.get_text(strip=True) for a in page.select("main table a")}
    assert "MAM-20260127-1" not in references and "MAM-20260127-2" in references
    assert "[a restricted action is not shown]" in main_text(page)


def test_officers_see_restricted_and_draft_records(
    officer: Client, marked: dict[str, Meeting]
) -> None:
    february = soup(officer, reverse("web:meeting_detail", args=[marked["february"].pk]))
    section = february.find("h3", string=re.compile("2.2 Stalking"))
    assert section is not None
    block = section.find_parent("section")
    assert ITEM_MARK in block.get_text() and "Restricted" in block.select_one(".govuk-tag").text
    january = soup(officer, reverse("web:meeting_detail", args=[marked["january"].pk]))
    assert ACTION_MARK in main_text(january)
    draft = soup(officer, reverse("web:meeting_detail", args=[marked["draft"].pk]))
    assert DRAFT_ITEM_MARK in main_text(draft) and DRAFT_MARK in draft.h1.text
    pack = soup(officer, reverse("web:meeting_pack", args=["monthly-assurance-meeting"]))
    assert OPEN_MARK in main_text(pack) and DRAFT_ACTION_MARK in main_text(pack)
    topic = soup(officer, reverse("web:topic_detail", args=["stalking"]))
    assert "Restricted" in main_text(topic)
    # The posts list comes a page at a time: read every page, following "Next".
    posts_text, url = "", reverse("web:post_list")
    while url:
        posts = soup(officer, url)
        posts_text += main_text(posts)
        following = posts.select_one(".govuk-pagination__next a")
        url = reverse("web:post_list") + str(following["href"]) if following else ""
    assert DRAFT_ONLY_PERSON in posts_text
    source = soup(officer, reverse("web:meeting_source", args=[marked["february"].pk]))
    assert source.select_one("pre.app-source") is not None


def test_officers_see_the_warnings_of_the_source_document(
    officer: Client, marked: dict[str, Meeting]
) -> None:
    page = soup(officer, reverse("web:meeting_detail", args=[marked["january"].pk]))
    warning = page.select_one("main .govuk-warning-text")
    assert warning is not None and "year" in warning.get_text()


def rows(page: BeautifulSoup) -> list[str]:
    return [row.get_text(" ", strip=True) for row in page.select("#meetings tbody tr")]


def test_meeting_list_filters(client: Client, officer: Client, marked: dict[str, Meeting]) -> None:
    url = reverse("web:meeting_list")
    assert len(rows(soup(client, url))) == 5
    assert [r[:12] for r in rows(soup(client, f"{url}?year=2020"))] == ["24 Sept 2020"]
    series = marked["panel"].series_id
    assert len(rows(soup(client, f"{url}?series={series}"))) == 1
    assert len(rows(soup(client, f"{url}?status=draft"))) == 5  # ignored for the public
    anonymous = soup(client, url)
    assert anonymous.select_one("#filter-status") is None
    assert all(anonymous.find("label", attrs={"for": s["id"]}) for s in anonymous.select("select"))
    drafts = rows(soup(officer, f"{url}?status=draft"))
    assert len(drafts) == 1 and DRAFT_MARK in drafts[0]
    assert len(rows(soup(officer, url))) == 6


def test_meeting_list_pages_by_fifty(client: Client, marked: dict[str, Meeting]) -> None:
    series = Series.objects.get(pk=marked["panel"].series_id)
    Meeting.objects.bulk_create(
        Meeting(series=series, title=f"Extra {n}", date=dt.date(2010, 1, 1) + dt.timedelta(n))
        for n in range(50)
    )
    first = soup(client, reverse("web:meeting_list"))
    assert len(rows(first)) == 50
    assert first.select_one(".govuk-pagination__next a")["href"] == "?page=2"
    second = soup(client, reverse("web:meeting_list") + f"?series={series.pk}&page=2")
    assert len(rows(second)) == 1
    assert "series=" in second.select_one(".govuk-pagination__prev a")["href"]


def test_source_links_open_the_text_with_the_span_highlighted(
    client: Client, marked: dict[str, Meeting]
) -> None:
    panel = marked["panel"]
    page = soup(client, reverse("web:meeting_detail", args=[panel.pk]))
    links = [a["href"] for a in page.select("main a") if "?start=" in str(a["href"])]
    assert len(links) > 5
    text = SourceDocument.objects.get(meeting=panel).text
    for href in links[:8]:
        start, end = (int(n) for n in re.findall(r"(?:start|end)=(\d+)", str(href)))
        source = soup(client, str(href))
        mark = source.select_one("pre.app-source mark#highlight")
        assert mark is not None and mark.text == text[start:end]
        assert source.select_one("pre.app-source").text == text


def test_source_without_a_span_shows_the_whole_text(
    client: Client, marked: dict[str, Meeting]
) -> None:
    page = soup(client, reverse("web:meeting_source", args=[marked["old"].pk]) + "?start=x")
    assert page.select_one("mark") is None and page.select_one("pre.app-source").text


def test_dashboard_counts_chart_and_next_meetings(
    client: Client, marked: dict[str, Meeting]
) -> None:
    page = soup(client, reverse("web:dashboard"))
    counts = {
        row.th.get_text(" ", strip=True).split()[0]: [td.get_text(strip=True) for td in row("td")]
        for row in page.select("#owner-counts tbody tr")
    }
    assert counts and all(int(cells[1]) >= 0 for cells in counts.values())
    assert (
        sum(int(cells[1]) for cells in counts.values())
        == Action.objects.filter(
            status__in=("open", "in_progress"), restricted=False, meeting__status="published"
        )
        .exclude(item__restricted=True)
        .count()
    )
    cells = page.select("svg.app-chart rect.app-chart__cell")
    assert cells and all(cell.find("title") and cell.find("title").text for cell in cells)
    assert any("Not rated" in cell.find("title").text for cell in cells)
    assert page.select_one("svg.app-chart > title").text
    assert "Not rated" in page.select_one("#chart-legend").get_text()
    # every announced date is past (the examples' latest announces 28 April 2026)
    next_rows = page.select("#next-meetings + table tbody tr")
    assert all(
        dt.date.fromisoformat(row.select_one("time")["datetime"]) >= dt.date.today()
        for row in next_rows
    )


def test_the_chart_shows_ratings(client: Client, marked: dict[str, Meeting]) -> None:
    Item.objects.filter(meeting=marked["march"], number="03/26/02").update(assurance="partly")
    page = soup(client, reverse("web:dashboard"))
    titles = [t.text for t in page.select("svg.app-chart rect title")]
    assert any(title.endswith("24 March 2026: Partly assured") for title in titles)


def test_pack_lists_open_actions_and_downloads(client: Client, marked: dict[str, Meeting]) -> None:
    url = reverse("web:meeting_pack", args=["monthly-assurance-meeting"])
    page = soup(client, url + "?body=" + marked["march"].series.body.slug)
    assert len(page.select("main section")) == 1
    assert "MAM-20260324-3" in main_text(page)
    # each open action once: under matters arising when due by the meeting, else by owner
    references = [row.td.text for row in page.select("main table tbody tr")]
    assert references and len(references) == len(set(references))
    response = client.get(url + "?download=1")
    assert response["Content-Disposition"] == (
        'attachment; filename="pack-monthly-assurance-meeting.html"'
    )
    assert BeautifulSoup(response.content, "lxml").h1 is not None
    soup(client, reverse("web:meeting_pack", args=["no-such-series"]), 404)


def test_posts_show_holders_over_time_and_actions(
    client: Client, marked: dict[str, Meeting]
) -> None:
    dcc = Post.objects.get(abbrev="DCC", body=marked["march"].series.body.force)
    page = soup(client, reverse("web:post_detail", args=[dcc.pk]))
    holders = [row.td.get_text(" ", strip=True) for row in page.select("main table")[0].tbody("tr")]
    assert holders[0] == "Laura Bennion" and holders[1].startswith("Mark Ellery")
    assert "Temporary" in holders[1]
    actions = page.select("main table")[1]
    assert actions.caption and actions.select(".govuk-tag")
    listing = soup(client, reverse("web:post_list"))
    assert [h.text for h in listing.select("main h2")] == sorted(
        h.text for h in listing.select("main h2")
    )


def test_topics_list_titles_search_and_timeline(client: Client, marked: dict[str, Meeting]) -> None:
    listing = soup(client, reverse("web:topic_list"))
    assert listing.find("label", attrs={"for": "topic-search"}) is not None
    names = [a.text for a in listing.select("#topics a")]
    assert "Stalking" not in names and "Holding to account - Mental Health" in names
    assert "Mental health" not in names  # only under the draft meeting
    response = client.get(reverse("web:topic_list") + "?q=mental")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "web:topic_detail", args=["holding-to-account-mental-health"]
    )
    page = soup(client, reverse("web:topic_detail", args=["police-and-crime-plan-performance"]))
    dates = [h.select_one("time")["datetime"] for h in page.select("#timeline > li > h2")]
    assert dates == ["2026-03-24", "2026-02-12"]  # newest first
    page = soup(client, reverse("web:topic_detail", args=["101-non-emergency"]))
    assert page.select("#timeline .govuk-tag") and page.find("h4", string="Asked")
    assert "queried" in main_text(page)


def test_topic_rows_are_listed_when_there_are_some(
    client: Client, officer: Client, marked: dict[str, Meeting]
) -> None:
    mental = Topic.objects.create(name="Mental health", slug="mental-health")
    hidden = Topic.objects.create(name="Private matters", slug="private-matters")
    mental.items.add(*Item.objects.filter(title__icontains="mental health"))
    hidden.items.add(Item.objects.get(restricted=True))
    names = [a.text for a in soup(client, reverse("web:topic_list")).select("#topics a")]
    assert names == ["Mental health"]
    names = [a.text for a in soup(officer, reverse("web:topic_list")).select("#topics a")]
    assert names == ["Mental health", "Private matters"]
    page = soup(client, reverse("web:topic_detail", args=["private-matters"]))
    assert not page.select("#timeline li") and ITEM_MARK not in page.decode()
    officers = soup(officer, reverse("web:topic_detail", args=["mental-health"]))
    assert len(officers.select("#timeline > li")) == 2
