"""`brief remind`: e-mail each owner post a digest of its actions overdue and due soon."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def remind(
    days: Annotated[
        int, typer.Option(min=0, help="Remind of actions due within this many days.")
    ] = 14,
    today: Annotated[
        str | None, typer.Option(help="The date to count from, YYYY-MM-DD (default today).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent; send nothing.")
    ] = False,
) -> None:
    """Send each owner post's holder a digest of actions overdue and due soon.

    Run it daily from cron or the job queue. E-mail goes through the backend set by
    BRIEF_EMAIL_BACKEND (console by default); each digest links to the post's iCal feed
    of due dates.
    """
    try:
        start = dt.date.fromisoformat(today) if today else None
    except ValueError:
        Console(stderr=True).print(f"--today must be a date as YYYY-MM-DD, not {today!r}")
        raise typer.Exit(2) from None
    from watching_brief.tracker import setup

    setup()
    from django.utils import timezone

    from watching_brief.tracker.notify.notices import reminder_digests, send
    from watching_brief.tracker.notify.recipients import absolute

    day = start or timezone.localdate()
    digests = reminder_digests(day, days)
    console = Console()
    verb = "Would send" if dry_run else "Sent"
    table = Table(
        "Post", "Holder", "Recipients", "Overdue", "Due soon",
        title=f"Reminders for {day.isoformat()} (due within {days} days)",
    )  # fmt: skip
    for digest in digests:
        post = digest.post
        table.add_row(
            f"{post.abbrev or post.title} ({post.body.name})",
            digest.holder,
            ", ".join(digest.recipients) or "[red]none[/red]",
            str(len(digest.overdue)),
            str(len(digest.due_soon)),
        )
    console.print(table)
    messages = [message for digest in digests for message in digest.messages]
    sent = len(messages) if dry_run else send(messages)
    for digest in digests:
        if not digest.recipients:
            label = digest.post.abbrev or digest.post.title
            page = absolute("web:post_detail", digest.post.pk) + "#email"
            console.print(
                f"no e-mail address for {label}: set one at {page} or link a contributor",
                soft_wrap=True,
            )
    console.print(f"{verb} {sent} reminder e-mail{'s' if sent != 1 else ''}.")
