"""The retention of questioners' details as a background job (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from watching_brief.tracker.participation.services import erase_expired


@task()
def erase_expired_questioners() -> dict[str, int]:
    """Erase the names and addresses of questioners past their body's retention period."""
    return {"erased": erase_expired()}
