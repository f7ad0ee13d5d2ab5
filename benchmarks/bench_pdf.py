"""How fast the layout-aware PDF import reads house-style PDFs, against pypdfium2's floor.

    uv run python benchmarks/bench_pdf.py [--notes 100] [--long-pages 500] [--json PATH]

Renders generated notes (benchmarks/corpus.py) to house-style PDFs in a temporary folder
(``render_pdf(extract_text(note.text), path)``; the rendering is not timed), then times,
on one core, over the same bytes held in memory:

- the floor: pypdfium2's own plain text, ``get_textpage().get_text_range()`` per page
  (the least any reader of these files has to do);
- the import: ``load_bytes(data, name)``, the layout-aware reader (runs, lines, tables);
- extraction: ``extract_bytes(data, name)``, reading and the record.

The same floor and import are then timed on LibreOffice's PDFs of the same notes (the
house-style DOCX converted with ``soffice --headless --convert-to pdf``, all files in one
run; Debian's ``libreoffice-writer-nogui``, ``make office-deps``): another producer's
layout (its own line breaks, fonts and boxes) under the same goal. ``--no-office`` skips it.

Then builds one long PDF (≥ ``--long-pages`` pages) and measures, each in a fresh
subprocess, the peak RSS and the tracemalloc peak of the floor and of the import on it.

Prints the figures, the goal line with PASS / MISS and a sanity check (the share of
planted actions and attendees that extraction from the PDFs found). It asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pypdfium2 as pdfium  # noqa: E402

from common import pin_one_core, write_figures  # noqa: E402
from common import progress as progress_bar  # noqa: E402
from corpus import Note, generate  # noqa: E402
from watching_brief.extraction import extract_bytes, extract_text  # noqa: E402
from watching_brief.extraction.sources import load_bytes  # noqa: E402
from watching_brief.publishing import house_style  # type: ignore[import-untyped]  # noqa: E402

GOAL_RATIO = 3  # the layout-aware import within 3x of pypdfium2's plain text
SLOW_DOC_S = 2.0  # a PDF slower than this to extract is reported as a problem
console = Console()


@dataclass(frozen=True)
class Pdf:
    name: str
    data: bytes
    pages: int
    layout: str


@dataclass
class Run:
    seconds: float
    chars: int = 0  # characters of text read, a check that the work was done
    per_doc: list[float] = field(default_factory=list)
    found: list[tuple[list[str], int] | None] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


# --- the corpus ----------------------------------------------------------------------


def page_count(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_corpus(notes: list[Note], folder: Path) -> list[Pdf]:
    """Each note's text record rendered to a house-style PDF; the bytes kept in memory."""

    pdfs = []
    with progress_bar(console) as progress:
        task = progress.add_task("rendering PDFs", total=len(notes))
        for index, note in enumerate(notes):
            path = folder / f"note-{index:05d}-{note.layout}.pdf"
            house_style.render_pdf(extract_text(note.text, path.stem), path)
            data = path.read_bytes()
            pdfs.append(Pdf(path.name, data, page_count(data), note.layout))
            progress.advance(task)
    return pdfs


def office_corpus(notes: list[Note], folder: Path) -> list[Pdf]:
    """The notes' house-style DOCX converted to PDF by LibreOffice, in one soffice run."""

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice is not installed (make office-deps)")
    docx = folder / "docx"
    docx.mkdir()
    layouts = {}
    with console.status(f"writing {len(notes)} DOCX"):
        for index, note in enumerate(notes):
            path = docx / f"note-{index:05d}-{note.layout}.docx"
            house_style.render_docx(extract_text(note.text, path.stem), path)
            layouts[path.stem] = note.layout
    out = folder / "office"
    profile = (folder / "office-profile").resolve().as_uri()
    with console.status(f"LibreOffice: converting {len(notes)} DOCX to PDF (one run)"):
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), *sorted(map(str, docx.glob("*.docx")))],
            check=True, capture_output=True, timeout=3600,
        )  # fmt: skip
    pdfs = []
    for path in sorted(out.glob("*.pdf")):
        data = path.read_bytes()
        pdfs.append(Pdf(path.name, data, page_count(data), layouts[path.stem]))
    return pdfs


