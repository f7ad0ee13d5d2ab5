"""How fast meetings go into the tracker, on SQLite and PostgreSQL, and how fast the log reads.

    uv run python benchmarks/bench_ingest.py [--meetings 1000] [--json PATH]

Generates fictional notes (benchmarks/corpus.py), one per meeting, each with its own
series/date pair, writes them to a temporary folder and measures, on one core:

- the baseline: ``extract_bytes`` on every file, reading included, no database;
- ingest into a fresh SQLite database and into a fresh PostgreSQL database
  (``bench_ingest``, created here and dropped afterwards), each in its own subprocess,
  since Django reads its settings once at start-up: ``setup()`` then ``ingest_paths``;
- on the SQLite database: ``brief actions --overdue`` end to end (a subprocess), the
  query alone in-process (``action_rows(action_queryset(overdue=True, ...))``), and the
  start-up it pays (``python -c "from watching_brief.tracker import setup; setup()"``).

Prints the figures beside the baseline, the goal line with PASS / MISS and what the
database stored. It asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, write_figures  # noqa: E402
from common import progress as progress_bar  # noqa: E402
from corpus import Note, distinct_meetings, write_notes  # noqa: E402

GOAL_LOG_MS = 200  # brief actions --overdue, end to end, on SQLite
AS_OF = "2026-06-01"
PG_ADMIN_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_DATABASE = "bench_ingest"
SCRIPT = Path(__file__).resolve()
console = Console()


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered) * 1e3,
        "min": ordered[0] * 1e3,
        "p99": ordered[int(0.99 * (len(ordered) - 1))] * 1e3,
        "max": ordered[-1] * 1e3,
    }


# --- the corpus: one meeting per note -----------------------------------------------------


def distinct_notes(n: int, size: int, seed: int) -> tuple[list[Note], int]:
    """``n`` notes whose series/date pairs all differ. Returns the skips."""
    notes: list[Note] = []
    skipped = 0
    for note, skips in distinct_meetings(size, seed):
        notes.append(note)
        skipped = skips
        if len(notes) == n:
            break
    return notes, skipped


# --- the baseline: extraction alone ---------------------------------------------------------


def extraction_only(paths: list[Path]) -> dict[str, Any]:
    """``extract_bytes`` on each file, reading included, after one warm-up call."""
    from watching_brief.extraction import ExtractionError, extract_bytes

    extract_bytes(paths[0].read_bytes(), str(paths[0]))  # warm up
    per: list[float] = []
    actions = failed = 0
    with progress_bar(console) as progress:
        task = progress.add_task("extraction only", total=len(paths))
        start = time.perf_counter()
        for path in paths:
            begin = time.perf_counter()
            try:
                actions += len(extract_bytes(path.read_bytes(), str(path)).actions)
            except ExtractionError:
                failed += 1
            per.append(time.perf_counter() - begin)
            progress.advance(task)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "per_meeting_ms": _ms(per), "actions": actions, "failed": failed}


# --- children: one backend each, settings from the environment ----------------------------


def child_ingest(folder: Path, out: Path, limit: int | None) -> None:
    """Run in a subprocess: set up Django from the environment, ingest ``folder``."""
    from watching_brief.extraction import extract_bytes
    from watching_brief.tracker import setup

    begin = time.perf_counter()
    setup()
    setup_s = time.perf_counter() - begin
    from django.db import connection  # noqa: TID251 - the tracker side, in its own process

    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.ingest.services import find_documents, ingest_paths
    from watching_brief.tracker.meetings.models import Meeting, Series

    paths = list(find_documents([folder]))[:limit]
    extract_bytes(paths[0].read_bytes(), str(paths[0]))  # warm up the core, as the baseline
    stamps: list[float] = []
    label = f"ingest ({connection.vendor})"
    with progress_bar(console) as progress:
        task = progress.add_task(label, total=len(paths))
        start = time.perf_counter()
        results = ingest_paths(
            paths, progress=lambda _: (stamps.append(time.perf_counter()), progress.advance(task))
        )
        seconds = time.perf_counter() - start
    per = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
    tenth = max(1, len(per) // 10)
    figures = {
        "backend": connection.vendor,
        "setup_s": setup_s,
        "seconds": seconds,
        "per_meeting_ms": _ms(per),
        "first_tenth_per_s": tenth / sum(per[:tenth]),
        "last_tenth_per_s": tenth / sum(per[-tenth:]),
        "status": dict(Counter(r.status for r in results)),
        "failures": [r.reason for r in results if r.status == "failed"][:10],
        "meetings_in_db": Meeting.objects.count(),
        "series_in_db": Series.objects.count(),
        "actions_in_db": Action.objects.count(),
        "database_mb": _database_mb(connection),
    }
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


def _database_mb(connection: Any) -> float:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
    name = Path(connection.settings_dict["NAME"])
    files = [name, name.with_name(name.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def child_query(out: Path, as_of: str, runs: int) -> None:
    """Run in a subprocess: the overdue log's query and rows alone, timed in-process."""
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.actions.log import action_queryset, action_rows

    today = dt.date.fromisoformat(as_of)

    def once() -> tuple[float, int]:
        begin = time.perf_counter()
        rows = action_rows(action_queryset(overdue=True, today=today), today)
        return time.perf_counter() - begin, len(rows)

    first, count = once()  # cold: the connection opens, the first query compiles
    warm = [once()[0] for _ in range(runs)]
    figures = {"first_ms": first * 1e3, "ms": _ms(warm), "rows": count, "runs": runs}
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


