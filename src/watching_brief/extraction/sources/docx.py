"""Word documents (DOCX) with python-docx: paragraphs and tables in reading order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from watching_brief.extraction.document import Document, DocumentBuilder
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.sources.tables import Paragraphs, emit_table

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> Document:
    """A document from the bytes of a .docx file, tables included."""
    word = _open(data, name)
    builder = DocumentBuilder(name=name, media_type=MEDIA_TYPE)
    tables = 0
    for kind, element in _blocks(word):
        if kind == "p":
            text = _paragraph_text(element)
            if text.strip():
                builder.add(_with_list_marker(element, text), emphasis=_is_heading(element))
            else:
                builder.blank()
        else:
            emit_table(builder, tables, _table_rows(element))
            tables += 1
    document = builder.build()
    if not document.text.strip():
        raise ExtractionError(name, "the Word document has no text")
    return document


def _open(data: bytes, name: str) -> Any:
    import docx  # imported here: only DOCX input pays for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise ExtractionError(name, "this is a ZIP file but not a Word document")
            archive.testzip()
        return docx.Document(io.BytesIO(data))
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError) as error:
        raise ExtractionError(
            name, f"the Word document is damaged or truncated ({error})"
        ) from None
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on bad XML
        raise ExtractionError(name, f"the Word document cannot be read ({error})") from None


def _blocks(word: Any) -> Iterator[tuple[str, Any]]:
    """Body paragraphs ("p") and tables ("tbl") in document order."""
    for child in word.element.body.iterchildren():
        if child.tag == f"{W}p":
            yield "p", child
        elif child.tag == f"{W}tbl":
            yield "tbl", child


def _paragraph_text(element: Any) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab",) or node.tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _is_heading(element: Any) -> bool:
    """A paragraph in a heading style, or set entirely in bold."""
    properties = element.find(f"{W}pPr")
    style = properties.find(f"{W}pStyle") if properties is not None else None
    if style is not None and "heading" in (style.get(f"{W}val") or "").lower():
        return True
    runs = [run for run in element.iter(f"{W}r") if run.find(f"{W}t") is not None]
    return bool(runs) and all(_bold(run) for run in runs)


def _bold(run: Any) -> bool:
    properties = run.find(f"{W}rPr")
    return properties is not None and properties.find(f"{W}b") is not None


def _with_list_marker(element: Any, text: str) -> str:
    """Bulleted and numbered list paragraphs keep a bullet so lists stay lists."""
    properties = element.find(f"{W}pPr")
    if properties is not None and properties.find(f"{W}numPr") is not None:
        return f"• {text}"
    return text


def _table_rows(table: Any) -> list[list[Paragraphs]]:
    rows: list[list[Paragraphs]] = []
    for row in table.iterchildren(f"{W}tr"):
        cells: list[Paragraphs] = []
        for cell in row.iterchildren(f"{W}tc"):
            paragraphs = [_paragraph_text(p) for p in cell.iter(f"{W}p")]
            cells.append([p for p in paragraphs if p.strip()])
        rows.append(cells)
    return rows