def _renumbered(number: str | None, offset: int) -> str | None:
    """ "2.1" -> "{2+offset}.1": items of later notes carry on from the earlier ones."""
    if number is None:
        return None
    return re.sub(r"^\d+", lambda m: str(int(m.group()) + offset), number, count=1)


def merged_minutes(notes: list[Note]) -> Any:
    """One long record: the first note's header and people, every note's items and actions."""

    records = [extract_text(note.text) for note in notes]
    items, actions, offset = [], [], 0
    for record in records:
        tops = [int(m.group()) for i in record.items if (m := re.match(r"\d+", i.number or ""))]
        for item in record.items:
            items.append(
                item.model_copy(
                    update={
                        "number": _renumbered(item.number, offset),
                        "parent": _renumbered(item.parent, offset),
                    }
                )
            )
        for action in record.actions:
            actions.append(action.model_copy(update={"item": _renumbered(action.item, offset)}))
        offset += max(tops, default=0)
    return records[0].model_copy(update={"items": items, "actions": actions})


def long_pdf(path: Path, pages: int, pages_per_note: float, size: int, seed: int) -> Pdf:
    """A house-style PDF of at least ``pages`` pages, one record merged from many notes."""

    count = math.ceil(pages / pages_per_note * 1.05)
    while True:
        with console.status(f"rendering a long PDF from {count} notes (≥ {pages} pages)"):
            notes = generate(count, size, seed + 1)
            house_style.render_pdf(merged_minutes(notes), path)
        data = path.read_bytes()
        got = page_count(data)
        if got >= pages:
            return Pdf(path.name, data, got, "long")
        count = math.ceil(count * pages / got * 1.05)


# --- the measurements ----------------------------------------------------------------


def plain_text(data: bytes) -> int:
    """The floor: pypdfium2's own text of every page; the number of characters."""

    pdf = pdfium.PdfDocument(data)
    chars = 0
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return chars


def layout_import(data: bytes, name: str) -> int:
    """The layout-aware import; the number of characters of the document's text."""

    return len(load_bytes(data, name).text)


def best_of(label: str, pdfs: list[Pdf], work: Callable[[Pdf], int], repeat: int = 3) -> Run:
    """Best of ``repeat`` passes after one warm-up file."""
    work(pdfs[0])
    best = Run(float("inf"))
    for attempt in range(repeat):
        with console.status(f"{label}: pass {attempt + 1}/{repeat}"):
            chars = 0
            start = time.perf_counter()
            for pdf in pdfs:
                chars += work(pdf)
            run = Run(time.perf_counter() - start, chars)
        best = min(best, run, key=lambda r: r.seconds)
    return best


def _problem(pdf: Pdf, index: int, detail: str) -> None:
    out = Path(tempfile.gettempdir()) / f"bench-pdf-problem-{index:05d}.pdf"
    out.write_bytes(pdf.data)
    out.with_suffix(".log").write_text(detail, encoding="utf-8")
    console.print(f"[red]problem with {pdf.name}: PDF in {out}, detail in .log[/red]")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def extraction(pdfs: list[Pdf]) -> Run:
    """One pass of ``extract_bytes`` after a warm-up call, with a progress bar."""

    extract_bytes(pdfs[0].data, pdfs[0].name)  # warm up: imports, patterns, schemas
    run = Run(0.0)
    with progress_bar(console) as progress:
        task = progress.add_task("extracting", total=len(pdfs))
        start = time.perf_counter()
        for index, pdf in enumerate(pdfs):
            begin = time.perf_counter()
            try:
                minutes = extract_bytes(pdf.data, pdf.name)
                found = ([_norm(a.text) for a in minutes.actions], len(minutes.attendees))
            except Exception:  # noqa: BLE001 - report any crash, keep measuring
                found = None
                run.failures.append((pdf.name, traceback.format_exc()))
                _problem(pdf, index, traceback.format_exc())
            took = time.perf_counter() - begin
            run.per_doc.append(took)
            run.found.append(found)
            if took > SLOW_DOC_S:
                _problem(pdf, index, f"slow: {took:.3f} s\n")
            progress.advance(task)
        run.seconds = time.perf_counter() - start
    return run


