"""The JSON API's reads: the public view never holds anything hidden, officers see it all,
the action filters give the web log's rows, paging, and ETags with conditional requests."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import EXAMPLES
from watching_brief.tracker.access.flags import sync_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.api.api import api
from watching_brief.tracker.api.auth import create_token
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.roles import visible_actions

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
ITEM_MARKER = "MARKER-API-ITEM-5d2e"
ACTION_MARKER = "MARKER-API-ACTION-8a41"
DRAFT_MARKER = "MARKER-API-DRAFT-c3f7"
MARKERS = (ITEM_MARKER, ACTION_MARKER, DRAFT_MARKER)


@pytest.fixture(autouse=True)
def generous_rate_limit(settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 100_000
    cache.clear()


@pytest.fixture
def examples(db: None) -> None:
    ingest_paths([EXAMPLES])


@pytest.fixture
def hidden(examples: None) -> dict[str, Any]:
    """A restricted item, a restricted action and a draft meeting, each with a marker."""
    meetings = list(Meeting.objects.order_by("date"))
    draft = meetings[0]
    draft_title = f"{DRAFT_MARKER} {draft.title}"
    Meeting.objects.filter(pk=draft.pk).update(title=draft_title, status="draft")
    draft.actions.update(text=f"{DRAFT_MARKER} action")
    item = Item.objects.exclude(meeting=draft).exclude(actions=None).order_by("pk").first()
    assert item is not None
    Item.objects.filter(pk=item.pk).update(
        title=f"{ITEM_MARKER} {item.title}", text=f"{item.text} {ITEM_MARKER}", restricted=True
    )
    item.actions.update(text=f"{ITEM_MARKER} action")
    sync_meeting(item.meeting_id)  # a queryset update bypasses the access module's signals
    action = Action.objects.exclude(meeting=draft).exclude(item=item).order_by("-pk").first()
    assert action is not None
    marked = f"{ACTION_MARKER} {action.text}"
    Action.objects.filter(pk=action.pk).update(text=marked, restricted=True)
    return {"draft": draft, "item": item, "action": action}


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


def get_json(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def every_read(client: Client) -> dict[str, str]:
    """The body of every read endpoint (each listed meeting and action too), by URL."""
    urls = ["/api/bodies", "/api/series", "/api/posts", "/api/meetings", "/api/actions"]
    urls += ["/api/meetings?status=draft", "/api/actions?topic=MARKER", "/api/actions?sort=-due"]
    bodies = {url: client.get(url).content.decode() for url in urls}
    for meeting in get_json(client, "/api/meetings", limit=200)["items"]:
        url = f"/api/meetings/{meeting['id']}"
        bodies[url] = client.get(url).content.decode()
    for action in get_json(client, "/api/actions", limit=200)["items"]:
        url = f"/api/actions/{action['id']}"
        bodies[url] = client.get(url).content.decode()
    return bodies


def test_the_public_never_sees_hidden_things(client: Client, hidden: dict[str, Any]) -> None:
    bodies = every_read(client)
    for url, body in bodies.items():
        assert not any(marker in body for marker in MARKERS), url
    assert len(bodies) > 10
    assert client.get(f"/api/meetings/{hidden['draft'].pk}").status_code == 404
    for action in [hidden["action"], *hidden["item"].actions.all(), *hidden["draft"].actions.all()]:
        assert client.get(f"/api/actions/{action.pk}").status_code == 404


def test_a_restricted_item_is_replaced_by_its_public_summary(
    client: Client, hidden: dict[str, Any]
) -> None:
    item = hidden["item"]
    Item.objects.filter(pk=item.pk).update(public_summary="Discussed in private.")
    meeting = get_json(client, f"/api/meetings/{item.meeting_id}")
    (shown,) = [entry for entry in meeting["items"] if entry["id"] == item.pk]
    assert shown["withheld"] and shown["title"] == "Restricted item"
    assert shown["public_summary"] == "Discussed in private."
    assert shown["text"] == "" and shown["actions"] == []


@pytest.mark.parametrize("how", ["session", "token"])
def test_officers_see_hidden_things(
    client: Client, hidden: dict[str, Any], officer: Any, how: str
) -> None:
    if how == "session":
        client.force_login(officer)
    else:
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {create_token(officer)}"
    text = "".join(every_read(client).values())
    assert all(marker in text for marker in MARKERS)
    drafts = get_json(client, "/api/meetings", status="draft")["items"]
    assert [meeting["id"] for meeting in drafts] == [hidden["draft"].pk]


def test_a_bad_token_on_a_read_is_refused(client: Client, examples: None) -> None:
    response = client.get("/api/actions", HTTP_AUTHORIZATION="Bearer not-a-real-key")
    assert response.status_code == 401


def web_references(client: Client, params: dict[str, str]) -> list[str] | None:
    """The references the web log lists, or None when it rejects the filters."""
    response = client.get(reverse("web:action_list"), params)
    soup = BeautifulSoup(response.content, "html.parser")
    if soup.select_one(".govuk-error-summary"):
        return None
    rows = soup.select("table.app-action-log tbody tr")
    return [row.find("td").get_text(strip=True) for row in rows if len(row.find_all("td")) >= 6]


def web_date(name: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


FILTERS = [
    ({}, {}),
    ({"status": "closed"}, {"status": "closed"}),
    ({"status": "open_any"}, {"status": "open_any"}),
    ({"owner": "DCC"}, {"owner": "DCC"}),
    ({"owner": "PCC", "status": "open"}, {"owner": "PCC", "status": "open"}),
    ({"series": "monthly-assurance-meeting"}, {"series": "monthly-assurance-meeting"}),
    ({"overdue": "true"}, {"overdue": "on"}),
    ({"topic": "PMF plan"}, {"topic": "PMF plan"}),
    ({"due_from": "2026-03-01"}, web_date("due_from", 1, 3, 2026)),
    ({"due_to": "2026-03-31", "sort": "-due"}, {**web_date("due_to", 31, 3, 2026), "sort": "-due"}),
    ({"sort": "owner"}, {"sort": "owner"}),
]  # fmt: skip


@pytest.mark.parametrize(("api", "web"), FILTERS)
def test_action_filters_give_the_web_logs_rows(
    client: Client, hidden: dict[str, Any], officer: Any, api: dict, web: dict
) -> None:
    compared = 0
    for user in (None, officer):
        if user is not None:
            client.force_login(user)
        expected = web_references(client, web)
        if expected is None:  # the web page shows an error: an owner or series naming
            # nothing this reader may see; the API lists no action for it
            assert set(api) & {"owner", "series"}
            assert get_json(client, "/api/actions", **api)["items"] == []
            continue
        rows = get_json(client, "/api/actions", limit=200, **api)
        assert [row["reference"] for row in rows["items"]] == expected
        assert rows["total"] == len(rows["items"])
        compared += 1
    assert compared


def test_an_owner_or_series_naming_nothing_finds_nothing(client: Client, examples: None) -> None:
    unknown_body = {"series": "no-such-body/monthly-assurance-meeting", "status": "open"}
    for params in ({"series": "no-such-series"}, {"owner": "NOBODY"}, unknown_body):
        response = client.get("/api/actions", params)
        assert response.status_code == 200, params
        expected = {"total": 0, "limit": 50, "offset": 0, "next": None, "items": []}
        assert response.json() == expected


def openapi_document() -> dict[str, Any]:
    return dict(api.get_openapi_schema(path_prefix="/api/"))


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/actions", {"status": "finished"}, "query.status"),
        ("/api/actions", {"topic": "x" * 201}, "query.topic"),
        ("/api/actions", {"due_from": "last week"}, "query.due_from"),
        ("/api/meetings", {"year": "last"}, "query.year"),
        ("/api/posts", {"limit": 0}, "query.limit"),
        ("/api/actions/not-a-number", {}, "path.action_id"),
    ],
)
def test_a_value_that_is_not_valid_is_a_422_shaped_as_documented(
    client: Client, examples: None, url: str, params: dict[str, Any], field: str
) -> None:
    response = client.get(url, params)
    assert response.status_code == 422
    body = response.json()
    document = openapi_document()
    schema = {**document["paths"]["/api/actions"]["get"]["responses"][422]["content"][
        "application/json"]["schema"], "components": document["components"]}  # fmt: skip
    jsonschema.validate(body, schema)
    assert isinstance(body["detail"], str) and field in body["detail"]
    assert [error["field"] for error in body["errors"]] == [field]


def test_meeting_filters(client: Client, hidden: dict[str, Any], officer: Any) -> None:
    every = get_json(client, "/api/meetings")["items"]
    assert all(meeting["status"] == "published" for meeting in every)
    assert get_json(client, "/api/meetings", status="draft")["total"] == len(every)
    series = every[0]["series"]["id"]
    in_series = get_json(client, "/api/meetings", series=series)["items"]
    assert in_series and all(m["series"]["id"] == series for m in in_series)
    assert get_json(client, "/api/meetings", year=1999)["total"] == 0
    client.force_login(officer)
    assert get_json(client, "/api/meetings")["total"] == len(every) + 1


@pytest.mark.parametrize("url", ["/api/actions", "/api/meetings", "/api/posts", "/api/series"])
def test_paging_walks_every_row_once(client: Client, examples: None, url: str) -> None:
    everything = get_json(client, url, limit=200)
    seen = []
    for offset in range(0, everything["total"], 2):
        page = get_json(client, url, limit=2, offset=offset)
        assert page["total"] == everything["total"] and len(page["items"]) <= 2
        seen += page["items"]
    assert seen == everything["items"]
    assert client.get(url, {"limit": 0}).status_code == 422
    assert client.get(url, {"limit": 201}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422


def walk(client: Client, url: str, size: int, **params: Any) -> list[Any]:
    """Every row of a list, page after page of ``size`` by each page's ``next`` cursor."""
    rows, cursor, pages = [], None, 0
    while True:
        more = {"cursor": cursor} if cursor else {}
        page = get_json(client, url, limit=size, **params, **more)
        assert len(page["items"]) <= size and page["offset"] == 0
        rows += page["items"]
        cursor, pages = page["next"], pages + 1
        if cursor is None:
            return rows
        assert page["items"] and pages < 1000


