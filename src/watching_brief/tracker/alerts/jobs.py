"""Alerts as background jobs (django-tasks): run after notes are published or an action's
status changes, and from cron or the queue for weekly digests and webhook retries."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from watching_brief.tracker.alerts.services import run


@task()
def send_alerts(weekly: bool = False) -> dict[str, int]:
    return asdict(run(weekly=weekly))
