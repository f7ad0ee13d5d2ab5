"""The text inside a response or file, so a marker check also sees into PDFs and Office files.

PDF, Word and Excel files keep their text compressed: a byte search on them could never
find a leak. These are read the way a person would read them.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from watching_brief.extraction.sources import load_bytes


def readable(body: bytes, name: str = "download") -> bytes:
    """``body`` as text: PDFs and Word files through the importer, workbooks cell by cell,
    iCalendar with its folded lines joined (a fold may fall inside a word)."""
    if body.startswith(b"BEGIN:VCALENDAR"):
        return body.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    if body.startswith(b"%PDF"):
        return load_bytes(body, f"{name}.pdf").text.encode()
    if not body.startswith(b"PK"):
        return body
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        if "word/document.xml" in names:
            return load_bytes(body, f"{name}.docx").text.encode()
        if any(member.startswith("xl/") for member in names):
            book = load_workbook(io.BytesIO(body), read_only=True)
            cells = (
                str(value)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for value in row
                if value is not None
            )
            return "\n".join(cells).encode()
        return b"\n".join(archive.read(member) for member in names)
