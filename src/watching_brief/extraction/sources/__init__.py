"""Readers: one per format, each turning a file into a :class:`Document`.

The format is sniffed from the content, not only the file name's extension.
"""

from __future__ import annotations

from pathlib import Path

from watching_brief.extraction.document import Document
from watching_brief.extraction.errors import ExtractionError, internal_error
from watching_brief.extraction.options import ExtractionOptions
from watching_brief.extraction.sources.docx import MEDIA_TYPE as DOCX
from watching_brief.extraction.sources.docx import read_docx
from watching_brief.extraction.sources.html import read_html
from watching_brief.extraction.sources.pdf import read_pdf
from watching_brief.extraction.sources.text import read_text


def sniff(data: bytes) -> str:
    """The media type of a file's bytes."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return DOCX
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "text/html"
    return "text/plain"


EXTENSIONS = {".pdf": "application/pdf", ".docx": DOCX, ".html": "text/html", ".htm": "text/html"}
KIND_NAMES = {"application/pdf": "a PDF", DOCX: "a Word document", "text/html": "a web page"}


def _check_extension(name: str, media_type: str, data: bytes) -> None:
    """A file whose name says PDF, DOCX or HTML but whose content is something else."""
    expected = EXTENSIONS.get(Path(name).suffix.lower())
    if expected is None or expected == media_type:
        return
    if expected == "text/html" and media_type == "text/plain" and b"<" in data[:4096]:
        return
    found = KIND_NAMES.get(media_type, "text")
    if media_type == "text/plain" and b"\x00" in data[:8192]:
        found = "binary data"
    raise ExtractionError(name, f"the name says {KIND_NAMES[expected]} but the content is {found}")


def load(path: Path, options: ExtractionOptions | None = None) -> Document:
    """Read a file of any supported format into a :class:`Document`."""
    options = options or ExtractionOptions()
    name = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise ExtractionError(name, f"the file is too large ({size} bytes)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(name, "no such file") from None
    except IsADirectoryError:
        raise ExtractionError(name, "this is a folder, not a file") from None
    except PermissionError:
        raise ExtractionError(name, "permission denied") from None
    return load_bytes(data, name, options)


def load_bytes(data: bytes, name: str, options: ExtractionOptions | None = None) -> Document:
    """Read the bytes of a file of any supported format into a :class:`Document`."""
    options = options or ExtractionOptions()
    if not data.strip():
        raise ExtractionError(name, "the file is empty")
    media_type = sniff(data)
    _check_extension(name, media_type, data)
    try:
        if media_type == "application/pdf":
            return read_pdf(data, name, options)
        if media_type == DOCX:
            return read_docx(data, name)
        if media_type == "text/html":
            return read_html(data, name)
        return read_text(data, name)
    except ExtractionError:
        raise
    except (MemoryError, RecursionError, Exception) as error:  # noqa: BLE001 - the core's promise
        raise internal_error(name) from error
