"""Writing the tables as CSV and XLSX, and the bundle's datapackage.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from watching_brief.tracker.exports.cells import safe_row
from watching_brief.tracker.exports.tables import Table

WORKBOOK = "watching-brief.xlsx"
SCHEMA = "schema/minutes.schema.json"


def write_csv(folder: Path, table: Table) -> Path:
    """``<name>.csv``: UTF-8, a header row, empty cells for missing values; a text that
    a spreadsheet would read as a formula is written as text (:mod:`.cells`)."""
    path = folder / f"{table.name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(column.name for column in table.columns)
        writer.writerows(safe_row(row) for row in table.rows)
    return path


def write_xlsx(folder: Path, tables: list[Table]) -> Path:
    """One workbook with a sheet per table, the same columns and cells as the CSV files
    (so no cell is a formula)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append([column.name for column in table.columns])
        for row in table.rows:
            sheet.append(safe_row(row))
        sheet.freeze_panes = "A2"
    path = folder / WORKBOOK
    workbook.save(path)
    return path


def _table_resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description}
                for c in table.columns
            ],
            "primaryKey": "id",
        },
    }


def datapackage(tables: list[Table], meeting_files: list[str]) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of every file in the bundle."""
    resources = [_table_resource(table) for table in tables]
    resources.append(
        {"name": "workbook", "path": WORKBOOK, "format": "xlsx", "profile": "data-resource",
         "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "description": "The tables above, one sheet each."}
    )  # fmt: skip
    resources.append(
        {"name": "minutes-schema", "path": SCHEMA, "format": "json", "profile": "data-resource",
         "mediatype": "application/schema+json",
         "description": "JSON Schema of the interchange record of one meeting."}
    )  # fmt: skip
    if meeting_files:
        resources.append(
            {"name": "meetings", "path": meeting_files, "format": "json",
             "profile": "data-resource", "mediatype": "application/json", "jsonSchema": SCHEMA,
             "description": "One interchange record per published meeting."}
        )  # fmt: skip
    return {
        "profile": "data-package",
        "name": "watching-brief",
        "title": "Watching Brief bulk data",
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "licenses": [],
        "resources": resources,
    }


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
