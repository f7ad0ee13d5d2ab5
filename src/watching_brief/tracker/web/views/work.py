"""The office's work lists: closures and updates waiting for an officer, a force
contributor's own posts' actions (and their digest by e-mail), and the body setting that
makes the force's updates wait for an officer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.actions.services import (
    ActionChangeError,
    accept_closure,
    approve_update,
    return_update,
    send_back_closure,
)
from watching_brief.tracker.actions.worklists import (
    closures_waiting,
    post_work,
    updates_waiting,
)
from watching_brief.tracker.meetings.models import Body
from watching_brief.tracker.notify.jobs import send_own_digest
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.roles import is_contributor, own_posts
from watching_brief.tracker.web.views.access import officers_only
from watching_brief.tracker.web.views.shared import status_tag

officers = officers_only("Only officers may accept closures and review updates.")
DIGEST_DAYS = 14


class DecisionForm(forms.Form):
    """An officer's decision on one row of a work list, with an optional note."""

    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("send_back", "Send back")])
    note = forms.CharField(max_length=2000, required=False)
    version = forms.IntegerField(required=False)


class BodySettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Body
        fields = ["review_updates"]


def _rows(actions: list[Action], today: dt.date) -> list[dict[str, Any]]:
    return [{"action": action, "tag": status_tag(action, today)} for action in actions]


@require_GET
@officers
def closure_list(request: HttpRequest) -> HttpResponse:
    closures = list(closures_waiting(request.user))
    latest = {
        update.action_id: update
        for update in ActionUpdate.objects.filter(
            action__in=[action.pk for action in closures],
            status=Action.Status.DONE,
            review=ActionUpdate.Review.SHOWN,
        ).order_by("date", "pk")
    }
    rows = [{"action": action, "done": latest.get(action.pk)} for action in closures]
    return render(request, "web/work/closures.html", {"rows": rows})


def _decide(
    request: HttpRequest,
    back: str,
    what: str,
    accept: Callable[[dict[str, Any]], str],
    send_back: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Carry out an officer's decision on one row of a work list, then back to the list
    with what happened (or why nothing did: a stale page, a row reviewed since)."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Choose to accept or send back {what}.")
        return redirect(back)
    step = accept if form.cleaned_data["decision"] == "accept" else send_back
    try:
        messages.success(request, step(form.cleaned_data))
    except ActionChangeError as error:
        messages.error(request, str(error))
    return redirect(back)


@require_POST
@officers
def closure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(closures_waiting(request.user), pk=pk)

    def version(data: dict[str, Any]) -> int:
        return int(data["version"] if data["version"] is not None else action.revision)

    def accept(data: dict[str, Any]) -> str:
        accept_closure(request.user, action, data["note"], version(data))
        return f"{action.reference} is closed: its closure is accepted."

    def send_back(data: dict[str, Any]) -> str:
        send_back_closure(request.user, action, data["note"], version(data))
        return f"{action.reference} is sent back to the force: it is in progress again."

    return _decide(request, "web:closure_list", action.reference, accept, send_back)


@require_GET
@officers
def update_review_list(request: HttpRequest) -> HttpResponse:
    context = {
        "updates": list(updates_waiting(request.user)),
        "bodies": Body.objects.filter(kind=Body.Kind.OFFICE).order_by("name"),
    }
    return render(request, "web/work/updates.html", context)


@require_POST
@officers
def update_review(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_object_or_404(updates_waiting(request.user), pk=pk)

    def send_back(data: dict[str, Any]) -> str:
        return_update(request.user, update, data["note"])
        return f"The update on {update.action.reference} is sent back; it is not shown."

    what = f"the update on {update.action.reference}"
    return _decide(
        request,
        "web:update_review_list",
        what,
        lambda data: approve_update(request.user, update),
        send_back,
    )


def _linked_posts(user: Any) -> list[Post]:
    return list(Post.objects.filter(pk__in=own_posts(user)).select_related("body"))


@require_GET
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    work = post_work(request.user, today)
    groups = [
        ("overdue", "Overdue", work.overdue),
        ("due-soon", "Due in the next 30 days", work.due_soon),
        ("open", "Open, due later or with no date", work.open),
        ("awaiting", "Done, waiting for an officer to accept", work.awaiting),
    ]
    context = {
        "work": work,
        "groups": [(slug, title, _rows(actions, today)) for slug, title, actions in groups],
        "posts": _linked_posts(request.user),
        "contributor": is_contributor(request.user),
        "digest_days": DIGEST_DAYS,
    }
    return render(request, "web/work/my_actions.html", context)


@require_POST
@login_required
def my_digest(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not is_contributor(user):
        raise PermissionDenied("Only force contributors have posts' actions to send.")
    if not user.email:
        messages.error(request, "Your account has no e-mail address: ask an officer to add one.")
        return redirect("web:my_actions")
    send_own_digest.enqueue(user.pk, DIGEST_DAYS)
    messages.success(
        request,
        f"A digest of your posts' actions overdue or due in the next {DIGEST_DAYS} days is "
        f"on its way to {user.email}. Nothing is sent when nothing is due.",
    )
    return redirect("web:my_actions")


@require_http_methods(["GET", "POST"])
@officers
def body_settings(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    form = BodySettingsForm(request.POST if request.method == "POST" else None, instance=body)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "wait for an officer" if body.review_updates else "are shown at once"
        messages.success(request, f"Saved: the force's updates on {body}'s actions {state}.")
        return redirect("web:update_review_list")
    return render(request, "web/work/body_settings.html", {"body": body, "form": form})
