"""Alerts: following by e-mail (double opt-in, digests, one-click unsubscribe) over a real
SMTP server, webhooks against a real local HTTP server, and no restricted or unpublished
content in any message or payload."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.tracker.smtp import Inbox, smtp_server
from tests.tracker.test_publication import (
    ACTION_IN_ITEM,
    ACTION_RESTRICTED,
    ITEM_TEXT,
    ITEM_TITLE,
    QUESTION_IN_ITEM,
    Built,
    build_meeting,
)
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.actions.services import record_update
from watching_brief.tracker.alerts import jobs, services
from watching_brief.tracker.alerts.models import Delivery, Subscription, Webhook
from watching_brief.tracker.api.auth import create_token
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Topic
from watching_brief.tracker.web.accounts import create_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
HIDDEN = (ITEM_TEXT, ITEM_TITLE, ACTION_IN_ITEM, ACTION_RESTRICTED, QUESTION_IN_ITEM)


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    with smtp_server(settings) as delivered:
        yield delivered


@pytest.fixture
def officer() -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


@pytest.fixture
def built() -> Built:
    built = build_meeting()
    topic = Topic.objects.create(name="Call handling", slug="call-handling")
    built.public_item.topics.add(topic)
    built.restricted_item.topics.add(topic)
    return built


def publish(built: Built, officer: Any) -> None:
    publication.approve(built.meeting, officer)
    publication.publish(built.meeting, officer)


def follow(client: Client, query: str, email: str, frequency: str = "immediate") -> Subscription:
    url = reverse("web:alert_new") + query
    response = client.post(url, {"email": email, "frequency": frequency, "website": ""})
    assert response.status_code == 302, response.content[:500]
    return Subscription.objects.get(email=email)


def confirm(client: Client, subscription: Subscription) -> None:
    url = reverse("web:alert_confirm", args=[subscription.token])
    assert client.post(url).status_code == 302
    subscription.refresh_from_db()


def assert_clean(text: str) -> None:
    for marker in HIDDEN:
        assert marker not in text, marker


def test_double_opt_in_then_a_digest_with_one_click_unsubscribe(
    client: Client,
    inbox: Inbox,
    built: Built,
    officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        subscription = follow(client, "?topic=call-handling", "reader@example.org")
    [asking] = inbox.to("reader@example.org")
    assert asking["Subject"] == "Confirm your alerts about the topic Call handling"
    assert f"/alerts/{subscription.token}/confirm/" in asking.get_content()
    # a link scanner following the link confirms nothing; the button does
    assert client.get(reverse("web:alert_confirm", args=[subscription.token])).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed is None
    publish(built, officer)
    assert services.run().emails == 0  # not confirmed: nothing sent
    assert len(inbox.messages) == 1

    confirm(client, subscription)
    assert subscription.confirmed is not None
    assert services.run().emails == 0  # the publication before confirming is not news
    record_update(officer, built.public_action, "Waiting times now reported weekly.", "done")
    assert services.run().emails == 1
    digest = inbox.messages[-1]
    body = digest.get_content()
    assert "T-1 is now done: Report call waiting times" in body
    assert "Waiting times now reported weekly." in body
    unsubscribe = f"http://127.0.0.1:8000/alerts/{subscription.token}/unsubscribe/"
    assert str(digest["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/alerts/{subscription.token}/" in body  # manage without an account
    assert_clean(body)

    # RFC 8058: the mail client POSTs the one-click body, with no CSRF token
    strict = Client(enforce_csrf_checks=True)
    path = reverse("web:alert_unsubscribe", args=[subscription.token])
    response = strict.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    record_update(officer, built.public_action, "Reopened.", "in_progress")
    assert services.run().emails == 0


def test_publishing_queues_the_alerts_after_commit(
    built: Built,
    officer: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Subscription.objects.create(
        email="a@example.org", kind="body", body=built.meeting.series.body,
        confirmed=timezone.now(),
    )  # fmt: skip
    queued: list[Any] = []

    class Queue:
        def enqueue(self, *args: Any, **kwargs: Any) -> None:
            queued.append(args)

    monkeypatch.setattr(jobs, "send_alerts", Queue())
    with django_capture_on_commit_callbacks(execute=True):
        publication.approve(built.meeting, officer)  # approving alone queues nothing
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish(built.meeting, officer)
    assert len(queued) == 1


def test_a_restricted_match_never_triggers_or_appears(
    inbox: Inbox, built: Built, officer: Any
) -> None:
    now = timezone.now()
    # One follower of a phrase found only in the restricted item, one of a phrase found in
    # public and restricted text, one of the post owning only a restricted action.
    only_hidden = Subscription.objects.create(
        email="hidden@example.org", kind="phrase", phrase=ITEM_TEXT, confirmed=now
    )
    both = Subscription.objects.create(
        email="both@example.org", kind="phrase", phrase="call waiting", confirmed=now
    )
    acc = Subscription.objects.create(
        email="acc@example.org", kind="post", post=built.acc, confirmed=now
    )
    for one in (only_hidden, both, acc):
        services.confirm(one)  # marks start now
    publish(built, officer)
    restricted = Action.objects.get(reference="T-3")
    record_update(officer, restricted, f"{ACTION_RESTRICTED} moved on", "done")
    record_update(officer, built.public_action, "Call waiting report sent", "done")
    report = services.run()
    assert report.emails == 1
    assert inbox.to("hidden@example.org") == [] and inbox.to("acc@example.org") == []
    [message] = inbox.to("both@example.org")
    text = message.as_string()
    assert "Notes published: Assurance Board" in message.get_content()
    assert_clean(text)


def test_weekly_digests_wait_a_week(inbox: Inbox, built: Built, officer: Any) -> None:
    start = timezone.now()
    weekly = Subscription.objects.create(
        email="weekly@example.org", kind="series", series=built.meeting.series,
        frequency="weekly",
    )  # fmt: skip
    services.confirm(weekly, now=start - dt.timedelta(seconds=1))
    publish(built, officer)
    assert services.run(now=timezone.now()).emails == 0
    assert services.run(now=start + dt.timedelta(days=8)).emails == 1
    [message] = inbox.to("weekly@example.org")
    assert "Assurance Board" in message["Subject"]


def test_manage_alerts_without_an_account(
    client: Client, inbox: Inbox, built: Built, officer: Any
) -> None:
    publish(built, officer)  # the post is public once it owns a published action
    first = follow(client, f"?post={built.dcc.pk}", "me@example.org")
    url = reverse("web:alert_new") + "?q=call+waiting"
    client.post(url, {"email": "ME@example.org", "frequency": "weekly", "website": ""})
    assert Subscription.objects.filter(email__iexact="me@example.org").count() == 2
    page = client.get(reverse("web:alert_manage", args=[first.token])).content.decode()
    assert "the phrase \u201ccall waiting\u201d" in page
    assert "the actions of the Deputy Chief Constable (DCC)" in page
    second = Subscription.objects.get(phrase="call waiting")
    manage = reverse("web:alert_manage", args=[first.token])
    response = client.post(
        manage, {"alert": second.token, "prefix": "a1", "a1-frequency": "immediate"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.frequency == "immediate"
    client.post(manage, {"alert": second.token, "stop": "1"})
    assert not Subscription.objects.filter(pk=second.pk).exists()
    assert Subscription.objects.filter(pk=first.pk).exists()


def test_the_honeypot_and_the_limit_turn_scripts_away(
    client: Client, built: Built, settings: Any
) -> None:
    url = reverse("web:alert_new") + "?q=call+waiting"
    client.post(url, {"email": "bot@example.org", "frequency": "weekly", "website": "x"})
    assert not Subscription.objects.exists()
    settings.BRIEF_ALERT_LIMITS = {"address": (1, 3600), "network": (5, 3600)}
    assert client.post(url, {"email": "a@example.org", "frequency": "weekly"}).status_code == 302
    refused = client.post(url, {"email": "a@example.org", "frequency": "immediate"})
    assert refused.status_code == 429
    assert Subscription.objects.get().frequency == "weekly"


class Receiver(BaseHTTPRequestHandler):
    """Records each POST; answers with the next status of ``statuses`` (then 200)."""

    received: list[tuple[dict[str, str], bytes]] = []
    statuses: list[int] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        status = type(self).statuses.pop(0) if type(self).statuses else 200
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[Receiver]]]:
    handler = type("Handler", (Receiver,), {"received": [], "statuses": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler
    finally:
        server.shutdown()
        server.server_close()


def test_webhooks_by_the_api_signed_and_retried(
    client: Client, receiver: tuple[str, type[Receiver]], built: Built, officer: Any
) -> None:
    url, handler = receiver
    reader = create_account("newsroom", PASSWORD, "contributor", [])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(reader)}"}
    refused = client.post(
        "/api/webhooks", {"url": "http://example.org/hook", "kind": "topic",
                          "target": "call-handling"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert refused.status_code == 422 and "HTTPS" in refused.json()["detail"]
    created = client.post(
        "/api/webhooks", {"url": url, "kind": "topic", "target": "call-handling"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    hook_id = created.json()["id"]
    listed = client.get("/api/webhooks", **auth).json()
    assert [hook["id"] for hook in listed] == [hook_id] and "secret" not in listed[0]

    handler.statuses = [500]  # the first try fails
    publish(built, officer)
    start = timezone.now()
    report = services.run(now=start)
    assert (report.queued, report.delivered, report.retrying) == (1, 0, 1)
    delivery = Delivery.objects.get()
    assert delivery.next_attempt == start + dt.timedelta(minutes=1)
    assert services.run(now=start + dt.timedelta(seconds=30)).delivered == 0  # not yet
    assert services.run(now=start + dt.timedelta(minutes=2)).delivered == 1
    assert len(handler.received) == 2
    headers, body = handler.received[-1]
    expected = hmac.new(
        secret.encode(), headers["X-Brief-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Brief-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["event"] == "notes_published"
    assert payload["url"].endswith(f"/meetings/{built.meeting.pk}/")
    assert_clean(body.decode())
    deliveries = client.get(f"/api/webhooks/{hook_id}/deliveries", **auth).json()
    assert deliveries[0]["attempts"] == 2 and deliveries[0]["delivered"]
    other = {"HTTP_AUTHORIZATION": f"Bearer {create_token(officer)}"}
    assert client.delete(f"/api/webhooks/{hook_id}", **other).status_code == 404
    assert client.delete(f"/api/webhooks/{hook_id}", **auth).status_code == 204
    assert not Webhook.objects.exists()


def test_an_update_waiting_for_review_alerts_only_once_approved(
    inbox: Inbox, built: Built, officer: Any
) -> None:
    from watching_brief.tracker.actions.services import approve_update

    body = built.meeting.series.body
    body.review_updates = True
    body.save()
    follower = Subscription.objects.create(email="f@example.org", kind="post", post=built.dcc)
    services.confirm(follower)
    publish(built, officer)
    assert services.run().emails == 1  # the notes: the DCC owns a public action in them
    contributor = create_account("force-dcc", PASSWORD, "contributor", ["DCC"])
    waiting = record_update(contributor, built.public_action, "Waiting words.", "done")
    assert waiting.review == "pending"
    assert services.run().emails == 0  # not shown yet: no alert
    approve_update(officer, waiting)
    assert services.run().emails == 1
    assert "Waiting words." in inbox.to("f@example.org")[-1].get_content()
    assert services.run().emails == 0  # once only
