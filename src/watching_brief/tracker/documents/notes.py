"""A stored meeting as the core's :class:`Minutes`, for the house-style notes.

Two views:

* the **full** view, for officers: every item, action, decision and question;
* the **public** view: a restricted item keeps its number and appears as "Restricted
  item" with its public line, and nothing of its title, text, questions, decisions or
  actions; restricted actions are left out, and so is any paragraph naming them.

The notes print each action as a sentence in its item ("Action: DCC to ... by the next
meeting.") with the owner in the owner column, each decision as "Decision: ...", each
question as "Question (PCC): ..." with its "Answer: ..." after it, and each matter
brought forward that the page shows (and the item's text does not already give), so
reading the notes back gives the same record. An action whose stored text does not say
when it is due gets its due phrase added to the sentence; the record's action text is
the sentence as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from watching_brief.extraction import record as rec
from watching_brief.publishing.document import DocumentInfo
from watching_brief.publishing.layout import long_date
from watching_brief.tracker.access.meeting import meeting_view
from watching_brief.tracker.access.visibility import withheld
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.exports.records import attendee_records, header_fields
from watching_brief.tracker.meetings.models import CarriedForward, Item, Meeting, Question

LABEL = re.compile(r"^(?:Action|Decision|Question(?: \([^)]*\))?|Answer): ")
RESTRICTED_TITLE = "Restricted item"
NEXT_MEETING_TITLE = "Date of next meeting"
MATTER_STATUSES = ("done", "open", "dropped")


@dataclass(slots=True)
class Parts:
    """What the chosen view shows of one meeting."""

    items: list[Item]
    hidden_items: set[int] = field(default_factory=set)
    actions: list[Action] = field(default_factory=list)
    hidden_texts: list[str] = field(default_factory=list)
    matters: list[CarriedForward] = field(default_factory=list)


def notes_info(meeting: Meeting, full: bool) -> DocumentInfo:
    """What the notes carry besides their content: the body's name and the marking it
    set for officers' copies (full) or public documents, and in an officer's copy the
    restricted items and actions labelled."""
    body = meeting.series.body
    if not full:
        return DocumentInfo(organisation=body.name, marking=body.public_marking)
    items = list(meeting.items.order_by("position", "pk"))
    restricted = frozenset(n for n, item in enumerate(items) if withheld(item))
    actions = frozenset(
        sentence(a) for a in meeting.actions.order_by("position", "pk") if withheld(a)
    )
    return DocumentInfo(
        organisation=body.name,
        marking=body.full_marking,
        restricted_items=restricted,
        restricted_actions=actions,
    )


def notes_minutes(meeting: Meeting, full: bool) -> rec.Minutes:
    """The record the house-style notes of ``meeting`` print, in the chosen view."""
    parts = view_parts(meeting, full)
    numbers = {item.pk: item.number or None for item in parts.items}
    actions = [action_record(a, numbers) for a in parts.actions]
    minutes = rec.Minutes(
        **header_fields(meeting),
        attendees=attendee_records(meeting),
        actions=actions,
        next_meeting=next_meeting(meeting),
    )
    shown = [item for item in parts.items if item.pk not in parts.hidden_items]
    decisions = [d for d in meeting.decisions.all() if kept(d.item_id, parts, shown)]
    questions = [q for q in meeting.questions.all() if kept(q.item_id, parts, shown)]
    minutes.decisions = [
        rec.Decision(item=numbers.get(d.item_id or 0), text=d.text) for d in decisions
    ]
    minutes.questions = [
        rec.Question(item=numbers.get(q.item_id or 0), asker=q.asker or None, text=q.text)
        for q in questions
    ]
    by_item: dict[int | None, list[str]] = {}
    for stored, action in zip(parts.actions, actions, strict=True):
        by_item.setdefault(stored.item_id, []).append(f"Action: {action.text}")
    for row, decision in zip(decisions, minutes.decisions, strict=True):
        by_item.setdefault(row.item_id, []).append(f"Decision: {decision.text}")
    for question in questions:
        by_item.setdefault(question.item_id, []).extend(question_lines(question))
    arising = matters_item(parts)
    said = {item.pk: normalise(item.text) for item in parts.items}
    for matter in parts.matters:  # those the item's text does not already give
        where = matter.item_id or arising
        if normalise(matter.text) not in said.get(where or 0, ""):
            by_item.setdefault(where, []).append(matter_line(matter))
    minutes.carried_forward = [
        rec.CarriedForward(
            item=numbers.get(m.item_id or 0),
            from_=m.from_text or None,
            text=m.text,
            update=m.update or None,
            status=m.status if m.status in MATTER_STATUSES else None,
        )
        for m in parts.matters
    ]
    minutes.items = item_records(parts, by_item)
    if minutes.next_meeting and minutes.next_meeting.date and not has_next_meeting_item(parts):
        minutes.items.append(next_meeting_item(minutes.next_meeting.date))
    return minutes


def view_parts(meeting: Meeting, full: bool) -> Parts:
    """The items (withheld ones marked hidden in the public view) and the actions, from
    the one public view of the meeting (:func:`access.meeting.meeting_view`)."""
    if full:
        items = list(meeting.items.select_related("parent").order_by("position", "pk"))
        actions = meeting.actions.select_related("owner_post", "item").order_by("position", "pk")
        matters = meeting.carried_forward.order_by("position", "pk")
        return Parts(items=items, actions=list(actions), matters=list(matters))
    view = meeting_view(meeting, AnonymousUser())
    return Parts(
        items=[one.item for one in view.items],
        hidden_items={one.item.pk for one in view.items if one.hidden},
        actions=view.all_actions(),
        hidden_texts=list(view.secrets),
        matters=view.every("matters"),
    )


def question_lines(question: Question) -> list[str]:
    """A question with its asker ("Question (PCC): ..."), then the answer given."""
    asker = f" ({question.asker})" if question.asker.strip() else ""
    lines = [f"Question{asker}: {question.text.strip()}"]
    if question.answer.strip():
        lines.append(f"Answer: {' '.join(question.answer.split())}")
    return lines


def matters_item(parts: Parts) -> int | None:
    """Where matters brought forward under no item go: the matters arising item, else
    the first item shown."""
    shown = [item for item in parts.items if item.pk not in parts.hidden_items]
    arising = [item for item in shown if item.kind == Item.Kind.MATTERS_ARISING]
    first = (arising or shown)[:1]
    return first[0].pk if first else None


def matter_line(matter: CarriedForward) -> str:
    """A matter brought forward as the meeting page shows it: where it came from, its
    text, the update minuted on it and its status."""
    line = f"Brought forward from {matter.from_text}: " if matter.from_text else ""
    line += " ".join(matter.text.split())
    if matter.update.strip():
        line += f" Update: {' '.join(matter.update.split())}"
    return line + (f" ({matter.status})" if matter.status else "")


def restricted(item: Item) -> bool:
    """An item is withheld when it, or any item it sits under, is restricted."""
    return item.effective_restricted


def kept(item_id: int | None, parts: Parts, shown: list[Item]) -> bool:
    """A statement is shown when it sits under no item or under a shown one."""
    return item_id is None or item_id in {item.pk for item in shown}


def action_record(action: Action, numbers: dict[int, str | None]) -> rec.Action:
    """The action as the notes print it: its sentence says when it is due."""
    return rec.Action(
        item=numbers.get(action.item_id) if action.item_id else None,
        text=sentence(action),
        owner=owner(action),
        due=action.due,
        due_text=action.due_text or None,
    )


def owner(action: Action) -> str | None:
    """The owner as the notes gave it ("DCC / ACC"), or the owner post set by hand."""
    post = str(action.owner_post) if action.owner_post else ""
    if action.owner_text and "owner_post" not in action.edited_fields:
        return action.owner_text
    return post or action.owner_text or None


def sentence(action: Action) -> str:
    """The action's text, with its due phrase (or date) added when the text lacks it."""
    text = action.text.strip()
    phrase = action.due_text.strip() or (f"by {long_date(action.due)}" if action.due else "")
    if not phrase or normalise(phrase) in normalise(text):
        return text
    return f"{text.rstrip('.')} {phrase}."


