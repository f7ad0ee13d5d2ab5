"""One way for every `brief` command to report a failure: a single line, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape


def fail(line: str, console: Console | None = None) -> None:
    """Print ``error: <line>`` on stderr as one line (no markup read from it)."""
    err = console or Console(stderr=True)
    err.print(f"[red]error:[/red] {escape(line)}", highlight=False, soft_wrap=True)


@contextmanager
def reported(name: str, doing: str, kind: str) -> Iterator[None]:
    """Run a step; an unexpected error becomes one line naming ``name`` and the log of its
    traceback (under the data folder), and exit status 1."""
    from watching_brief.tracker.errorlog import internal_error

    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:  # noqa: BLE001 - a person gets a line, the log the traceback
        fail(internal_error(name, error, doing=doing, kind=kind))
        raise typer.Exit(1) from None
