"""Changes to actions that every front end makes the same way (web pages, API).

Every write carries the action's ``revision`` as the writer read it: a write made from an
older reading is refused (:class:`StaleAction`, with the status and latest update saved
since), so the later of two saves never silently undoes the earlier. Once an officer has
accepted a closure (closed or dropped), only an officer may change the status again
(:class:`ClosureAccepted`).

Where the body reviews the force's updates (``Body.review_updates``), an update by
anyone but an officer waits for an officer (:func:`approve_update` shows it and applies
the status it proposes; :func:`return_update` sends it back with a note, keeping its
text). An officer accepts a closure the force marked done (:func:`accept_closure`), or
sends it back to in progress (:func:`send_back_closure`).
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
        waits = not officer and reviewed(current)
        update = ActionUpdate.objects.create(
            action=current,
            date=timezone.localdate(),
            author=user,
            author_name=user.get_full_name() or user.get_username(),
            text=text,
            evidence=evidence,
            status=status,
            review=ActionUpdate.Review.PENDING if waits else ActionUpdate.Review.SHOWN,
        )
        if status and status != current.status and not waits:
            current.status = status
            current._history_user = user  # type: ignore[attr-defined]  # who, in the history
            current.save()
    action.status, action.revision = current.status, current.revision
    return update


def reviewed(action: Action) -> bool:
    """Whether the force's updates on ``action`` wait for an officer (its body's setting)."""
    return bool(
        Action.objects.filter(pk=action.pk, meeting__series__body__review_updates=True).exists()
    )


class NotWaiting(ActionChangeError):
    """An officer acted on an update that no longer waits (reviewed by someone else)."""

    def __init__(self, update: ActionUpdate) -> None:
        super().__init__(
            f"The update on {update.action.reference} of {update.date:%d %B %Y} was already "
            "reviewed; nothing was changed."
        )


def _review(user: Any, update: ActionUpdate, outcome: str, note: str = "") -> ActionUpdate:
    """Mark a waiting update reviewed (``outcome``); returns it locked and saved."""
    current = ActionUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    if current.review != ActionUpdate.Review.PENDING:
        raise NotWaiting(current)
    current.review = outcome
    current.review_note = note
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    current.save(update_fields=["review", "review_note", "reviewed_by", "reviewed_at"])
    return current


def approve_update(user: Any, update: ActionUpdate) -> str:
    """Show a waiting update and move its action to the status it proposes, unless an
    officer accepted the action's closure since (its status then stays). Returns what
    happened, in words."""
    with transaction.atomic():
        current = _review(user, update, ActionUpdate.Review.SHOWN)
        action = Action.objects.select_for_update().get(pk=current.action_id)
        wanted = current.status
        done = f"The update on {action.reference} is approved and shown."
        if wanted and wanted != action.status:
            if action.status in ACCEPTED:
                label = Action.Status(action.status).label.lower()
                return f"{done} The action stays {label}: its closure was accepted."
            action.status = wanted
            action._history_user = user  # type: ignore[attr-defined]
            action.save()
            done += f" {action.reference} is now {Action.Status(wanted).label.lower()}."
    return done


def return_update(user: Any, update: ActionUpdate, note: str) -> ActionUpdate:
    """Send a waiting update back to the force with ``note``; it is never shown, and its
    text stays for its author to read (and write again)."""
    with transaction.atomic():
        return _review(user, update, ActionUpdate.Review.RETURNED, note)


CLOSURE_SENT_BACK = "Closure not accepted: sent back to the force."


def accept_closure(user: Any, action: Action, note: str, revision: int) -> ActionUpdate:
    """An officer accepts the force's "done": the action is closed."""
    return record_update(
        user, action, note or "Closure accepted.", Action.Status.CLOSED,
        revision=revision, officer=True,
    )  # fmt: skip


def send_back_closure(user: Any, action: Action, note: str, revision: int) -> ActionUpdate:
    """An officer does not accept the force's "done": the action is in progress again."""
    return record_update(
        user, action, note or CLOSURE_SENT_BACK, Action.Status.IN_PROGRESS,
        revision=revision, officer=True,
    )  # fmt: skip
