"""Changes to actions that every front end makes the same way (web pages, API)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from watching_brief.tracker.actions.models import Action, ActionUpdate


def record_update(
    user: Any, action: Action, text: str, status: str, evidence: str = ""
) -> ActionUpdate:
    """Add a dated update by ``user`` and move the action to its new status, if any."""
    update = ActionUpdate.objects.create(
        action=action,
        date=timezone.localdate(),
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        text=text,
        evidence=evidence,
        status=status,
    )
    if status and status != action.status:
        action.status = status
        action._history_user = user  # type: ignore[attr-defined]  # who, in the history
        action.save()
    return update
