"""Webhook deliveries: a JSON POST signed with the hook's secret (HMAC-SHA256 over the
timestamp and the body), retried with exponential back-off until delivered or given up."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from typing import Any

from django.utils import timezone

from watching_brief.tracker.alerts.models import Delivery

MAX_ATTEMPTS = 8
FIRST_WAIT = dt.timedelta(minutes=1)
TIMEOUT = 10  # seconds for one POST
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def allowed_url(url: str) -> bool:
    """HTTPS only; plain HTTP only to this machine (for a local receiver)."""
    if url.startswith("https://"):
        return True
    host = url.removeprefix("http://").split("/")[0].rsplit(":", 1)[0]
    return url.startswith("http://") and host in LOOPBACK


def backoff(attempts: int) -> dt.timedelta:
    return FIRST_WAIT * int(2 ** max(attempts - 1, 0))


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked by allowed_url
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return int(response.status)


def attempt(delivery: Delivery, now: dt.datetime | None = None) -> bool:
    """Try one delivery once; record the result and the next try. True when delivered."""
    now = now or timezone.now()
    hook = delivery.webhook
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    timestamp = str(int(now.timestamp()))
    headers: dict[str, Any] = {
        "Content-Type": "application/json",
        "User-Agent": "Watching Brief webhooks",
        "X-Brief-Event": delivery.event,
        "X-Brief-Delivery": str(delivery.pk),
        "X-Brief-Timestamp": timestamp,
        "X-Brief-Signature": sign(hook.secret, timestamp, body),
    }
    delivery.attempts += 1
    error = ""
    try:
        if not allowed_url(hook.url):
            raise ValueError("the address must use HTTPS")
        status = _post(hook.url, body, headers)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except urllib.error.HTTPError as failure:
        error = f"HTTP {failure.code}"
    except (OSError, ValueError) as failure:
        error = str(failure)[:300] or type(failure).__name__
    if not error:
        delivery.delivered, delivery.last_error = now, ""
    else:
        delivery.last_error = error
        delivery.failed = delivery.attempts >= MAX_ATTEMPTS
        delivery.next_attempt = now + backoff(delivery.attempts)
    delivery.save(update_fields=["attempts", "delivered", "last_error", "failed", "next_attempt"])
    return not error
