"""PDF with pypdfium2: words placed on the page, tables recovered from their positions.

The words come from pdfium's text of each page, one of its lines at a time; pdfium's
boxes ("rects") only place them: each word joins the box its first character stands in,
and neighbouring words a space apart in the same type make a run. So text that a
producer overprints (fake bold), kerns letter by letter, or places glyph by glyph
(Chromium's print) reads as the words it shows. Bold comes from the font's weight or,
where the producer leaves it out (LibreOffice, Word, Quartz), from its name.

Runs are grouped into visual lines by their vertical position. A line that reads as a
table's header row ("No. | Item | Action owner", "Name | Capacity") fixes the columns of
the table below it, and each run under it is placed in the column it starts in; table
lines are written out by :mod:`~watching_brief.extraction.sources.tables`' rules, so an
owner in the owner column is read as the owner and never joins the action's text. Outside
tables, runs a tab stop apart (a borderless grid of names) are cells, one line each.

A cell's text that wrapped onto the next line (an item number in a narrow column, a
heading, a label's value, an item's paragraph) is joined again when the line-wrap test
says so: the next line's first word would not have fitted on the line. Page numbers in
the margins and lines that are only a file's path are left out. Pages are read one at a
time.
"""

from __future__ import annotations

import ctypes
import functools
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watching_brief.extraction.document import Cell, Document, DocumentBuilder
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.options import ExtractionOptions
from watching_brief.extraction.sources.tables import TableKind, classify

