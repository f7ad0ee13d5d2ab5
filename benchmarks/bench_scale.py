"""The tracker at the size of every force for ten years: import, search and the API.

    uv run python benchmarks/bench_scale.py [--meetings 5000] [--workers 2] [--json PATH]
    uv run python benchmarks/bench_scale.py --meetings 300 --skip-api     # a quick run

Generates fictional notes (benchmarks/corpus.py, ``SCALE_SHAPE``: 43 places over ten
years, ~10 actions and ~20 items per note), one per meeting, and measures:

1. **import through the queue** on PostgreSQL (database ``brief_bench``, dropped and made
   afresh): ``brief ingest --queue`` then ``--workers`` ``brief worker`` processes, timed
   until every job has finished -> meetings per second; baseline: ``ingest_paths`` in one
   process without the queue on a sample (database ``brief_bench_base``, dropped after);
2. **import on SQLite**, in one process (``ingest_paths``), into a temporary data folder;
3. **search** on both: a fixed list of queries, each run as the public runs it (the
   backend's ``search`` for an anonymous user, first page of 20); baseline: the same words
   as a case-insensitive ``LIKE`` scan over the same entries, visibility and filters
   applied, counting and fetching the first page. p50 and p95, PASS / MISS against 50 ms;
4. **the API** under ``wrk`` at 20 concurrent clients on loopback (``brief serve``
   against ``brief_bench``): meetings, actions and a filtered action list; baseline: a
   static file from the same server.

Prints the figures beside their baselines and writes them to ``build/bench/scale.json``.
It asserts nothing about time.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import (  # noqa: E402
    STATIC_URL,
    WRK_LUA,
    _brief,
    _python,
    ensure_wrk,
    fetch,
    free_port,
    parse_wrk,
    settle,
    wait_until_up,
)
from common import progress as progress_bar  # noqa: E402
from corpus import Note, Shape, distinct_meetings, places, write_notes  # noqa: E402

GOAL_SEARCH_P95_MS = 50
PG_ADMIN_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "brief_bench"
PG_BASELINE = "brief_bench_base"
NEVER = {"test", "postgres", "template0", "template1"}  # databases this script never drops
REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve()
TASK_TABLE = "django_tasks_database_dbtaskresult"
SCALE_SHAPE = Shape(
    topics=(16, 20),
    actions_per_topic=(0, 1, 0, 1, 1, 0, 1),
    places=tuple(places(43)),
    start=dt.date(2016, 1, 1),
    days=10 * 365,
    place_in_pdf_title=True,
)
# A settings module for the API load only: the API's rate limit (120 requests a minute per
# address) would otherwise answer 429 to nearly every request from one loopback address.
BENCH_SETTINGS = """
from watching_brief.tracker.settings import *  # noqa: F403
BRIEF_API_RATE_LIMIT = 10**9
"""
console = Console(width=max(Console().width, 110))


def _ms(values: list[float]) -> dict[str, float]:
    """p50, p95, min and max of ``values`` (seconds) in ms; p95 by the nearest rank."""
    ordered = sorted(values)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)
    return {
        "p50": statistics.median(ordered) * 1e3,
        "p95": ordered[rank] * 1e3,
        "min": ordered[0] * 1e3,
        "max": ordered[-1] * 1e3,
        "n": len(ordered),
    }


# --- the corpus ------------------------------------------------------------------------------


def scale_notes(n: int, size: int, seed: int) -> tuple[list[Note], int]:
    """``n`` notes with distinct series/date pairs; returns them and how many were skipped."""
    notes: list[Note] = []
    skipped = 0
    with progress_bar(console) as bar:
        task = bar.add_task("generating notes", total=n)
        for note, skips in distinct_meetings(size, seed, SCALE_SHAPE):
            notes.append(note)
            skipped = skips
            bar.advance(task)
            if len(notes) == n:
                break
    return notes, skipped


# --- environments and children ---------------------------------------------------------------


def pg_url(admin_url: str, database: str) -> str:
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{database}"))


def pg_recreate(admin_url: str, database: str, *, create: bool = True) -> None:
    """Drop ``database`` (one of ours, never ``test``) and, if ``create``, make it afresh."""
    import psycopg

    if database in NEVER:
        raise SystemExit(f"refusing to drop {database!r}")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{database}"')


def backend_env(*, data_dir: Path | None = None, url: str | None = None) -> dict[str, str]:
    """SQLite in ``data_dir``, or the database at ``url``; nothing from a test leaks in."""
    drop = ("DATABASE_URL", "BRIEF_TESTING", "DJANGO_SETTINGS_MODULE", "BRIEF_DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["BRIEF_DEBUG"] = "0"
    if url:
        env["DATABASE_URL"] = url
    if data_dir:
        env["BRIEF_DATA_DIR"] = str(data_dir)
    return env


def run_child(args: list[str], env: dict[str, str], out: Path, label: str) -> dict[str, Any]:
    """This script as ``--child ...`` in a subprocess; a bar fed by its DONE lines."""
    command = [_python(), str(SCRIPT), *args, "--out", str(out)]
    with progress_bar(console) as bar:
        task = bar.add_task(label, total=None)
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith("TOTAL "):
                    bar.update(task, total=int(line.split()[1]))
                elif line.startswith("DONE"):
                    bar.advance(task)
                else:
                    console.print(line.rstrip())
    if child.returncode != 0:
        raise SystemExit(f"child {args[:2]} exited with {child.returncode}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _database_mb(connection: Any) -> float:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return float(cursor.fetchone()[0]) / 1e6
    name = Path(connection.settings_dict["NAME"])
    files = [name, name.with_name(name.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def stored_counts() -> dict[str, Any]:
    """What the database holds (in a child, after ``setup()``)."""
    from django.db import connection  # noqa: TID251 - a child process, the tracker side

    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.meetings.models import Body, Item, Meeting, Series
    from watching_brief.tracker.search.models import SearchEntry

    return {
        "bodies": Body.objects.count(),
        "series": Series.objects.count(),
        "meetings": Meeting.objects.count(),
        "items": Item.objects.count(),
        "actions": Action.objects.count(),
        "search_entries": SearchEntry.objects.count(),
        "database_mb": _database_mb(connection),
    }


def child_setup(out: Path) -> None:
    """Migrate a fresh database; the seconds it took."""
    from watching_brief.tracker import setup

    begin = time.perf_counter()
    setup()
    out.write_text(json.dumps({"seconds": time.perf_counter() - begin}), encoding="utf-8")


def child_ingest(folder: Path, out: Path, limit: int | None) -> None:
    """Ingest the first ``limit`` files of ``folder`` in this process, without the queue."""
    from watching_brief.tracker import setup

    setup()
    from django.db import connection  # noqa: TID251 - a child process, the tracker side

    from watching_brief.tracker.ingest.services import find_documents, ingest_paths

    paths = list(find_documents([folder]))[:limit]
    print(f"TOTAL {len(paths)}", flush=True)
    stamps: list[float] = []

    def done(_: Any) -> None:
        stamps.append(time.perf_counter())
        print("DONE", flush=True)

    start = time.perf_counter()
    results = ingest_paths(paths, progress=done)
    seconds = time.perf_counter() - start
    per = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
    figures = {
        "backend": connection.vendor,
        "files": len(paths),
        "seconds": seconds,
        "per_s": len(paths) / seconds,
        "per_meeting_ms": _ms(per),
        "status": dict(Counter(r.status for r in results)),
        "failures": [r.reason for r in results if r.status == "failed"][:10],
        "stored": stored_counts(),
    }
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


# --- 1. the queue on PostgreSQL --------------------------------------------------------------


def _job_counts(url: str) -> tuple[int, int]:
    """(finished, all) jobs in the queue."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            f"SELECT count(*) FILTER (WHERE status IN ('SUCCESSFUL', 'FAILED')), count(*)"  # noqa: S608 - our table name
            f" FROM {TASK_TABLE}"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _job_outcomes(url: str, sample: int) -> dict[str, Any]:
    """Job statuses, the ingest outcomes they returned, and the rate over the first
    ``sample`` jobs to finish (to set beside the one-process sample)."""
    import psycopg

    with psycopg.connect(url) as conn:
        status = dict(
            conn.execute(f"SELECT status, count(*) FROM {TASK_TABLE} GROUP BY 1").fetchall()  # noqa: S608 - our table name
        )
        outcome = dict(
            conn.execute(
                f"SELECT coalesce(return_value->>'status', 'error'), count(*) FROM {TASK_TABLE}"  # noqa: S608 - our table name
                " GROUP BY 1"
            ).fetchall()
        )
        reasons = [
            r[0]
            for r in conn.execute(
                f"SELECT coalesce(return_value->>'reason', exception_class_path) FROM {TASK_TABLE}"  # noqa: S608 - our table name
                " WHERE return_value->>'status' = 'failed' OR status = 'FAILED' LIMIT 5"
            ).fetchall()
        ]
        ends = [
            r[0].timestamp()
            for r in conn.execute(
                f"SELECT finished_at FROM {TASK_TABLE} WHERE finished_at IS NOT NULL"  # noqa: S608 - our table name
                " ORDER BY finished_at"
            ).fetchall()
        ]
        first = conn.execute(f"SELECT min(started_at) FROM {TASK_TABLE}").fetchone()  # noqa: S608 - our table name
    begin = first[0].timestamp() if first and first[0] else None
    early = None
    if begin is not None and len(ends) >= sample:
        early = sample / (ends[sample - 1] - begin)
    tenth = max(1, len(ends) // 10)
    last = tenth / (ends[-1] - ends[-tenth - 1]) if len(ends) > tenth else None
    return {
        "job_status": status,
        "ingest_outcome": outcome,
        "failures": reasons,
        "busy_s": (ends[-1] - begin) if ends and begin is not None else None,
        "first_sample_per_s": early,
        "last_tenth_per_s": last,
    }


@contextmanager
def workers(
    count: int, env: dict[str, str], log_dir: Path
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` ``brief worker`` processes; SIGTERM (they finish their job) on the way out."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for number in range(count):
            log = (log_dir / f"worker-{number}.log").open("wb")
            command = [_brief(), "worker", "--interval", "0.2"]
            procs.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT))
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def queue_import(folder: Path, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    url = pg_url(args.postgres_url, args.pg_database)
    env = backend_env(url=url)
    pg_recreate(args.postgres_url, args.pg_database)
    with console.status(f"migrating {args.pg_database}"):
        migrate = run_child(["--child", "setup"], env, tmp / "pg-setup.json", "migrate")
    begin = time.perf_counter()
    with console.status("brief ingest --queue"):
        enqueued = subprocess.run(
            [_brief(), "ingest", "--queue", str(folder)], env=env, capture_output=True, text=True
        )
    if enqueued.returncode != 0:
        raise SystemExit(f"brief ingest --queue failed: {enqueued.stderr[-2000:]}")
    enqueue_s = time.perf_counter() - begin
    _, total = _job_counts(url)
    start = time.perf_counter()
    with workers(args.workers, env, tmp) as procs, progress_bar(console) as bar:
        task = bar.add_task(f"queue, {args.workers} workers", total=total)
        while True:
            finished, _ = _job_counts(url)
            bar.update(task, completed=finished)
            if finished >= total:
                break
            if any(p.poll() is not None for p in procs):
                raise SystemExit(f"a worker exited early; see {tmp}/worker-*.log")
            time.sleep(0.5)
        seconds = time.perf_counter() - start
    figures = {
        "database": args.pg_database,
        "jobs": total,
        "workers": args.workers,
        "migrate_s": migrate["seconds"],
        "enqueue_s": enqueue_s,
        "seconds": seconds,
        "per_s": total / seconds,
        **_job_outcomes(url, args.baseline_sample),
    }
    with console.status("counting what is stored"):
        figures["stored"] = run_child(["--child", "stats"], env, tmp / "pg-stats.json", "stats")
    analyze(url)
    return figures


def analyze(url: str) -> None:
    """Planner statistics for the fresh tables, as autovacuum would gather on a live server."""
    import psycopg

    with console.status("ANALYZE"), psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def one_process_import(folder: Path, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The baseline: the first files, ``ingest_paths`` in one process, a fresh database."""
    pg_recreate(args.postgres_url, PG_BASELINE)
    try:
        env = backend_env(url=pg_url(args.postgres_url, PG_BASELINE))
        run_child(["--child", "setup"], env, tmp / "base-setup.json", "migrate")
        child = ["--child", "ingest", "--folder", str(folder), "--limit", str(args.baseline_sample)]
        return run_child(child, env, tmp / "base.json", "one process, no queue (PostgreSQL)")
    finally:
        pg_recreate(args.postgres_url, PG_BASELINE, create=False)


# --- 3. search ----------------------------------------------------------------------------------

# (label, the user's words, the LIKE baseline's terms: every group must match, any term
# of a group; filters). "{series}" is replaced by the slug of the busiest series.
QUERIES: list[tuple[str, str, list[list[str]], dict[str, Any]]] = [
    ("common word", "custody", [["custody"]], {}),
    ("common word 2", "recruitment", [["recruitment"]], {}),
    ("common word 3", "governance", [["governance"]], {}),
    ("mid word", "dashboard", [["dashboard"]], {}),
    ("mid word 2", "HMICFRS", [["hmicfrs"]], {}),
    ("rare word", "Thornwold", [["thornwold"]], {}),
    ("rare word 2", "reassurance", [["reassurance"]], {}),
    ("no match", "zeppelin", [["zeppelin"]], {}),
    ("phrase", '"serious case review"', [["serious case review"]], {}),
    ("phrase 2", '"chief officer team"', [["chief officer team"]], {}),
    ("two words", "rural funding", [["rural"], ["funding"]], {}),
    ("two words 2", "custody vacancies", [["custody"], ["vacancies"]], {}),
    ("three words", "mental health plan", [["mental"], ["health"], ["plan"]], {}),
    ("either word", "fleet OR estates", [["fleet", "estates"]], {}),
    ("kind: actions", "dashboard", [["dashboard"]], {"kinds": ["action"]}),
    ("owner + status", "evaluation", [["evaluation"]], {"owner": "DCC", "status": "open"}),
    ("series", "custody", [["custody"]], {"series": "{series}"}),
    (
        "dates",
        "recruitment",
        [["recruitment"]],
        {"date_from": "2020-01-01", "date_to": "2021-12-31"},
    ),
    ("kind: questions", "oversight", [["oversight"]], {"kinds": ["question"]}),
    ("date + words", "partners data", [["partners"], ["data"]], {"date_from": "2024-01-01"}),
]


def _filters(raw: dict[str, Any], series: str) -> dict[str, Any]:
    out = dict(raw)
    if out.get("series") == "{series}":
        out["series"] = series
    for name in ("date_from", "date_to"):
        if name in out:
            out[name] = dt.date.fromisoformat(out[name])
    return out


def child_search(out: Path, runs: int, like_runs: int) -> None:
    """Time every query through the backend and as a LIKE scan (in a child, one backend)."""
    from watching_brief.tracker import setup

    setup()
    from django.contrib.auth.models import AnonymousUser  # noqa: TID251 - as below
    from django.db import connection  # noqa: TID251 - a child process, the tracker side
    from django.db.models import Count, Q  # noqa: TID251 - as above

    from watching_brief.tracker.search.backends.base import (
        SearchFilters,
        apply_filters,
        get_backend,
        visible_entries,
    )
    from watching_brief.tracker.search.models import SearchEntry

    backend, anonymous = get_backend(), AnonymousUser()
    busiest = (
        SearchEntry.objects.values("series__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("series__slug", flat=True)
        .first()
    ) or ""

    def indexed(query: str, filters: dict[str, Any]) -> tuple[int, int]:
        page = backend.search(query, user=anonymous, limit=20, **filters)
        return page.total, len(page.hits)

    def like(groups: list[list[str]], filters: dict[str, Any]) -> tuple[int, int]:
        entries = apply_filters(visible_entries(anonymous), SearchFilters(**filters))
        for group in groups:
            match = Q()
            for term in group:
                match |= Q(text__icontains=term) | Q(title__icontains=term)
            entries = entries.filter(match)
        rows = list(entries.order_by("-date", "pk")[:20])
        return entries.count(), len(rows)

    results = []
    print(f"TOTAL {len(QUERIES)}", flush=True)
    for label, query, groups, raw in QUERIES:
        filters = _filters(raw, busiest)
        row: dict[str, Any] = {"label": label, "query": query, "filters": {**raw}}
        for name, call, count in (
            ("search", lambda f=filters, q=query: indexed(q, f), runs),
            ("like", lambda f=filters, g=groups: like(g, f), like_runs),
        ):
            total, shown = call()  # warm-up, and the hit count
            times = []
            for _ in range(count):
                begin = time.perf_counter()
                call()
                times.append(time.perf_counter() - begin)
            row[name] = {"total": total, "shown": shown, "ms": _ms(times)}
        results.append(row)
        print("DONE", flush=True)
    every = {"search": [], "like": []}  # type: dict[str, list[float]]
    for row in results:
        for name in every:
            every[name].append(row[name]["ms"]["p95"])
    figures = {
        "backend": connection.vendor,
        "runs": runs,
        "like_runs": like_runs,
        "series_filter": busiest,
        "queries": results,
        "worst_p95_ms": {name: max(values) for name, values in every.items()},
        "median_p50_ms": {
            name: statistics.median(row[name]["ms"]["p50"] for row in results) for name in every
        },
        "stored": stored_counts(),
    }
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


# --- 5. the API under load -------------------------------------------------------------------


@contextmanager
def api_server(env: dict[str, str], tmp: Path, server_workers: int) -> Iterator[str]:
    """``brief serve`` on a free loopback port with the bench settings; stopped on the way out."""
    (tmp / "bench_scale_settings.py").write_text(BENCH_SETTINGS, encoding="utf-8")
    env = {**env, "DJANGO_SETTINGS_MODULE": "bench_scale_settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp), env.get("PYTHONPATH", "")]))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [_brief(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(server_workers)]
    log = tmp / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_up(server, base, log)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def api_load(tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = backend_env(url=pg_url(args.postgres_url, args.pg_database))
    script = tmp / "report.lua"
    script.write_text(WRK_LUA, encoding="utf-8")
    urls = {
        "static file": STATIC_URL,
        "/api/meetings": "/api/meetings",
        "/api/actions": "/api/actions",
        "/api/actions filtered": "/api/actions?status=open&owner=DCC",
        "/api/meetings?year": "/api/meetings?year=2020",
    }
    results: dict[str, Any] = {}
    with api_server(env, tmp, args.server_workers) as base:
        for label, path in urls.items():
            status, body = fetch(base + path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: {body[:300]!r}")
            if path.startswith("/api/"):
                results.setdefault("totals", {})[label] = json.loads(body)["total"]
            for _ in range(args.warmup):
                fetch(base + path)
            command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
            command += ["--timeout", "30s", "-s", str(script), base + path]
            with console.status(f"wrk -c{args.connections} -d{args.duration}s {path}"):
                done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"wrk failed: {done.stderr}")
            results[label] = parse_wrk(done.stdout) | {"path": path}
            results[label]["drain_s"] = settle(base)
    return results


# --- report -----------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def report(fig: dict[str, Any]) -> None:
    if corpus := fig.get("corpus"):
        _report_corpus(corpus)
    _report_import(fig)
    for name in ("search_sqlite", "search_postgresql"):
        if name in fig:
            _report_search(fig[name])
    if "api" in fig:
        _report_api(fig["api"], fig["args"])


def _report_corpus(corpus: dict[str, Any]) -> None:
    console.print(
        f"corpus: {corpus['meetings']:,} notes ({corpus['mb']:.1f} MB, seed {corpus['seed']}), "
        f"{corpus['places']} places, {corpus['first']} to {corpus['last']}; planted "
        f"{corpus['actions']:,} actions, {corpus['items']:,} items "
        f"({corpus['skipped']} generated notes skipped as the same series/date)"
    )


def _report_import(fig: dict[str, Any]) -> None:
    queue, base, sqlite = fig.get("queue"), fig.get("baseline"), fig.get("sqlite")
    if not (queue or base or sqlite):
        return
    table = Table(title="Import (meetings per second)")
    for col in ("", "meetings", "seconds", "per s", "baseline per s", "×"):
        table.add_column(col, justify="right" if col else "left")
    if queue:
        ratio = f"×{queue['per_s'] / base['per_s']:.2f}" if base else ""
        table.add_row(
            f"PostgreSQL queue, {queue['workers']} workers",
            f"{queue['jobs']:,}",
            f"{queue['seconds']:.0f}",
            f"{queue['per_s']:.1f}",
            f"{base['per_s']:.1f}" if base else "",
            ratio,
        )
    if base:
        table.add_row(
            "PostgreSQL one process (baseline)",
            f"{base['files']:,}",
            f"{base['seconds']:.0f}",
            f"{base['per_s']:.1f}",
            "",
            "×1",
        )
    if sqlite:
        table.add_row(
            "SQLite one process",
            f"{sqlite['files']:,}",
            f"{sqlite['seconds']:.0f}",
            f"{sqlite['per_s']:.1f}",
            "",
            "",
        )
    console.print(table)
    if queue:
        stored = queue["stored"]
        console.print(
            f"queue: jobs {queue['job_status']}, outcomes {queue['ingest_outcome']}; enqueue "
            f"{queue['enqueue_s']:.1f} s; first {fig['args']['baseline_sample']} jobs "
            f"{queue['first_sample_per_s'] or 0:.1f}/s, last tenth "
            f"{queue['last_tenth_per_s'] or 0:.1f}/s"
        )
        console.print(
            f"stored (PostgreSQL): {stored['meetings']:,} meetings, {stored['items']:,} items, "
            f"{stored['actions']:,} actions, {stored['search_entries']:,} search entries, "
            f"{stored['bodies']} bodies, {stored['series']} series, "
            f"{stored['database_mb']:.0f} MB"
        )
        for reason in queue["failures"][:3]:
            console.print(f"  [red]failed: {reason}[/red]")


def _report_search(search: dict[str, Any]) -> None:
    table = Table(
        title=f"Search on {search['backend']} ({search['stored']['search_entries']:,} entries): "
        f"ms, {search['runs']} runs each (LIKE {search['like_runs']})"
    )
    for col in ("query", "hits", "p50", "p95", "LIKE hits", "LIKE p50", "LIKE p95", "× p95"):
        table.add_column(col, justify="left" if col == "query" else "right")
    for row in search["queries"]:
        s, like = row["search"], row["like"]
        table.add_row(
            f"{row['label']}: {row['query']}",
            f"{s['total']:,}",
            f"{s['ms']['p50']:.1f}",
            f"{s['ms']['p95']:.1f}",
            f"{like['total']:,}",
            f"{like['ms']['p50']:.1f}",
            f"{like['ms']['p95']:.1f}",
            f"×{like['ms']['p95'] / max(s['ms']['p95'], 1e-9):.1f}",
        )
    console.print(table)
    worst = search["worst_p95_ms"]["search"]
    console.print(
        f"goal: search p95 under {GOAL_SEARCH_P95_MS} ms on {search['backend']} — worst query "
        f"{worst:.1f} ms → {_verdict(worst < GOAL_SEARCH_P95_MS)} (LIKE worst "
        f"{search['worst_p95_ms']['like']:.1f} ms; median p50 "
        f"{search['median_p50_ms']['search']:.1f} vs {search['median_p50_ms']['like']:.1f} ms)"
    )


def _report_api(api: dict[str, Any], args: dict[str, Any]) -> None:
    table = Table(
        title=f"API: wrk -t2 -c{args['connections']} -d{args['duration']}s on loopback, "
        f"brief serve --workers {args['server_workers']} (PostgreSQL)"
    )
    for col in ("", "total", "KB", "req/s", "p50", "p95", "p99", "non-2xx", "err", "× req/s"):
        table.add_column(col, justify="right" if col else "left")
    static = api["static file"]
    for label, row in api.items():
        if label == "totals":
            continue
        lat = row["latency_ms"]
        table.add_row(
            label,
            f"{api['totals'].get(label, ''):,}" if label in api["totals"] else "",
            f"{row['kb_per_response']:.1f}",
            f"{row['rps']:,.1f}",
            f"{lat['p50']:,.1f}",
            f"{lat['p95']:,.1f}",
            f"{lat['p99']:,.1f}",
            str(row["non2xx"]),
            str(sum(row["socket_errors"].values())),
            f"÷{static['rps'] / max(row['rps'], 1e-9):,.1f}",
        )
    console.print(table)
    console.print("(ms; the API's rate limit is lifted for this load, see BENCH_SETTINGS)")


# --- main -------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=5000, help="meetings (notes)")
    parser.add_argument("--size", type=int, default=20_000, help="characters per note")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="brief worker processes")
    parser.add_argument("--baseline-sample", type=int, default=500, help="files, one process")
    parser.add_argument("--sqlite-meetings", type=int, help="import only this many on SQLite")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each query")
    parser.add_argument("--like-runs", type=int, default=5, help="timed runs of each LIKE scan")
    parser.add_argument("--server-workers", type=int, default=4, help="brief serve --workers")
    parser.add_argument("--connections", type=int, default=20, help="wrk -c")
    parser.add_argument("--duration", type=int, default=15, help="wrk -d, seconds per URL")
    parser.add_argument("--warmup", type=int, default=5, help="GETs per URL before its load")
    parser.add_argument("--postgres-url", default=PG_ADMIN_URL, help="server to create on")
    parser.add_argument("--pg-database", default=PG_DATABASE, help="database to recreate")
    parser.add_argument("--sqlite-dir", type=Path, help="keep (or reuse) the SQLite data here")
    parser.add_argument("--notes-dir", type=Path, help="write the notes here and keep them")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["import", "baseline", "sqlite", "search", "api"],
        help="leave a part out (repeatable); 'import' reuses the PostgreSQL database as it is",
    )
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench" / "scale.json")
    # internal: the Django side, in a subprocess with the backend's environment
    parser.add_argument(
        "--child", choices=["setup", "ingest", "search", "stats"], help=argparse.SUPPRESS
    )
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    return parser


def _save(args: argparse.Namespace, fig: dict[str, Any]) -> None:
    """Write the figures so far (a long run that stops early still leaves them)."""
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(fig, indent=2, default=str), encoding="utf-8")


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    skip = set(args.skip)
    fig: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}}
    fig["args"] |= {k: getattr(args, k) for k in ("baseline_sample", "connections", "duration")}
    fig["args"]["server_workers"] = args.server_workers
    folder = args.notes_dir or tmp / "notes"
    if {"import", "baseline", "sqlite"} - skip:
        notes, skipped = scale_notes(args.meetings, args.size, args.seed)
        paths = write_notes(notes, folder)
        dates = sorted(n.name.rsplit("-", 2)[-2] + "-" + n.name.rsplit("-", 1)[-1] for n in notes)
        fig["corpus"] = {
            "meetings": len(notes),
            "mb": sum(p.stat().st_size for p in paths) / 1e6,
            "seed": args.seed,
            "skipped": skipped,
            "places": len(SCALE_SHAPE.places),
            "first": dates[0],
            "last": dates[-1],
            "layouts": dict(Counter(n.layout for n in notes)),
            "actions": sum(len(n.actions) for n in notes),
            "items": sum(n.items for n in notes),
        }
        del notes
    if "baseline" not in skip:
        fig["baseline"] = one_process_import(folder, tmp, args)
        _save(args, fig)
    if "import" not in skip:
        fig["queue"] = queue_import(folder, tmp, args)
        _save(args, fig)
    sqlite_dir = args.sqlite_dir or tmp / "sqlite"
    sqlite_env = backend_env(data_dir=sqlite_dir)
    if "sqlite" not in skip:
        if (sqlite_dir / "brief.sqlite3").exists():
            (sqlite_dir / "brief.sqlite3").unlink()
            for extra in ("-wal", "-shm"):
                (sqlite_dir / f"brief.sqlite3{extra}").unlink(missing_ok=True)
        sqlite_dir.mkdir(parents=True, exist_ok=True)
        child = ["--child", "ingest", "--folder", str(folder)]
        if args.sqlite_meetings:
            child += ["--limit", str(args.sqlite_meetings)]
        fig["sqlite"] = run_child(child, sqlite_env, tmp / "sqlite.json", "SQLite, one process")
        _save(args, fig)
    if "search" not in skip:
        search = ["--child", "search", "--runs", str(args.runs), "--like-runs", str(args.like_runs)]
        if (sqlite_dir / "brief.sqlite3").exists():
            fig["search_sqlite"] = run_child(search, sqlite_env, tmp / "ss.json", "search SQLite")
            _save(args, fig)
        pg_env = backend_env(url=pg_url(args.postgres_url, args.pg_database))
        fig["search_postgresql"] = run_child(search, pg_env, tmp / "sp.json", "search PostgreSQL")
        _save(args, fig)
    if "api" not in skip:
        ensure_wrk()
        fig["api"] = api_load(tmp, args)
    return fig


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    out = args.out or Path(os.devnull)
    if args.child == "setup":
        child_setup(out)
        return
    if args.child == "ingest":
        child_ingest(args.folder, out, args.limit)
        return
    if args.child == "search":
        child_search(out, args.runs, args.like_runs)
        return
    if args.child == "stats":
        from watching_brief.tracker import setup

        setup()
        out.write_text(json.dumps(stored_counts()), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        fig = run(args, Path(tmp))
    report(fig)
    _save(args, fig)
    console.print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
