"""The action log, its exports, one action's page, updates and closures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from watching_brief.tracker.access.authors import update_author
from watching_brief.tracker.actions.log import action_rows, current_holders
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.actions.services import (
    ActionChangeError,
    StaleAction,
    record_update,
)
from watching_brief.tracker.exports.action_log import action_log_sheet
from watching_brief.tracker.web.action_filters import (
    TAGS,
    filtered_actions,
    log_entries,
    reader_meetings,
    sort_headers,
    sort_key,
    spreadsheet_response,
)
from watching_brief.tracker.web.action_history import history_entries
from watching_brief.tracker.web.forms import ActionCloseForm, ActionUpdateForm, error_list
from watching_brief.tracker.web.roles import (
    can_close,
    can_update,
    visible_actions,
    visible_items,
    visible_meetings,
    visible_updates,
)

PAGE_SIZE = 50


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, actions = filtered_actions(request.user, request.GET, today)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    context = {
        "form": form,
        "errors": error_list(form) if form.is_bound and request.GET else [],
        "page": page,
        "query": others.urlencode(),
        "entries": log_entries(page.object_list, today, request.user),  # type: ignore[arg-type]
        "sort": sort_key(request.GET.get("sort", "")),
        "headers": sort_headers(request.GET),
    }
    return render(request, "web/actions/list.html", context)


@require_GET
def action_export(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    _, actions = filtered_actions(request.user, request.GET, today)
    fetched = list(actions)
    rows = action_rows(fetched, today, reader_meetings(request.user))  # type: ignore[arg-type]
    sheet = action_log_sheet(fetched, rows)
    return spreadsheet_response(
        sheet, f"actions-{today.isoformat()}", request.GET.get("format", "")
    )


def _visible_action(request: HttpRequest, pk: int) -> Action:
    actions = visible_actions(request.user).select_related(
        "meeting",
        "meeting__series",
        "item",
        "owner_post",
        "owner_holder",
        "closed_at_meeting__series",
    )
    return get_object_or_404(actions, pk=pk)


def _detail(
    request: HttpRequest,
    action: Action,
    refused: ActionChangeError | None = None,
    **forms: Any,
) -> HttpResponse:
    """The action's page, with the update and close forms (bound ones keep their input)."""
    user = request.user
    post = action.owner_post
    meetings = visible_meetings(user)
    updates = list(
        visible_updates(user)
        .filter(action=action)
        .select_related("author", "meeting__series")
        .order_by("date", "pk")
    )
    for update in updates:  # posts and offices for the public, never account names
        update.signed = update_author(update, user)  # type: ignore[attr-defined]
    item = action.item
    item_shown = item is not None and visible_items(user).filter(pk=item.pk).exists()
    closed_at = action.closed_at_meeting
    bound = [form for form in forms.values() if form.is_bound]
    context = {
        "action": action,
        "item_label": str(item)
        if item_shown
        else f"{item.number} Restricted item".strip()
        if item
        else "",
        "holder_now": current_holders({post.pk}, reader_meetings(user)).get(post.pk)
        if post
        else None,
        "closed_at": closed_at if closed_at and meetings.filter(pk=closed_at.pk) else None,
        "updates": updates,
        "history": history_entries(action, user),
        "status_colour": "red" if action.is_overdue(timezone.localdate()) else TAGS[action.status],
        "update_form": forms.get("update_form")
        or ActionUpdateForm(initial={"version": action.revision}),
        "close_form": forms.get("close_form")
        or ActionCloseForm(initial={"version": action.revision}),
        "may_update": can_update(user, action),
        "may_close": can_close(user),
        "errors": error_list(*bound),
        "refused": refused,
        "stale": refused if isinstance(refused, StaleAction) else None,
    }
    status = 400 if bound else 200
    if refused is not None:
        context["errors"] = [("#refused", str(refused))]
        status = 409 if isinstance(refused, StaleAction) else 403
    return render(request, "web/actions/detail.html", context, status=status)


def _refused(
    request: HttpRequest, action: Action, error: ActionChangeError, name: str, form: Any
) -> HttpResponse:
    """The page again with the person's text kept, the reason, and (when someone saved
    since) the text saved since; the form now carries the revision read, so sending it
    again is a choice made with both in view."""
    data = request.POST.copy()
    action.refresh_from_db()
    data[f"{form.prefix}-version"] = str(action.revision)
    return _detail(request, action, error, **{name: type(form)(data)})


@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible_action(request, pk))


@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    if not can_update(request.user, action):
        raise PermissionDenied("You may not update this action.")
    form = ActionUpdateForm(request.POST)
    if not form.is_valid():
        return _detail(request, action, update_form=form)
    status = form.cleaned_data["status"]
    data = form.cleaned_data
    try:
        update = record_update(
            request.user, action, data["text"], status, data["evidence"],
            revision=data["version"], officer=can_close(request.user),
        )  # fmt: skip
    except ActionChangeError as error:
        return _refused(request, action, error, "update_form", form)
    if update.review == ActionUpdate.Review.PENDING:
        messages.success(
            request,
            f"Your update on {action.reference} is waiting for an officer: it is shown, "
            "and any change of status made, once an officer approves it.",
        )
    else:
        messages.success(request, f"Your update on {action.reference} has been added.")
    return redirect("web:action_detail", pk=action.pk)


@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    if not can_close(request.user):
        raise PermissionDenied("Only officers may close an action.")
    form = ActionCloseForm(request.POST)
    if not form.is_valid():
        return _detail(request, action, close_form=form)
    status = form.cleaned_data["status"]
    label = Action.Status(status).label
    try:
        record_update(
            request.user, action, form.cleaned_data["note"] or f"{label}.", status,
            revision=form.cleaned_data["version"], officer=True,
        )  # fmt: skip
    except ActionChangeError as error:
        return _refused(request, action, error, "close_form", form)
    messages.success(request, f"{action.reference} is now {label.lower()}.")
    return redirect("web:action_detail", pk=action.pk)
