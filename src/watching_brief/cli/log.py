"""`brief actions`, `brief agenda` and `brief people`: the record across meetings."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


class Format(str, Enum):
    """Output formats for lists."""

    table = "table"
    csv = "csv"
    json = "json"


def _today(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else dt.date.today()


def actions(
    open_only: Annotated[bool, typer.Option("--open", help="Only open actions.")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    owner: Annotated[
        str | None, typer.Option(help="Owner post, e.g. DCC, or body/DCC (west-mercia-opcc/DCC).")
    ] = None,
    series: Annotated[
        str | None, typer.Option(help="Series name or slug, or body/series when several have it.")
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    as_of: Annotated[str | None, typer.Option(help="Date for 'overdue' (default today).")] = None,
) -> None:
    """The action log: owner post with its holder then and now, due date and status."""
    from watching_brief.tracker import setup

    setup(read_only=True)
    from watching_brief.tracker.actions.log import action_queryset, plain_rows
    from watching_brief.tracker.exports.cells import safe_row

    today = _today(as_of)
    for kind, value in (("owner", owner), ("series", series)):
        if value and (problem := _ambiguous(kind, value)):
            Console(stderr=True).print(
                f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(1)
    query = action_queryset(
        open_only=open_only, overdue=overdue, owner=owner, series=series, today=today
    )
    rows = plain_rows(query, today)
    if output_format is Format.json:
        sys.stdout.write(json_text([row.as_dict() for row in rows]) + "\n")
    elif output_format is Format.csv:
        writer = csv.writer(sys.stdout)
        fields = list(rows[0].as_dict()) if rows else ["reference"]
        writer.writerow(fields)
        writer.writerows(safe_row(row.as_dict()[f] for f in fields) for row in rows)
    elif len(rows) > RICH_ROWS:
        sys.stdout.write(plain_table(rows))
    else:
        Console().print(action_table(rows, "Action log"))


def json_text(rows: list[dict[str, object]]) -> str:
    """``json.dumps(rows, indent=2)``, the same text, for flat rows: each value through
    the C encoder (``indent`` makes ``json`` encode in Python, seconds at 10,000 rows)."""
    if not rows:
        return "[]"
    one = json.encoder.encode_basestring_ascii
    lines = []
    for row in rows:
        fields = ",\n".join(
            f"    {one(key)}: {one(value) if isinstance(value, str) else json.dumps(value)}"
            for key, value in row.items()
        )
        lines.append("  {\n" + fields + "\n  }" if row else "  {}")
    return "[\n" + ",\n".join(lines) + "\n]"


def _ambiguous(kind: str, value: str) -> str:
    """Why an owner or series named without its body is refused: several bodies have it."""
    from watching_brief.tracker.actions.models import Action

    if "/" in value:
        return ""
    actions = Action.objects.owned_by(value) if kind == "owner" else Action.objects.in_series(value)
    bodies = sorted(
        set(actions.values_list("meeting__series__body__slug", "meeting__series__body__name"))
    )
    if len(bodies) < 2:
        return ""
    names = ", ".join(name for _, name in bodies)
    options = " or ".join(f"{slug}/{value}" for slug, _ in bodies)
    return f"--{kind} {value}: several bodies have one ({names}); name the body: {options}"


# Above this many rows the table is printed as plain aligned text, one line an action:
# rich lays out every cell (about a millisecond a row), which at thousands of rows takes
# seconds and wraps each action over several lines.
RICH_ROWS = 300


def plain_table(rows: list) -> str:  # type: ignore[type-arg]
    """The log's columns as aligned plain text, one line per action (text last)."""
    lines = [("Ref", "Set at", "Owner (then → now)", "Due", "Status")]
    texts = ["Action"]
    for row in rows:
        holders = row.holder_then or "?"
        if row.holder_now and row.holder_now != row.holder_then:
            holders += f" → {row.holder_now}"
        due = (row.due + " overdue") if row.overdue else (row.due or row.due_text)
        status = row.status + (f" at {row.closed_at}" if row.closed_at else "")
        lines.append((row.reference, row.date, f"{row.owner} ({holders})", due, status))
        texts.append(row.text)
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    out = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + "  " + text
        for line, text in zip(lines, texts, strict=True)
    ]
    return "\n".join(out) + f"\n{len(rows):,} actions\n"


def action_table(rows: list, title: str) -> Table:  # type: ignore[type-arg]
    """The log as a rich table; overdue dates in red."""
    table = Table("Ref", "Set at", "Owner (then → now)", "Due", "Status", "Action", title=title)
    for row in rows:
        holders = row.holder_then or "?"
        if row.holder_now and row.holder_now != row.holder_then:
            holders += f" → {row.holder_now}"
        due = f"[red]{row.due}[/red]" if row.overdue else (row.due or row.due_text)
        status = row.status + (f" at {row.closed_at}" if row.closed_at else "")
        table.add_row(row.reference, row.date, f"{row.owner} ({holders})", due, status, row.text)
    return table


def agenda(
    series: Annotated[
        str | None, typer.Option(help="Series name or slug, or body/slug (default: all).")
    ] = None,
    as_of: Annotated[str | None, typer.Option(help="Date for 'overdue' (default today).")] = None,
) -> None:
    """The next meeting's matters arising: open and overdue actions, revisits due."""
    from watching_brief.tracker import setup

    setup(read_only=True)
    from watching_brief.tracker.actions.log import next_agenda
    from watching_brief.tracker.actions.models import split_body
    from watching_brief.tracker.meetings.models import Series

    console = Console()
    chosen = Series.objects.all()
    if series:
        body, name = split_body(series)
        chosen = chosen.filter(slug=name) | chosen.filter(name__iexact=name)
        chosen = chosen.filter(body__slug=body) if body else chosen
    for one in chosen.select_related("body"):
        print_agenda(console, next_agenda(one, _today(as_of)))


def print_agenda(console: Console, agenda: object) -> None:
    """One series' next agenda."""
    when = agenda.date.isoformat() if agenda.date else "date not set"  # type: ignore[attr-defined]
    series = agenda.series  # type: ignore[attr-defined]
    console.print(f"[bold]{series}[/bold] ({series.body}) — next meeting {when}")
    console.print(action_table(agenda.actions, "Matters arising"))  # type: ignore[attr-defined]
    revisits = Table("Due", "Revisit", "Booked at", title="Revisits due")
    for revisit in agenda.revisits:  # type: ignore[attr-defined]
        revisits.add_row(revisit.due.isoformat(), revisit.subject, str(revisit.meeting))
    console.print(revisits)


def people() -> None:
    """Who held each post, and when (first and last meeting seen in it)."""
    from watching_brief.tracker import setup

    setup(read_only=True)
    from watching_brief.tracker.people.models import Tenure

    table = Table("Body", "Post", "Holder", "Kind", "From", "Last seen", "Until", title="Posts")
    tenures = Tenure.objects.select_related("post", "post__body", "person").order_by(
        "post__body__name", "post__abbrev", "post__title", "start"
    )
    for tenure in tenures:
        post = tenure.post
        end = tenure.end
        table.add_row(
            post.body.name,
            f"{post.abbrev} {post.title}".strip(),
            tenure.person.name,
            tenure.get_kind_display(),
            tenure.start.isoformat(),
            tenure.last_seen.isoformat(),
            end.isoformat() if end else "now",
        )
    Console().print(table)
