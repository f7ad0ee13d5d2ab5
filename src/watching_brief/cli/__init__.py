"""The `brief` command line: one typer app with a module per subcommand."""

from __future__ import annotations

import typer

from watching_brief.cli import (
    alerts,
    demo,
    documents,
    export,
    extract,
    ingest,
    log,
    participation,
    remind,
    serve,
    worker,
)

app = typer.Typer(
    name="brief",
    help="Watching Brief: holding-to-account meeting notes into a tracked record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract.extract)
app.command("schema")(extract.schema)
app.command("demo")(demo.demo)
app.command("ingest")(ingest.ingest)
app.command("worker")(worker.worker)
app.command("actions")(log.actions)
app.command("agenda")(log.agenda)
app.command("people")(log.people)
app.command("serve")(serve.serve)
app.command("createuser")(serve.createuser)
app.command("export")(export.export)
app.command("notes")(documents.notes)
app.command("pack")(documents.pack)
app.command("remind")(remind.remind)
app.command("alerts")(alerts.alerts)
app.command("erase-questioners")(participation.erase_questioners)


def main() -> None:
    """Entry point of the `brief` script."""
    app()
