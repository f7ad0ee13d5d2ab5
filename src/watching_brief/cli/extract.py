"""`brief extract` and `brief schema`: the extraction core on the command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from watching_brief.extraction import Minutes


class Format(str, Enum):
    """Output formats of `brief extract`."""

    json = "json"
    text = "text"


def extract(
    files: Annotated[list[Path], typer.Argument(help="Notes to read (txt, pdf, docx, html).")],
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="json: the interchange record; text: a summary."),
    ] = Format.text,
    ocr: Annotated[
        bool, typer.Option("--ocr", help="Run ocrmypdf on PDFs that have no text layer.")
    ] = False,
) -> None:
    """Read meeting notes and print the minutes record.

    JSON prints one object per file (a list for several). Nothing is printed for any file
    if one cannot be read: the error names the file and the problem. An unexpected error
    is one line too, naming the file and the log (under the data folder) that holds its
    traceback.
    """
    from watching_brief.cli.errors import fail
    from watching_brief.cli.render import print_summary
    from watching_brief.extraction import ExtractionError, ExtractionOptions, extract_file
    from watching_brief.tracker.errorlog import environment_data_dir, internal_error

    options = ExtractionOptions(ocr=ocr)
    err = Console(stderr=True)
    records: list[Minutes] = []
    for path in files:
        try:
            records.append(extract_file(path, options))
        except ExtractionError as error:
            if error.internal:  # the core wrapped a bug: the traceback goes to a log
                cause = error.__cause__ or error
                fail(internal_error(str(path), cause, folder=environment_data_dir()), err)
            else:
                fail(str(error), err)
            raise typer.Exit(1) from None
        except Exception as error:  # noqa: BLE001 - a bug in the reader is a line, not a traceback
            fail(internal_error(str(path), error, folder=environment_data_dir()), err)
            raise typer.Exit(1) from None
    if output_format is Format.json:
        payload = [json.loads(record.model_dump_json(by_alias=True)) for record in records]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2))
        sys.stdout.write("\n")
        return
    console = Console()
    for record in records:
        print_summary(console, record)


def schema() -> None:
    """Print the JSON Schema of the minutes record."""
    from watching_brief.extraction import Minutes

    sys.stdout.write(json.dumps(Minutes.model_json_schema(by_alias=True), indent=2) + "\n")
