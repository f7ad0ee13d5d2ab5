"""How the web app holds up under load: the dashboard and the action log, against a static file.

    uv run python benchmarks/bench_web.py [--actions 10000] [--duration 15] [--json PATH]
    uv run python benchmarks/bench_web.py --reuse /tmp/bench-web-data   # build once, keep

Builds a SQLite database of fictional meetings (benchmarks/corpus.py) in a temporary
``BRIEF_DATA_DIR`` (ingested in a subprocess, since Django reads its settings once at
start-up), starts ``brief serve`` on a free loopback port with 4 workers and loads it with
``wrk`` at 20 concurrent connections:

- the dashboard ``/``;
- the action log filtered by status and owner, ``/actions/?status=open&owner=DCC``;
- the baseline: a static file served by the same server (``/static/web/app.css``, through
  WhiteNoise), i.e. gunicorn, the WSGI handler and no view, template or query.

Prints requests/s, latency percentiles (p95 from wrk's own histogram through a Lua
``done`` hook), non-2xx responses and the goal line with PASS / MISS for each page. It
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Note, distinct_meetings, write_notes  # noqa: E402

GOAL_P95_MS = 150  # at 20 concurrent clients
STATIC_URL = "/static/web/app.css"
REPO = Path(__file__).resolve().parents[1]
console = Console(width=max(Console().width, 100))  # the table needs 100 columns

# wrk script: count non-2xx responses per thread and print wrk's own histogram as JSON.
WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status_errors": %d, ' ..
    '"mean_us": %.1f, "stdev_us": %.1f, "min_us": %d, "max_us": %d, ' ..
    '"p50_us": %d, "p75_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    e.connect, e.read, e.write, e.timeout, e.status,
    latency.mean, latency.stdev, latency.min, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99)))
end
"""

# Run in the ingest subprocess (environment: BRIEF_DATA_DIR): one line per file stored.
INGEST_CHILD = """
import json, sys
from pathlib import Path
from watching_brief.tracker import setup
setup()
from watching_brief.tracker.ingest.services import ingest_paths
folder = Path(sys.argv[1])
paths = sorted(folder.glob("*.txt"))
print(f"TOTAL {len(paths)}", flush=True)
def progress(result):
    print(f"DONE {result.status}", flush=True)
    if result.status == "failed":
        print(f"FAILED {result.reason}", flush=True)
ingest_paths(paths, progress=progress)
"""

# Run in a subprocess against the data folder: what is stored, and the busiest open owners
# among the actions an anonymous visitor sees.
STATS_CHILD = """
import json
from collections import Counter
from watching_brief.tracker import setup
setup()
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Item, Meeting, Series
from watching_brief.tracker.web.roles import visible_actions
from django.contrib.auth.models import AnonymousUser
seen = visible_actions(AnonymousUser())
owners = Counter(
    seen.filter(status="open").exclude(owner_post=None)
    .values_list("owner_post__abbrev", flat=True)
)
print("STATS " + json.dumps({
    "meetings": Meeting.objects.count(),
    "series": Series.objects.count(),
    "items": Item.objects.count(),
    "actions": Action.objects.count(),
    "visible_actions": seen.count(),
    "open_by_owner": dict(owners.most_common()),
}))
"""


# --- the database ---------------------------------------------------------------------------


def corpus_for(actions: int, size: int, seed: int) -> tuple[list[Note], int]:
    """Notes with distinct series/date pairs until ``actions`` actions are planted.

    A note that would land on a meeting already taken would update it rather than add one,
    so it is skipped. Returns the notes and the number skipped.
    """
    notes: list[Note] = []
    planted = skipped = 0
    for note, skips in distinct_meetings(size, seed):
        notes.append(note)
        skipped = skips
        planted += len(note.actions)
        if planted >= actions:
            break
    return notes, skipped


