"""The assurance chart: one row per topic, one coloured cell per meeting, as inline SVG.

Built in Python so it needs no script; every cell carries a <title> that names the topic,
the meeting date and the rating, and the page gives a text legend beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from watching_brief.tracker.meetings.models import Item
from watching_brief.tracker.web.views.shared import PROCEDURAL

FILLS = {"assured": "#00703c", "partly": "#ffdd00", "not_assured": "#d4351c", "": "#f3f2f1"}
LEGEND = [(value, str(label), FILLS[value]) for value, label in Item.Assurance.choices]
LABEL_WIDTH, CELL, GAP, TOP = 300, 24, 6, 80
MAX_ROWS, MAX_DATES = 30, 12


@dataclass(slots=True)
class Chart:
    """Rows of topics against meeting dates; cells[(row, date)] = (rating, meeting pk)."""

    rows: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    dates: list[dt.date] = field(default_factory=list)
    cells: dict[tuple[str, dt.date], tuple[str, int]] = field(default_factory=dict)

    @property
    def rated(self) -> int:
        return sum(1 for rating, _ in self.cells.values() if rating)


@dataclass(frozen=True, slots=True)
class ChartItem:
    """What the chart needs of an item: plain values, read in one query, not models."""

    title: str
    assurance: str
    meeting_id: int
    date: dt.date
    topics: tuple[str, ...] = ()


def chart_data(items: Iterable[ChartItem]) -> Chart:
    """The latest dates and the topics met most recently, procedural items left out."""
    chart = Chart()
    latest: dict[str, dt.date] = {}
    for item in items:
        titles = item.topics or (item.title.strip(),)
        for title in titles:
            if not title or PROCEDURAL.search(title):
                continue
            name = chart.names.setdefault(title.casefold(), title)
            key = (name, item.date)
            if key not in chart.cells or item.assurance:
                chart.cells[key] = (item.assurance, item.meeting_id)
            latest[name] = max(latest.get(name, item.date), item.date)
    chart.dates = sorted({date for _, date in chart.cells})[-MAX_DATES:]
    recent = [name for name in latest if latest[name] >= (chart.dates or [dt.date.min])[0]]
    chart.rows = sorted(recent, key=lambda name: (-latest[name].toordinal(), name))[:MAX_ROWS]
    return chart


def render_svg(chart: Chart) -> SafeString:
    """The chart as accessible inline SVG (role img, a title and description, a title per
    cell)."""
    width = LABEL_WIDTH + len(chart.dates) * (CELL + GAP) + 60
    height = TOP + len(chart.rows) * (CELL + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="figure" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Assurance ratings by topic over time</title>',
        f'<desc id="chart-desc">{len(chart.rows)} topics across {len(chart.dates)} meetings; '
        f"{chart.rated} of {len(chart.cells)} items rated.</desc>",
    ]
    parts += _date_labels(chart.dates)
    for row, name in enumerate(chart.rows):
        parts += _row(chart, row, name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above


def _date_labels(dates: list[dt.date]) -> list[str]:
    parts = []
    for column, date in enumerate(dates):
        x = LABEL_WIDTH + column * (CELL + GAP) + CELL // 2
        parts.append(
            f'<text x="{x}" y="{TOP - 8}" font-size="12" '
            f'transform="rotate(-45 {x} {TOP - 8})">{date.day} {date:%b %Y}</text>'
        )
    return parts


def _row(chart: Chart, row: int, name: str) -> list[str]:
    y = TOP + row * (CELL + GAP)
    label = name if len(name) <= 36 else name[:34] + "…"
    parts = [f'<text x="0" y="{y + CELL - 7}" font-size="13">{escape(label)}</text>']
    labels = dict(Item.Assurance.choices)
    for column, date in enumerate(chart.dates):
        cell = chart.cells.get((name, date))
        if cell is None:
            continue
        rating, meeting = cell
        x = LABEL_WIDTH + column * (CELL + GAP)
        title = f"{name}, {date.day} {date:%B %Y}: {labels.get(rating, 'Not rated')}"
        href = reverse("web:meeting_detail", args=[meeting])
        parts.append(
            f'<a href="{href}"><rect class="app-chart__cell" x="{x}" y="{y}" width="{CELL}" '
            f'height="{CELL}" fill="{FILLS.get(rating, FILLS[""])}" stroke="#505a5f">'
            f"<title>{escape(title)}</title></rect></a>"
        )
    return parts
