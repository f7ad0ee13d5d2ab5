"""Approving and publishing a meeting's notes, and the history of published versions."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Meeting, MeetingVersion
from watching_brief.tracker.notify.notices import posts_without_address
from watching_brief.tracker.web.roles import is_officer, visible_meetings
from watching_brief.tracker.web.views.access import officers_only

officers = officers_only("Only officers may approve or publish notes.")


def _change(request: HttpRequest, pk: int, step: Callable[[Meeting], str]) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        done = step(meeting)
    except publication.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("web:meeting_detail", pk=meeting.pk)


@require_POST
@officers
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def step(meeting: Meeting) -> str:
        notices = publication.approve(meeting, request.user)
        told = len(notices)
        done = (
            f"The notes are approved. Notices of their actions went to {told} "
            f"address{'es' if told != 1 else ''}."
        )
        missing = posts_without_address(meeting)
        if missing:
            names = ", ".join(str(post) for post in missing)
            done += (
                f" No address for {names}: nobody there was told. Add one under "
                "'Posts with no address' below."
            )
        return done

    return _change(request, pk, step)


@require_POST
@officers
def meeting_return_to_draft(request: HttpRequest, pk: int) -> HttpResponse:
    def step(meeting: Meeting) -> str:
        publication.return_to_draft(meeting, request.user)
        return "The notes are back in draft."

    return _change(request, pk, step)


@require_POST
@officers
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("note", "").strip()[:500]
    meeting = get_object_or_404(Meeting, pk=pk)
    ahead = meeting.date > timezone.localdate() and meeting.status == Meeting.Status.APPROVED
    if ahead and request.POST.get("future") != "confirmed":
        # a meeting dated ahead is usually a mistyped date: publishing waits for a yes
        context = {
            "meeting": meeting,
            "note": note,
            "days": (meeting.date - timezone.localdate()).days,
        }
        return render(request, "web/publication/confirm_future.html", context)

    def step(meeting: Meeting) -> str:
        version = publication.publish(meeting, request.user, note)
        return f"The notes are published. Version {version.number} is in the history."

    return _change(request, pk, step)


@require_POST
@officers
def meeting_republish(request: HttpRequest, pk: int) -> HttpResponse:
    note = request.POST.get("note", "").strip()[:500]

    def step(meeting: Meeting) -> str:
        version = publication.republish(meeting, request.user, note)
        if version is None:
            return "The changes are applied; the public text did not change, so no new version."
        return f"The notes are republished. Version {version.number} is in the history."

    return _change(request, pk, step)


@dataclass(slots=True)
class Line:
    """One line of a difference: kind is "added", "removed", "context" or "gap"."""

    kind: str
    text: str


@dataclass(slots=True)
class VersionEntry:
    """A version with the lines that changed since the one before."""

    version: MeetingVersion
    lines: list[Line] = field(default_factory=list)
    added: int = 0
    removed: int = 0


def diff_lines(before: str, after: str, context: int = 2) -> list[Line]:
    """A unified difference of two texts as lines to render."""
    lines: list[Line] = []
    raw = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=context)
    for text in raw:
        if text.startswith(("---", "+++")):
            continue
        if text.startswith("@@"):
            lines.append(Line("gap", text))
        elif text.startswith("+"):
            lines.append(Line("added", text[1:]))
        elif text.startswith("-"):
            lines.append(Line("removed", text[1:]))
        else:
            lines.append(Line("context", text[1:]))
    return lines


@require_GET
def meeting_versions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    versions = list(meeting.versions.select_related("created_by").order_by("number"))
    secrets = publication.restricted_strings(meeting)
    entries = []
    previous = ""
    for version in versions:
        version.text = publication.redacted(version.text, secrets)  # not saved
        entry = VersionEntry(version)
        if version.number > 1 or previous:
            entry.lines = diff_lines(previous, version.text)
            entry.added = sum(line.kind == "added" for line in entry.lines)
            entry.removed = sum(line.kind == "removed" for line in entry.lines)
        entries.append(entry)
        previous = version.text
    context = {
        "meeting": meeting,
        "entries": list(reversed(entries)),
        "show_who": is_officer(request.user),
    }
    return render(request, "web/publication/versions.html", context)