@pytest.mark.parametrize(
    ("url", "sort"),
    [("/api/meetings", None)]
    + [("/api/actions", sort) for sort in ("date", "-date", "due", "-due", "owner", "-status")],
)
def test_cursor_pages_walk_every_row_once_in_order(
    client: Client, hidden: dict[str, Any], url: str, sort: str | None
) -> None:
    params = {"sort": sort} if sort else {}
    everything = get_json(client, url, limit=200, **params)
    assert everything["total"] > 2  # several pages of 1 (and of 2)
    for size in (1, 2):
        walked = walk(client, url, size, **params)
        assert [row["id"] for row in walked] == [row["id"] for row in everything["items"]]
    assert not any(marker in str(walked) for marker in MARKERS)


def test_a_cursor_keeps_its_place_when_rows_are_added(client: Client, examples: None) -> None:
    first = get_json(client, "/api/actions", limit=2)
    following = get_json(client, "/api/actions", limit=2, cursor=first["next"])
    oldest = Action.objects.order_by("meeting__date", "position", "pk").first()
    assert oldest is not None
    Action.objects.create(  # a new action sorts before the cursor: nothing is repeated
        meeting=oldest.meeting, reference="NEW-1", text="Added meanwhile", position=0
    )
    again = get_json(client, "/api/actions", limit=2, cursor=first["next"])
    assert again["items"] == following["items"]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "WyJkYXRlIiwgWzFdXQ"}, "cursor"),  # ours in form, but the wrong width
        ({"cursor": "WyJkYXRlIixbIngiLDEsMV1d"}, "cursor"),  # a date that is no date
        ({"cursor": "WyItZHVlIixbbnVsbCwiMjAyMC0wMS0wMSIsMSwxXV0", "sort": "date"}, "sort"),
        ({"cursor": "WyJkYXRlIixbIjIwMjAtMDEtMDEiLDEsMV1d", "offset": 3}, "offset"),
    ],
)
def test_a_cursor_not_ours_is_a_clear_error(
    client: Client, examples: None, params: dict[str, Any], problem: str
) -> None:
    response = client.get("/api/actions", params)
    assert response.status_code == 422
    assert problem in response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/bodies", "/api/actions?owner=DCC", "/api/posts"])
def test_etags_and_conditional_requests(client: Client, examples: None, url: str) -> None:
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "Authorization" in first["Vary"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_etag_changes_with_the_data_and_the_reader(
    client: Client, hidden: dict[str, Any], officer: Any
) -> None:
    action = visible_actions(AnonymousUser()).first()
    assert action is not None
    url = f"/api/actions/{action.pk}"
    etag = client.get(url)["ETag"]
    Action.objects.filter(pk=action.pk).update(due_text="some other time")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    public = client.get("/api/actions")["ETag"]
    client.force_login(officer)
    assert client.get("/api/actions", HTTP_IF_NONE_MATCH=public).status_code == 200


@pytest.mark.parametrize("field", ["owner", "series"])
def test_a_nul_in_a_filter_is_dropped(client: Client, examples: None, field: str) -> None:
    """PostgreSQL refuses NUL in text: a NUL is dropped, never a server error."""
    value = "DCC" if field == "owner" else "monthly-assurance-meeting"
    response = client.get("/api/actions", {field: value[:1] + "\x00" + value[1:]})
    assert response.status_code in {200, 422}, response.content[:200]
    assert response.json() == client.get("/api/actions", {field: value}).json()
