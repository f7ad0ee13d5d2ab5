"""Following things: subscribe and confirm, unsubscribe, and the runs that send digests
and webhook deliveries. A run takes each interest under a row lock (skipped when another
worker holds it), so workers on several machines never send one change twice."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from watching_brief.tracker.alerts import webhooks
from watching_brief.tracker.alerts.changes import Mark, changes_for, current_mark
from watching_brief.tracker.alerts.mail import confirmation, digest
from watching_brief.tracker.alerts.models import Delivery, Interest, Subscription, Webhook
from watching_brief.tracker.notify.notices import send, send_after_commit

log = logging.getLogger(__name__)
WEEK = dt.timedelta(days=7)
TARGETS = ("body", "series", "topic", "post", "phrase")


def target_fields(kind: str, target: Any) -> dict[str, Any]:
    """The model fields naming what is followed, e.g. ``{"topic": topic}``."""
    if kind not in TARGETS:
        raise ValueError(f"Cannot follow a {kind!r}")
    return {kind: target}


@transaction.atomic
def subscribe(email: str, kind: str, target: Any, frequency: str) -> Subscription:
    """An unconfirmed alert, and the e-mail asking its address to confirm it.

    Asking again for the same thing sends the confirmation again (or, when confirmed,
    just changes how often); it never makes a second alert.
    """
    fields = target_fields(kind, target)
    existing = Subscription.objects.filter(email__iexact=email, kind=kind, **fields).first()
    if existing is not None:
        existing.frequency = frequency
        existing.save(update_fields=["frequency"])
        if existing.confirmed is None:
            send_after_commit([confirmation(existing)])
        return existing
    subscription = Subscription.objects.create(
        email=email, kind=kind, frequency=frequency, **fields
    )
    send_after_commit([confirmation(subscription)])
    return subscription


def _start(interest: Interest, now: dt.datetime) -> None:
    mark = current_mark(now)
    interest.sent_update, interest.sent_at = mark.update, mark.at


@transaction.atomic
def confirm(subscription: Subscription, now: dt.datetime | None = None) -> None:
    """Start the alert: from now on, changes are sent (nothing from before)."""
    if subscription.confirmed is not None:
        return
    now = now or timezone.now()
    subscription.confirmed = now
    _start(subscription, now)
    subscription.save(update_fields=["confirmed", "sent_update", "sent_at"])


def create_webhook(owner: Any, url: str, kind: str, target: Any) -> Webhook:
    if not webhooks.allowed_url(url):
        raise ValueError("The webhook address must use HTTPS.")
    hook = Webhook(owner=owner, url=url, kind=kind, **target_fields(kind, target))
    _start(hook, timezone.now())
    hook.save()
    return hook


@dataclass(slots=True)
class RunReport:
    emails: int = 0
    queued: int = 0
    delivered: int = 0
    retrying: int = 0
    given_up: int = 0


def _advance(interest: Interest, mark: Mark) -> None:
    interest.sent_update, interest.sent_at = mark.update, mark.at
    interest.save(update_fields=["sent_update", "sent_at"])


def _due_subscriptions(now: dt.datetime, weekly: bool) -> list[int]:
    confirmed = Subscription.objects.filter(confirmed__isnull=False)
    immediate = confirmed.filter(frequency=Subscription.Frequency.IMMEDIATE)
    due = list(immediate.values_list("pk", flat=True))
    if weekly:
        week = confirmed.filter(frequency=Subscription.Frequency.WEEKLY, sent_at__lte=now - WEEK)
        due += week.values_list("pk", flat=True)
    return due


def send_digests(now: dt.datetime, weekly: bool = True) -> int:
    """E-mail each confirmed alert that is due the changes since its last digest."""
    mark = current_mark(now)
    sent = 0
    for pk in _due_subscriptions(now, weekly):
        try:
            with transaction.atomic():
                locked = Subscription.objects.select_for_update(
                    skip_locked=True, of=("self",)
                ).filter(pk=pk)
                subscription = locked.select_related(
                    "series__body", "body", "topic", "post"
                ).first()
                if subscription is None:
                    continue
                changes = changes_for(subscription, mark)
                if changes:
                    sent += send([digest(subscription, changes)])
                _advance(subscription, mark)
        except Exception:  # one bad address or a dropped connection must not stop the run
            log.exception("Could not send the alert %s", pk)
    return sent


def queue_webhooks(now: dt.datetime) -> int:
    """One delivery per change for each active webhook."""
    mark = current_mark(now)
    site = str(getattr(settings, "BRIEF_SITE_URL", "")).rstrip("/")
    queued = 0
    for pk in Webhook.objects.filter(active=True).values_list("pk", flat=True):
        with transaction.atomic():
            hook = Webhook.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if hook is None:
                continue
            for change in changes_for(hook, mark):
                Delivery.objects.create(
                    webhook=hook, event=change.event, payload=change.as_json(site), next_attempt=now
                )
                queued += 1
            _advance(hook, mark)
    return queued


def deliver_due(now: dt.datetime, report: RunReport) -> None:
    due = Delivery.objects.filter(
        delivered__isnull=True, failed=False, next_attempt__lte=now, webhook__active=True
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("webhook")
                .filter(pk=pk, delivered__isnull=True)
                .first()
            )
            if delivery is None:
                continue
            if webhooks.attempt(delivery, now):
                report.delivered += 1
            elif delivery.failed:
                report.given_up += 1
            else:
                report.retrying += 1


def run(now: dt.datetime | None = None, weekly: bool = True) -> RunReport:
    """Send what is due: e-mail digests, new webhook deliveries and retries."""
    now = now or timezone.now()
    report = RunReport()
    report.emails = send_digests(now, weekly)
    report.queued = queue_webhooks(now)
    deliver_due(now, report)
    return report