def sanity(notes: list[Note], run: Run) -> dict[str, float]:
    planted = found = people = people_found = 0
    for note, got in zip(notes, run.found, strict=True):
        texts, attendees = got if got else ([], 0)
        planted += len(note.actions)
        found += sum(any(a.key in t for t in texts) for a in note.actions)
        people += note.attendees
        people_found += min(note.attendees, attendees)
    return {
        "actions_planted": planted,
        "actions_found": found,
        "actions_found_share": found / planted if planted else 1.0,
        "attendees_planted": people,
        "attendees_found": people_found,
        "attendees_found_share": people_found / people if people else 1.0,
    }


# --- memory, in a fresh subprocess ---------------------------------------------------


def _max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024  # bytes vs KiB


def _vm_hwm_mb() -> float | None:
    """The kernel's own RSS high-water mark (Linux), a cross-check of ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child(mode: str, path: Path, traced: bool) -> None:
    """Run one reader over one file and print what it cost, as JSON on stdout.

    Untraced: seconds and peak RSS (``ru_maxrss``, which counts pdfium's own memory).
    Traced: the tracemalloc peak of the Python heap (pdfium's C heap is not in it).
    Both readers' modules are imported, and the file read, before anything is counted.
    """
    pin_one_core()
    data = path.read_bytes()
    before = _max_rss_mb()
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    chars = plain_text(data) if mode == "floor" else layout_import(data, path.name)
    seconds = time.perf_counter() - start
    out: dict[str, Any] = {"mode": mode, "chars": chars}
    if traced:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        out["traced_seconds"] = seconds
        tracemalloc.stop()
    else:
        out["seconds"] = seconds
        out["rss_before_mb"] = before
        out["rss_peak_mb"] = _max_rss_mb()
        out["vm_hwm_mb"] = _vm_hwm_mb()
    print(json.dumps(out))


def _in_subprocess(mode: str, path: Path, traced: bool) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter whose ``ru_maxrss`` starts from nothing.

    Linux carries ``ru_maxrss`` across ``execve``: a child started straight from this
    process would report at least this process's RSS. A small shell in between forks the
    interpreter, so its high-water mark is its own.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)]
    if traced:
        command.append("--traced")
    if Path("/bin/sh").exists():
        command = ["/bin/sh", "-c", '"$@"; exit $?', "sh", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the {mode} subprocess failed:\n{result.stderr}")
    out: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def memory(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for mode in ("floor", "import"):
        with console.status(f"memory: {mode} on {path.name} in a fresh process"):
            plain = _in_subprocess(mode, path, traced=False)
            traced = _in_subprocess(mode, path, traced=True)
        out[mode] = plain | traced
    return out


# --- the report ----------------------------------------------------------------------


def figures(notes: list[Note], pdfs: list[Pdf], low: Run, mid: Run, high: Run) -> dict[str, Any]:
    pages = sum(p.pages for p in pdfs)
    total = sum(len(p.data) for p in pdfs)
    per = sorted(high.per_doc)
    n = len(pdfs)

    def row(run: Run) -> dict[str, Any]:
        return {
            "seconds": run.seconds,
            "pages_per_s": pages / run.seconds,
            "ms_per_page": run.seconds / pages * 1e3,
            "pdfs_per_s": n / run.seconds,
            "chars": run.chars,
        }

    ratio_import = mid.seconds / low.seconds
    layouts = {}
    for layout in sorted({p.layout for p in pdfs}):
        chosen = [
            (p.pages, t) for p, t in zip(pdfs, high.per_doc, strict=True) if p.layout == layout
        ]
        layouts[layout] = {
            "pdfs": len(chosen),
            "pages": sum(pg for pg, _ in chosen),
            "pages_per_s": sum(pg for pg, _ in chosen) / sum(t for _, t in chosen),
        }
    return {
        "pdfs": n,
        "pages": pages,
        "bytes": total,
        "mb": total / 1e6,
        "floor": row(low),
        "import": row(mid),
        "extraction": row(high)
        | {
            "ms_per_pdf": {
                "median": statistics.median(per) * 1e3,
                "p99": per[int(0.99 * (n - 1))] * 1e3,
                "max": per[-1] * 1e3,
            },
            "failures": [name for name, _ in high.failures],
        },
        "by_layout": layouts,
        "ratio_import": ratio_import,
        "ratio_extraction": high.seconds / low.seconds,
        "goals": {"import_ratio": ratio_import <= GOAL_RATIO},
        "sanity": sanity(notes, high),
    }


def _verdict(ok: bool) -> str:
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def report(fig: dict[str, Any], pinning: str) -> None:
    table = Table(title=f"PDF benchmark ({pinning})")
    for col in ("", "PDFs", "pages", "MB", "seconds", "pages/s", "ms/page", "× floor"):
        table.add_column(col, justify="right" if col else "left")
    for key, label in (("floor", "floor"), ("import", "import"), ("extraction", "extraction")):
        row = fig[key]
        ratio = row["seconds"] / fig["floor"]["seconds"]
        table.add_row(
            label,
            str(fig["pdfs"]),
            f"{fig['pages']:,}",
            f"{fig['mb']:.2f}",
            f"{row['seconds']:.3f}",
            f"{row['pages_per_s']:,.1f}",
            f"{row['ms_per_page']:.2f}",
            f"×{ratio:.1f}",
        )
    console.print(table)
    console.print(
        "floor: pypdfium2 get_text_range per page (best of 3); import: load_bytes (best of 3); "
        "extraction: extract_bytes (one pass)"
    )
    ext, san = fig["extraction"], fig["sanity"]
    ms = ext["ms_per_pdf"]
    console.print(
        f"mean PDF {fig['pages'] / fig['pdfs']:.1f} pages, {fig['mb'] * 1e3 / fig['pdfs']:.0f} KB; "
        f"extraction per PDF: median {ms['median']:.1f} ms, p99 {ms['p99']:.1f} ms, "
        f"max {ms['max']:.1f} ms"
    )
    for layout, row in fig["by_layout"].items():
        console.print(
            f"  {layout:<10} {row['pdfs']:>4} PDFs, {row['pages']:>5} pages, "
            f"{row['pages_per_s']:.1f} pages/s extracted"
        )
    console.print(
        f"import is [bold]×{fig['ratio_import']:.1f}[/bold] of the floor, "
        f"extraction [bold]×{fig['ratio_extraction']:.1f}[/bold]"
    )
    console.print(
        f"goal: layout-aware import within {GOAL_RATIO}× of the floor — "
        f"×{fig['ratio_import']:.1f} → {_verdict(fig['goals']['import_ratio'])}"
    )
    console.print(
        f"sanity: planted actions found {san['actions_found']}/"
        f"{san['actions_planted']} ({san['actions_found_share']:.1%}); attendees "
        f"{san['attendees_found']}/{san['attendees_planted']} "
        f"({san['attendees_found_share']:.1%}); crashes {len(ext['failures'])}"
    )


def office_figures(pdfs: list[Pdf], low: Run, mid: Run) -> dict[str, Any]:
    pages = sum(p.pages for p in pdfs)
    return {
        "pdfs": len(pdfs),
        "pages": pages,
        "mb": sum(len(p.data) for p in pdfs) / 1e6,
        "floor": {"seconds": low.seconds, "ms_per_page": low.seconds / pages * 1e3},
        "import": {"seconds": mid.seconds, "ms_per_page": mid.seconds / pages * 1e3},
        "ratio_import": mid.seconds / low.seconds,
    }


def report_office(fig: dict[str, Any]) -> None:
    table = Table(title="LibreOffice PDFs of the same notes")
    for col in ("", "PDFs", "pages", "MB", "seconds", "ms/page", "× floor"):
        table.add_column(col, justify="right" if col else "left")
    for key in ("floor", "import"):
        row = fig[key]
        table.add_row(
            key,
            str(fig["pdfs"]),
            f"{fig['pages']:,}",
            f"{fig['mb']:.2f}",
            f"{row['seconds']:.3f}",
            f"{row['ms_per_page']:.2f}",
            f"×{row['seconds'] / fig['floor']['seconds']:.1f}",
        )
    console.print(table)
    ok = fig["ratio_import"] <= GOAL_RATIO
    console.print(
        f"goal (LibreOffice PDFs): layout-aware import within {GOAL_RATIO}× of the floor — "
        f"×{fig['ratio_import']:.1f} → {_verdict(ok)}"
    )


def report_memory(long: dict[str, Any]) -> None:
    mem = long["memory"]
    table = Table(title=f"Memory: one PDF of {long['pages']} pages, {long['mb']:.2f} MB")
    for col in ("", "seconds", "pages/s", "RSS before", "RSS peak", "growth", "Python heap"):
        table.add_column(col, justify="right" if col else "left")
    for mode, label in (("floor", "floor"), ("import", "import")):
        row = mem[mode]
        table.add_row(
            label,
            f"{row['seconds']:.2f}",
            f"{long['pages'] / row['seconds']:,.1f}",
            f"{row['rss_before_mb']:.1f}",
            f"{row['rss_peak_mb']:.1f}",
            f"{row['rss_peak_mb'] - row['rss_before_mb']:.1f}",
            f"{row['tracemalloc_peak_mb']:.1f}",
        )
    console.print(table)
    console.print(
        "MB, each in a fresh process. RSS (ru_maxrss) before: after the imports and reading "
        "the file; the peak counts pdfium's own memory. Python heap: the tracemalloc peak "
        "(a second, traced run; pdfium's C heap is not in it)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100, help="notes to render as PDFs")
    parser.add_argument("--size", type=int, default=20_000, help="characters per note")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--long-pages", type=int, default=500, help="pages of the long PDF (0: skip memory)"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--no-office",
        dest="office",
        action="store_false",
        help="skip the LibreOffice PDFs (they need soffice: make office-deps)",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), args.traced)
        return
    pinning = pin_one_core()
    with console.status(f"generating {args.notes} notes"):
        notes = generate(args.notes, args.size, args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        pdfs = render_corpus(notes, folder)
        low = best_of("floor", pdfs, lambda p: plain_text(p.data))
        mid = best_of("import", pdfs, lambda p: layout_import(p.data, p.name))
        high = extraction(pdfs)
        fig = figures(notes, pdfs, low, mid, high)
        fig["args"] = {
            "notes": args.notes,
            "size": args.size,
            "seed": args.seed,
            "long_pages": args.long_pages,
        }
        report(fig, pinning)
        if args.office:
            office = office_corpus(notes, folder)
            office_low = best_of("floor (LibreOffice PDFs)", office, lambda p: plain_text(p.data))
            office_mid = best_of(
                "import (LibreOffice PDFs)", office, lambda p: layout_import(p.data, p.name)
            )
            fig["office"] = office_figures(office, office_low, office_mid)
            fig["goals"]["office_import_ratio"] = fig["office"]["ratio_import"] <= GOAL_RATIO
            report_office(fig["office"])
        if args.long_pages > 0:
            path = folder / "long.pdf"
            long = long_pdf(path, args.long_pages, fig["pages"] / fig["pdfs"], args.size, args.seed)
            fig["long"] = {"pages": long.pages, "bytes": len(long.data), "mb": len(long.data) / 1e6}
            fig["long"]["memory"] = memory(path)
            report_memory(fig["long"])
    write_figures(console, args.json, fig)


if __name__ == "__main__":
    main()
