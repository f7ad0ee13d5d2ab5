"""Reminders as a background job (django-tasks), so they can run from the queue."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from watching_brief.tracker.access import own_posts
from watching_brief.tracker.notify.notices import reminder_digests, send


@task()
def send_reminders(days: int = 14) -> dict[str, Any]:
    """Send today's reminder digests; report what was sent and which posts have no address."""
    digests = reminder_digests(timezone.localdate(), days)
    sent = send([message for digest in digests for message in digest.messages])
    return {
        "sent": sent,
        "posts": [str(digest.post) for digest in digests if digest.recipients],
        "no_address": [str(digest.post) for digest in digests if not digest.recipients],
    }


@task()
def send_own_digest(user_id: int, days: int = 14) -> dict[str, Any]:
    """Send a contributor, at their own address, the digests of the posts they are linked
    to (asked for from their work list); report how many were sent."""
    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return {"sent": 0, "posts": []}
    digests = reminder_digests(timezone.localdate(), days, own_posts(user), to=user.email)
    sent = send([message for digest in digests for message in digest.messages])
    return {"sent": sent, "posts": [str(digest.post) for digest in digests]}
