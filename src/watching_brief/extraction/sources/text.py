"""Plain text in UTF-8 (with or without BOM), cp1252 or Latin-1."""

from __future__ import annotations

from watching_brief.extraction.document import Document
from watching_brief.extraction.errors import ExtractionError

CONTROL_LIMIT = 0.01
# Every byte but the control characters other than "\t", "\n", "\f" and "\r". In UTF-8,
# cp1252 and Latin-1 alike those characters are single bytes below 0x20 and no other byte
# decodes to one, so deleting these bytes leaves one byte per control character.
_NOT_CONTROLS = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\f\r")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of a text file, refusing binary data that merely has a text name."""
    if not data.strip():
        raise ExtractionError(name, "the file is empty")
    if b"\x00" in data[:8192]:
        raise ExtractionError(name, "this is a binary file, not text (it contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(data.translate(None, _NOT_CONTROLS))
        if controls > CONTROL_LIMIT * max(len(text), 1):
            raise ExtractionError(name, "this looks like a binary file, not text")
        return text
    raise ExtractionError(name, "the text encoding could not be read")  # pragma: no cover


def read_text(data: bytes, name: str) -> Document:
    """A document from the bytes of a plain-text file."""
    return Document.from_text(decode_text(data, name), name=name, media_type="text/plain")
