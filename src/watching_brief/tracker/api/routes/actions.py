"""The action log with the web page's filters, one action, and the two writes: updates
(force contributors for their posts, officers) and closures (officers only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from watching_brief.tracker.access import (
    can_close,
    can_update,
    visible_actions,
    visible_meetings,
    visible_updates,
)
from watching_brief.tracker.access.authors import update_author
from watching_brief.tracker.access.holders import current_holders
from watching_brief.tracker.actions.filters import SORTS, filtered_actions, sort_key
from watching_brief.tracker.actions.log import action_rows
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.actions.services import (
    ClosureAccepted,
    StaleAction,
    record_update,
)
from watching_brief.tracker.api.auth import BearerToken, viewer
from watching_brief.tracker.api.errors import invalid
from watching_brief.tracker.api.http import conditional, keyset
from watching_brief.tracker.api.schemas import (
    ActionDetail,
    ActionFilters,
    ActionOut,
    ActionPage,
    CloseIn,
    ConflictOut,
    Error,
    Invalid,
    KeysetPaging,
    UpdateIn,
    UpdateOut,
)

router = Router(tags=["actions"])
DETAIL_RELATED = (
    "meeting", "meeting__series", "item", "owner_post", "owner_holder", "closed_at_meeting",
)  # fmt: skip


def web_params(filters: ActionFilters) -> QueryDict:
    """The filters as the web log's query string, so both go through one form and query."""
    params = QueryDict(mutable=True)
    for name in ("status", "owner", "series", "topic", "sort"):
        if value := getattr(filters, name):
            params[name] = value
    for name in ("due_from", "due_to"):
        if date := getattr(filters, name):
            for part in ("day", "month", "year"):
                params[f"{name}_{part}"] = str(getattr(date, part))
    if filters.overdue:
        params["overdue"] = "on"
    return params


def action_outs(user: Any, actions: list[Action], today: dt.date) -> list[ActionOut]:
    """Log rows as the API gives them: holders and closing meetings only as far as the
    reader may see them."""
    holders = current_holders(user, {a.owner_post_id for a in actions if a.owner_post_id})
    closing = {a.closed_at_meeting_id for a in actions if a.closed_at_meeting_id}
    shown = set(visible_meetings(user).filter(pk__in=closing).values_list("pk", flat=True))
    outs = []
    for action, row in zip(actions, action_rows(actions, today), strict=True):  # type: ignore[arg-type]
        closed_at = row.closed_at if action.closed_at_meeting_id in shown else ""
        row = replace(
            row, holder_now=holders.get(action.owner_post_id or 0, ""), closed_at=closed_at
        )
        fields = {k: v for k, v in row.as_dict().items() if k not in {"date", "meeting", "due"}}
        fields.update(
            id=action.pk, series=row.meeting, status_label=row.status, status=action.status,
            meeting_id=action.meeting_id, meeting_date=action.meeting.date, due=action.due,
            restricted=action.restricted, version=action.revision,
        )  # fmt: skip
        outs.append(ActionOut.model_validate(fields))
    return outs


NAMING = ("owner", "series")  # filters naming a post or series: naming nothing finds nothing
WRITE_ERRORS: dict[int, Any] = {
    401: Error, 403: Error, 404: Error, 409: ConflictOut, 422: Invalid,
}  # fmt: skip


@router.get(
    "/actions",
    response={200: ActionPage, 401: Error, 422: Invalid},
    summary="Action log",
    description="An owner or series that names nothing (or nothing you may see) matches no "
    "action: an empty list, not an error.",
)
@conditional
def list_actions(
    request: HttpRequest, filters: Query[ActionFilters], paging: Query[KeysetPaging]
) -> dict[str, Any] | Status[Invalid]:
    user, today = viewer(request), timezone.localdate()
    form, actions = filtered_actions(user, web_params(filters), today, choices=False)
    if not form.is_valid():
        errors = form.errors.as_data()
        unknown = {name for name in NAMING if _names_nothing(errors.get(name, []))}
        if set(errors) - unknown:
            problems = form.errors.items()
            return Status(422, invalid({f"query.{k}": " ".join(map(str, v)) for k, v in problems}))
        actions = actions.none()
    sort = sort_key(filters.sort)
    descending = sort.startswith("-")
    columns = [(name, descending) for name in [*SORTS[sort.lstrip("-")], "pk"]]
    meta, rows = keyset(actions, paging, columns, sort)
    return {**meta, "items": action_outs(user, rows, today)}


