"""The parts of a meeting page: its header, its items with what was said under each, and
the next meeting's pack. Each part carries the span of the notes it was read from.

Restricted items are shown to officers with a tag; everyone else gets the item's public
summary in their place, and the text of a restricted action is taken out of the item's
text (or the text withheld when it cannot be found).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q
from django.urls import reverse

from watching_brief.tracker.actions.log import ActionRow, Agenda, next_agenda
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import (
    CarriedForward,
    Decision,
    Item,
    Meeting,
    Question,
    Series,
    SourceDocument,
)
from watching_brief.tracker.web.roles import (
    is_officer,
    visible_actions,
    visible_items,
    visible_meetings,
)
from watching_brief.tracker.web.views.shared import (
    assurance_tag,
    current_holders,
    span_query,
    status_tag,
)

WITHHELD = "[a restricted action is not shown]"


@dataclass(slots=True)
class ItemBlock:
    """One item as the page shows it."""

    item: Item
    restricted: bool = False
    hidden: bool = False
    paragraphs: list[str] = field(default_factory=list)
    source: str = ""
    assurance: dict[str, str] = field(default_factory=dict)
    actions: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    carried: list[CarriedForward] = field(default_factory=list)


def source_url(meeting: Meeting, query: str) -> str:
    return f"{reverse('web:meeting_source', args=[meeting.pk])}?{query}#highlight" if query else ""


def header_rows(
    meeting: Meeting, record: dict[str, Any], officer: bool, linked: bool
) -> list[dict[str, Any]]:
    """The summary list of the meeting's header fields, each linked to its source."""
    source = record.get("source", {}) if linked else {}
    times = " to ".join(f"{t:%H:%M}" for t in (meeting.start_time, meeting.end_time) if t)

    def row(key: str, value: Any, *fields: str) -> dict[str, Any]:
        return {
            "key": key,
            "value": value,
            "href": source_url(meeting, span_query(source, *fields)),
        }

    rows = [
        row("Series", f"{meeting.series.name} ({meeting.series.body})"),
        row("Date", f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}", "date_text"),
        row("Time", times, "start_time_text", "end_time_text"),
        row("Venue", meeting.venue, "venue"),
        row("Chair", meeting.chair, "chair"),
        row("Minutes taken by", meeting.minute_taker, "minute_taker"),
        row("Next meeting", _next_meeting(meeting)),
    ]
    if officer:
        rows.append(row("Status", meeting.get_status_display()))
    return rows


def _next_meeting(meeting: Meeting) -> str:
    date = meeting.next_meeting_date
    when = f"{date.day} {date:%B %Y}" if date else ""
    return ", ".join(part for part in (when, meeting.next_meeting_text) if part)


def item_blocks(
    user: Any, meeting: Meeting, record: dict[str, Any], linked: bool
) -> list[ItemBlock]:
    """Every item of the meeting in order, with its actions, decisions and questions."""
    officer = is_officer(user)
    shown = {item.pk: item for item in visible_items(user).filter(meeting=meeting)}
    others = meeting.items.exclude(pk__in=list(shown)).only("pk", "number", "position")
    actions = list(
        visible_actions(user).filter(meeting=meeting).select_related("owner_post", "owner_holder")
    )
    hidden_actions = [] if officer else list(meeting.actions.filter(restricted=True))
    blocks = [ItemBlock(item, restricted=item.restricted) for item in shown.values()]
    blocks += [ItemBlock(item, restricted=True, hidden=True) for item in others]
    blocks.sort(key=lambda block: block.item.position)
    by_item = {block.item.pk: block for block in blocks if not block.hidden}
    for block in by_item.values():
        _fill_text(block, hidden_actions, meeting, linked)
    _attach(by_item, actions, record, meeting, linked)
    return blocks


def _fill_text(block: ItemBlock, hidden: list[Action], meeting: Meeting, linked: bool) -> None:
    text = block.item.text
    for action in hidden:
        if action.item_id != block.item.pk:
            continue
        if action.text and action.text in text:
            text = text.replace(action.text, WITHHELD)
        else:
            text = "Part of this item is restricted, so its text is not shown."
    block.paragraphs = [line for line in text.splitlines() if line.strip()]
    block.assurance = assurance_tag(block.item.assurance)
    if linked and text == block.item.text:
        block.source = source_url(meeting, span_query(block.item.source, "title", "text"))


