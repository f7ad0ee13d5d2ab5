"""Unexpected errors as one plain line for people, with the traceback kept in a log file.

An :class:`~watching_brief.extraction.ExtractionError` already says what is wrong with a
file. Anything else that goes wrong while reading or storing one (a bug, a database that
went away) must still never reach a person as a traceback: :func:`internal_error` writes
the traceback to ``<data folder>/logs/<kind>-<time>-<id>.log`` and returns the line to
show, naming the file and the log. Used by `brief extract`, `brief ingest`, the ingest
jobs and the web import. Django is imported only when already configured, so the CLI's
`brief extract` stays light.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
import traceback
from pathlib import Path

LOGS = "logs"


def data_dir() -> Path:
    """The data folder: the tracker's setting when Django is configured, else as it would be."""
    if "django.conf" in sys.modules:
        from django.conf import settings

        if settings.configured:
            return Path(settings.BRIEF_DATA_DIR)
    return environment_data_dir()


def environment_data_dir() -> Path:
    """The data folder as the tracker's settings read it: ``BRIEF_DATA_DIR``, else ./data."""
    return Path(os.environ.get("BRIEF_DATA_DIR", Path.cwd() / "data")).resolve()


def shown(path: Path) -> str:
    """A path as people should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_log(kind: str, name: str, details: str, folder: Path | None = None) -> Path:
    """Write ``details`` to a new log file under the data folder's ``logs``; its path."""
    logs = (folder or data_dir()) / LOGS
    logs.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = logs / f"{kind}-{stamp}-{secrets.token_hex(3)}.log"
    header = f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {kind}: {name}\n\n"
    path.write_text(header + details, encoding="utf-8")
    return path


def internal_error(
    name: str,
    error: BaseException,
    *,
    doing: str = "read",
    kind: str = "extract",
    folder: Path | None = None,
) -> str:
    """Log ``error``'s traceback and return "<name> could not be <doing>: internal error, ..."."""
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return internal_error_text(name, details, doing=doing, kind=kind, folder=folder)


def internal_error_text(
    name: str,
    details: str,
    *,
    doing: str = "read",
    kind: str = "extract",
    folder: Path | None = None,
) -> str:
    """As :func:`internal_error`, for a traceback already written out as text."""
    try:
        log = write_log(kind, name, details, folder)
    except OSError as problem:
        reason = problem.strerror or type(problem).__name__
        return f"{name} could not be {doing}: internal error (no log could be written: {reason})"
    return f"{name} could not be {doing}: internal error, details in {shown(log)}"
