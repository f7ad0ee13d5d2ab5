"""How long the house-style pack and notes take to build and render, against plain HTML.

    uv run python benchmarks/bench_pack.py [--items 30] [--actions 200] [--runs 5] [--json PATH]

Builds, in a temporary SQLite database, a series with an earlier meeting of ``--items``
items at which ``--actions`` actions were set (all still open, a few dated updates each),
and the next meeting: planned with ``--items`` items, question sets with questions and
written responses, and revisits due. Then, each operation in a fresh interpreter (the
database is read, never changed):

- **build pack**: ``build_pack(meeting)``, the queries and the Pack model;
- **pack PDF** / **pack DOCX**: ``render_pack_pdf`` / ``render_pack_docx`` of that Pack;
- **notes PDF**: ``notes_minutes`` + ``render_pdf`` of the earlier meeting (items and
  every action);
- the baselines, **pack HTML** and **notes HTML**: the same Pack, and the same notes
  layout, written as plain HTML with ``html.escape`` (no template engine, no files).

Each child reports the median of ``--runs`` timed runs after one untimed first run, the
tracemalloc peak of one more run, and the RSS before the first run and at its peak
(``VmHWM``; started through ``/bin/sh`` so the peak is the child's own). Prints each
figure with its ratio to its HTML baseline. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, write_figures  # noqa: E402
from common import progress as progress_bar  # noqa: E402

SCRIPT = Path(__file__).resolve()
OPERATIONS = {
    "pack_html": ("pack HTML*", None),
    "build_pack": ("build pack", "pack_html"),
    "pack_pdf": ("pack PDF", "pack_html"),
    "pack_docx": ("pack DOCX", "pack_html"),
    "notes_html": ("notes HTML*", None),
    "notes_pdf": ("notes PDF", "notes_html"),
}
console = Console()


# --- the database --------------------------------------------------------------------


def build_database(items: int, actions: int, updates: int) -> dict[str, int]:
    """The series, the earlier meeting with its actions, the planned next meeting."""
    from watching_brief.tracker.actions.models import Action, ActionUpdate, Revisit
    from watching_brief.tracker.meetings.models import (
        Attendance,
        Body,
        Item,
        Meeting,
        Question,
        Series,
    )
    from watching_brief.tracker.people.models import Person, Post, Tenure
    from watching_brief.tracker.programme.models import QuestionSet

    body = Body.objects.create(name="Benchshire OPCC", slug="benchshire-opcc")
    series = Series.objects.create(body=body, name="Monthly Assurance Meeting", slug="mam")
    earlier = Meeting.objects.create(
        series=series, title="Monthly Assurance Meeting", date=dt.date(2026, 2, 24),
        venue="OPCC Boardroom", chair="Helen Marsh", minute_taker="Priya Shah",
        start_time=dt.time(10), next_meeting_date=dt.date(2026, 3, 24),
    )  # fmt: skip
    posts = []
    for n, (title, abbrev) in enumerate(
        [("Police and Crime Commissioner", "PCC"), ("Chief Constable", "CC"),
         ("Deputy Chief Constable", "DCC"), ("Assistant Chief Constable", "ACC"),
         ("Chief Finance Officer", "CFO"), ("Head of Corporate Services", "HCS")]
    ):  # fmt: skip
        person = Person.objects.create(name=f"Person {abbrev} Bench")
        post = Post.objects.create(body=body, title=title, abbrev=abbrev)
        Tenure.objects.create(person=person, post=post, start=earlier.date, last_seen=earlier.date)
        Attendance.objects.create(meeting=earlier, person=person, post=post, role=title, position=n)
        posts.append(post)
    sentence = "The force set out its progress and the board asked for figures by area."
    made = [
        Item.objects.create(
            meeting=earlier, number=str(n + 1), title=f"Theme {n + 1}: service area {n + 1}",
            text=" ".join([sentence] * 6), position=n, kind="theme" if n else "matters_arising",
        )
        for n in range(items)
    ]  # fmt: skip
    with progress_bar(console) as progress:
        task = progress.add_task("building the database", total=actions)
        for n in range(actions):
            post = posts[1 + n % (len(posts) - 1)]
            action = Action.objects.create(
                reference=f"MAM-20260224-{n + 1}", meeting=earlier, item=made[n % items],
                position=n, owner_post=post, due=dt.date(2026, 3, 24) + dt.timedelta(days=n % 60),
                text=f"{post.abbrev} to report on the delivery plan for area {n + 1}, with "
                "the figures for each district and the risks to the timetable",
            )  # fmt: skip
            ActionUpdate.objects.bulk_create(
                ActionUpdate(
                    action=action, date=dt.date(2026, 3, 1) + dt.timedelta(days=k * 5),
                    status="in_progress", text=f"Update {k + 1}: work under way, draft shared.",
                    evidence="Briefing note to the PCC" if k % 2 else "",
                )
                for k in range(updates)
            )  # fmt: skip
            progress.advance(task)
    following = Meeting.objects.create(
        series=series, title="Monthly Assurance Meeting", date=dt.date(2026, 3, 24),
        venue="OPCC Boardroom", chair="Helen Marsh", status=Meeting.Status.DRAFT,
    )  # fmt: skip
    planned = [
        Item.objects.create(
            meeting=following, number=str(n + 1), title=f"Theme {n + 1}: service area {n + 1}",
            position=n, kind="theme" if n else "matters_arising",
        )
        for n in range(items)
    ]  # fmt: skip
    for n in range(5):
        qs = QuestionSet.objects.create(
            meeting=following, item=planned[n + 1], theme=f"Service area {n + 2}",
            sent_on=dt.date(2026, 3, 3), response_due=dt.date(2026, 3, 17),
            response_received=dt.date(2026, 3, 16) if n % 2 else None,
            response_text="\n".join([sentence] * 8) if n % 2 else "",
        )  # fmt: skip
        for k in range(6):
            Question.objects.create(
                meeting=following, item=planned[n + 1], question_set=qs, position=k,
                text=f"How has performance in area {n + 2} changed, question {k + 1}?",
            )  # fmt: skip
    for n in range(5):
        Revisit.objects.create(
            series=series, meeting=earlier, subject=f"Revisit of area {n + 1}",
            due=dt.date(2026, 3, 20),
        )  # fmt: skip
    return {"earlier": earlier.pk, "following": following.pk}


# --- the HTML baselines -----------------------------------------------------------------


def cells(row: list[str]) -> str:
    return "".join(f"<td>{html.escape(c)}</td>" for c in row)


def pack_html(pack: Any) -> str:
    """The Pack as plain HTML: the same sections and rows, no styling."""
    from watching_brief.publishing.pack import history_text, owner_text, set_facts

    out = [f"<h1>{html.escape(pack.title)}</h1><table>"]
    out += [f"<tr>{cells([k, v])}</tr>" for k, v in pack.header()]
    out.append("</table><h2>Agenda</h2><table>")
    out += [f"<tr>{cells([r.number, r.title, r.lead])}</tr>" for r in pack.agenda]
    out.append("</table><h2>Matters arising</h2><table>")
    for m in pack.matters:
        history = "".join(f"<p>{html.escape(history_text(h))}</p>" for h in m.history)
        action = f"<td><p>{html.escape(m.text)}</p><p>Set at {html.escape(m.set_at)}</p>"
        out.append(
            f"<tr><td>{html.escape(m.reference)}</td>{action}{history}</td>"
            f"{cells([owner_text(m), m.due, m.status])}</tr>"
        )
    out.append("</table><h2>Revisits due</h2><table>")
    out += [f"<tr>{cells([r.subject, r.booked_at, str(r.due)])}</tr>" for r in pack.revisits]
    out.append("</table><h2>Question sets</h2>")
    for q in pack.question_sets:
        out.append(f"<h3>{html.escape(q.theme)}</h3><table>")
        out += [f"<tr>{cells([k, v])}</tr>" for k, v in set_facts(q)]
        out.append("</table><ol>" + "".join(f"<li>{html.escape(x)}</li>" for x in q.questions))
        out.append(f"</ol><p>{html.escape(q.response_text)}</p>")
    return "".join(out)


def notes_html(minutes: Any) -> str:
    """The notes layout as plain HTML: header, attendance and items tables."""
    from watching_brief.publishing.layout import build_layout

    layout = build_layout(minutes)
    out = [f"<h1>{html.escape(layout.title)}</h1><table>"]
    out += [f"<tr>{cells([k, v])}</tr>" for k, v in layout.header]
    out.append("</table>")
    for people in layout.people:
        out.append(f"<h2>{html.escape(people.heading)}</h2><table>")
        out += [f"<tr>{cells([r.name, r.capacity])}</tr>" for r in people.rows]
        out.append("</table>")
    out.append("<table>")
    for row in layout.items:
        body = "".join(f"<p>{html.escape(p.text)}</p>" for p in row.paragraphs)
        out.append(f"<tr><td>{html.escape(row.number)}</td><td>{body}</td>")
        out.append(f"<td>{html.escape(row.owner)}</td></tr>")
    return "".join(out) + "</table>"


# --- children: one operation each -----------------------------------------------------------


def operation(name: str, ids: dict[str, int], folder: Path) -> Callable[[], int]:
    """The operation to measure, its inputs prepared; it returns a size (a check)."""
    from watching_brief.publishing import render_pack_docx, render_pack_pdf, render_pdf
    from watching_brief.tracker.documents.notes import notes_minutes
    from watching_brief.tracker.documents.pack import build_pack
    from watching_brief.tracker.meetings.models import Meeting

    following = Meeting.objects.select_related("series__body").get(pk=ids["following"])
    earlier = Meeting.objects.select_related("series__body").get(pk=ids["earlier"])
    pack = build_pack(following)
    target = folder / f"{name}.out"

    def written(render: Callable[[Any, Path], None], content: Any) -> int:
        render(content, target)
        return target.stat().st_size

    operations: dict[str, Callable[[], int]] = {
        "build_pack": lambda: len(build_pack(following).matters),
        "pack_pdf": lambda: written(render_pack_pdf, pack),
        "pack_docx": lambda: written(render_pack_docx, pack),
        "pack_html": lambda: len(pack_html(pack).encode()),
        "notes_pdf": lambda: written(render_pdf, notes_minutes(earlier, full=True)),
        "notes_html": lambda: len(notes_html(notes_minutes(earlier, full=True)).encode()),
    }
    return operations[name]


def vm_hwm_mb() -> float:
    """The process's peak resident set (VmHWM), in MB; ru_maxrss where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_rss_mb() -> float:
    """The process's resident set now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(name: str, ids_path: Path, runs: int, out: Path) -> None:
    """Run in a fresh interpreter: measure one operation on the database already built."""
    from watching_brief.tracker import setup

    setup(migrate=False)
    ids = json.loads(ids_path.read_text())
    run = operation(name, ids, out.parent)
    rss_before = vm_rss_mb()
    begin = time.perf_counter()
    size = run()
    first = time.perf_counter() - begin
    rss_peak = vm_hwm_mb()
    seconds = []
    for _ in range(runs):
        begin = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - begin)
    tracemalloc.start()
    run()
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "first_s": first,
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "runs": runs,
        "size": size,
        "heap_peak_mb": heap_peak / 1e6,
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss_peak,
    }
    out.write_text(json.dumps(figures), encoding="utf-8")


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BRIEF_TESTING"}}
    env["BRIEF_DATA_DIR"] = str(data)
    return env


def measure(name: str, data: Path, ids: Path, runs: int) -> dict[str, Any]:
    """One operation in a child started through /bin/sh (so its RSS peak is its own)."""
    out = data / f"{name}.json"
    command = [sys.executable, str(SCRIPT), "--child", name, "--ids", str(ids)]
    command += ["--runs", str(runs), "--out", str(out)]
    line = " ".join(f"'{part}'" for part in command)
    subprocess.run(["/bin/sh", "-c", line], env=env_for(data), check=True)
    return dict(json.loads(out.read_text()))


def build_child(args: argparse.Namespace) -> None:
    """Run in a subprocess: migrate the fresh database and fill it."""
    from watching_brief.tracker import setup

    setup()
    ids = build_database(args.items, args.actions, args.updates)
    args.ids.write_text(json.dumps(ids), encoding="utf-8")


# --- the report -----------------------------------------------------------------------


def report(figures: dict[str, Any]) -> None:
    table = Table(
        "operation", "median ms", "first ms", "× HTML", "heap MB", "RSS MB",
        "RSS peak", "growth", "KB",
        title=f"Pack and notes: {figures['items']} items, {figures['actions']} open actions "
        f"({figures['updates']} updates each), median of {figures['runs']} runs",
    )  # fmt: skip
    results = figures["results"]
    for name, (label, baseline) in OPERATIONS.items():
        one = results[name]
        ratio = one["median_s"] / results[baseline]["median_s"] if baseline else 1.0
        one["ratio_to_baseline"] = ratio
        table.add_row(
            label,
            f"{one['median_s'] * 1e3:.1f}",
            f"{one['first_s'] * 1e3:.1f}",
            f"×{ratio:.1f}",
            f"{one['heap_peak_mb']:.1f}",
            f"{one['rss_before_mb']:.1f}",
            f"{one['rss_peak_mb']:.1f}",
            f"{one['rss_peak_mb'] - one['rss_before_mb']:.1f}",
            f"{one['size'] / 1024:.0f}" if name not in {"build_pack"} else "—",
        )
    console.print(table)
    console.print(f"database built in {figures['build_s']:.1f} s; {figures['pinning']}")
    console.print(
        "* baseline. × HTML: median time over the median time of the plain-HTML rendering of "
        "the same content (the pack's for build/PDF/DOCX; the notes' for the notes PDF, both "
        "including the notes record from the database). heap: tracemalloc peak; RSS: before "
        "the first run; RSS peak: VmHWM; growth: peak − before; KB: output size."
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--items", type=int, default=30, help="items of each meeting")
    p.add_argument("--actions", type=int, default=200, help="open actions (matters arising)")
    p.add_argument("--updates", type=int, default=3, help="dated updates per action")
    p.add_argument("--runs", type=int, default=5, help="timed runs of each operation")
    p.add_argument("--json", type=Path, help="also write every figure to a JSON file")
    p.add_argument("--child", choices=[*OPERATIONS, "build"], help=argparse.SUPPRESS)
    p.add_argument("--ids", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    pinning = pin_one_core()
    if args.child == "build":
        build_child(args)
        return
    if args.child:
        child(args.child, args.ids, args.runs, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as tmp:
        data = Path(tmp)
        ids = data / "ids.json"
        begin = time.perf_counter()
        command = [sys.executable, str(SCRIPT), "--child", "build", "--ids", str(ids)]
        command += ["--items", str(args.items), "--actions", str(args.actions)]
        command += ["--updates", str(args.updates)]
        subprocess.run(command, env=env_for(data), check=True)
        build_s = time.perf_counter() - begin
        results: dict[str, Any] = {}
        with progress_bar(console) as progress:
            task = progress.add_task("measuring", total=len(OPERATIONS))
            for name in OPERATIONS:
                progress.update(task, description=f"measuring {name}")
                results[name] = measure(name, data, ids, args.runs)
                progress.advance(task)
    figures = {
        "items": args.items,
        "actions": args.actions,
        "updates": args.updates,
        "runs": args.runs,
        "build_s": build_s,
        "pinning": pinning,
        "results": results,
    }
    report(figures)
    write_figures(console, args.json, figures)


if __name__ == "__main__":
    main()
