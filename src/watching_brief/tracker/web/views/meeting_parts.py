"""The parts of a meeting page: its header, its items with what was said under each, and
the next meeting's pack. Each part carries the span of the notes it was read from.

What each viewer sees comes from :func:`access.meeting.meeting_view`: restricted items
(and those under them) are shown to officers with a tag; everyone else gets the item's
public summary in their place, and the text of a restricted action is taken out of the
item's text (or the text withheld when it cannot be found).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from watching_brief.tracker.access.meeting import MeetingView, meeting_view
from watching_brief.tracker.actions.log import ActionRow, Agenda, next_agenda
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.dates import readable_date
from watching_brief.tracker.meetings.models import (
    CarriedForward,
    Item,
    Meeting,
    Series,
    SourceDocument,
)
from watching_brief.tracker.web.roles import (
    visible_actions,
    visible_meetings,
)
from watching_brief.tracker.web.views.shared import (
    current_holders,
    item_assurance_tag,
    span_query,
    status_tag,
)


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
    user: Any,
    meeting: Meeting,
    record: dict[str, Any],
    linked: bool,
    view: MeetingView | None = None,
) -> list[ItemBlock]:
    """Every item of the meeting in order, with its actions, decisions and questions, as
    the one view of the meeting (:func:`access.meeting.meeting_view`) gives them."""
    blocks = []
    for one in (view or meeting_view(meeting, user)).items:
        block = ItemBlock(one.item, restricted=one.restricted, hidden=one.hidden)
        blocks.append(block)
        if one.hidden:
            continue
        block.paragraphs = [line for line in one.text.splitlines() if line.strip()]
        block.assurance = item_assurance_tag(one.item)
        if linked and not one.scrubbed:
            block.source = source_url(meeting, span_query(one.item.source, "title", "text"))
        for kind, parts in (
            ("actions", one.actions),
            ("decisions", one.decisions),
            ("questions", one.questions),
        ):
            for part in parts:
                entry: dict[str, Any] = {"part": part, "action": part, "restricted": False}
                entry["source"] = _record_span(record, kind, part.position) if linked else ""
                if isinstance(part, Action):
                    entry["tag"] = status_tag(part)
                    entry["restricted"] = part.effective_restricted
                getattr(block, kind).append(entry)
        block.carried = list(one.matters)
    return blocks


def _record_span(record: dict[str, Any], kind: str, position: int) -> str:
    parts = record.get(kind) or []
    if not 0 <= position < len(parts) or not isinstance(parts[position], dict):
        return ""
    return span_query(parts[position].get("source"), "text")


def unattached(
    user: Any, meeting: Meeting, view: MeetingView | None = None
) -> dict[str, list[Any]]:
    """Actions and decisions recorded under no item."""
    view = view or meeting_view(meeting, user)
    return {
        "actions": [
            {"action": a, "tag": status_tag(a), "restricted": a.effective_restricted}
            for a in view.actions
        ],
        "decisions": list(view.decisions),
    }


def latest_document(meeting: Meeting) -> SourceDocument | None:
    return meeting.documents.order_by("-imported_at", "-pk").first()


@dataclass(slots=True)
class Pack:
    """The next meeting's pack for one series, as the visitor may see it."""

    agenda: Agenda
    arising: list[ActionRow]
    by_owner: list[tuple[str, list[ActionRow]]]  # the open actions not among ``arising``
    more_arising: int = 0  # rows left out of the screen's view (the download has them)
    more_others: int = 0

    def shortened(self, rows: int) -> Pack:
        """The pack with at most ``rows`` actions in each list, for the screen."""
        others = [(owner, row) for owner, group in self.by_owner for row in group]
        kept: dict[str, list[ActionRow]] = {}
        for owner, row in others[:rows]:
            kept.setdefault(owner, []).append(row)
        return Pack(
            self.agenda,
            self.arising[:rows],
            list(kept.items()),
            max(0, len(self.arising) - rows),
            max(0, len(others) - rows),
        )

    @property
    def arising_html(self) -> SafeString:
        return pack_rows_html(self.arising)

    @property
    def by_owner_html(self) -> list[tuple[str, SafeString]]:
        return [(owner, pack_rows_html(rows)) for owner, rows in self.by_owner]


PACK_COLUMNS = ("Reference", "Set at", "Action", "Owner (then / now)", "Due", "Status")


def pack_rows_html(rows: list[ActionRow]) -> SafeString:
    """The table rows of ``_pack_rows.html``, written in Python: a pack holds every open
    action of a series, thousands at scale, and the template engine took ~0.1 ms a row."""
    cell = {label: f'<td data-label="{label}" class="govuk-table__cell">' for label in PACK_COLUMNS}
    out = []
    for row in rows:
        item = f", item {escape(row.item)}" if row.item else ""
        holders = ""
        if row.holder_then or row.holder_now:
            holders = (
                f'<br><span class="govuk-body-s">{escape(row.holder_then or "?")} / '
                f"{escape(row.holder_now or '?')}</span>"
            )
        if row.overdue:
            tag = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
        else:
            tag = f'<strong class="govuk-tag govuk-tag--blue">{escape(row.status)}</strong>'
        due = readable_date(row.due) or row.due_text or "Not set"
        out.append(
            f'<tr class="govuk-table__row">{cell["Reference"]}{escape(row.reference)}</td>'
            f"{cell['Set at']}{escape(readable_date(row.date))}{item}</td>"
            f"{cell['Action']}{escape(row.text)}</td>"
            f"{cell['Owner (then / now)']}{escape(row.owner or 'Not recorded')}{holders}</td>"
            f"{cell['Due']}{escape(due)}</td>{cell['Status']}{tag}</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


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
    arising = _arising(agenda, today)
    listed = {row.reference for row in arising}
    # Each open action once: those due by the meeting are its matters arising; the rest,
    # by owner (the pack held every open action twice: 2.4 MB for a busy series).
    later = [row for row in agenda.actions if row.reference not in listed]
    return Pack(agenda, arising, _by_owner(later))


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
