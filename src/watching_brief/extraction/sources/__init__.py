"""Readers: one per format, each turning a file into a :class:`Document`.

The format is sniffed from the content, not only the file name's extension.
"""

from __future__ import annotations

from pathlib import Path

from watching_brief.extraction.document import Document
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.options import ExtractionOptions
from watching_brief.extraction.sources.text import read_text


def sniff(data: bytes) -> str:
    """The media type of a file's bytes."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "text/html"
    return "text/plain"


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
    if media_type != "text/plain":
        raise ExtractionError(name, f"reading {media_type} is not supported yet")
    return read_text(data, name)
