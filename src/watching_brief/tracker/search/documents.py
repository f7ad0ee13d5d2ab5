"""The searchable passages of one meeting, as unsaved ``SearchEntry`` rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from watching_brief.tracker.access.meeting import public_item_texts
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question
from watching_brief.tracker.search.models import SearchEntry

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
Kind = SearchEntry.Kind


def clean(text: str) -> str:
    """Text without control characters (the snippet markers use two of them)."""
    return CONTROL.sub(" ", text or "")


def meeting_url(meeting: Meeting, item_id: int | None = None) -> str:
    url = reverse("web:meeting_detail", args=[meeting.pk])
    return f"{url}#item-{item_id}" if item_id else url


def entries_for_meeting(meeting: Meeting) -> list[SearchEntry]:
    """Every passage of ``meeting``: its header, items, questions, decisions, actions."""
    items = {item.pk: item for item in meeting.items.prefetch_related("topics")}
    actions = list(meeting.actions.all())
    public = public_item_texts(meeting, list(items.values()), actions)
    entries = [_meeting_entry(meeting)]
    entries += [_item_entry(meeting, item, public.get(item.pk), items) for item in items.values()]
    entries += _statement_entries(meeting, items)
    entries += [_action_entry(meeting, action, items) for action in actions]
    return entries


def _entry(meeting: Meeting, kind: str, obj: Any, **fields: Any) -> SearchEntry:
    fields["title"] = clean(fields.get("title", ""))[:500]
    fields["text"] = clean(fields.get("text", ""))
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        meeting=meeting,
        body_id=meeting.series.body_id,
        series=meeting.series,
        date=meeting.date,
        published=meeting.status == Meeting.Status.PUBLISHED,
        **fields,
    )


def _meeting_entry(meeting: Meeting) -> SearchEntry:
    parts = [meeting.series.name, meeting.venue, meeting.chair, meeting.next_meeting_text]
    return _entry(
        meeting,
        Kind.MEETING,
        meeting,
        title=meeting.title or str(meeting),
        text=" ".join(p for p in parts if p),
        url=meeting_url(meeting),
    )


# How many items up a passage takes its topic words from: its item, the item above it
# (the theme "2 Holding to account - Mental health" of "2.3 Responding to calls"), and one
# more.
LINEAGE = 3


def _topic(item: Item | None, items: dict[int, Item]) -> str:
    """The titles and topics of ``item`` and of the items above it: the words a passage
    under a theme is found by, though its own text never names the theme."""
    words: list[str] = []
    for _ in range(LINEAGE):
        if item is None:
            break
        words += [item.title, *(topic.name for topic in item.topics.all())]
        item = items.get(item.parent_id) if item.parent_id else None
    return clean(" ".join(words))


def _item_entry(
    meeting: Meeting, item: Item, public: str | None, items: dict[int, Item]
) -> SearchEntry:
    """An item the public may see is indexed with its public text only (the words of a
    restricted action in it, or of a hidden matter it quotes, taken out); a withheld item
    whole, for officers."""
    text = item.text if public is None else public
    return _entry(
        meeting,
        Kind.ITEM,
        item,
        item_id=item.pk,
        restricted=item.effective_restricted,
        topic=_topic(item, items),
        title=str(item),
        text="\n".join(p for p in (text, item.public_summary) if p),
        url=meeting_url(meeting, item.pk),
    )


def _statement_entries(meeting: Meeting, items: dict[int, Item]) -> Iterator[SearchEntry]:
    """Questions (with the answer given) and decisions, linked to (and hidden with) their
    item."""
    statements: list[tuple[Kind, Question | Decision]]
    statements = [(Kind.QUESTION, q) for q in meeting.questions.all()]
    statements += [(Kind.DECISION, d) for d in meeting.decisions.all()]
    for kind, statement in statements:
        item = items.get(statement.item_id) if statement.item_id else None
        asker = getattr(statement, "asker", "")
        label = f"Question from {asker}" if asker else str(kind.label)
        yield _entry(
            meeting,
            kind,
            statement,
            item_id=statement.item_id,
            restricted=bool(item and item.effective_restricted),
            topic=_topic(item, items),
            title=f"{label}: {item.title}" if item else label,
            text="\n".join(p for p in (statement.text, getattr(statement, "answer", "")) if p),
            url=meeting_url(meeting, statement.item_id),
        )


def _action_entry(meeting: Meeting, action: Action, items: dict[int, Item]) -> SearchEntry:
    item = items.get(action.item_id) if action.item_id else None
    return _entry(
        meeting,
        Kind.ACTION,
        action,
        item_id=action.item_id,
        restricted=action.effective_restricted or bool(item and item.effective_restricted),
        owner_post_id=action.owner_post_id,
        owner_text=action.owner_text[:200],
        status=action.status,
        topic=_topic(item, items),
        title=f"Action {action.reference}"
        + (f" ({action.owner_text})" if action.owner_text else ""),
        text=action.text,
        url=reverse("web:action_detail", args=[action.pk]),
    )