COLUMN_SLACK = 6.0
BOLD = 600
LARGER = 1.25
FORCE_BOLD = 1 << 18
CELL_PADDING = 14.0
WORD_SPACE = 3.0
WRAP_TOLERANCE = 0.3
OCR_TIMEOUT = 900
FURNITURE_BAND = 0.1
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"  # 12, - 12 -, (12)
    r"|(?:page|p\.)\s*\|?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 1, Page 1 of 2
    r"|\d{1,4}\s*(?:of|/)\s*\d{1,4})\s*$",  # 1 of 2
    re.I,
)
FILE_PATH = re.compile(
    r"^\s*(?:[A-Za-z]:\\|\\\\|/)[^\s/\\]*(?:[\\/][^\\/]+)+\.(?:docx?|pdf|rtf|odt|wpd)\s*$",
    re.I,
)
GRID_GAP = 2.0
MERGE_GAP = 0.8
BOLD_BODY = 0.6
LIST_MARKER = re.compile(
    r"^\s*(?:[•●○◦▪■□·*Ø\uf0b7\uf0a7\uf0d8-]|\(?[0-9]{1,3}(?:[.-]?[0-9A-Za-z]{1,3})?[.):]?"
    r"|\(?[A-Za-z]{1,2}[.)]|[IVXivx]{1,5}[.)])\s*$"
)
LABEL = re.compile(r"^\s*[A-Z][\w()/&'’ -]{0,40}:\s*$")
WORD = re.compile(r"[^\s\u00a0\u200b]+")
BULLETS = "•●○◦▪■□–-*·Øo\uf0b7\uf0a7\uf0d8"
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
PARAGRAPH_GAP = 1.45
HEADER_LABELS = re.compile(
    r"^\s*(?:date|time|chair|chaired\s+by|minutes|minute[\s-]?taker|notes\s+taken\s+by|"
    r"venue|location|present|apologies)\s*:?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text on a page, with its box (PDF points, origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    weight: int = 400
    size: float = 0.0

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class VisualLine:
    """Runs that share a baseline, left to right."""

    runs: list[Run] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @classmethod
    def of(cls, run: Run) -> VisualLine:
        return cls([run], run.top, run.bottom)

    def add(self, run: Run) -> None:
        self.runs.append(run)
        self.top = max(self.top, run.top)
        self.bottom = min(self.bottom, run.bottom)

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def text(self) -> str:
        return " ".join(run.text for run in self.runs)

    def emphasis(self, body_size: float, bold_marks: bool = True) -> tuple[bool, float]:
        """Is the line set in bold or larger type (a heading), and at what size?

        ``bold_marks`` is False on a page whose body text is itself bold.
        """
        first = self.runs[0]
        bold = bold_marks and all(run.weight >= BOLD for run in self.runs)
        return bold or first.size >= LARGER * body_size, round(first.size, 1)


@dataclass(slots=True)
class Table:
    """An open table: its kind, its column starts and header texts."""

    index: int
    kind: TableKind
    starts: list[float]
    header: list[str]
    row: int = 0
    headed: bool = False

    def column_of(self, run: Run) -> int:
        column = 0
        for index, start in enumerate(self.starts):
            if run.left + COLUMN_SLACK >= start:
                column = index
        return column

    def fits(self, line: VisualLine) -> bool:
        """Does the line sit in this table's columns (nothing left of it, no run across)?"""
        if line.runs[0].left + COLUMN_SLACK < self.starts[0]:
            return False
        for run in line.runs:
            column = self.column_of(run)
            if column + 1 < len(self.starts) and run.right > self.starts[column + 1] + COLUMN_SLACK:
                return False
        return True


def read_pdf(data: bytes, name: str, options: ExtractionOptions | None = None) -> Document:
    """A document from the bytes of a PDF, its tables read from the layout."""
    options = options or ExtractionOptions()
    pdf = _open(data, name)
    try:
        pages = len(pdf)
        if pages > options.max_pages:
            raise ExtractionError(name, f"the PDF has {pages} pages, more than {options.max_pages}")
        reader = _Reader(DocumentBuilder(name=name, media_type="application/pdf"))
        for number in range(pages):
            height = _page_height(pdf, number)
            reader.page(_page_runs(pdf, number, name), number + 1, height)
    finally:
        pdf.close()
    document = reader.builder.build()
    document.pages = pages
    if not document.text.strip():
        return _no_text_layer(data, name, options)
    return document


def _open(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium  # imported here: only PDF input pays for it

    if b"%%EOF" not in data[-2048:]:
        raise ExtractionError(name, "the PDF is truncated (it has no end-of-file marker)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise ExtractionError(name, "the PDF is encrypted: it needs a password") from None
        raise ExtractionError(name, f"the PDF is damaged and cannot be read ({error})") from None


def _page_height(pdf: Any, number: int) -> float:
    """The page's height in points (0 when pdfium cannot tell)."""
    try:
        return float(pdf.get_page_size(number)[1])
    except Exception:  # noqa: BLE001 - a damaged page is reported when it is loaded
        return 0.0


def _page_runs(pdf: Any, number: int, name: str = "<pdf>") -> list[Run]:
    """The page's runs of text with their boxes and font (weight, size).

    The words come from pdfium's text of the page (one line of it at a time, between its
    CR LF breaks), never from the text under a box: producers that overprint to fake
    bold, or kern each letter, give boxes that overlap and split words. The boxes
    (pdfium's rects of the line's characters) only place the words: each word joins the
    box its first character stands in, and the words of one box make a run.
    """
    import pypdfium2 as pdfium

    try:
        page = pdf[number]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as error:
        raise ExtractionError(
            name, f"the PDF is damaged: page {number + 1} cannot be read ({error})"
        ) from None
    try:
        text = textpage.get_text_range().replace("\ufffe", "-")  # pdfium's mark of a hyphen
        if len(text) != textpage.count_chars():  # characters beyond the BMP shift offsets
            return _bounded_runs(textpage)
        runs: list[Run] = []
        boxes = _Boxes(textpage)
        position = 0
        for part in text.split("\r\n"):
            if part.strip():
                runs.extend(_line_runs(textpage, boxes, part, position))
            position += len(part) + 2
        return runs
    finally:
        textpage.close()
        page.close()


class _Boxes:
    """pdfium's rects and character boxes through its C functions (no wrapper per call)."""

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.raw = textpage.raw
        self.count = pdfium_c.FPDFText_CountRects
        self.rect = pdfium_c.FPDFText_GetRect
        self.charbox = pdfium_c.FPDFText_GetCharBox
        self.values = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(value) for value in self.values]

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """The rects of ``count`` characters from ``start``: (left, bottom, right, top)."""
        left, top, right, bottom = self.values
        out = []
        for index in range(self.count(self.raw, start, count)):
            self.rect(self.raw, index, *self.refs)
            out.append((left.value, bottom.value, right.value, top.value))
        return out

    def char(self, index: int) -> tuple[float, float, float, float]:
        """A character's box: (left, bottom, right, top)."""
        left, right, bottom, top = self.values
        self.charbox(self.raw, index, *self.refs)
        return left.value, bottom.value, right.value, top.value


def _line_runs(textpage: Any, boxes: _Boxes, part: str, offset: int) -> list[Run]:
    """The runs of one line of pdfium's text (``part``, starting at character ``offset``)."""
    rects = boxes.rects(offset, len(part))
    if not rects:
        return []
    if len(rects) == 1:
        text = " ".join(part.replace("\u200b", " ").split())
        if not text:
            return []
        first = offset + len(part) - len(part.lstrip())
        left, bottom, right, top = rects[0]
        return [Run(left, bottom, right, top, text, *_font(textpage, first))]
    words = [(m.start() + offset, m.group()) for m in WORD.finditer(part)]
    if not words:
        return []
    places: list[int] = []
    for index, _word in words:
        places.append(_rect_of(boxes.char(index), rects, places[-1] if places else 0))
    runs = []
    group = 0
    for position in range(1, len(words) + 1):
        if position == len(words) or places[position] != places[group]:
            until = places[position] if position < len(words) else len(rects)
            chosen = rects[places[group] : max(until, places[group] + 1)]
            texts = [word for _, word in words[group:position]]
            runs.append(_run(chosen, texts, textpage, words[group][0]))
            group = position
    return runs


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs a word space apart in the same type joined into one.

    Some producers (Chromium's print) place every glyph on its own, so pdfium's boxes
    hold a letter each; the run of a phrase is rebuilt from its words.
    """
    merged = [runs[0]]
    for run in runs[1:]:
        last = merged[-1]
        gap = run.left - last.right
        height = max(last.top - last.bottom, run.top - run.bottom)
        same_type = (last.weight >= BOLD) == (run.weight >= BOLD) and abs(last.size - run.size) < 1
        if same_type and -1 <= gap <= MERGE_GAP * height:
            merged[-1] = Run(
                last.left,
                min(last.bottom, run.bottom),
                run.right,
                max(last.top, run.top),
                f"{last.text} {run.text}",
                last.weight,
                last.size,
            )
        else:
            merged.append(run)
    return merged


def _rect_of(box: tuple[float, float, float, float], rects: list[Any], first: int) -> int:
    """The index of the rect (at or after ``first``) a character's box stands in."""
    left, bottom, right, top = box
    middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
    for index in range(first, len(rects)):
        r_left, r_bottom, r_right, r_top = rects[index]
        if r_left - 1 <= middle_x <= r_right + 1 and r_bottom - 1 <= middle_y <= r_top + 1:
            return index
    return first


def _run(boxes: list[Any], words: list[str], textpage: Any, index: int) -> Run:
    """A run from its words and the boxes they stand in (on the first box's line only:
    pdfium joins a word hyphenated over two lines into one line of its text)."""
    middle = (boxes[0][1] + boxes[0][3]) / 2
    boxes = [box for box in boxes if box[1] <= middle <= box[3]]
    left = min(box[0] for box in boxes)
    bottom = min(box[1] for box in boxes)
    right = max(box[2] for box in boxes)
    top = max(box[3] for box in boxes)
    return Run(left, bottom, right, top, " ".join(words), *_font(textpage, index))


def _bounded_runs(textpage: Any) -> list[Run]:
    """Runs from the text under each of pdfium's boxes (when offsets cannot be trusted)."""
    runs = []
    for index in range(textpage.count_rects()):
        box = textpage.get_rect(index)
        text = " ".join(textpage.get_text_bounded(*box).split())
        start = textpage.get_index(box[0], (box[1] + box[3]) / 2, 0.5, 0.5)
        if text:
            weight, size = _font(textpage, start if isinstance(start, int) else -1)
            runs.append(Run(box[0], box[1], box[2], box[3], text, weight, size))
    return runs


def _font(textpage: Any, index: int) -> tuple[int, float]:
    """Weight and size of a character (400 and 0 when unknown).

    Many producers (LibreOffice, Word, Quartz) embed fonts without a weight: pdfium then
    answers 400 or -1, and the weight is read from the font's name ("DejaVuSerif-Bold",
    "ABCDEF+Arial,Bold", "Calibri-Semibold") or its ForceBold flag.
    """
    import pypdfium2.raw as pdfium_c

    if index < 0:
        return 400, 0.0
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
    if weight < BOLD and _bold_font(textpage, index):
        weight = 700
    return (weight if weight > 0 else 400), size


_FONT_INFO = threading.local()


@functools.lru_cache(maxsize=512)
def _bold_name(name: bytes) -> bool:
    return BOLD_NAME.search(name.decode("latin-1").split("+")[-1]) is not None


def _bold_font(textpage: Any, index: int) -> bool:
    """Is the character's font bold by its name or its ForceBold flag?"""
    import pypdfium2.raw as pdfium_c

    state = getattr(_FONT_INFO, "state", None)
    if state is None:
        buffer = ctypes.create_string_buffer(128)
        flags = ctypes.c_int(0)
        state = _FONT_INFO.state = (buffer, flags, ctypes.byref(flags))
    buffer, flags, flags_ref = state
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags_ref)
    if length <= 0:
        return False
    return bool(flags.value & FORCE_BOLD) or _bold_name(buffer.value)


def _no_text_layer(data: bytes, name: str, options: ExtractionOptions) -> Document:
    ocr = shutil.which("ocrmypdf")
    if options.ocr and ocr:
        return _read_after_ocr(data, name, ocr, options)
    hint = "run it with --ocr" if ocr else "run OCR on it first (for example with ocrmypdf)"
    raise ExtractionError(name, f"the PDF has no text layer (it looks scanned): {hint}")


def _read_after_ocr(data: bytes, name: str, ocr: str, options: ExtractionOptions) -> Document:
    """The PDF's text layer made by OCRmyPDF (Tesseract), then read as any PDF.

    The document is marked ``read_by_ocr`` so that the record carries a warning.
    """
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(data)
        command = [ocr, "--quiet", "--force-ocr", "--output-type", "pdf", "--optimize", "0",
                   str(source), str(target)]  # fmt: skip
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, check=False, timeout=OCR_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            raise ExtractionError(name, f"OCR took longer than {OCR_TIMEOUT} s") from None
        if result.returncode != 0 or not target.exists():
            detail = result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]
            raise ExtractionError(name, f"OCR failed: {detail[0][:200]}")
        document = read_pdf(target.read_bytes(), name, options.model_copy(update={"ocr": False}))
    document.read_by_ocr = True
    return document


def _without_furniture(lines: list[VisualLine], height: float) -> list[VisualLine]:
    """The page's lines without its furniture: page numbers in the top or bottom margin
    (a line of their own, or set apart at the end of the page's first or last line) and
    lines that are only a file's path ("G:\\pubworks\\...\\minutes.doc")."""
    band = FURNITURE_BAND * height

    def in_margin(line: VisualLine) -> bool:
        return height > 0 and not band < line.bottom < height - band

    kept = [
        line
        for line in lines
        if not FILE_PATH.match(line.text) and not (in_margin(line) and PAGE_NUMBER.match(line.text))
    ]
    ends = [line for line in kept[:1] if line.bottom >= height - band]
    ends += [line for line in kept[-1:] if line.bottom <= band and line not in ends]
    for line in ends:
        if height > 0 and len(line.runs) > 1:
            for run in (line.runs[0], line.runs[-1]):
                if PAGE_NUMBER.match(run.text):
                    line.runs.remove(run)
    return kept


def _first_word_width(run: Run) -> float:
    """The width of a run's first word, from the run's width per character."""
    text = run.text.strip()
    if not text:
        return 0.0
    word = text.split()[0]
    return (run.right - run.left) * len(word) / len(text)


def _paragraph_break(last: Run, following: Run) -> bool:
    """Does ``following`` start a new paragraph although ``last`` filled its line?"""
    if (last.weight >= BOLD) != (following.weight >= BOLD):
        return True
    text = following.text.lstrip()
    if not text or text[0] in BULLETS:
        return True
    ends_sentence = last.text.rstrip().endswith((".", ":", ";", "?", "!"))
    return ends_sentence and (text[0].isupper() or text[0].isdigit())


def _text(runs: list[Run]) -> str:
    return " ".join(run.text for run in runs)


def _joined(parts: list[str]) -> str:
    """Texts of wrapped lines joined: with a space, or none where a word was broken.

    A token with no space in it (an item number such as "04/26/01" in a narrow column) is
    broken where the column ends; a word broken at a hyphen keeps it, at a soft hyphen
    loses it.
    """
    text = ""
    for part in parts:
        part = part.strip()
        if not text:
            text = part
        elif text.endswith("\u00ad"):
            text = text[:-1] + part
        elif text.endswith(("-", "\u2010", "/")) or (" " not in text and not text[-1].isalpha()):
            text += part
        else:
            text = f"{text} {part}"
    return text


def group_lines(runs: list[Run]) -> list[VisualLine]:
    """Runs grouped into lines by vertical overlap, top to bottom, each left to right."""
    lines: list[VisualLine] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        for line in reversed(lines[-3:]):
            if line.bottom <= run.middle <= line.top:
                line.add(run)
                break
        else:
            lines.append(VisualLine.of(run))
    for line in lines:
        line.runs.sort(key=lambda r: r.left)
        line.runs = _merged(line.runs)
    return lines


def body_size(runs: list[Run]) -> float:
    """The font size most of the text is set in."""
    sizes = sorted(run.size for run in runs if run.size > 0)
    return sizes[len(sizes) // 2] if sizes else 10.0


def typical_pitch(lines: list[VisualLine]) -> float:
    """The most common distance between the baselines of consecutive lines."""
    steps = sorted(
        round(first.bottom - second.bottom, 1)
        for first, second in zip(lines, lines[1:], strict=False)
        if first.bottom - second.bottom > 0
    )
    return steps[len(steps) // 4] if steps else 12.0


@dataclass(slots=True)
class _Reader:
    builder: DocumentBuilder
    table: Table | None = None
    tables: int = 0
    previous: VisualLine | None = None
    pending: list[tuple[str, Cell | None]] = field(default_factory=list)
    pitch: float = 12.0
    body_size: float = 10.0
    heading: tuple[float, int | None] | None = None
    right_margin: float = 0.0
    em: float = 10.0
    bold_marks: bool = True
    left_margin: float = 0.0
    grid: list[float] = field(default_factory=list)
    taken: VisualLine | None = None
    lines: list[VisualLine] = field(default_factory=list)
    at: int = 0

    def page(self, runs: list[Run], number: int, height: float = 0.0) -> None:
        self.previous = None
        self.right_margin = max((run.right for run in runs), default=0.0)
        lines = _without_furniture(group_lines(runs), height)
        self.pitch = typical_pitch(lines)
        self.body_size = body_size(runs)
        heights = sorted(run.top - run.bottom for run in runs)
        bold = sum(len(run.text) for run in runs if run.weight >= BOLD)
        self.bold_marks = bold <= BOLD_BODY * sum(len(run.text) for run in runs)
        self.left_margin = min((run.left for run in runs), default=0.0)
        self.em = heights[len(heights) // 2] if heights else 10.0
        self.heading = None
        self.lines = lines
        for index, line in enumerate(lines):
            if line.runs:  # a line whose runs all carried on a wrapped cell above is spent
                self.at = index
                self.line(line, number)
        self.flush(number)

    def _continuation(
        self, runs: list[Run], limit: float, alone: bool, prose: bool = False
    ) -> list[str]:
        """The texts of the next lines that carry on a wrapped cell (taken from those lines).

        ``runs`` are the cell's runs on this line. A cell's text wraps onto the next line
        when its next word did not fit (see :meth:`_wrapped`); the carried-on text starts
        where the cell's text starts and ends before ``limit``. With ``alone``, nothing may
        stand left of it (a label column left empty). With ``prose``, a full line that ends
        a sentence before a capital, a number or a bullet, or a change between bold and
        regular type, is a paragraph's end, not a wrap.
        """
        taken: list[str] = []
        left, last = runs[0].left, runs[-1]
        for following in self.lines[self.at + 1 :]:
            if not following.runs:
                continue
            if last.bottom - following.top > self.pitch:
                break
            found = [
                r
                for r in following.runs
                if r.left >= left - COLUMN_SLACK and r.left < limit + COLUMN_SLACK
            ]
            if not found or abs(found[0].left - left) > COLUMN_SLACK:
                break
            if alone and found[0] is not following.runs[0]:
                break
            needed = last.right + _first_word_width(found[0]) + WORD_SPACE
            if needed < limit - WRAP_TOLERANCE * self.em:
                break
            if prose and _paragraph_break(last, found[0]):
                break
            taken.append(" ".join(run.text for run in found))
            for run in found:
                following.runs.remove(run)
            last = found[-1]
            if not following.runs:
                self.taken = following
        return taken

    def line(self, line: VisualLine, page: int) -> None:
        header = self._header(line)
        if header is not None:
            if self.table is None or [r.text for r in line.runs] != self.table.header:
                self.flush(page)
                self.table = header
                self.tables += 1
            self.previous = line
            return
        if self.table is not None and not self.table.fits(line):
            self.flush(page)
            self.table = None
        gap = self._gap_before(line)
        if gap:
            self.flush(page)
            self.builder.blank()
        if not gap and self._continues_heading(line):
            self.builder.extend_last(self._heading_text(line))
        elif self.table is None:
            self._plain(line, page)
        else:
            self._table_line(self.table, line, page)
        self._note_heading(line)
        self.previous = self.taken or line
        self.taken = None

    def _note_heading(self, line: VisualLine) -> None:
        emphasised, size = line.emphasis(self.body_size, self.bold_marks)
        table = self.table.index if self.table else None
        self.heading = (size, table) if emphasised and self._heading_runs(line) else None

    def _heading_runs(self, line: VisualLine) -> list[Run]:
        """The runs of a line that can carry a heading: in a table, the item column's."""
        if self.table is None:
            return line.runs
        item = self.table.kind.item
        return [run for run in line.runs if self.table.column_of(run) == item]

    def _continues_heading(self, line: VisualLine) -> bool:
        """A second line of a heading set in the same bold or large type."""
        if self.heading is None or not self._heading_runs(line):
            return False
        emphasised, size = line.emphasis(self.body_size, self.bold_marks)
        table = self.table.index if self.table else None
        same_place = self.heading == (size, table) and len(self._heading_runs(line)) == len(
            line.runs
        )
        return (
            emphasised
            and same_place
            and bool(self.builder.last_text())
            and self.previous is not None
            and (self._wrapped(self.previous, line) or self._centred(self.previous, line))
        )

    def _centred(self, previous: VisualLine, line: VisualLine) -> bool:
        """Are both lines centred on one axis (a title set over several lines)?"""
        if self.table is not None:
            return False
        indent = 2 * self.em + self.left_margin
        middle = (previous.runs[0].left + previous.runs[-1].right) / 2
        other = (line.runs[0].left + line.runs[-1].right) / 2
        return (
            previous.runs[0].left > indent
            and line.runs[0].left > indent
            and abs(middle - other) <= self.em
        )

    def _wrapped(self, previous: VisualLine, line: VisualLine) -> bool:
        """Did ``previous`` run out of room, so that ``line`` carries on its text?

        The test of line wrapping: the first word of ``line`` would not have fitted at the
        end of ``previous``. The room is the column's (up to the next column's start, less
        the cells' padding) or the page's text width outside tables.
        """
        runs = self._heading_runs(previous)
        following = self._heading_runs(line)
        if not runs or not following:
            return False
        end = runs[-1].right
        limit = self._right_limit(runs[-1])
        needed = end + _first_word_width(following[0]) + WORD_SPACE
        return needed >= limit - WRAP_TOLERANCE * self.em

    def _right_limit(self, run: Run) -> float:
        """Where the text of the run's column ends: before the next column, less the
        cells' padding, or sooner where no line of the column on this page reaches it."""
        table = self.table
        if table is not None:
            column = table.column_of(run)
            if column + 1 < len(table.starts):
                start, end = table.starts[column], table.starts[column + 1]
                reached = [
                    other.right
                    for line in self.lines
                    for other in line.runs
                    if start - COLUMN_SLACK <= other.left < end - COLUMN_SLACK
                    and other.right <= end
                ]
                return min(end - CELL_PADDING, max(reached, default=end))
        return self.right_margin - WORD_SPACE

    def _heading_text(self, line: VisualLine) -> str:
        return " ".join(run.text for run in self._heading_runs(line))

    def _header(self, line: VisualLine) -> Table | None:
        if len(line.runs) < 2:
            return None
        kind = classify([[[run.text] for run in line.runs]])
        if kind.kind == "items" and kind.number is None and kind.owner is None:
            return None
        if kind.kind not in {"items", "attendance"}:
            return None
        starts = [run.left for run in line.runs]
        return Table(self.tables, kind, starts, [run.text for run in line.runs])

    def _gap_before(self, line: VisualLine) -> bool:
        previous = self.previous
        if previous is None:
            return False
        return previous.bottom - line.bottom > PARAGRAPH_GAP * self.pitch

    def _plain(self, line: VisualLine, page: int) -> None:
        """A line outside tables: one line, or one per cell of a grid laid out with tabs.

        Runs far apart (a tab stop, a column of a borderless grid) are separate cells,
        each written as a line of its own, row by row; a list marker ("1.", "5A.", "•")
        stays with its text, and a label ("Date", "Present:") with a single value makes
        one "Label: value" line.
        """
        cells = self._cells(line)
        if len(cells) >= 2 and LIST_MARKER.match(_text(cells[0])):
            cells = [cells[0] + cells[1], *cells[2:]]
        first = _text(cells[0])
        labelled = HEADER_LABELS.match(first) or LABEL.match(first)
        if len(cells) >= 2 and not labelled and line.emphasis(self.body_size, self.bold_marks)[0]:
            cells = [line.runs]  # a bold row of headers the reader does not know: one line
        if len(cells) >= 2 and (HEADER_LABELS.match(first) or LABEL.match(first)):
            label = first.strip().rstrip(":").strip()
            if len(cells) == 2:
                value = cells[1]
                more = self._continuation(value, self.right_margin - WORD_SPACE, alone=True)
                self.builder.add(f"{label}: {_joined([_text(value), *more])}", None, page)
                return
            self.builder.add(f"{label}:", None, page)
            cells = cells[1:]
        elif len(cells) == 2 and first.rstrip().endswith(":") and len(_text(cells[1]).split()) <= 4:
            cells = [cells[0] + cells[1]]  # "1. CONVENE:" and its short value at a tab stop
        for cell in cells:
            emphasis = VisualLine(cell).emphasis(self.body_size, self.bold_marks)[0]
            self.builder.add(_text(cell), None, page, emphasis)

    def _cells(self, line: VisualLine) -> list[list[Run]]:
        """The line's runs split where the gap between two is wider than a tab's least."""
        cells = [[line.runs[0]]]
        neighbours = [
            run.left
            for other in self.lines[max(self.at - 1, 0) : self.at + 2]
            if other is not line and len(other.runs) > 1
            for run in other.runs[1:]
        ]
        for run in line.runs[1:]:
            gap = run.left - cells[-1][-1].right
            starts = [*self.grid, *neighbours]
            aligned = any(abs(run.left - start) <= self.em / 2 for start in starts)
            if gap > GRID_GAP * self.em or (aligned and gap > self.em / 2):
                cells.append([run])
            else:
                cells[-1].append(run)
        if len(cells) > 1:
            self.grid = [cell[0].left for cell in cells[1:]]
        return cells

    def _table_line(self, table: Table, line: VisualLine, page: int) -> None:
        columns: dict[int, list[str]] = {}
        for run in line.runs:
            columns.setdefault(table.column_of(run), []).append(run.text)
        table.row += 1
        kind = table.kind
        if kind.kind == "attendance":
            self._attendance_line(table, columns, page)
            return
        if kind.number is not None and kind.number in columns:
            cell = Cell(table.index, table.row, kind.number, table.header[kind.number])
            numbers = [run for run in line.runs if table.column_of(run) == kind.number]
            more = self._continuation(numbers, self._right_limit(numbers[-1]), kind.number == 0)
            self.builder.add(_joined([" ".join(columns[kind.number]), *more]), cell, page)
        main = [" ".join(columns[c]) for c in sorted(columns) if c not in {kind.owner, kind.number}]
        item_column = kind.item if kind.item is not None else 0
        if main:
            header = table.header[item_column] if item_column < len(table.header) else ""
            cell = Cell(table.index, table.row, item_column, header)
            items = [run for run in line.runs if table.column_of(run) == item_column]
            bold = self.bold_marks and bool(items) and all(run.weight >= BOLD for run in items)
            if items and len(main) == 1 and not bold:
                limit = self._right_limit(items[-1])
                more = self._continuation(items, limit, alone=True, prose=True)
                main = [_joined([main[0], *more])]
            self.builder.add(" ".join(main), cell, page, bold)
        if kind.owner is not None and kind.owner in columns:
            header = table.header[kind.owner]
            cell = Cell(table.index, table.row, kind.owner, header)
            self.builder.add(" ".join(columns[kind.owner]), cell, page)

    def _attendance_line(self, table: Table, columns: dict[int, list[str]], page: int) -> None:
        kind = table.kind
        name = " ".join(columns.get(kind.name or 0, []))
        role = " ".join(columns.get(kind.role or 1, []))
        if name or not self.pending:
            if not table.headed and not re.search(
                r"attendance|present|apologies", self.builder.last_text(), re.I
            ):
                self.builder.add("Present:", None, page)
            table.headed = True
            self.pending.append((f"{name} – {role}" if role else name, None))
        else:
            text, cell = self.pending[-1]
            self.pending[-1] = (f"{text} {role}".strip(), cell)

    def flush(self, page: int) -> None:
        for text, cell in self.pending:
            self.builder.add(text, cell, page)
        self.pending.clear()
