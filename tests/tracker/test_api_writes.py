"""The JSON API's writes with bearer tokens (401 / 403 / success), and its rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.api.auth import create_token, hash_key
from watching_brief.tracker.api.models import ApiToken
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password


@pytest.fixture(autouse=True)
def generous_rate_limit(settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 100_000
    cache.clear()


@pytest.fixture
def examples(db: None) -> None:
    ingest_paths([EXAMPLES])


@pytest.fixture
def tokens(examples: None) -> dict[str, str]:
    return {
        "officer": create_token(create_account("olivia", PASSWORD, "officer", [])),
        "contributor": create_token(create_account("force-dcc", PASSWORD, "contributor", ["DCC"])),
    }


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def open_action(**filters: Any) -> Action:
    action = Action.objects.filter(meeting__status="published", restricted=False, **filters)
    found = action.exclude(status__in=["closed", "dropped"]).exclude(item__restricted=True).first()
    assert found is not None
    return found


def post(client: Client, url: str, data: dict[str, Any], key: str | None = None) -> Any:
    """A write carrying the action's version as read now (unless the test gives one)."""
    headers = bearer(key) if key else {}
    if "version" not in data and url.startswith("/api/actions/"):
        action_id = int(url.split("/")[3])
        data = {**data, "version": Action.objects.get(pk=action_id).revision}
    return client.post(url, data, content_type="application/json", **headers)


def test_tokens_are_stored_only_as_hashes(tokens: dict[str, str]) -> None:
    key = tokens["officer"]
    stored = ApiToken.objects.get(key_hash=hash_key(key))
    assert key not in stored.key_hash and stored.last_used is None
    assert not ApiToken.objects.filter(key_hash=key).exists()


@pytest.mark.parametrize("path", ["updates", "close"])
def test_writes_need_a_valid_token(client: Client, tokens: dict[str, str], path: str) -> None:
    action = open_action()
    url = f"/api/actions/{action.pk}/{path}"
    data = {"text": "x", "status": "closed"}
    assert post(client, url, data).status_code == 401
    assert post(client, url, data, "not-a-real-key").status_code == 401
    response = client.post(url, data, content_type="application/json", HTTP_AUTHORIZATION="Basic x")
    assert response.status_code == 401
    assert Action.objects.get(pk=action.pk).status == action.status


def test_contributor_updates_an_action_of_their_post(client: Client, tokens: dict) -> None:
    action = open_action(owner_post__abbrev="DCC")
    data = {"text": "Plan shared on 3 March", "evidence": "Email", "status": "done"}
    response = post(client, f"/api/actions/{action.pk}/updates", data, tokens["contributor"])
    assert response.status_code == 201, response.content
    body = response.json()
    # signed with the post, never the account name (only officers see account names)
    assert body["author"] == "DCC" and body["status"] == "done"
    assert Action.objects.get(pk=action.pk).status == "done"
    assert ApiToken.objects.get(key_hash=hash_key(tokens["contributor"])).last_used is not None
    detail = client.get(f"/api/actions/{action.pk}").json()
    assert detail["updates"][-1]["text"] == "Plan shared on 3 March"


def test_contributor_may_not_update_others_nor_close(client: Client, tokens: dict) -> None:
    key = tokens["contributor"]
    others = Action.objects.filter(meeting__status="published", restricted=False).exclude(
        owner_post__abbrev="DCC"
    )
    url = f"/api/actions/{others[0].pk}/updates"
    assert post(client, url, {"text": "Done"}, key).status_code == 403
    own = open_action(owner_post__abbrev="DCC")
    close = post(client, f"/api/actions/{own.pk}/close", {"status": "closed"}, key)
    assert close.status_code == 403
    sneaky = post(client, f"/api/actions/{own.pk}/updates", {"text": "x", "status": "closed"}, key)
    assert sneaky.status_code == 422
    assert not ActionUpdate.objects.filter(action=own, text="x").exists()
    assert Action.objects.get(pk=own.pk).status == own.status


