"""Text with a map back to its source: the Document, its Lines and Spans.

Every reader (plain text, PDF, DOCX, HTML) produces a :class:`Document`. Its ``text`` is
the source as the extractor sees it; every extracted value keeps :class:`Span` offsets into
that text, so a reader of the record can always check a fact against its source.
Readers that know the layout (table cells, columns) record it on each :class:`Line`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from watching_brief.extraction.record import Span


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a line sits in a table recovered from the layout.

    Attributes:
        table: Index of the table in the document.
        row: Row index within the table (0 is the first row, often the header).
        column: Column index within the row.
        header: The text of this column's header cell, where the table has one.
    """

    table: int
    row: int
    column: int
    header: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document, with its offsets into ``Document.text``.

    ``start``/``end`` bound the whole line (without its newline). ``text`` is the line's
    content exactly as in the document.
    """

    index: int
    start: int
    end: int
    text: str
    cell: Cell | None = None
    page: int | None = None
    emphasis: bool = False
    # Derived once from ``text``: every section finder asks for them, many times per line.
    stripped: str = field(init=False, repr=False, compare=False)
    """The line without leading and trailing white space."""
    blank: bool = field(init=False, repr=False, compare=False)
    """True when the line holds only white space."""

    def __post_init__(self) -> None:
        stripped = self.text.strip()
        object.__setattr__(self, "stripped", stripped)
        object.__setattr__(self, "blank", not stripped)

    @property
    def cell_column(self) -> int | None:
        """The table column the line sits in, if it is in a table."""
        return self.cell.column if self.cell else None

    def span(self) -> Span:
        """The span of the line's non-blank content."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text.rstrip())
        return Span(start=self.start + lead, end=self.start + max(trail, lead))

    def sub_span(self, begin: int, finish: int | None = None) -> Span:
        """The span of ``text[begin:finish]`` within this line.

        Built through pydantic-core's validator, which is several times faster than
        ``model_construct`` (plain Python) for a model of two integers.
        """
        stop = len(self.text) if finish is None else finish
        return Span(start=self.start + begin, end=self.start + stop)


@dataclass(slots=True)
class Document:
    """A source document as text with lines, plus where it came from.

    Attributes:
        text: The full text the extractor reads.
        lines: The lines of ``text`` in order.
        name: The file name or label of the source, for messages.
        media_type: What the source was (text/plain, application/pdf ...).
        pages: Number of pages where the format has them.
        read_by_ocr: The text was made by OCR from page images (a scan).
    """

    text: str
    lines: list[Line] = field(default_factory=list)
    name: str = "<text>"
    media_type: str = "text/plain"
    pages: int | None = None
    read_by_ocr: bool = False

    @classmethod
    def from_text(cls, text: str, name: str = "<text>", media_type: str = "text/plain") -> Document:
        """Build a document from plain text, splitting it into lines with offsets."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return cls(text=text, lines=split_lines(text), name=name, media_type=media_type)

    def slice(self, span: Span) -> str:
        """The source text under ``span``."""
        return self.text[span.start : span.end]


def split_lines(text: str, cells: dict[int, Cell] | None = None) -> list[Line]:
    """Split ``text`` on newlines into :class:`Line` values with their offsets."""
    lines: list[Line] = []
    pos = 0
    for index, raw in enumerate(text.split("\n")):
        cell = cells.get(index) if cells else None
        lines.append(Line(index, pos, pos + len(raw), raw, cell))  # positional: faster
        pos += len(raw) + 1
    return lines


@dataclass(slots=True)
class DocumentBuilder:
    """Builds a :class:`Document` line by line, keeping each line's table cell and page.

    Readers of formats with layout (PDF, DOCX, HTML) add lines in reading order; the
    builder joins them into the document text and records the offsets.
    """

    name: str
    media_type: str
    parts: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    position: int = 0
    pages: int | None = None

    def add(
        self, text: str, cell: Cell | None = None, page: int | None = None, emphasis: bool = False
    ) -> None:
        """Add one line (new lines inside ``text`` become spaces).

        ``emphasis`` marks a line set as a heading (bold or larger type, a heading style).
        """
        clean = " ".join(text.replace("\u00a0", " ").split("\n")).rstrip()
        self.lines.append(
            Line(
                index=len(self.lines),
                start=self.position,
                end=self.position + len(clean),
                text=clean,
                cell=cell,
                page=page,
                emphasis=emphasis,
            )
        )
        self.parts.append(clean)
        self.position += len(clean) + 1

    def extend_last(self, text: str) -> None:
        """Join ``text`` to the last line added (a heading wrapped onto a second line)."""
        last = self.lines[-1]
        joined = f"{last.text} {text.strip()}".strip()
        self.parts[-1] = joined
        self.lines[-1] = Line(
            last.index, last.start, last.start + len(joined), joined, last.cell, last.page, True
        )
        self.position = last.start + len(joined) + 1

    def blank(self) -> None:
        """Add an empty line (a paragraph or block break), never two in a row."""
        if self.lines and self.lines[-1].text:
            self.add("")

    def last_text(self) -> str:
        """The last non-blank line added, or an empty string."""
        for line in reversed(self.lines):
            if line.text:
                return line.text
        return ""

    def build(self) -> Document:
        """The finished document."""
        return Document(
            text="\n".join(self.parts),
            lines=self.lines,
            name=self.name,
            media_type=self.media_type,
            pages=self.pages,
        )
