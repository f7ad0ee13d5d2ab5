"""PDFs of the bundled notes written by other programs than ours, for the golden tests.

Two producers besides the house generator's reportlab:

- **LibreOffice** (Debian's ``libreoffice-writer-nogui``): the house-style DOCX of each
  note converted with ``soffice --headless --convert-to pdf``, every file in one call
  (a start of LibreOffice costs seconds);
- **Chromium's print** (Debian's ``chromium``): an HTML rendering of the same layout (a
  page as a council's web site would publish it: headings, a label table, tables of
  attendance and items) printed with ``chromium --headless --print-to-pdf``.

``build(root)`` writes ``root/<producer>/<folder>/<stem>.pdf`` beside a copy of each gold
file. ``make test`` installs both programs (``make office-deps browser-deps``).
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import DOCUMENTS, EXAMPLES, SEEDS
from watching_brief.extraction import extract_file
from watching_brief.publishing.house_style import render_docx
from watching_brief.publishing.items import ItemRow
from watching_brief.publishing.layout import ITEMS_HEADER, PEOPLE_HEADER, Layout, build_layout

FOLDERS = {"seeds": SEEDS, "documents": DOCUMENTS, "examples": EXAMPLES}
PRODUCERS = ("libreoffice", "chromium")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer")
TIMEOUT = 600
PARALLEL = 2

STYLE = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; margin: 0 }
table { border-collapse: collapse; width: 100%; margin: 0 0 12pt }
td, th { border: 1px solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left }
td p { margin: 0 0 6pt }
table.items td:first-child { width: 12% } table.items td:last-child { width: 18% }
table.header td:first-child, table.people td:first-child { width: 30% }
h1 { font-size: 16pt } h2 { font-size: 13pt }
"""


def notes() -> Iterator[tuple[str, Path]]:
    """(folder name, note) for every bundled note with a gold file."""
    for name, folder in FOLDERS.items():
        for text in sorted(folder.glob("*.txt")):
            if text.with_name(f"{text.stem}.gold.json").exists():
                yield name, text


def missing_programs() -> list[str]:
    """The producers' programs not installed here (``make test`` installs them)."""
    return [name for name, path in (("soffice", SOFFICE), ("chromium", CHROMIUM)) if not path]


def build(root: Path) -> None:
    """Write every note's LibreOffice and Chromium PDFs under ``root``, with its gold."""
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Path]] = []
    for folder, text in notes():
        minutes = extract_file(text)
        render_docx(minutes, sources / f"{text.stem}.docx")
        (sources / f"{text.stem}.html").write_text(render_html(build_layout(minutes)), "utf-8")
        jobs.append((folder, text))
    office = root / "office-out"
    convert_with_libreoffice(sorted(sources.glob("*.docx")), office, root / "office-profile")
    printed = root / "chromium-out"
    print_with_chromium(sorted(sources.glob("*.html")), printed)
    for folder, text in jobs:
        for producer, made in (("libreoffice", office), ("chromium", printed)):
            target = root / producer / folder
            target.mkdir(parents=True, exist_ok=True)
            pdf = made / f"{text.stem}.pdf"
            if not pdf.exists():
                raise RuntimeError(f"{producer} wrote no PDF for {text.name}")
            shutil.copy(pdf, target / pdf.name)
            shutil.copy(text.with_name(f"{text.stem}.gold.json"), target)


def convert_with_libreoffice(documents: list[Path], outdir: Path, profile: Path) -> None:
    """All ``documents`` to PDF in one ``soffice`` run (its own profile: no lock clash)."""
    assert SOFFICE is not None, "soffice is not installed (make office-deps)"  # noqa: S101
    command = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)


def print_with_chromium(pages: list[Path], outdir: Path) -> None:
    """Each HTML page printed to PDF by headless Chromium, a few at a time."""
    assert CHROMIUM is not None, "chromium is not installed (make browser-deps)"  # noqa: S101
    outdir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(pages), PARALLEL):
        running = []
        for page in pages[start : start + PARALLEL]:
            profile = outdir / f".profile-{page.stem}"
            target = outdir / f"{page.stem}.pdf"
            command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                       f"--print-to-pdf={target}", page.resolve().as_uri()]  # fmt: skip
            running.append(
                subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        for process in running:
            process.wait(timeout=TIMEOUT)


def render_html(layout: Layout) -> str:
    """The house layout as a web page: title, label table, attendance and items tables."""
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}</style>",
             f"<title>{_e(layout.title)}</title></head><body><main>",
             f"<h1>{_e(layout.title)}</h1>", "<table class='header'>"]  # fmt: skip
    for label, value in layout.header:
        parts.append(f"<tr><td><b>{_e(label)}</b></td><td>{_e(value)}</td></tr>")
    parts.append("</table>")
    for people in layout.people:
        parts.append(f"<h2>{_e(people.heading)}</h2><table class='people'>")
        parts.append("<tr>" + "".join(f"<th>{_e(h)}</th>" for h in PEOPLE_HEADER) + "</tr>")
        for row in people.rows:
            parts.append(f"<tr><td>{_e(row.name)}</td><td>{_e(row.capacity)}</td></tr>")
        parts.append("</table>")
    parts.append("<table class='items'><thead><tr>")
    parts.append("".join(f"<th>{_e(h)}</th>" for h in ITEMS_HEADER) + "</tr></thead><tbody>")
    parts.extend(_item_row(row) for row in layout.items)
    parts.append("</tbody></table></main></body></html>")
    return "\n".join(parts)


def _item_row(row: ItemRow) -> str:
    paragraphs = []
    for para in row.paragraphs:
        label = f"<b>{_e(para.label)}</b>" if para.label else ""
        rest = f"<b>{_e(para.rest)}</b>" if para.bold else _e(para.rest)
        paragraphs.append(f"<p>{label}{rest}</p>")
    owner = f"<b>{_e(row.owner)}</b>" if row.owner else ""
    number = f"<b>{_e(row.number)}</b>" if row.number else ""
    return f"<tr><td>{number}</td><td>{''.join(paragraphs)}</td><td>{owner}</td></tr>"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
