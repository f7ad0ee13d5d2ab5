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

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.minuting import (
    MinutingError,
    StaleError,
    autosave_item,
    current_minutes,
    item_version,
    present_posts,
    resolve_due,
    save_item,
)
from watching_brief.tracker.meetings.models import Amendment, Decision, Item, Meeting, Question
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
    current = current_minutes(item)
    data = request.POST if request.method == "POST" else None
    form = ItemMinutesForm(data, item, questions, decisions, current, item_version(item))
    formset = ActionFormSet(
        data,
        prefix="actions",
        initial=action_initial(current.actions, posts),
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
    except StaleError as error:
        return _conflict(request, meeting, item, error, questions, decisions, posts)
    request.session[_stamp_key(item)] = int(time.time() * 1000)
    if meeting.status == Meeting.Status.PUBLISHED:
        messages.success(
            request,
            f"Saved the changes to {item}. The public sees the published notes until an "
            "officer republishes them.",
        )
        url = reverse("web:minute_item", args=[meeting.pk, item.pk])
        return redirect(url + ("#new-action" if "add_action" in request.POST else ""))
    messages.success(request, f"Saved the minutes of {item}.")
    url = reverse("web:minute_item", args=[meeting.pk, item.pk])
    return redirect(url + ("#new-action" if "add_action" in request.POST else ""))


def _conflict(
    request: HttpRequest,
    meeting: Meeting,
    item: Item,
    error: StaleError,
    questions: list[Question],
    decisions: list[Decision],
    posts: Any,
) -> HttpResponse:
    """The page again with the person's text, the text saved since beside it, and the
    version now, so saving again replaces the other on purpose (409)."""
    data = request.POST.copy()
    data["version"] = error.version
    total = int(data.get("actions-TOTAL_FORMS") or 0)
    for number in range(min(total, 1000)):
        pk = data.get(f"actions-{number}-action_id", "")
        if pk.isdigit() and int(pk) in error.revisions:
            data[f"actions-{number}-revision"] = str(error.revisions[int(pk)])
    form = ItemMinutesForm(data, item, questions, decisions)
    formset = ActionFormSet(data, prefix="actions", form_kwargs={"posts": posts})
    form.is_valid()
    formset.is_valid()
    return _page(
        request, meeting, item, form, formset, status=409, conflict=error, yours=_yours(data, item)
    )


def _yours(post: Any, item: Item) -> dict[str, str]:
    """The texts the person sent, labelled as the conflict panel labels the others."""
    texts = {
        "Minutes": post.get("text", ""),
        "What the public sees instead": post.get("public_summary", ""),
    }
    questions = Question.objects.filter(item=item).order_by("position", "pk")
    for number, question in enumerate(questions, start=1):
        texts[f"Answer to question {number}"] = post.get(f"answer_{question.pk}", "")
    decisions = Decision.objects.filter(item=item).order_by("position", "pk")
    for number, decision in enumerate(decisions, start=1):
        texts[f"Decision {number}"] = post.get(f"decision_{decision.pk}", "")
    total = post.get("actions-TOTAL_FORMS", "0")
    for number in range(min(int(total) if total.isdigit() else 0, 1000)):
        text = post.get(f"actions-{number}-text", "").strip()
        status = post.get(f"actions-{number}-status", "")
        if text:
            label = dict(Action.Status.choices).get(status, status)
            texts[f"Action {number + 1}"] = f"{text} ({label})"
    return {label: text for label, text in texts.items() if text}


def _autosave(request: HttpRequest, item: Item) -> JsonResponse:
    """Save the text typed so far; the action rows wait for Save. A page read before
    someone else saved the item gets 409 with both texts, and nothing is saved."""
    post = request.POST
    values: dict[str, Any] = {
        name: post[name]
        for name in ("text", "assurance", "restricted_reason", "public_summary")
        if name in post
    }
    values["answers"] = _numbered(post, "answer_")
    values["decisions"] = _numbered(post, "decision_")
    try:
        saved, version = autosave_item(item, values, request.user, post.get("version") or None)
    except StaleError as error:
        body = {
            "saved": False,
            "conflict": True,
            "message": str(error),
            "theirs": error.theirs,
            "yours": _yours(post, item),
        }
        return JsonResponse(body, status=409)
    return JsonResponse(
        {
            "saved": True,
            "saved_at": timezone.localtime().isoformat(),
            "fields": saved,
            "version": version,
            "amendment": item.meeting.status == Meeting.Status.PUBLISHED,
        }
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
    conflict: StaleError | None = None,
    yours: dict[str, str] | None = None,
) -> HttpResponse:
    items = list(meeting.items.order_by("position").only("pk", "number", "title"))
    index = next(n for n, other in enumerate(items) if other.pk == item.pk)
    errors = error_list(form, *formset) if status == 400 else []
    if conflict is not None:
        errors = [("#conflict", str(conflict))]
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
        "conflict": conflict,
        "yours": yours or {},
        "amended": Amendment.objects.filter(item=item).exists(),
        "published": item.meeting.status == Meeting.Status.PUBLISHED,
    }
    return render(request, "web/minuting/minute_item.html", context, status=status)