def _attach(
    blocks: dict[int, ItemBlock],
    actions: list[Action],
    record: dict[str, Any],
    meeting: Meeting,
    linked: bool,
) -> None:
    """Hang the visible actions, decisions and questions under their items."""
    for kind, parts in (
        ("actions", actions),
        ("decisions", list(Decision.objects.filter(meeting=meeting))),
        ("questions", list(Question.objects.filter(meeting=meeting))),
    ):
        for part in parts:
            block = blocks.get(part.item_id or 0)
            if block is None:
                continue  # under no item, or under one the visitor may not see
            entry: dict[str, Any] = {"part": part, "action": part, "restricted": False}
            entry["source"] = _record_span(record, kind, part.position) if linked else ""
            if isinstance(part, Action):
                entry["tag"] = status_tag(part)
                entry["restricted"] = part.restricted
            getattr(block, kind).append(entry)
    for matter in CarriedForward.objects.filter(meeting=meeting, item__in=list(blocks)):
        blocks[matter.item_id].carried.append(matter)  # type: ignore[index]


def _record_span(record: dict[str, Any], kind: str, position: int) -> str:
    parts = record.get(kind) or []
    if not 0 <= position < len(parts) or not isinstance(parts[position], dict):
        return ""
    return span_query(parts[position].get("source"), "text")


def unattached(user: Any, meeting: Meeting) -> dict[str, list[Any]]:
    """Actions and decisions recorded under no item."""
    actions = visible_actions(user).filter(meeting=meeting, item__isnull=True)
    actions = actions.select_related("owner_post", "owner_holder")
    return {
        "actions": [
            {"action": a, "tag": status_tag(a), "restricted": a.restricted} for a in actions
        ],
        "decisions": list(Decision.objects.filter(meeting=meeting, item__isnull=True)),
    }


def latest_document(meeting: Meeting) -> SourceDocument | None:
    return meeting.documents.order_by("-imported_at", "-pk").first()


@dataclass(slots=True)
class Pack:
    """The next meeting's pack for one series, as the visitor may see it."""

    agenda: Agenda
    arising: list[ActionRow]
    by_owner: list[tuple[str, list[ActionRow]]]


def series_pack(user: Any, series: Series, today: dt.date) -> Pack:
    """``next_agenda`` with everything the visitor may not see taken out."""
    agenda = next_agenda(series, today)
    meetings = visible_meetings(user).filter(series=series)
    latest = meetings.order_by("-date").first()
    agenda.date = latest.next_meeting_date if latest else None
    owners = dict(
        visible_actions(user)
        .filter(reference__in=[row.reference for row in agenda.actions])
        .values_list("reference", "owner_post_id")
    )
    holders = current_holders(user, [post for post in owners.values() if post])
    agenda.actions = [
        replace(row, holder_now=holders.get(owners[row.reference] or 0, ""))
        for row in agenda.actions
        if row.reference in owners
    ]
    revisits = agenda.revisits
    booked = set(
        meetings.filter(pk__in={r.meeting_id for r in revisits}).values_list("pk", flat=True)
    )
    wanted = {r.action_id for r in revisits if r.action_id is not None}
    seen = set(visible_actions(user).filter(pk__in=wanted).values_list("pk", flat=True))
    agenda.revisits = [
        revisit
        for revisit in revisits
        if revisit.meeting_id in booked and (revisit.action_id is None or revisit.action_id in seen)
    ]
    return Pack(agenda, _arising(agenda, today), _by_owner(agenda.actions))


def _arising(agenda: Agenda, today: dt.date) -> list[ActionRow]:
    """Open actions due by the next meeting (or already overdue)."""
    limit = (agenda.date or today).isoformat()
    return [row for row in agenda.actions if row.overdue or (row.due and row.due <= limit)]


def _by_owner(rows: list[ActionRow]) -> list[tuple[str, list[ActionRow]]]:
    groups: dict[str, list[ActionRow]] = {}
    for row in rows:
        groups.setdefault(row.owner or "No owner recorded", []).append(row)
    return sorted(groups.items())


def pack_series(user: Any, slug: str, body: str) -> list[Series]:
    """The series of this slug with a meeting the visitor may see (one per body)."""
    series = Series.objects.filter(slug=slug, meetings__in=visible_meetings(user))
    if body:
        series = series.filter(Q(body__slug=body))
    return list(series.select_related("body").distinct().order_by("body__name"))
