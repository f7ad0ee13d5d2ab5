"""Word documents (DOCX) with python-docx: paragraphs and tables in reading order."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from watching_brief.extraction.document import Document, DocumentBuilder
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.sources.tables import Paragraphs, emit_table

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> Document:
    """A document from the bytes of a .docx file, tables included.

    Word's automatic list numbers are not in a paragraph's text: they are computed here
    from the numbering definitions (``numbering.xml``: each list's levels with their
    start, format and pattern such as "%1.%2") and written in front of the text, so
    that "3.2 Finance" reads as the numbered item it is on the page.
    """
    word = _open(data, name)
    numbering = Numbering.of(word)
    builder = DocumentBuilder(name=name, media_type=MEDIA_TYPE)
    tables = 0
    for kind, element in _blocks(word):
        if kind == "p":
            text = _paragraph_text(element)
            if text.strip():
                marked = _with_list_marker(element, text, numbering)
                builder.add(marked, emphasis=_is_heading(element))
            else:
                builder.blank()
        else:
            emit_table(builder, tables, _table_rows(element, numbering))
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


def _with_list_marker(element: Any, text: str, numbering: Numbering | None = None) -> str:
    """List paragraphs get their number ("2.1", "b)") or, when bulleted, a bullet."""
    marker = numbering.marker(element) if numbering is not None else None
    if marker is None:
        properties = element.find(f"{W}pPr")
        if properties is None or properties.find(f"{W}numPr") is None:
            return text
        marker = BULLET
    return f"{marker} {text.lstrip()}" if marker else text


BULLET = "•"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, kind: str) -> str:
    """A list counter in one of Word's number formats (w:numFmt)."""
    if kind in {"lowerLetter", "upperLetter"}:
        text = _letters(number)
        return text.upper() if kind == "upperLetter" else text
    if kind in {"lowerRoman", "upperRoman"}:
        text = _roman(number) if number > 0 else str(number)
        return text.upper() if kind == "upperRoman" else text
    if kind == "decimalZero":
        return f"{number:02d}"
    if kind == "none":
        return ""
    return str(number)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list: its start, number format and pattern ("%1.%2.")."""

    start: int = 1
    kind: str = "decimal"
    pattern: str = "%1."


@dataclass(slots=True)
class Numbering:
    """The document's list definitions and the counters of the lists read so far."""

    abstract: dict[str, dict[int, Level]]
    lists: dict[str, tuple[str, dict[int, int]]]
    styles: dict[str, tuple[str, int]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, word: Any) -> Numbering | None:
        """The numbering of a python-docx document (None when it has no lists)."""
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return None
        abstract = {
            item.get(f"{W}abstractNumId", ""): {
                int(level.get(f"{W}ilvl", "0")): _level(level)
                for level in item.iterchildren(f"{W}lvl")
            }
            for item in root.iterchildren(f"{W}abstractNum")
        }
        lists = {}
        for item in root.iterchildren(f"{W}num"):
            link = item.find(f"{W}abstractNumId")
            starts = {
                int(override.get(f"{W}ilvl", "0")): int(start.get(f"{W}val", "1"))
                for override in item.iterchildren(f"{W}lvlOverride")
                if (start := override.find(f"{W}startOverride")) is not None
            }
            if link is not None:
                lists[item.get(f"{W}numId", "")] = (link.get(f"{W}val", ""), starts)
        return cls(abstract, lists, _style_numbering(word))

    def marker(self, paragraph: Any) -> str | None:
        """The paragraph's list number as Word shows it; "•" for a bullet; None if none."""
        found = self._reference(paragraph)
        if found is None:
            return None
        number_id, depth = found
        if number_id not in self.lists:
            return None
        abstract_id, starts = self.lists[number_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(depth)
        if level is None:
            return None
        if level.kind == "bullet":
            return BULLET
        counters = self.counters.setdefault(number_id, {})
        start = starts.get(depth, level.start)
        counters[depth] = counters[depth] + 1 if depth in counters else start
        for deeper in [key for key in counters if key > depth]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, Level())
            count = counters.get(index, starts.get(index, shown.start))
            return format_number(count, shown.kind)

        return re.sub(r"%([1-9])", value, level.pattern).strip() or None

    def _reference(self, paragraph: Any) -> tuple[str, int] | None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return None
        direct = properties.find(f"{W}numPr")
        style = properties.find(f"{W}pStyle")
        inherited = self.styles.get(style.get(f"{W}val", "")) if style is not None else None
        if direct is None:
            return inherited
        number = direct.find(f"{W}numId")
        depth = direct.find(f"{W}ilvl")
        number_id = number.get(f"{W}val") if number is not None else None
        if number_id is None:
            number_id = inherited[0] if inherited else None
        if number_id is None or number_id == "0":
            return None
        return number_id, int(depth.get(f"{W}val", "0")) if depth is not None else 0


def _level(element: Any) -> Level:
    def value(tag: str, default: str) -> str:
        node = element.find(f"{W}{tag}")
        return (node.get(f"{W}val") if node is not None else None) or default

    start = value("start", "1")
    return Level(
        start=int(start) if start.lstrip("-").isdigit() else 1,
        kind=value("numFmt", "decimal"),
        pattern=value("lvlText", ""),
    )


def _style_numbering(word: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs ("List Number", numbered headings)."""
    out: dict[str, tuple[str, int]] = {}
    try:
        styles = word.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return out
    for style in styles.iterchildren(f"{W}style"):
        properties = style.find(f"{W}pPr")
        numbered = properties.find(f"{W}numPr") if properties is not None else None
        if numbered is None:
            continue
        number = numbered.find(f"{W}numId")
        if number is not None and number.get(f"{W}val") not in {None, "0"}:
            depth = numbered.find(f"{W}ilvl")
            level = int(depth.get(f"{W}val", "0")) if depth is not None else 0
            out[style.get(f"{W}styleId", "")] = (number.get(f"{W}val", ""), level)
    return out


def _table_rows(table: Any, numbering: Numbering | None = None) -> list[list[Paragraphs]]:
    rows: list[list[Paragraphs]] = []
    for row in table.iterchildren(f"{W}tr"):
        cells: list[Paragraphs] = []
        for cell in row.iterchildren(f"{W}tc"):
            paragraphs = []
            for paragraph in cell.iter(f"{W}p"):
                text = _paragraph_text(paragraph)
                if text.strip():
                    marker = numbering.marker(paragraph) if numbering is not None else None
                    paragraphs.append(f"{marker} {text.lstrip()}" if marker else text)
            cells.append(paragraphs)
        rows.append(cells)
    return rows
