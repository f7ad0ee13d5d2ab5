"""How the web app holds up under load: every page and API read #14 lists, against a static file.

    uv run python benchmarks/bench_web.py [--actions 10000] [--duration 10] [--json PATH]
    uv run python benchmarks/bench_web.py --reuse /tmp/bench-web-data   # build once, keep
    uv run python benchmarks/bench_web.py --cache off     # the same without the response cache
    uv run python benchmarks/bench_web.py --cache redis   # the cache in Redis (127.0.0.1:6379)

Builds a SQLite database of fictional meetings (benchmarks/corpus.py) in a temporary
``BRIEF_DATA_DIR`` (ingested in a subprocess, since Django reads its settings once at
start-up), starts ``brief serve`` on a free loopback port with 4 workers and loads it with
``wrk`` at 20 concurrent connections, one URL at a time:

- the baseline: a static file served by the same server (``/static/web/app.css``, through
  WhiteNoise), i.e. gunicorn, the WSGI handler and no view, template or query;
- the pages: dashboard, meetings list, a meeting, the action log filtered by status and
  owner, an action, the posts list and a post, a topic, a search, the series pack page; the
  API lists (meetings, actions, actions filtered) and details (a meeting, an action);
- each of them anonymous and as a signed-in officer (a session cookie made for the run).

For each page it also counts the database queries of one request (Django's test client in a
subprocess with the response cache off, so the view's own queries are counted) and the
time of that one warm request in-process. Prints requests/s, latency percentiles (p95 from
wrk's own histogram through a Lua ``done`` hook), non-2xx responses, the share served from
the response cache (``X-Brief-Cache: hit``) and PASS / MISS against the goals (p95 under
150 ms; anonymous pages at least 500 req/s). It asserts nothing about time.
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
GOAL_ANON_RPS = 500  # anonymous page views
OFFICER = "bench-officer"
OFFICER_PASSWORD = "bench-Officer-pass-2026"  # noqa: S105 - a throwaway benchmark account
STATIC_URL = "/static/web/app.css"
REPO = Path(__file__).resolve().parents[1]
console = Console(width=max(Console().width, 100))  # the table needs 100 columns

# wrk script: count non-2xx responses per thread and print wrk's own histogram as JSON.
WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0; hits = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  if headers["X-Brief-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  local hit = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx"); hit = hit + t:get("hits") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, "hits": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status_errors": %d, ' ..
    '"mean_us": %.1f, "stdev_us": %.1f, "min_us": %d, "max_us": %d, ' ..
    '"p50_us": %d, "p75_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, bad, hit,
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

# Run in a subprocess against the data folder (response cache off): the URLs of the pages
# (the busiest meeting, action, post, topic and series an anonymous visitor sees), a
# session cookie for an officer, and the queries and time of one warm request of each.
PAGES_CHILD = """
import json, sys, time
from watching_brief.tracker import setup
setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from watching_brief.tracker.meetings.models import Series
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.roles import visible_actions, visible_meetings
from watching_brief.tracker.web.views.topics import topic_rows
owner, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
anyone = AnonymousUser()
meeting = visible_meetings(anyone).annotate(n=Count("items")).order_by("-n", "-date").first()
action = visible_actions(anyone).filter(status="open").order_by("-pk").first()
post = Post.objects.filter(abbrev=owner).first() or Post.objects.first()
series = Series.objects.annotate(n=Count("meetings")).order_by("-n").first()
topic = topic_rows(anyone)[0]["slug"]
pages = {
    "dashboard": "/",
    "meetings": "/meetings/",
    "meeting": f"/meetings/{meeting.pk}/",
    "action log": f"/actions/?status=open&owner={owner}",
    "action": f"/actions/{action.pk}/",
    "posts": "/posts/",
    "post": f"/posts/{post.pk}/",
    "topic": f"/topics/{topic}/",
    "search": "/search/?q=custody",
    "pack": f"/series/{series.slug}/pack/",
    "api meetings": "/api/meetings",
    "api actions": "/api/actions",
    "api actions filtered": f"/api/actions?status=open&owner={owner}",
    "api meeting": f"/api/meetings/{meeting.pk}",
    "api action": f"/api/actions/{action.pk}",
}
if not get_user_model().objects.filter(username=user).exists():
    create_account(user, password, "officer", [])