def run_child(args: list[str], env: dict[str, str], out: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(SCRIPT), *args, "--out", str(out)], env=env)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[:2]} exited with {done.returncode}")
    return json.loads(out.read_text(encoding="utf-8"))


def backend_env(*, data_dir: Path | None = None, url: str | None = None) -> dict[str, str]:
    """The environment for one backend: SQLite in ``data_dir``, or ``url``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BRIEF_TESTING")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if url:
        env["DATABASE_URL"] = url
    if data_dir:
        env["BRIEF_DATA_DIR"] = str(data_dir)
    return env


# --- PostgreSQL: a database of our own ----------------------------------------------------


def _pg_url(admin_url: str, database: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def pg_database(admin_url: str, database: str, *, create: bool) -> None:
    """Drop ``database`` (ours) and, if ``create``, make it afresh."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{database}"')


def ingest_postgres(folder: Path, tmp: Path, args: argparse.Namespace) -> dict[str, Any] | None:
    try:
        pg_database(args.postgres_url, args.pg_database, create=True)
    except Exception as error:  # noqa: BLE001 - no server: report and carry on
        console.print(f"[yellow]PostgreSQL skipped ({args.postgres_url}): {error}[/yellow]")
        return None
    try:
        env = backend_env(url=_pg_url(args.postgres_url, args.pg_database))
        return run_child(["--child", "ingest", "--folder", str(folder)], env, tmp / "pg.json")
    finally:
        pg_database(args.postgres_url, args.pg_database, create=False)


# --- the action log on SQLite --------------------------------------------------------------


def timed_runs(command: list[str], env: dict[str, str], runs: int) -> tuple[list[float], bytes]:
    """Seconds of each of ``runs`` runs, after one untimed warm-up; the last output."""
    subprocess.run(command, env=env, capture_output=True, check=True)
    times, output = [], b""
    for _ in range(runs):
        begin = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - begin)
        output = done.stdout
    return times, output


