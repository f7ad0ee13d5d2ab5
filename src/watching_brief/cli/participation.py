"""`brief erase-questioners`: erase questioners' names and addresses past retention."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console


def erase_questioners(
    today: Annotated[
        str | None, typer.Option(help="The date to count from, YYYY-MM-DD (default today).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say how many would be erased; erase nothing.")
    ] = False,
    queue: Annotated[
        bool, typer.Option("--queue", help="Run it as a job for `brief worker` instead.")
    ] = False,
) -> None:
    """Erase the names and e-mail addresses of people who sent questions, once their
    body's retention period (12 months unless the body sets another) has passed.

    The questions, their moderation and what was published stay. Run it daily from cron,
    or with --queue on the job queue.
    """
    console = Console()
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        Console(stderr=True).print(f"--today must be a date as YYYY-MM-DD, not {today!r}")
        raise typer.Exit(2) from None
    from watching_brief.tracker import setup

    setup()
    from django.utils import timezone

    from watching_brief.tracker.participation import jobs, services

    if queue:
        result = jobs.erase_expired_questioners.enqueue()
        console.print(f"Queued the erasure as job {result.id}.")
        return
    day = day or timezone.localdate()
    if dry_run:
        count = len(services.expired(day))
        console.print(f"Would erase the details of {count} questioner{'s' if count != 1 else ''}.")
        return
    count = services.erase_expired(day)
    console.print(f"Erased the details of {count} questioner{'s' if count != 1 else ''}.")
