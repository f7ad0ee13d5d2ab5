"""Published notes pages in HTML: the main content only, structure kept as lines.

Navigation, headers and footers, cookie banners and "Skip to main content" links are
dropped; headings, paragraphs and list items become lines (list items keep a bullet);
tables go through the same reading as tables in Word documents.
"""

from __future__ import annotations

import re
from typing import Any

from watching_brief.extraction.document import Document, DocumentBuilder
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.sources.tables import Paragraphs, emit_table
from watching_brief.extraction.sources.text import decode_text

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
             "button", "iframe", "template")  # fmt: skip
DROP_HINT = re.compile(
    r"cookie|consent|banner|breadcrumb|skip|navigation|nav-|menu|footer|header|share|social",
    re.I,
)
MAIN_SELECTORS = ("main", "[role=main]", "article", "#content", "#main-content", ".content")
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
          "address", "caption", "figcaption"}  # fmt: skip
CONTAINERS = {"div", "section", "main", "article", "body", "ul", "ol", "dl", "span", "font",
              "center"}  # fmt: skip


def read_html(data: bytes, name: str) -> Document:
    """A document from the bytes of an HTML page: its main content as lines."""
    from bs4 import BeautifulSoup  # imported here: only HTML input pays for it

    soup = BeautifulSoup(decode_text(data, name), "lxml")
    _drop_furniture(soup)
    root = _main(soup)
    builder = DocumentBuilder(name=name, media_type="text/html")
    walker = _Walker(builder)
    walker.walk(root)
    document = builder.build()
    if not document.text.strip():
        raise ExtractionError(name, "the page has no readable text")
    return document


def _drop_furniture(soup: Any) -> None:
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        marks = " ".join([*(tag.get("class") or []), tag.get("id") or "", tag.get("role") or ""])
        if marks.strip() and DROP_HINT.search(marks) and tag.name not in {"main", "body", "html"}:
            tag.decompose()
    for link in soup.find_all("a"):
        if not link.decomposed and re.match(r"^\s*skip\s+to\b", link.get_text(), re.I):
            link.decompose()


def _main(soup: Any) -> Any:
    for selector in MAIN_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    return soup.body or soup


class _List:
    """An open list: ordered ones count their items from ``start`` in their ``kind``."""

    def __init__(self, node: Any) -> None:
        self.ordered = node.name == "ol"
        self.kind = str(node.get("type") or "1")
        self.step = -1 if node.has_attr("reversed") else 1
        self.next = _integer(node.get("start"))
        if self.next is None:
            count = len(node.find_all("li", recursive=False))
            self.next = count if self.step < 0 else 1

    def marker(self, item: Any) -> str:
        if not self.ordered:
            return "•"
        value = _integer(item.get("value"))
        number = value if value is not None else self.next or 0
        self.next = number + self.step
        return f"{_ordinal(number, self.kind)}."


def _integer(value: Any) -> int | None:
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def _ordinal(number: int, kind: str) -> str:
    """A list number in an ``<ol type>``: 1, a, A, i or I."""
    from watching_brief.extraction.sources.docx import format_number

    kinds = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    return format_number(number, kinds.get(kind, "decimal"))


class _Walker:
    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.tables = 0
        self.lists: list[_List] = []

    def _marker(self, item: Any) -> str:
        return self.lists[-1].marker(item) if self.lists else "•"

    def walk(self, node: Any, skip_text: bool = False) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if not skip_text:
                    self._loose_text(str(child))
            elif name == "table":
                emit_table(self.builder, self.tables, _rows(child))
                self.tables += 1
            elif name in BLOCKS:
                self._block(child, name)
            elif name == "br":
                self.builder.blank()
            elif name in {"ol", "ul"}:
                self.lists.append(_List(child))
                self.walk(child)
                self.lists.pop()
                self.builder.blank()
            else:
                self.walk(child)
                if name in {"div", "section", "dl"}:
                    self.builder.blank()

    def _block(self, node: Any, name: str) -> None:
        marker = self._marker(node) if name == "li" else ""
        if name == "li" and node.find(["ul", "ol", "p", "table"]):
            text = _direct_text(node)
            if text:
                self.builder.add(f"{marker} {text}")
            self.walk(node, skip_text=True)  # its own text is on the line above
            return
        text = _text(node)
        if not text:
            return
        if name.startswith("h"):
            self.builder.blank()
        self.builder.add(f"{marker} {text}" if marker else text, emphasis=name.startswith("h"))
        if name.startswith("h"):
            self.builder.blank()

    def _loose_text(self, text: str) -> None:
        cleaned = " ".join(text.split())
        if cleaned:
            self.builder.add(cleaned)


def _text(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


def _direct_text(node: Any) -> str:
    parts = [str(child) for child in node.children if getattr(child, "name", None) is None]
    return " ".join(" ".join(parts).split())


def _rows(table: Any) -> list[list[Paragraphs]]:
    rows: list[list[Paragraphs]] = []
    for row in table.find_all("tr"):
        cells: list[Paragraphs] = []
        for cell in row.find_all(["td", "th"], recursive=False):
            blocks = cell.find_all(["p", "li", "div"], recursive=False)
            paragraphs = [_text(block) for block in blocks] if blocks else [_text(cell)]
            cells.append([p for p in paragraphs if p])
        if cells:
            rows.append(cells)
    return rows