def action_log(data_dir: Path, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = backend_env(data_dir=data_dir)
    bindir = Path(sys.executable).parent
    brief = bindir / "brief"
    if not brief.exists():
        brief = SCRIPT.parents[1] / ".venv" / "bin" / "brief"
    python = str(bindir / "python") if (bindir / "python").exists() else sys.executable
    cli = [str(brief), "actions", "--overdue", "--format", "json", "--as-of", args.as_of]
    commands = {
        "cli": cli,
        "python": [python, "-c", "pass"],
        "setup_no_migrate": [
            python,
            "-c",
            "from watching_brief.tracker import setup; setup(migrate=False)",
        ],
        "setup": [python, "-c", "from watching_brief.tracker import setup; setup()"],
    }
    out: dict[str, Any] = {}
    for name, command in commands.items():
        with console.status(f"timing {' '.join(command[-2:])[:60]} × {args.cli_runs}"):
            times, output = timed_runs(command, env, args.cli_runs)
        out[name] = {"ms": _ms(times), "runs": args.cli_runs}
        if name == "cli":
            out[name]["rows"] = len(json.loads(output))
            out[name]["output_kb"] = len(output) / 1e3
    query_args = ["--child", "query", "--as-of", args.as_of, "--runs", str(args.query_runs)]
    out["query"] = run_child(query_args, env, tmp / "query.json")
    return out


# --- report --------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def report(fig: dict[str, Any], pinning: str) -> None:
    corpus, base = fig["corpus"], fig["extraction"]
    console.print(
        f"corpus: {corpus['meetings']} meetings ({corpus['mb']:.2f} MB, seed "
        f"{corpus['seed']}), {corpus['skipped']} generated notes skipped as the same "
        f"series/date; planted actions {corpus['actions_planted']:,} "
        f"({corpus['actions_per_meeting']:.1f} per meeting)"
    )
    if corpus["actions_planted"] < 0.9 * corpus["target_actions"]:
        console.print(
            f"[yellow]  fewer than the ~{corpus['target_actions']:,} actions aimed at "
            f"(10 per meeting): the generator plants 0–2 per topic, "
            f"{corpus['actions_per_meeting']:.1f} per note on average[/yellow]"
        )
    table = Table(title=f"Meetings: extraction alone, then ingest ({pinning})")
    for col in ("", "meetings", "actions", "s", "per s", "ms med", "ms p99", "×"):
        table.add_column(col, justify="right" if col else "left")
    n, base_s = corpus["meetings"], base["seconds"]
    table.add_row(
        "extraction",
        str(n),
        f"{base['actions']:,}",
        f"{base_s:.2f}",
        f"{n / base_s:,.1f}",
        f"{base['per_meeting_ms']['median']:.1f}",
        f"{base['per_meeting_ms']['p99']:.1f}",
        "1",
    )
    for label, row in fig["ingest"].items():
        table.add_row(
            f"{label}",
            str(row["meetings_in_db"]),
            f"{row['actions_in_db']:,}",
            f"{row['seconds']:.2f}",
            f"{n / row['seconds']:,.1f}",
            f"{row['per_meeting_ms']['median']:.1f}",
            f"{row['per_meeting_ms']['p99']:.1f}",
            f"×{row['seconds'] / base_s:.1f}",
        )
    console.print(table)
    for label, row in fig["ingest"].items():
        _report_backend(label, row, base_s, n)
    _report_log(fig["log"])


def _report_backend(label: str, row: dict[str, Any], base_s: float, n: int) -> None:
    status = ", ".join(
        f"{k} {row['status'].get(k, 0)}" for k in ("stored", "updated", "unchanged", "failed")
    )
    db_s = row["seconds"] - base_s
    console.print(
        f"{label}: {status}; {row['meetings_in_db']} meetings in {row['series_in_db']} series, "
        f"{row['actions_in_db']:,} actions, {row['database_mb']:.1f} MB; setup + migrate "
        f"{row['setup_s']:.2f} s (not in the figures)"
    )
    console.print(
        f"  database cost ≈ {db_s:.2f} s ({db_s / row['seconds']:.0%} of ingest, "
        f"{db_s / n * 1e3:.1f} ms per meeting); rate first tenth "
        f"{row['first_tenth_per_s']:.1f}/s, last tenth {row['last_tenth_per_s']:.1f}/s"
    )
    for reason in row["failures"][:3]:
        console.print(f"  [red]failed: {reason}[/red]")


def _report_log(log: dict[str, Any]) -> None:
    cli, query = log["cli"], log["query"]
    e2e, e2e_min = cli["ms"]["median"], cli["ms"]["min"]
    start, start_min = log["setup"]["ms"]["median"], log["setup"]["ms"]["min"]
    console.print(
        f"brief actions --overdue --format json (SQLite, {cli['rows']:,} rows, "
        f"{cli['output_kb']:.0f} KB): median {e2e:.0f} ms, min {e2e_min:.0f} ms "
        f"over {cli['runs']} runs"
    )
    console.print(
        f"  query + rows in-process: median {query['ms']['median']:.1f} ms, min "
        f"{query['ms']['min']:.1f} ms over {query['runs']} (first, cold: "
        f"{query['first_ms']:.1f} ms; {query['rows']:,} rows)"
    )
    console.print(
        f"  start-up (python -c 'setup()'): median {start:.0f} ms, min {start_min:.0f} ms — "
        f"[bold]{start / e2e:.0%}[/bold] of the end-to-end time ({start_min / e2e_min:.0%} "
        "by the minimums)"
    )
    # by the minimums: the least disturbed run of each, so the parts add up best
    bare = log["python"]["ms"]["min"]
    django = log["setup_no_migrate"]["ms"]["min"]
    rest = e2e_min - start_min - query["ms"]["min"]
    console.print(
        f"  end to end by the minimums: interpreter {bare:.0f} ms + Django setup "
        f"{django - bare:.0f} ms + migrate check {start_min - django:.0f} ms + query and "
        f"rows {query['ms']['min']:.0f} ms + the rest (CLI imports, typer, JSON out) "
        f"{rest:.0f} ms = {e2e_min:.0f} ms"
    )
    console.print(
        f"goal: brief actions --overdue under {GOAL_LOG_MS} ms end to end on SQLite — "
        f"median {e2e:.0f} ms → {_verdict(e2e < GOAL_LOG_MS)}"
    )


# --- main ----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000, help="meetings (notes) to ingest")
    parser.add_argument("--size", type=int, default=20_000, help="characters per note")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--as-of", default=AS_OF, help="date for 'overdue'")
    parser.add_argument("--cli-runs", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--query-runs", type=int, default=20, help="timed in-process queries")
    parser.add_argument("--postgres-url", default=PG_ADMIN_URL, help="server to create on")
    parser.add_argument("--pg-database", default=PG_DATABASE, help="database to create, drop")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--notes-dir", type=Path, help="write the notes here and keep them")
    # internal: one backend in a subprocess (also handy under a profiler)
    parser.add_argument("--child", choices=["ingest", "query"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=20, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    return parser


def run(args: argparse.Namespace, tmp: Path, pinning: str) -> dict[str, Any]:
    with console.status(f"generating {args.meetings} notes"):
        notes, skipped = distinct_notes(args.meetings, args.size, args.seed)
    folder = args.notes_dir or tmp / "notes"
    paths = write_notes(notes, folder)
    planted = sum(len(n.actions) for n in notes)
    fig: dict[str, Any] = {
        "corpus": {
            "meetings": len(notes),
            "mb": sum(p.stat().st_size for p in paths) / 1e6,
            "seed": args.seed,
            "size": args.size,
            "skipped": skipped,
            "layouts": dict(Counter(n.layout for n in notes)),
            "actions_planted": planted,
            "actions_per_meeting": planted / len(notes),
            "target_actions": 10 * len(notes),
        },
        "extraction": extraction_only(paths),
        "ingest": {},
    }
    sqlite_dir = tmp / "sqlite"
    child = ["--child", "ingest", "--folder", str(folder)]
    fig["ingest"]["SQLite"] = run_child(
        child, backend_env(data_dir=sqlite_dir), tmp / "sqlite.json"
    )
    if not args.no_postgres and (pg := ingest_postgres(folder, tmp, args)) is not None:
        fig["ingest"]["PostgreSQL"] = pg
    fig["log"] = action_log(sqlite_dir, tmp, args)
    fig["goals"] = {"log_ms": fig["log"]["cli"]["ms"]["median"] < GOAL_LOG_MS}
    fig["pinning"] = pinning
    return fig


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    pinning = pin_one_core()
    if args.child == "ingest":
        child_ingest(args.folder, args.out or Path(os.devnull), args.limit)
        return
    if args.child == "query":
        child_query(args.out or Path(os.devnull), args.as_of, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        fig = run(args, Path(tmp), pinning)
    report(fig, pinning)
    write_figures(console, args.json, fig)


if __name__ == "__main__":
    main()
