"""One meeting's interchange JSON, with what the reader may not see taken out."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from watching_brief.extraction import record as rec
from watching_brief.tracker.access.meeting import MeetingView, meeting_view, scrub
from watching_brief.tracker.meetings.models import Meeting

Record = dict[str, Any]


@dataclass(slots=True)
class Hidden:
    """The parts of one meeting the reader may not see, as they appear in its record."""

    numbers: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    action_positions: set[int] = field(default_factory=set)
    action_texts: set[str] = field(default_factory=set)
    carried_positions: set[int] = field(default_factory=set)
    secrets: list[str] = field(default_factory=list)  # words taken out of shown items' text

    def __bool__(self) -> bool:
        return bool(
            self.numbers
            or self.titles
            or self.action_positions
            or self.carried_positions
            or self.secrets
        )

    def item(self, data: Record) -> bool:
        number, parent = data.get("number") or "", data.get("parent") or ""
        title = str(data.get("title") or "").casefold()
        return number in self.numbers or parent in self.numbers or title in self.titles

    def under(self, data: Record) -> bool:
        return (data.get("item") or "") in self.numbers

    def action(self, position: int, data: Record) -> bool:
        hidden_here = position in self.action_positions or data.get("text") in self.action_texts
        return hidden_here or self.under(data)


def hidden_parts(meeting: Meeting, user: Any, view: MeetingView | None = None) -> Hidden:
    """What of ``meeting`` is outside the reader's view (nothing, for an officer), read
    from the one view of the meeting."""
    view = view or meeting_view(meeting, user)
    hidden = Hidden()
    if view.officer:
        return hidden
    for one in view.items:
        if one.hidden:
            if one.item.number:
                hidden.numbers.add(one.item.number)
            hidden.titles.add(one.item.title.casefold())
    shown = {action.pk for action in view.all_actions()}
    for action in meeting.actions.exclude(pk__in=shown):
        hidden.action_positions.add(action.position)
        hidden.action_texts.add(action.text)
    matters = {m.pk for m in view.matters} | {m.pk for one in view.shown() for m in one.matters}
    for matter in meeting.carried_forward.all():
        if matter.pk not in matters:
            hidden.carried_positions.add(matter.position)
    hidden.secrets = list(view.secrets)
    return hidden


def filtered(record: Record, hidden: Hidden) -> Record:
    """A copy of ``record`` without the hidden items, actions and statements under them."""
    data = copy.deepcopy(record)
    if not hidden:
        return data
    data["items"] = [one for one in data.get("items", []) if not hidden.item(one)]
    for one in data["items"]:
        if hidden.secrets and isinstance(one.get("text"), str):
            one["text"] = scrub(one["text"], hidden.secrets)
    actions = enumerate(data.get("actions", []))
    data["actions"] = [one for n, one in actions if not hidden.action(n, one)]
    for key in ("decisions", "questions"):
        data[key] = [one for one in data.get(key, []) if not hidden.under(one)]
    matters = enumerate(data.get("carried_forward", []))
    data["carried_forward"] = [
        one for n, one in matters if n not in hidden.carried_positions and not hidden.under(one)
    ]
    data["warnings"], data["warning_details"] = [], []  # warnings may quote what was hidden
    return data


def meeting_record(meeting: Meeting, user: Any) -> Record:
    """The stored record of the meeting's latest document, filtered; else one built anew."""
    document = meeting.documents.order_by("-imported_at", "-pk").first()
    if document is None:
        return record_from_database(meeting, user)
    return filtered(document.record, hidden_parts(meeting, user))


def record_from_database(meeting: Meeting, user: Any) -> Record:
    """The interchange record of a meeting with no document, from what is stored."""
    view = meeting_view(meeting, user)
    shown = view.shown()
    numbers = {one.item.pk: one.item.number or None for one in shown}
    minutes = rec.Minutes(
        **header_fields(meeting),
        attendees=attendee_records(meeting),
        items=[_item(one.item, one.text) for one in shown],
        actions=_actions(view.all_actions(), numbers),
        next_meeting=_next_meeting(meeting),
    )
    _add_statements(minutes, view, numbers)
    return minutes.model_dump(mode="json", by_alias=True)


def header_fields(meeting: Meeting) -> dict[str, Any]:
    """The record's header fields of a stored meeting (title, series, date, times ...)."""
    return {
        "title": meeting.title or None,
        "series": meeting.series.name,
        "body": meeting.series.body.name,
        "date": meeting.date,
        "start_time": f"{meeting.start_time:%H:%M}" if meeting.start_time else None,
        "end_time": f"{meeting.end_time:%H:%M}" if meeting.end_time else None,
        "venue": meeting.venue or None,
        "chair": meeting.chair or None,
        "minute_taker": meeting.minute_taker or None,
    }


def attendee_records(meeting: Meeting) -> list[rec.Attendee]:
    """Everyone in the attendance, in order, with capacity and abbreviation."""
    return [
        rec.Attendee(
            name=one.person.name,
            role=one.role or (one.post.title if one.post else None) or None,
            abbrev=(one.post.abbrev if one.post else None) or None,
            status=one.status,
        )
        for one in meeting.attendance.select_related("person", "post")
    ]


def _item(item: Any, text: str) -> rec.Item:
    parent = item.parent.number if item.parent else None
    return rec.Item(
        number=item.number or None, title=item.title, parent=parent or None, text=text or None
    )


def _actions(actions: list[Any], numbers: dict[int, str | None]) -> list[rec.Action]:
    return [
        rec.Action(
            item=numbers.get(action.item_id) if action.item_id else None,
            text=action.text,
            owner=str(action.owner_post) if action.owner_post else action.owner_text or None,
            owner_text=action.owner_text or None,
            due=action.due,
            due_text=action.due_text or None,
        )
        for action in actions
    ]


def _add_statements(
    minutes: rec.Minutes, view: MeetingView, numbers: dict[int, str | None]
) -> None:
    """Decisions, questions and carried-forward matters the view shows, in order."""
    decisions, questions = view.every("decisions"), view.every("questions")
    matters = view.every("matters")
    for d in decisions:
        minutes.decisions.append(rec.Decision(item=numbers.get(d.item_id or 0), text=d.text))
    for q in questions:
        minutes.questions.append(
            rec.Question(item=numbers.get(q.item_id or 0), asker=q.asker or None, text=q.text)
        )
    for c in matters:
        minutes.carried_forward.append(
            rec.CarriedForward(
                item=numbers.get(c.item_id or 0),
                from_=c.from_text or None,
                text=c.text,
                update=c.update or None,
                status=c.status or None,
            )
        )


def _next_meeting(meeting: Meeting) -> rec.NextMeeting | None:
    if not (meeting.next_meeting_date or meeting.next_meeting_text):
        return None
    return rec.NextMeeting(
        date=meeting.next_meeting_date, date_text=meeting.next_meeting_text or None
    )