def test_a_restricted_action_of_their_post_is_open_to_its_contributor(
    client: Client, tokens: dict
) -> None:
    """Finding 13: the contributor of the owner post sees and updates an action set for
    that post in a restricted item; a contributor of another post is told nothing."""
    action = open_action(owner_post__abbrev="DCC", item__isnull=False)
    item = action.item
    assert item is not None
    item.restricted = True
    item.save()
    action.refresh_from_db()
    assert action.effective_restricted and not action.restricted
    url = f"/api/actions/{action.pk}/updates"
    other = create_token(create_account("force-acc", PASSWORD, "contributor", ["ACC"]))
    assert post(client, url, {"text": "x"}, other).status_code == 404
    assert client.get(f"/api/actions/{action.pk}", **bearer(other)).status_code == 404
    assert client.get(f"/api/actions/{action.pk}").status_code == 404  # the public
    seen = client.get(f"/api/actions/{action.pk}", **bearer(tokens["contributor"]))
    assert seen.status_code == 200 and seen.json()["may_update"] is True
    assert post(client, url, {"text": "Done"}, tokens["contributor"]).status_code == 201
    meeting = client.get(f"/api/meetings/{action.meeting_id}", **bearer(tokens["contributor"]))
    assert item.title not in meeting.content.decode()  # nothing else restricted


def test_officer_closes_an_action(client: Client, tokens: dict) -> None:
    action = open_action(status="open")
    url = f"/api/actions/{action.pk}/close"
    response = post(client, url, {"status": "closed", "note": "Accepted"}, tokens["officer"])
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "closed" and body["updates"][-1]["text"] == "Accepted"
    latest = Action.history.filter(id=action.pk).order_by("-history_date").first()
    assert latest is not None and latest.history_user.username == "olivia"
    assert post(client, url, {"status": "finished"}, tokens["officer"]).status_code == 422


def test_requests_over_the_limit_get_429(client: Client, examples: None, settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/bodies").status_code == 200
    refused = client.get("/api/bodies")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get("/api/bodies", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_limit_counts_per_token_and_failed_writes(
    client: Client, tokens: dict, settings: Any
) -> None:
    settings.BRIEF_API_RATE_LIMIT = 2
    action = open_action()
    url = f"/api/actions/{action.pk}/close"
    assert post(client, url, {"status": "closed"}, "wrong").status_code == 401
    assert post(client, url, {"status": "closed"}, "wrong").status_code == 401
    refused = post(client, url, {"status": "closed"}, "wrong")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    key = tokens["officer"]
    for address in ("10.0.0.1", "10.0.0.2"):
        assert client.get("/api/bodies", REMOTE_ADDR=address, **bearer(key)).status_code == 200
    refused = client.get("/api/bodies", REMOTE_ADDR="10.0.0.3", **bearer(key))
    assert refused.status_code == 429


def test_an_update_on_a_reviewed_bodys_action_waits_and_says_so(
    client: Client, tokens: dict[str, str]
) -> None:
    action = open_action(owner_post__abbrev="DCC")
    body = action.meeting.series.body
    body.review_updates = True
    body.save()
    text = "Waiting for an officer: MARKER-API-WAITING-3e7c"
    response = post(
        client, f"/api/actions/{action.pk}/updates", {"text": text, "status": "done"},
        tokens["contributor"],
    )  # fmt: skip
    assert response.status_code == 201
    assert (response.json()["review"], response.json()["status"]) == ("pending", "done")
    action.refresh_from_db()
    assert action.status != "done"  # proposed only
    assert text not in client.get(f"/api/actions/{action.pk}").content.decode()
    mine = client.get(f"/api/actions/{action.pk}", **bearer(tokens["contributor"])).json()
    assert [u["review"] for u in mine["updates"] if u["text"] == text] == ["pending"]
