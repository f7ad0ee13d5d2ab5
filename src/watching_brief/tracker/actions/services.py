"""Changes to actions that every front end makes the same way (web pages, API).

Every write carries the action's ``revision`` as the writer read it: a write made from an
older reading is refused (:class:`StaleAction`, with the status and latest update saved
since), so the later of two saves never silently undoes the earlier. Once an officer has
accepted a closure (closed or dropped), only an officer may change the status again
(:class:`ClosureAccepted`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from watching_brief.tracker.actions.models import Action, ActionUpdate

ACCEPTED = (Action.Status.CLOSED, Action.Status.DROPPED)


class ActionChangeError(ValueError):
    """A write to an action that cannot be made."""


class ClosureAccepted(ActionChangeError):
    """A contributor tried to change the status of an action an officer closed."""

    def __init__(self, action: Action) -> None:
        label = Action.Status(action.status).label.lower()
        super().__init__(
            f"{action.reference} is {label}: an officer accepted its closure, so only an "
            "officer can change its status. You can still add an update without a status."
        )


class StaleAction(ActionChangeError):
    """The action was changed by someone else after the writer read it.

    ``theirs`` is what was saved since (status, latest update), ``yours`` what this
    write would have saved, and ``revision`` the action's revision now.
    """

    def __init__(self, action: Action, yours: dict[str, str]) -> None:
        super().__init__(
            f"{action.reference} was changed by someone else after you opened it; nothing "
            "was saved. Compare your update with the one saved since, then send it again."
        )
        latest = action.updates.order_by("-date", "-pk").first()
        self.theirs = {"status": Action.Status(action.status).label}
        if latest is not None:
            self.theirs["update"] = latest.text
        self.yours = yours
        self.revision = action.revision


def record_update(
    user: Any,
    action: Action,
    text: str,
    status: str,
    evidence: str = "",
    *,
    revision: int | None = None,
    officer: bool = False,
) -> ActionUpdate:
    """Add a dated update by ``user`` and move the action to its new status, if any.

    ``revision`` is the action's revision as the writer read it (None: no check, for
    callers holding no page); ``officer`` whether the writer may change the status of a
    closure already accepted. Raises :class:`StaleAction` or :class:`ClosureAccepted`
    and saves nothing then.
    """
    with transaction.atomic():
        current = Action.objects.select_for_update().get(pk=action.pk)
        if revision is not None and revision != current.revision:
            yours = {"status": Action.Status(status).label if status else "", "update": text}
            raise StaleAction(current, {k: v for k, v in yours.items() if v})
        if status and status != current.status and current.status in ACCEPTED and not officer:
            raise ClosureAccepted(current)
        update = ActionUpdate.objects.create(
            action=current,
            date=timezone.localdate(),
            author=user,
            author_name=user.get_full_name() or user.get_username(),
            text=text,
            evidence=evidence,
            status=status,
        )
        if status and status != current.status:
            current.status = status
            current._history_user = user  # type: ignore[attr-defined]  # who, in the history
            current.save()
    action.status, action.revision = current.status, current.revision
    return update
