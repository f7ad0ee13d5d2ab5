"""The extraction core: meeting notes in, a :class:`Minutes` record out.

Pure Python and pydantic: no web framework, no network, nothing read from the
environment. The steps run in order: source -> lines with spans -> cleanup (page
furniture, owner column) -> sections (header, attendance, items) -> fields (owners,
dates, questions) -> checks -> record.

    from watching_brief.extraction import extract_file, extract_text
    minutes = extract_file(Path("notes.pdf"))
"""

from __future__ import annotations

from pathlib import Path

from watching_brief.extraction.document import Document
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.minutes import extract_document
from watching_brief.extraction.options import ExtractionOptions
from watching_brief.extraction.record import (
    Action,
    Attendee,
    CarriedForward,
    Decision,
    ExtractionWarning,
    Item,
    Minutes,
    NextMeeting,
    Question,
    Span,
)
from watching_brief.extraction.sources import load, load_bytes


def extract_text(text: str, name: str = "<text>") -> Minutes:
    """Extract the minutes record from plain text."""
    return extract_document(Document.from_text(text, name=name))


def extract_file(path: Path, options: ExtractionOptions | None = None) -> Minutes:
    """Extract the minutes record from a file (format sniffed from its content).

    Raises:
        ExtractionError: the file cannot be read; the message names file and problem.
    """
    return _extract(load(path, options))


def extract_bytes(data: bytes, name: str, options: ExtractionOptions | None = None) -> Minutes:
    """Extract the minutes record from the bytes of a file."""
    return _extract(load_bytes(data, name, options))


OCR_WARNING = (
    "ocr: the text was read from page images by OCR (Tesseract): check names, numbers, "
    "dates and owners against the scan"
)


def _extract(document: Document) -> Minutes:
    """The record of a loaded document; one read by OCR says so in its warnings."""
    minutes = extract_document(document)
    if document.read_by_ocr:
        fields = [name for name in ("attendees", "items", "actions", "decisions")
                  if getattr(minutes, name)]  # fmt: skip
        message = f"{OCR_WARNING} ({', '.join(fields) or 'every field'} read through OCR)"
        minutes.warning_details.insert(0, ExtractionWarning(code="ocr", message=message))
        minutes.warnings.insert(0, message)
    return minutes


__all__ = [
    "Action",
    "Attendee",
    "CarriedForward",
    "Decision",
    "Document",
    "ExtractionError",
    "ExtractionOptions",
    "ExtractionWarning",
    "Item",
    "Minutes",
    "NextMeeting",
    "Question",
    "Span",
    "extract_bytes",
    "extract_document",
    "extract_file",
    "extract_text",
]