def server_env(data_dir: Path) -> dict[str, str]:
    """SQLite in ``data_dir``; nothing from a test or another database leaks in."""
    drop = ("DATABASE_URL", "BRIEF_TESTING", "DJANGO_SETTINGS_MODULE", "BRIEF_DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["BRIEF_DATA_DIR"] = str(data_dir)
    env["BRIEF_DEBUG"] = "0"
    return env


def _python() -> str:
    bindir = Path(sys.executable).parent
    return str(bindir / "python") if (bindir / "python").exists() else sys.executable


def _brief() -> str:
    for candidate in (Path(sys.executable).parent / "brief", REPO / ".venv" / "bin" / "brief"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("brief")
    if not found:
        raise SystemExit("cannot find the `brief` command; run with `uv run`")
    return found


def build_database(data_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    with console.status(f"generating notes until ~{args.actions:,} actions are planted"):
        notes, skipped = corpus_for(args.actions, args.size, args.seed)
    planted = sum(len(n.actions) for n in notes)
    with tempfile.TemporaryDirectory(prefix="bench-web-notes-") as tmp:
        write_notes(notes, Path(tmp))
        command = [_python(), "-c", INGEST_CHILD, tmp]
        columns = (
            *Progress.get_default_columns()[:-1],
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        status: dict[str, int] = {}
        failures: list[str] = []
        start = time.perf_counter()
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(notes))
            with subprocess.Popen(
                command, env=server_env(data_dir), stdout=subprocess.PIPE, text=True
            ) as child:
                assert child.stdout is not None
                for line in child.stdout:
                    if line.startswith("DONE "):
                        kind = line.split()[1]
                        status[kind] = status.get(kind, 0) + 1
                        progress.advance(task)
                    elif line.startswith("FAILED "):
                        failures.append(line[7:].strip())
            if child.returncode != 0:
                raise SystemExit(f"ingest exited with {child.returncode}")
        seconds = time.perf_counter() - start
    return {
        "notes": len(notes),
        "skipped_same_meeting": skipped,
        "actions_planted": planted,
        "ingest_seconds": seconds,
        "status": status,
        "failures": failures[:10],
    }


def database_stats(data_dir: Path) -> dict[str, Any]:
    done = subprocess.run(
        [_python(), "-c", STATS_CHILD],
        env=server_env(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("STATS "))
    stats: dict[str, Any] = json.loads(line[6:])
    db = data_dir / "brief.sqlite3"
    files = [db, db.with_name(db.name + "-wal")]
    stats["database_mb"] = sum(f.stat().st_size for f in files if f.exists()) / 1e6
    return stats


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(server: subprocess.Popen[bytes], base: str, log: Path) -> None:
    """Wait (60 s at most) until the server started as ``server`` answers at ``base``."""
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            raise SystemExit(f"server exited ({server.returncode}); see {log}")
        try:
            fetch(f"{base}{STATIC_URL}", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"server did not answer in 60 s; see {log}") from None
            time.sleep(0.2)


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def running_server(data_dir: Path, workers: int, log: Path) -> Iterator[str]:
    """``brief serve`` on a free loopback port; stopped (and waited for) on the way out."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [_brief(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=server_env(data_dir), stdout=out, stderr=subprocess.STDOUT
        )
        try:
            with console.status(f"waiting for {base}/"):
                wait_until_up(server, base, log)
            yield base
        finally:
            server.terminate()  # gunicorn: graceful stop of the arbiter and its workers
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def check_pages(base: str, pages: dict[str, str], warmup: int) -> dict[str, dict[str, Any]]:
    """Every URL answers 200; the action log has rows; then ``warmup`` more GETs each."""
    out: dict[str, dict[str, Any]] = {}
    for label, path in pages.items():
        begin = time.perf_counter()
        status, body = fetch(base + path)
        first_ms = (time.perf_counter() - begin) * 1e3
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        info: dict[str, Any] = {"kb": len(body) / 1e3, "first_ms": first_ms}
        if path.startswith("/actions/"):
            text = body.decode()
            rows = len(re.findall(r'href="/actions/\d+/"', text))
            total = re.search(r"([\d,]+) actions?\.", text)
            info["rows_on_page"] = rows
            info["matching"] = int(total.group(1).replace(",", "")) if total else None
            if not rows:
                raise SystemExit(f"{path} has no rows: pick another --owner")
        with console.status(f"warming up {path} × {warmup}"):
            for _ in range(warmup):
                fetch(base + path)
        out[label] = info
    return out


# --- the load -----------------------------------------------------------------------------


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def parse_wrk(output: str) -> dict[str, Any]:
    """wrk's printed figures (req/s, the --latency distribution) and the Lua hook's JSON."""
    lua = next(x for x in output.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(lua[8:])
    printed = {
        f"p{pct}_ms": _ms(value)
        for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.M)
    }
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": seconds,
        "rps": float(rps.group(1)) if rps else raw["requests"] / seconds,
        "kb_per_response": raw["bytes"] / max(1, raw["requests"]) / 1e3,
        "latency_ms": {
            k: raw[f"{k}_us"] / 1e3
            for k in ("mean", "stdev", "min", "p50", "p75", "p90", "p95", "p99", "max")
        },
        "wrk_printed_ms": printed,  # the same histogram, rounded by wrk's printout
        "non2xx": raw["non2xx"],
        "wrk_non2xx_or_3xx": int(non.group(1)) if non else 0,
        "socket_errors": {k: raw[k] for k in ("connect", "read", "write", "timeout")},
    }


def load(url: str, script: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", f"{args.timeout}s", "-s", str(script), url]
    with console.status(f"wrk {' '.join(command[1:4])} {url}"):
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.duration + args.timeout + 30
        )
    if done.returncode != 0:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse_wrk(done.stdout) | {"command": " ".join(command)}


def settle(base: str, quick: float = 0.5, limit: float = 180) -> float:
    """Wait until the server answers the static file quickly again; the seconds it took.

    When wrk stops, the workers still owe the requests queued on the listening socket
    (gunicorn's sync workers take them one at a time, even for connections wrk has
    closed); the next page must not be measured while they drain.
    """
    start = time.monotonic()
    with console.status("waiting for the server to drain its queue"):
        while time.monotonic() - start < limit:
            begin = time.monotonic()
            with contextlib.suppress(OSError):
                fetch(base + STATIC_URL, timeout=limit)
            if time.monotonic() - begin < quick:
                break
    return time.monotonic() - start


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    raise SystemExit("wrk is not installed: `apt-get install -y wrk` (Debian package)")


# --- report --------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def report(fig: dict[str, Any]) -> None:
    db, build = fig["database"], fig.get("build")
    if build:
        status = ", ".join(f"{k} {v}" for k, v in sorted(build["status"].items()))
        console.print(
            f"built: {build['notes']} notes ({build['skipped_same_meeting']} generated notes "
            f"skipped as the same series/date), {build['actions_planted']:,} actions planted; "
            f"ingest {build['ingest_seconds']:.0f} s ({status})"
        )
        for reason in build["failures"][:3]:
            console.print(f"  [red]failed: {reason}[/red]")
    else:
        console.print(f"reused {fig['data_dir']}")
    console.print(
        f"database: [bold]{db['meetings']:,} meetings[/bold] in {db['series']} series, "
        f"{db['items']:,} items, [bold]{db['actions']:,} actions[/bold] "
        f"({db['visible_actions']:,} visible to the public), {db['database_mb']:.1f} MB SQLite"
    )
    load_ = fig["load"]
    table = Table(
        title=(
            f"wrk -t{load_['threads']} -c{load_['connections']} -d{load_['duration']}s, "
            f"brief serve --workers {load_['workers']} ({load_['cpus']} CPUs, shared with wrk)"
        )
    )
    cols = ("", "KB", "req/s", "p50", "p90", "p95", "p99", "max", "non-2xx", "err")
    for col in cols:
        table.add_column(col, justify="right" if col else "left")
    for label, row in fig["results"].items():
        lat = row["latency_ms"]
        errors = sum(row["socket_errors"].values())
        table.add_row(
            label,
            f"{row['kb_per_response']:.1f}",
            f"{row['rps']:,.1f}",
            *(f"{lat[p]:,.1f}" for p in ("p50", "p90", "p95", "p99", "max")),
            str(row["non2xx"]),
            str(errors),
        )
    console.print(table)
    console.print("pages: " + ", ".join(f"{k} {v}" for k, v in fig["pages"].items()))
    console.print("latencies in ms; p95 from wrk's histogram (Lua done hook), not interpolated")
    static = fig["results"]["static"]
    for label in ("action log", "dashboard"):
        row = fig["results"][label]
        info = fig["checks"][label]
        timeouts = row["socket_errors"]["timeout"]
        if row["requests"] < 200 or timeouts:
            console.print(
                f"[yellow]{label}: only {row['requests']} requests completed in "
                f"{row['seconds']:.0f} s ({timeouts} timed out after {load_['timeout']} s, "
                f"not in the percentiles); the server then took {row['drain_s']:.0f} s to "
                f"drain its queue. At {row['rps']:.2f} req/s, {load_['connections']} clients "
                f"would wait about {load_['connections'] / max(row['rps'], 1e-9):,.0f} s each "
                "in a steady state (Little's law)[/yellow]"
            )
        extra = (
            f"; {info['rows_on_page']} rows on the page of {info['matching']:,} matching"
            if "rows_on_page" in info
            else ""
        )
        p50, s50 = row["latency_ms"]["p50"], static["latency_ms"]["p50"]
        console.print(
            f"{label}: ×{static['rps'] / max(row['rps'], 1e-9):,.0f} fewer req/s than the "
            "static file; "
            f"view, queries and template ≈ {(p50 - s50) / max(p50, 1e-9):.0%} of its p50 "
            f"({p50 - s50:,.1f} of {p50:,.1f} ms); one request alone "
            f"{info['first_ms']:,.0f} ms cold{extra}"
        )
    for label in ("action log", "dashboard"):
        p95 = fig["results"][label]["latency_ms"]["p95"]
        console.print(
            f"goal: p95 under {GOAL_P95_MS} ms at {load_['connections']} concurrent clients — "
            f"{label} {p95:,.1f} ms → {_verdict(fig['goal'][label])}"
        )
    console.print(
        f"  (baseline: the static file, p95 {static['latency_ms']['p95']:,.1f} ms, "
        f"{static['rps']:,.0f} req/s)"
    )


# --- main ----------------------------------------------------------------------------------


def pick_owner(wanted: str, stats: dict[str, Any]) -> str:
    owners: dict[str, int] = stats["open_by_owner"]
    if owners.get(wanted):
        return wanted
    if not owners:
        raise SystemExit("no visible open action has an owner post")
    busiest = next(iter(owners))
    console.print(f"[yellow]no open actions for {wanted}; using {busiest}[/yellow]")
    return busiest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000, help="actions to plant")
    parser.add_argument("--size", type=int, default=20_000, help="characters per note")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", type=Path, help="data folder to reuse (built if missing)")
    parser.add_argument("--owner", default="DCC", help="owner post for the action log")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", type=int, default=15, help="seconds per page")
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout, s")
    parser.add_argument("--warmup", type=int, default=8, help="GETs per URL before the load")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = args.reuse.resolve() if args.reuse else tmp / "data"
        fig: dict[str, Any] = {"data_dir": str(data_dir)}
        if (data_dir / "brief.sqlite3").exists():
            console.print(f"reusing the database in {data_dir}")
        else:
            data_dir.mkdir(parents=True, exist_ok=True)
            fig["build"] = build_database(data_dir, args)
        with console.status("counting what is stored"):
            fig["database"] = database_stats(data_dir)
        owner = pick_owner(args.owner, fig["database"])
        pages = {  # the baseline first, the slowest page last
            "static": STATIC_URL,
            "action log": f"/actions/?status=open&owner={owner}",
            "dashboard": "/",
        }
        fig["pages"] = pages
        script = tmp / "report.lua"
        script.write_text(WRK_LUA, encoding="utf-8")
        log = tmp / "server.log"
        try:
            with running_server(data_dir, args.workers, log) as base:
                fig["checks"] = check_pages(base, pages, args.warmup)
                fig["results"] = {}
                for label, path in pages.items():
                    fig["results"][label] = load(base + path, script, args)
                    fig["results"][label]["drain_s"] = settle(base)
        except BaseException:
            if log.exists():
                console.print("[red]server log (tail):[/red]")
                console.print(log.read_text(errors="replace")[-3000:])
            raise
    fig["load"] = {
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "workers": args.workers,
        "timeout": args.timeout,
        "cpus": os.cpu_count(),
    }
    fig["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    fig["goal"] = {
        label: fig["results"][label]["requests"] > 0
        and fig["results"][label]["latency_ms"]["p95"] < GOAL_P95_MS
        for label in ("dashboard", "action log")
    }
    report(fig)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2), encoding="utf-8")
        console.print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
