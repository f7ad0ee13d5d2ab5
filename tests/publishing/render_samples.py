"""Render every bundled note to PDF and DOCX, for eyeballing the house style.

uv run python tests/publishing/render_samples.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from watching_brief.extraction import extract_file
from watching_brief.publishing import render_docx, render_pdf

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "tests" / "fixtures" / "seeds", ROOT / "tests" / "fixtures" / "documents")
SOURCES += (ROOT / "examples",)


def notes() -> list[Path]:
    """Every ``*.txt`` note in the seeds, documents and examples folders."""
    return [path for folder in SOURCES for path in sorted(folder.glob("*.txt"))]


def render_all(outdir: Path) -> int:
    """Render each note to ``outdir``; the number of files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in notes():
        minutes = extract_file(path)
        for suffix, render in ((".pdf", render_pdf), (".docx", render_docx)):
            target = outdir / (path.stem + suffix)
            render(minutes, target)
            print(target)
            written += 1
    return written


def main(argv: list[str]) -> int:
    """Command line: one argument, the output folder."""
    if len(argv) != 1:
        print("usage: render_samples.py OUTDIR", file=sys.stderr)
        return 2
    render_all(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
