"""What every benchmark shares: one core, a progress bar, and writing the figures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn


def pin_one_core() -> str:
    """Run on one CPU where the OS allows it; say which (children inherit it)."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity); single thread"


def progress(console: Console) -> Progress:
    """A transient bar with counts and the time left."""
    columns = (*Progress.get_default_columns()[:-1], MofNCompleteColumn(), TimeRemainingColumn())
    return Progress(*columns, console=console, transient=True)


def write_figures(console: Console, path: Path | None, figures: dict[str, Any]) -> None:
    """Write the figures as JSON when a path was given."""
    if path:
        path.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        console.print(f"figures written to {path}")
