"""The whole bundle: meetings as JSON, the schema, the tables, and datapackage.json."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser

from watching_brief.extraction.record import Minutes
from watching_brief.tracker.exports.records import meeting_record
from watching_brief.tracker.exports.tables import Scope, build_tables, event_id, series_folders
from watching_brief.tracker.exports.writers import (
    SCHEMA,
    WORKBOOK,
    datapackage,
    write_csv,
    write_json,
    write_xlsx,
)

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class BundleSummary:
    """What was written: each file (or group of files) with its number of records."""

    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def write_bundle(folder: Path, user: Any = None, progress: Progress | None = None) -> BundleSummary:
    """Write the bulk data to ``folder`` as ``user`` sees it (default: the public);
    ``progress(label, total)`` is called once per step, with the number of steps."""
    user = user if user is not None else AnonymousUser()
    scope, folders = Scope.of(user), series_folders()
    meetings = list(scope.meetings.order_by("date", "series__name"))
    summary = BundleSummary(Path(folder))
    summary.folder.mkdir(parents=True, exist_ok=True)
    total = len(meetings) + 4

    def step(label: str, *paths: Path) -> None:
        summary.files.extend(paths)
        if progress is not None:
            progress(label, total)

    names = []
    for meeting in meetings:
        name = f"meetings/{event_id(meeting, folders).removeprefix('event/')}.json"
        step(name, write_json(summary.folder / name, meeting_record(meeting, user)))
        names.append(name)
    summary.counts["meetings/*.json"] = len(names)
    step(SCHEMA, write_json(summary.folder / SCHEMA, Minutes.model_json_schema(by_alias=True)))
    tables = build_tables(scope, folders)
    step("CSV tables", *(write_csv(summary.folder, table) for table in tables))
    summary.counts.update({f"{table.name}.csv": len(table.rows) for table in tables})
    step(WORKBOOK, write_xlsx(summary.folder, tables))
    package = datapackage(tables, names)
    step("datapackage.json", write_json(summary.folder / "datapackage.json", package))
    return summary
