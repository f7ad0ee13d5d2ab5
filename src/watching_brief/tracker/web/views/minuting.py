"""Minuting a meeting: the list of items and one fast page per item (officers only).

The item page works without JavaScript (Save, Add another action, Check due dates);
with it, minute.js saves the text as you go through the same URL (``X-Autosave: 1``)
and shows each due date resolved as it is typed (``resolve_due``).
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from watching_brief.tracker.meetings.minuting import (
    MinutingError,
    autosave_item,
    present_posts,
    resolve_due,
    save_item,
)
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.minute_forms import (
    ActionFormSet,
    ItemMinutesForm,
    action_initial,
    item_minutes,
)
from watching_brief.tracker.web.roles import visible_meetings
from watching_brief.tracker.web.views.access import officers_only
from watching_brief.tracker.web.views.shared import assurance_tag

AUTOSAVE_HEADER = "X-Autosave"


officers = officers_only("Only officers may minute meetings.")


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(visible_meetings(request.user), pk=pk)


@officers
@require_GET
def minute_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    items = meeting.items.order_by("position").prefetch_related("actions")
    rows = [
        {
            "item": item,
            "has_text": bool(item.text.strip()),
            "assurance": assurance_tag(item.assurance),
            "actions": len(item.actions.all()),
        }
        for item in items
    ]
    return render(request, "web/minuting/minute_meeting.html", {"meeting": meeting, "rows": rows})


@officers
@require_GET
def resolve_due_view(request: HttpRequest, pk: int) -> JsonResponse:
    """The date a due date as typed resolves to: {"due": "2026-08-24", "display": ...}."""
    meeting = _meeting(request, pk)
    resolved = resolve_due(request.GET.get("due", "")[:200], meeting)
    return JsonResponse(
        {
            "text": resolved.text,
            "due": resolved.due.isoformat() if resolved.due else None,
            "display": resolved.display,
        }
    )


def _stamp_key(item: Item) -> str:
    return f"minuted-{item.pk}"


@officers
def minute_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    if request.method == "POST" and request.headers.get(AUTOSAVE_HEADER):
        return _autosave(request, item)
    posts = present_posts(meeting)
    questions = list(Question.objects.filter(item=item).order_by("position", "pk"))
    decisions = list(Decision.objects.filter(item=item).order_by("position", "pk"))
    actions = list(item.actions.order_by("position", "pk"))
    data = request.POST if request.method == "POST" else None
    form = ItemMinutesForm(data, item, questions, decisions)
    formset = ActionFormSet(
        data,
        prefix="actions",
        initial=action_initial(actions, posts),
        form_kwargs={"posts": posts},
    )
    if data is None:
        return _page(request, meeting, item, form, formset)
    if "check" in request.POST:
        return _page(request, meeting, item, form, formset, checked=True)
    if not (form.is_valid() and formset.is_valid()):
        return _page(request, meeting, item, form, formset, status=400)
    try:
        save_item(item, item_minutes(form, list(formset)), request.user)
    except MinutingError as error:
        for name, message in error.errors.items():
            form.add_error(name, message)
        return _page(request, meeting, item, form, formset, status=400)
    request.session[_stamp_key(item)] = int(time.time() * 1000)
    messages.success(request, f"Saved the minutes of {item}.")
    url = reverse("web:minute_item", args=[meeting.pk, item.pk])
    return redirect(url + ("#new-action" if "add_action" in request.POST else ""))


def _autosave(request: HttpRequest, item: Item) -> JsonResponse:
    """Save the text typed so far; the action rows wait for Save."""
    post = request.POST
    values: dict[str, Any] = {
        name: post[name]
        for name in ("text", "assurance", "restricted_reason", "public_summary")
        if name in post
    }
    values["answers"] = _numbered(post, "answer_")
    values["decisions"] = _numbered(post, "decision_")
    saved = autosave_item(item, values, request.user)
    return JsonResponse(
        {"saved": True, "saved_at": timezone.localtime().isoformat(), "fields": saved}
    )


def _numbered(post: Any, prefix: str) -> dict[int, str]:
    return {
        int(name[len(prefix) :]): post[name]
        for name in post
        if name.startswith(prefix) and name[len(prefix) :].isdigit()
    }


def _page(
    request: HttpRequest,
    meeting: Meeting,
    item: Item,
    form: ItemMinutesForm,
    formset: Any,
    status: int = 200,
    checked: bool = False,
) -> HttpResponse:
    items = list(meeting.items.order_by("position").only("pk", "number", "title"))
    index = next(n for n, other in enumerate(items) if other.pk == item.pk)
    errors = error_list(form, *formset) if status == 400 else []
    for row in formset:
        row.resolved = resolve_due(row["due_text"].value() or "", meeting)
    context = {
        "meeting": meeting,
        "item": item,
        "form": form,
        "formset": formset,
        "errors": errors,
        "checked": checked,
        "previous": items[index - 1] if index > 0 else None,
        "next": items[index + 1] if index + 1 < len(items) else None,
        "position": index + 1,
        "count": len(items),
        "saved_stamp": request.session.get(_stamp_key(item), 0),
        "server_now": int(time.time() * 1000),
        "autosave_url": request.path,
        "resolve_url": reverse("web:minute_resolve_due", args=[meeting.pk]),
    }
    return render(request, "web/minuting/minute_item.html", context, status=status)
