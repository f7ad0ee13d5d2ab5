"""A readable summary of a minutes record for a person at a terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from watching_brief.extraction import Minutes


def summary(minutes: Minutes) -> Group:
    """Header, attendance, items, actions and warnings as rich renderables."""
    parts: list[Panel | Table | Text] = []
    head = Text()
    head.append(f"{minutes.title or '(no title)'}\n", style="bold")
    for label, value in (
        ("Series", minutes.series),
        ("Date", minutes.date.isoformat() if minutes.date else None),
        ("Time", " – ".join(t for t in (minutes.start_time, minutes.end_time) if t) or None),
        ("Chair", minutes.chair),
        ("Minutes", minutes.minute_taker),
        ("Venue", minutes.venue),
    ):
        head.append(f"{label:<8} {value or '—'}\n")
    parts.append(Panel(head, title=minutes.document or "", expand=False))
    people = Table("Name", "Capacity", "Abbrev", "Status", title="Attendance", title_justify="left")
    for attendee in minutes.attendees:
        people.add_row(attendee.name, attendee.role or "", attendee.abbrev or "", attendee.status)
    parts.append(people)
    items = Table("No.", "Item", title="Items", title_justify="left")
    for item in minutes.items:
        items.add_row(item.number or "", item.title)
    parts.append(items)
    actions = Table("Item", "Owner", "Due", "Action", title="Actions", title_justify="left")
    for action in minutes.actions:
        due = action.due.isoformat() if action.due else (action.due_text or "")
        actions.add_row(action.item or "", action.owner or "?", due, action.text)
    parts.append(actions)
    counts = Text(
        f"{len(minutes.decisions)} decisions · {len(minutes.questions)} questions · "
        f"{len(minutes.carried_forward)} carried forward"
    )
    parts.append(counts)
    if minutes.next_meeting and minutes.next_meeting.date:
        parts.append(Text(f"Next meeting: {minutes.next_meeting.date.isoformat()}"))
    for warning in minutes.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def print_summary(console: Console, minutes: Minutes) -> None:
    """Print :func:`summary` to ``console``."""
    console.print(summary(minutes))