# Signed in as the sign-in form would leave an officer: past django-axes (which needs a
# request, so force_login) and past the second factor (a confirmed TOTP device verified
# in the session, as django_otp.login records it), so the officer's pages are measured,
# not the redirect to the code page.
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
account = get_user_model().objects.get(username=user)
device = TOTPDevice.objects.filter(user=account, confirmed=True).first()
device = device or TOTPDevice.objects.create(user=account, name="bench", confirmed=True)
officer = Client()
officer.force_login(account)
signed_in = officer.session
signed_in[DEVICE_ID_SESSION_KEY] = device.persistent_id
signed_in.save()
session = officer.cookies["sessionid"].value
counts = {}
for role, client in (("anonymous", Client()), ("officer", officer)):
    for label, path in pages.items():
        client.get(path)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        ms = (time.perf_counter() - start) * 1e3
        counts[f"{role} {label}"] = {
            "status": response.status_code, "queries": len(queries), "ms": ms,
        }
print("PAGES " + json.dumps({"pages": pages, "session": session, "counts": counts}))
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


CACHE_URLS = {"off": "off", "locmem": "", "redis": "redis://127.0.0.1:6379/0"}


def server_env(data_dir: Path, cache: str = "off") -> dict[str, str]:
    """SQLite in ``data_dir``; nothing from a test or another database leaks in.

    ``cache``: the response cache, ``off``, ``locmem`` (each worker its own, the default
    without Redis) or ``redis``.
    """
    drop = ("DATABASE_URL", "BRIEF_TESTING", "DJANGO_SETTINGS_MODULE", "BRIEF_DEBUG", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["BRIEF_DATA_DIR"] = str(data_dir)
    env["BRIEF_DEBUG"] = "0"
    env["BRIEF_CACHE_URL"] = CACHE_URLS[cache]
    env["BRIEF_CACHE_PREFIX"] = f"bench-web-{os.getpid()}"
    # wrk's 20 clients come from one address: the API's limit (120 a minute) would answer
    # most of them 429, which is what it is for, but not what is measured here.
    env["BRIEF_API_RATE_LIMIT"] = "1000000000"
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


@contextmanager
def running_server(data_dir: Path, workers: int, log: Path, cache: str) -> Iterator[str]:
    """``brief serve`` on a free loopback port; stopped (and waited for) on the way out."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [_brief(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=server_env(data_dir, cache), stdout=out, stderr=subprocess.STDOUT
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


def fetch(
    url: str, timeout: float = 30, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def page_facts(data_dir: Path, owner: str) -> dict[str, Any]:
    """The URLs, an officer's session cookie, and each page's queries (PAGES_CHILD)."""
    env = server_env(data_dir, "off")
    env["BRIEF_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    with console.status("counting each page's queries"):
        done = subprocess.run(
            [_python(), "-c", PAGES_CHILD, owner, OFFICER, OFFICER_PASSWORD],
            env=env,
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise SystemExit(f"counting the queries failed:\n{done.stderr[-3000:]}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("PAGES "))
    facts: dict[str, Any] = json.loads(line[6:])
    return facts


def check_pages(
    base: str, runs: dict[str, tuple[str, dict[str, str]]], warmup: int
) -> dict[str, dict[str, Any]]:
    """Every URL answers 200; the action logs have rows; then ``warmup`` more GETs each."""
    out: dict[str, dict[str, Any]] = {}
    for label, (path, headers) in runs.items():
        begin = time.perf_counter()
        status, body = fetch(base + path, headers=headers)
        first_ms = (time.perf_counter() - begin) * 1e3
        if status != 200:
            raise SystemExit(f"{label}: {path} answered {status}")
        info: dict[str, Any] = {"kb": len(body) / 1e3, "first_ms": first_ms}
        if path.startswith("/actions/?"):
            text = body.decode()
            rows = len(re.findall(r'href="/actions/\d+/"', text))
            total = re.search(r"([\d,]+) actions?\.", text)
            info["rows_on_page"] = rows
            info["matching"] = int(total.group(1).replace(",", "")) if total else None
            if not rows:
                raise SystemExit(f"{path} has no rows: pick another --owner")
        with console.status(f"warming up {label} × {warmup}"):
            for _ in range(warmup):
                fetch(base + path, headers=headers)
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
        "cache_hits": raw["hits"],
        "wrk_non2xx_or_3xx": int(non.group(1)) if non else 0,
        "socket_errors": {k: raw[k] for k in ("connect", "read", "write", "timeout")},
    }


def load(
    url: str, headers: dict[str, str], script: Path, args: argparse.Namespace
) -> dict[str, Any]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", f"{args.timeout}s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    with console.status(f"wrk {' '.join(command[1:4])} {url}"):
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.duration + args.timeout + 30
        )
    if done.returncode != 0:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    shown = " ".join(c if "sessionid=" not in c else "Cookie: sessionid=…" for c in command)
    return parse_wrk(done.stdout) | {"command": shown}


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
    raise SystemExit("wrk is not installed: `make bench-deps` (Debian's wrk)")


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
            f"brief serve --workers {load_['workers']} ({load_['cpus']} CPUs, shared with wrk), "
            f"response cache: {load_['cache']}"
        )
    )
    cols = ("", "KB", "req/s", "p50", "p95", "p99", "max", "non-2xx", "err", "hit", "q", "1 req")
    for col in cols:
        table.add_column(col, justify="right" if col else "left")
    counts = fig["queries"]
    for label, row in fig["results"].items():
        lat = row["latency_ms"]
        errors = sum(row["socket_errors"].values())
        count = counts.get(label, {})
        table.add_row(
            label,
            f"{row['kb_per_response']:.1f}",
            f"{row['rps']:,.1f}",
            *(f"{lat[p]:,.1f}" for p in ("p50", "p95", "p99", "max")),
            str(row["non2xx"]),
            str(errors),
            f"{row['cache_hits'] / max(1, row['requests']):.0%}",
            str(count.get("queries", "")),
            f"{count['ms']:,.0f}" if count else "",
        )
    console.print(table)
    console.print(
        "latencies in ms; p95 from wrk's histogram (Lua done hook), not interpolated; "
        "hit: share answered from the response cache; q: database queries of one request "
        "(cache off); 1 req: that request's ms in-process (Django test client, warm)"
    )
    console.print("pages: " + ", ".join(f"{k} {v}" for k, v in fig["pages"].items()))
    static = fig["results"]["static"]
    for label, row in fig["results"].items():
        timeouts = row["socket_errors"]["timeout"]
        if row["requests"] < 200 or timeouts:
            console.print(
                f"[yellow]{label}: only {row['requests']} requests completed in "
                f"{row['seconds']:.0f} s ({timeouts} timed out after {load_['timeout']} s, "
                f"not in the percentiles); the server then took {row['drain_s']:.0f} s to "
                f"drain its queue[/yellow]"
            )
    passed = sum(fig["goal"].values())
    console.print(
        f"goal: p95 under {GOAL_P95_MS} ms at {load_['connections']} concurrent clients "
        f"(and anonymous ≥ {GOAL_ANON_RPS} req/s): {passed} of {len(fig['goal'])} pass"
    )
    for label, ok in fig["goal"].items():
        if not ok:
            row = fig["results"][label]
            console.print(
                f"  {label}: p95 {row['latency_ms']['p95']:,.1f} ms, {row['rps']:,.1f} req/s "
                f"→ {_verdict(ok)}"
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


def goal_met(label: str, row: dict[str, Any]) -> bool:
    ok = row["requests"] > 0 and row["latency_ms"]["p95"] < GOAL_P95_MS and not row["non2xx"]
    if label.startswith("anonymous") and not label.startswith("anonymous api"):
        ok = ok and row["rps"] >= GOAL_ANON_RPS
    return ok


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
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout, s")
    parser.add_argument("--warmup", type=int, default=8, help="GETs per URL before the load")
    parser.add_argument(
        "--cache", choices=sorted(CACHE_URLS), default="locmem", help="the response cache"
    )
    parser.add_argument("--only", help="only the pages whose label holds this text")
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
        facts = page_facts(data_dir, owner)
        fig["pages"], fig["queries"] = facts["pages"], facts["counts"]
        officer = {"Cookie": f"sessionid={facts['session']}"}
        runs: dict[str, tuple[str, dict[str, str]]] = {"static": (STATIC_URL, {})}
        for role, headers in (("anonymous", {}), ("officer", officer)):
            for label, path in facts["pages"].items():
                name = f"{role} {label}"
                if not args.only or args.only in name:
                    runs[name] = (path, headers)
        script = tmp / "report.lua"
        script.write_text(WRK_LUA, encoding="utf-8")
        log = tmp / "server.log"
        try:
            with running_server(data_dir, args.workers, log, args.cache) as base:
                fig["checks"] = check_pages(base, runs, args.warmup)
                fig["results"] = {}
                for label, (path, headers) in runs.items():
                    fig["results"][label] = load(base + path, headers, script, args)
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
        "cache": args.cache,
    }
    fig["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    fig["goal"] = {
        label: goal_met(label, row) for label, row in fig["results"].items() if label != "static"
    }
    report(fig)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2), encoding="utf-8")
        console.print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
