"""How fast the extraction core reads plain-text notes, against a floor.

    uv run python benchmarks/bench_extract.py [--notes 1000] [--size 20000] [--json PATH]

Generates fictional notes (benchmarks/corpus.py), writes them to a temporary folder and
times, on one core:

- the floor: read each file's bytes, decode them and run one compiled regular expression
  over the text (the least any reader of these files has to do);
- extraction: ``extract_file`` on each file (reading included). Its seconds are the sum of
  the per-note times, so the progress bar's drawing (a thread of its own) and the sanity
  bookkeeping between notes are left out; the loop's wall time is printed beside them.

Prints the figures, the goal lines with PASS / MISS, and a sanity check (the share of
planted actions and attendees that extraction found). It asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, write_figures  # noqa: E402
from corpus import Note, generate, write_notes  # noqa: E402
from watching_brief.extraction import Minutes, extract_file  # noqa: E402

GOAL_NOTES_PER_S = 100  # notes of 20 KB
GOAL_SIZE = 20_000
GOAL_RATIO = 20  # extraction within 20x of the floor
SLOW_NOTE_S = 1.0  # a note slower than this is written to /tmp as a problem
FLOOR_PATTERN = re.compile(r"Action:")
console = Console()


@dataclass(frozen=True)
class Found:
    actions: list[str]  # action texts, whitespace and quotes normalised
    attendees: int

    @classmethod
    def of(cls, minutes: Minutes) -> Found:
        return cls([_norm(a.text) for a in minutes.actions], len(minutes.attendees))


@dataclass
class Run:
    seconds: float
    loop_seconds: float = 0.0  # the whole loop: progress bar and bookkeeping included
    cpu_seconds: float = 0.0  # processor time of the extractions (steadier on a busy machine)
    per_note: list[float] = field(default_factory=list)
    found: list[Found | None] = field(default_factory=list)  # not the Minutes: no GC bias
    failures: list[tuple[Path, str]] = field(default_factory=list)
    hits: int = 0


def floor(paths: list[Path], repeat: int = 3) -> Run:
    """Best of ``repeat`` passes: the floor is so short that noise would dominate one."""
    FLOOR_PATTERN.findall(paths[0].read_bytes().decode("utf-8"))  # warm up
    best = Run(float("inf"))
    for _ in range(repeat):
        hits = 0
        start = time.perf_counter()
        for path in paths:
            hits += len(FLOOR_PATTERN.findall(path.read_bytes().decode("utf-8")))
        best = min(best, Run(time.perf_counter() - start, hits=hits), key=lambda r: r.seconds)
    return best


def _problem(path: Path, index: int, detail: str) -> None:
    out = Path(tempfile.gettempdir()) / f"bench-problem-{index:05d}.txt"
    out.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    out.with_suffix(".log").write_text(detail, encoding="utf-8")
    console.print(f"[red]problem with {path.name}: note in {out}, detail in .log[/red]")


def _extract_one(run: Run, path: Path, index: int) -> None:
    begin, cpu = time.perf_counter(), time.process_time()
    try:
        minutes = extract_file(path)
    except Exception:  # noqa: BLE001 - report any crash, keep measuring
        minutes = None
        run.failures.append((path, traceback.format_exc()))
        _problem(path, index, traceback.format_exc())
    took = time.perf_counter() - begin
    run.cpu_seconds += time.process_time() - cpu
    run.per_note.append(took)
    run.found.append(Found.of(minutes) if minutes else None)
    if took > SLOW_NOTE_S:
        _problem(path, index, f"slow: {took:.3f} s\n")


def extraction(paths: list[Path]) -> Run:
    extract_file(paths[0])  # warm up: imports, compiled patterns, pydantic schemas
    run = Run(0.0)
    columns = (*Progress.get_default_columns()[:-1], MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("extracting", total=len(paths))
        start = time.perf_counter()
        for index, path in enumerate(paths):
            _extract_one(run, path, index)
            progress.advance(task)
        run.loop_seconds = time.perf_counter() - start
    run.seconds = sum(run.per_note)
    return run


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def sanity(notes: list[Note], run: Run) -> dict[str, float]:
    planted = found = people = people_found = 0
    for note, got in zip(notes, run.found, strict=True):
        texts = got.actions if got else []
        planted += len(note.actions)
        found += sum(any(a.key in t for t in texts) for a in note.actions)
        people += note.attendees
        people_found += min(note.attendees, got.attendees) if got else 0
    return {
        "actions_planted": planted,
        "actions_found": found,
        "actions_found_share": found / planted if planted else 1.0,
        "attendees_planted": people,
        "attendees_found": people_found,
        "attendees_found_share": people_found / people if people else 1.0,
    }


def by_layout(notes: list[Note], run: Run) -> dict[str, dict[str, float]]:
    out = {}
    for layout in sorted({n.layout for n in notes}):
        pairs = [
            (len(n.text.encode()), t)
            for n, t in zip(notes, run.per_note, strict=True)
            if n.layout == layout
        ]
        seconds = sum(t for _, t in pairs)
        out[layout] = {
            "notes": len(pairs),
            "median_ms": statistics.median(t for _, t in pairs) * 1e3,
            "notes_20kb_per_s": sum(b for b, _ in pairs) / GOAL_SIZE / seconds,
        }
    return out


def figures(notes: list[Note], paths: list[Path], low: Run, high: Run) -> dict[str, Any]:
    total = sum(p.stat().st_size for p in paths)
    n = len(paths)
    per = sorted(high.per_note)
    per_20kb = total / GOAL_SIZE / high.seconds
    return {
        "notes": n,
        "bytes": total,
        "mb": total / 1e6,
        "mean_note_bytes": total / n,
        "floor": {
            "seconds": low.seconds,
            "notes_per_s": n / low.seconds,
            "mb_per_s": total / 1e6 / low.seconds,
            "pattern_hits": low.hits,
        },
        "extraction": {
            "seconds": high.seconds,
            "loop_seconds": high.loop_seconds,
            "cpu_seconds": high.cpu_seconds,
            "cpu_notes_20kb_per_s": total / GOAL_SIZE / high.cpu_seconds,
            "notes_per_s": n / high.seconds,
            "mb_per_s": total / 1e6 / high.seconds,
            "notes_20kb_per_s": per_20kb,
            "ms_per_note": {
                "median": statistics.median(per) * 1e3,
                "p99": per[int(0.99 * (n - 1))] * 1e3,
                "max": per[-1] * 1e3,
            },
            "failures": [str(p) for p, _ in high.failures],
        },
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "ratio": high.seconds / low.seconds,
        "goals": {
            "notes_per_s": per_20kb >= GOAL_NOTES_PER_S,
            "ratio": high.seconds / low.seconds <= GOAL_RATIO,
        },
        "by_layout": by_layout(notes, high),
        "slowest": [
            {"note": paths[i].name, "ms": high.per_note[i] * 1e3}
            for i in sorted(range(n), key=lambda i: -high.per_note[i])[:5]
        ],
        "sanity": sanity(notes, high),
    }


def _verdict(ok: bool) -> str:
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def report(fig: dict[str, Any], pinning: str) -> None:
    table = Table(title=f"Extraction benchmark ({pinning})")
    for col in ("", "notes", "MB", "seconds", "notes/s", "MB/s"):
        table.add_column(col, justify="right" if col else "left")
    for label in ("floor", "extraction"):
        row = fig[label]
        table.add_row(
            label,
            str(fig["notes"]),
            f"{fig['mb']:.2f}",
            f"{row['seconds']:.3f}",
            f"{row['notes_per_s']:,.1f}",
            f"{row['mb_per_s']:,.2f}",
        )
    console.print(table)
    ext, san = fig["extraction"], fig["sanity"]
    ms = ext["ms_per_note"]
    console.print(
        f"extraction seconds are the sum of the per-note times; the loop around them took "
        f"{ext['loop_seconds']:.3f} s (progress bar and bookkeeping included)"
    )
    load = fig["load_average"]
    console.print(
        f"processor time {ext['cpu_seconds']:.3f} s: {ext['cpu_notes_20kb_per_s']:.1f} notes of "
        f"20 KB per processor second"
        + (f" (load average {load[0]:.2f}: other work shares the processors)" if load else "")
    )
    console.print(
        f"mean note {fig['mean_note_bytes'] / 1000:.1f} KB; per note: median "
        f"{ms['median']:.1f} ms, p99 {ms['p99']:.1f} ms, max {ms['max']:.1f} ms"
    )
    for layout, row in fig["by_layout"].items():
        console.print(
            f"  {layout:<10} {row['notes']:>5} notes, median {row['median_ms']:.1f} ms, "
            f"{row['notes_20kb_per_s']:.1f} notes of 20 KB/s"
        )
    slow = ", ".join(f"{s['note']} {s['ms']:.0f} ms" for s in fig["slowest"][:3])
    console.print(f"slowest: {slow}")
    console.print(f"extraction is [bold]×{fig['ratio']:.0f}[/bold] of the floor")
    console.print(
        f"goal: ≥{GOAL_NOTES_PER_S} notes/s of 20 KB — "
        f"{ext['notes_20kb_per_s']:.1f} → {_verdict(fig['goals']['notes_per_s'])}"
    )
    console.print(
        f"goal: within {GOAL_RATIO}× of the floor — ×{fig['ratio']:.1f} → "
        f"{_verdict(fig['goals']['ratio'])}"
    )
    console.print(
        f"sanity: planted actions found {san['actions_found']}/"
        f"{san['actions_planted']} ({san['actions_found_share']:.1%}); attendees "
        f"{san['attendees_found']}/{san['attendees_planted']} "
        f"({san['attendees_found_share']:.1%}); crashes {len(ext['failures'])}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000, help="notes to generate")
    parser.add_argument("--size", type=int, default=20_000, help="characters per note")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    pinning = pin_one_core()
    with console.status(f"generating {args.notes} notes"):
        notes = generate(args.notes, args.size, args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        paths = write_notes(notes, Path(tmp))
        low = floor(paths)
        high = extraction(paths)
        fig = figures(notes, paths, low, high)
    fig["args"] = {"notes": args.notes, "size": args.size, "seed": args.seed}
    report(fig, pinning)
    write_figures(console, args.json, fig)


if __name__ == "__main__":
    main()