def _names_nothing(errors: list[Any]) -> bool:
    """The field's only problem is a value that is none of its choices."""
    return bool(errors) and all(error.code == "invalid_choice" for error in errors)


def _visible(user: Any, action_id: int) -> Action:
    return get_object_or_404(visible_actions(user).select_related(*DETAIL_RELATED), pk=action_id)


def update_out(update: ActionUpdate, user: Any) -> UpdateOut:
    return UpdateOut(
        id=update.pk,
        date=update.date,
        author=update_author(update, user),
        text=update.text,
        evidence=update.evidence,
        status=update.status,
        review=update.review,
    )


def action_detail(user: Any, action: Action) -> ActionDetail:
    out = action_outs(user, [action], timezone.localdate())[0]
    updates = (
        visible_updates(user)
        .filter(action=action)
        .select_related("author", "action__meeting__series__body")
        .order_by("date", "pk")
    )
    return ActionDetail(
        **out.model_dump(),
        updates=[update_out(update, user) for update in updates],
        may_update=can_update(user, action),
        may_close=can_close(user),
    )


@router.get(
    "/actions/{action_id}",
    response={200: ActionDetail, 401: Error, 404: Error},
    summary="One action with its updates",
)
@conditional
def get_action(request: HttpRequest, action_id: int) -> ActionDetail:
    user = viewer(request)
    return action_detail(user, _visible(user, action_id))


@router.post(
    "/actions/{action_id}/updates",
    auth=BearerToken(),
    response={201: UpdateOut, **WRITE_ERRORS},
    summary="Add an update (force contributors for their posts, officers)",
    description="Send the action's `version` as read. A contributor cannot change the "
    "status of an action whose closure an officer accepted (403).",
)
def add_update(
    request: HttpRequest, action_id: int, body: UpdateIn
) -> Status[UpdateOut] | Status[ConflictOut]:
    user = request.auth  # type: ignore[attr-defined]
    action = _visible(user, action_id)
    if not can_update(user, action):
        raise HttpError(403, "You may not update this action.")
    try:
        update = record_update(
            user, action, body.text, body.status, body.evidence,
            revision=body.version, officer=can_close(user),
        )  # fmt: skip
    except StaleAction as error:
        return Status(409, conflict_out(error))
    except ClosureAccepted as error:
        raise HttpError(403, str(error)) from None
    return Status(201, update_out(update, user))


def conflict_out(error: StaleAction) -> ConflictOut:
    return ConflictOut(
        detail=str(error), version=error.revision, yours=error.yours, theirs=error.theirs
    )


@router.post(
    "/actions/{action_id}/close",
    auth=BearerToken(),
    response={
        200: ActionDetail,
        401: Error,
        403: Error,
        404: Error,
        409: ConflictOut,
        422: Invalid,
    },
    summary="Accept a closure, or drop the action (officers only)",
)
def close_action(
    request: HttpRequest, action_id: int, body: CloseIn
) -> ActionDetail | Status[ConflictOut]:
    user = request.auth  # type: ignore[attr-defined]
    action = _visible(user, action_id)
    if not can_close(user):
        raise HttpError(403, "Only officers may close an action.")
    label = Action.Status(body.status).label
    try:
        record_update(
            user, action, body.note or f"{label}.", body.status,
            revision=body.version, officer=True,
        )  # fmt: skip
    except StaleAction as error:
        return Status(409, conflict_out(error))
    return action_detail(user, _visible(user, action_id))
