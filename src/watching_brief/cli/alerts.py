"""`brief alerts`: send the e-mail alerts and webhook deliveries that are due."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def alerts(
    weekly: Annotated[
        bool,
        typer.Option("--weekly/--no-weekly", help="Send the weekly digests that are due too."),
    ] = True,
    queue: Annotated[
        bool, typer.Option("--queue", help="Run it as a job for `brief worker` instead.")
    ] = False,
) -> None:
    """Send what is due to people and systems following a body, series, topic, post or
    phrase: e-mail digests (immediate, and weekly ones a week after the last), new webhook
    deliveries and retries of failed ones. Notes published and status changes queue a run
    by themselves; run this from cron (say hourly) for weekly digests and retries.
    """
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.alerts import jobs, services

    console = Console()
    if queue:
        result = jobs.send_alerts.enqueue(weekly=weekly)
        console.print(f"Queued the alerts as job {result.id}.")
        return
    report = services.run(weekly=weekly)
    table = Table("E-mails sent", "Webhook deliveries queued", "Delivered", "Retrying", "Given up")
    table.add_row(
        str(report.emails), str(report.queued), str(report.delivered),
        str(report.retrying), str(report.given_up),
    )  # fmt: skip
    console.print(table)
