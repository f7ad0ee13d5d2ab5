"""What changed for one interest since it was last served, as the public may see it.

Two kinds of change: notes published, and a status change of an action (an update with a
status). Both are read through the access module for an anonymous viewer at the moment
of sending, so an item or action restricted after it changed, or a meeting taken back to
draft, never reaches a message or a payload.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet

from watching_brief.tracker.access import (
    visible_actions,
    visible_items,
    visible_meetings,
    visible_updates,
)
from watching_brief.tracker.access.meeting import public_item_texts
from watching_brief.tracker.actions.models import Action, ActionUpdate
from watching_brief.tracker.alerts.models import Interest
from watching_brief.tracker.meetings.models import Meeting

PUBLIC = AnonymousUser()
Kind = Interest.Kind


@dataclass(frozen=True, slots=True)
class Change:
    event: str  # "notes_published" or "action_status"
    key: str  # unique for the thing that changed
    title: str
    text: str
    path: str  # the page of the meeting or action, from the site's root
    when: dt.date

    def as_json(self, site: str) -> dict[str, Any]:
        return {
            "event": self.event,
            "id": self.key,
            "title": self.title,
            "text": self.text,
            "url": site + self.path,
            "date": self.when.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Mark:
    """How far changes go: the last status update, and a time for publications."""

    update: int
    at: dt.datetime


def current_mark(now: dt.datetime) -> Mark:
    last = ActionUpdate.objects.aggregate(last=Max("pk"))["last"] or 0
    return Mark(int(last), now)


def _phrase(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE)


def _meeting_text(meeting: Meeting) -> str:
    items = visible_items(PUBLIC).filter(meeting=meeting)
    actions = visible_actions(PUBLIC).filter(meeting=meeting)
    parts = [meeting.title, meeting.series.name]
    parts += [item.title for item in items]
    parts += list(public_item_texts(meeting).values())
    parts += [action.text for action in actions]
    return "\n".join(parts)


def meeting_matches(interest: Interest, meeting: Meeting) -> bool:
    kind = interest.kind
    if kind == Kind.BODY:
        return meeting.series.body_id == interest.body_id
    if kind == Kind.SERIES:
        return meeting.series_id == interest.series_id
    if kind == Kind.TOPIC:
        return visible_items(PUBLIC).filter(meeting=meeting, topics=interest.topic_id).exists()
    if kind == Kind.POST:
        actions = visible_actions(PUBLIC).filter(meeting=meeting, owner_post=interest.post_id)
        return actions.exists()
    return bool(_phrase(interest.phrase).search(_meeting_text(meeting)))


def update_matches(interest: Interest, update: ActionUpdate) -> bool:
    action: Action = update.action
    kind = interest.kind
    if kind == Kind.BODY:
        owner_body = action.owner_post.body_id if action.owner_post else None
        return interest.body_id in (action.meeting.series.body_id, owner_body)
    if kind == Kind.SERIES:
        return action.meeting.series_id == interest.series_id
    if kind == Kind.TOPIC:
        topic = interest.topic_id
        return bool(action.item and topic and action.item.topics.filter(pk=topic).exists())
    if kind == Kind.POST:
        return action.owner_post_id == interest.post_id
    text = "\n".join([action.text, update.text, action.item.title if action.item else ""])
    return bool(_phrase(interest.phrase).search(text))


def published(since: dt.datetime, until: dt.datetime) -> QuerySet[Meeting]:
    return visible_meetings(PUBLIC).filter(published_at__gt=since, published_at__lte=until)


def status_updates(mark_from: Mark, mark_to: Mark) -> QuerySet[ActionUpdate]:
    """Status updates the public may read that are new since ``mark_from``: added since
    (by their id), or approved by an officer since (an update that waited for review)."""
    new = Q(pk__gt=mark_from.update, pk__lte=mark_to.update)
    approved = Q(reviewed_at__gt=mark_from.at, reviewed_at__lte=mark_to.at)
    return (
        visible_updates(PUBLIC)
        .filter(new | approved)
        .exclude(status="")
        .select_related("action", "action__meeting__series", "action__owner_post", "action__item")
        .order_by("pk")
    )


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def meeting_change(meeting: Meeting) -> Change:
    return Change(
        event="notes_published",
        key=f"meeting-{meeting.pk}",
        title=f"Notes published: {meeting.series.name} on {_long(meeting.date)}",
        text=f"The notes of the {meeting.series.name} ({meeting.series.body.name}) "
        f"held on {_long(meeting.date)} are published.",
        path=f"/meetings/{meeting.pk}/",
        when=meeting.date,
    )


def update_change(update: ActionUpdate) -> Change:
    action = update.action
    status = Action.Status(update.status).label
    return Change(
        event="action_status",
        key=f"update-{update.pk}",
        title=f"{action.reference} is now {status.lower()}: {action.text}",
        text=update.text,
        path=f"/actions/{action.pk}/",
        when=update.date,
    )


def changes_for(interest: Interest, mark: Mark) -> list[Change]:
    """The changes matching ``interest`` between its last mark and ``mark``."""
    found = [
        meeting_change(meeting)
        for meeting in published(interest.sent_at, mark.at).order_by("published_at", "pk")
        if meeting_matches(interest, meeting)
    ]
    found += [
        update_change(update)
        for update in status_updates(Mark(interest.sent_update, interest.sent_at), mark)
        if update_matches(interest, update)
    ]
    return found
