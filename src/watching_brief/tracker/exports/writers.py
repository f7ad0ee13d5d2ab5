"""Writing the tables as CSV and XLSX, and the bundle's datapackage.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.conf import settings

from watching_brief.tracker.exports import spreadsheets
from watching_brief.tracker.exports.spreadsheets import XLSX_TYPE, Sheet
from watching_brief.tracker.exports.tables import Table

WORKBOOK = "watching-brief.xlsx"
SCHEMA = "schema/minutes.schema.json"
LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


def _sheet(table: Table) -> Sheet:
    return Sheet(table.name, [column.name for column in table.columns], list(table.rows))


def write_csv(folder: Path, table: Table) -> Path:
    """``<name>.csv``: UTF-8 with a byte-order mark, a header row, empty cells for missing
    values, ISO dates, true/false; no cell a formula (:mod:`.spreadsheets`)."""
    return spreadsheets.write_csv(folder / f"{table.name}.csv", _sheet(table))


def write_xlsx(folder: Path, tables: list[Table]) -> Path:
    """One workbook with a sheet per table, the same columns and values as the CSV files,
    dates as date cells; no cell a formula."""
    return spreadsheets.write_xlsx(folder / WORKBOOK, [_sheet(table) for table in tables])


REFERENCES = {  # column → the table whose id it holds
    "person_id": "people",
    "post_id": "posts",
    "organization_id": "organizations",
    "event_id": "events",
    "closed_event_id": "events",
}


def _foreign_keys(table: Table) -> list[dict[str, Any]]:
    """Each column holding another table's id, as a foreign key the validator checks."""
    return [
        {"fields": [c.name], "reference": {"resource": REFERENCES[c.name], "fields": ["id"]}}
        for c in table.columns
        if c.name in REFERENCES
    ]


def _table_resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description}
                for c in table.columns
            ],
            "primaryKey": ["id"],
            "foreignKeys": _foreign_keys(table),
        },
    }


def _json_resources(meeting_files: list[str]) -> list[dict[str, Any]]:
    """The JSON files: the schema, and the meetings' records. A resource's ``schema`` is a
    Table Schema, which a JSON Schema is not, so the records name theirs in
    ``jsonSchema``."""
    schema = {
        "name": "minutes-schema", "path": SCHEMA, "type": "json", "format": "json",
        "profile": "data-resource", "mediatype": "application/schema+json",
        "description": "JSON Schema of the interchange record of one meeting.",
    }  # fmt: skip
    if not meeting_files:
        return [schema]
    meetings = {
        "name": "meetings", "path": meeting_files, "type": "json", "format": "json",
        "profile": "data-resource", "mediatype": "application/json", "jsonSchema": SCHEMA,
        "description": "One interchange record per published meeting; each validates "
        f"against the JSON Schema in {SCHEMA}.",
    }  # fmt: skip
    return [schema, meetings]


def datapackage(tables: list[Table], meeting_files: list[str]) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of every file in the bundle."""
    resources = [_table_resource(table) for table in tables]
    resources.append(
        {"name": "workbook", "path": WORKBOOK, "format": "xlsx", "profile": "data-resource",
         "type": "file", "mediatype": XLSX_TYPE,
         "description": "The tables above, one sheet each."}
    )  # fmt: skip
    resources += _json_resources(meeting_files)
    return {
        "profile": "data-package",
        "name": "watching-brief",
        "title": "Watching Brief bulk data",
        "description": "The published record of holding-to-account meetings: meetings, "
        "items, actions and who held which post, as the public may see them.",
        "homepage": f"{settings.BRIEF_SITE_URL}/",
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "licenses": [LICENCE],
        "resources": resources,
    }


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
