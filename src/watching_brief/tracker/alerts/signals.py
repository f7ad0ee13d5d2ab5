"""Notes published or an action's status changed: send the alerts once the change commits
(as a job on the queue, so a slow mail server never holds up the officer's save)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

log = logging.getLogger(__name__)


def _enqueue() -> None:
    from watching_brief.tracker.alerts.jobs import send_alerts
    from watching_brief.tracker.alerts.models import Subscription, Webhook

    try:
        followed = Subscription.objects.filter(confirmed__isnull=False).exists()
        if followed or Webhook.objects.filter(active=True).exists():
            send_alerts.enqueue()
    except Exception:  # alerts must never break the save that triggered them
        log.exception("Could not queue the alerts")


def _meeting_saved(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """Only the step that publishes (it sets ``published_at``), not every later save."""
    published = instance.status == "published" and instance.published_at is not None
    if not raw and published and update_fields and "published_at" in update_fields:
        transaction.on_commit(_enqueue)


def _update_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.status:
        transaction.on_commit(_enqueue)


def connect() -> None:
    post_save.connect(_meeting_saved, sender="meetings.Meeting", dispatch_uid="alerts-meeting")
    post_save.connect(_update_saved, sender="actions.ActionUpdate", dispatch_uid="alerts-update")