def item_records(parts: Parts, lines: dict[int | None, list[str]]) -> list[rec.Item]:
    """Each item, its body carrying its actions and decisions as labelled paragraphs.

    ``lines`` holds the "Action: ..." and "Decision: ..." paragraphs and the questions
    (with the answers given) by item; those under no item go in the last shown item.
    """
    result = []
    shown: list[rec.Item] = []
    for item in parts.items:
        parent = (item.parent.number if item.parent else None) or None
        number = item.number or None
        if item.pk in parts.hidden_items:
            summary = item.public_summary.strip() or None
            result.append(
                rec.Item(number=number, title=RESTRICTED_TITLE, parent=parent, text=summary)
            )
            continue
        text = body(item.text, lines.get(item.pk, []), parts.hidden_texts)
        result.append(rec.Item(number=number, title=item.title, parent=parent, text=text))
        shown.append(result[-1])
    if lines.get(None) and shown:
        shown[-1].text = body(shown[-1].text or "", lines[None], [])
    return result


def body(text: str, lines: list[str], hidden: list[str]) -> str | None:
    """The item's paragraphs less those naming hidden actions, then the lines it lacks."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if hidden:
        secret = [normalise(h) for h in hidden if h.strip()]
        paragraphs = [p for p in paragraphs if not any(s in normalise(p) for s in secret)]
    joined = normalise(" ".join(paragraphs))
    for line in lines:
        said = line.split(": ", 1)[1] if LABEL.match(line) else line
        if normalise(said) not in joined:
            paragraphs.append(line)
    return "\n".join(paragraphs) or None


def next_meeting(meeting: Meeting) -> rec.NextMeeting | None:
    """The next meeting's date (and kind, as stored), when known."""
    if not (meeting.next_meeting_date or meeting.next_meeting_text):
        return None
    return rec.NextMeeting(
        date=meeting.next_meeting_date,
        date_text=long_date(meeting.next_meeting_date) if meeting.next_meeting_date else None,
        type=meeting.next_meeting_text or None,
    )


def has_next_meeting_item(parts: Parts) -> bool:
    """Whether an item already gives the next meeting (by kind or title)."""
    return any(
        item.kind == Item.Kind.NEXT_MEETING or "next meeting" in item.title.casefold()
        for item in parts.items
    )


def next_meeting_item(date: dt.date) -> rec.Item:
    """A closing item giving the next meeting's date, for notes made in the tracker."""
    return rec.Item(
        title=NEXT_MEETING_TITLE, text=f"The next meeting will be held on {long_date(date)}."
    )


def normalise(text: str) -> str:
    """Whitespace collapsed, case folded: how paragraphs and actions are compared."""
    return " ".join(text.split()).casefold()
