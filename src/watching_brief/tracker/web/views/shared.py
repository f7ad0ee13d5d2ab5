"""Helpers the dashboard, meeting, post and topic pages share.

The rules of who sees what, and the holder of a post now, live in
:mod:`watching_brief.tracker.access`; they are re-exported here for the views.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from watching_brief.tracker.access import may_see_source
from watching_brief.tracker.access.holders import (
    Holder,
    current_holders,
    post_holders,
    visible_posts,
)
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Item

__all__ = ["Holder", "current_holders", "may_see_source", "post_holders", "visible_posts"]

STATUS_COLOURS = {
    "open": "blue",
    "in_progress": "yellow",
    "done": "green",
    "closed": "grey",
    "dropped": "grey",
}
ASSURANCE_COLOURS = {"assured": "green", "partly": "yellow", "not_assured": "red", "": "grey"}
PROCEDURAL = re.compile(
    r"matters arising|^aob$|any other business|next meeting|apologies|declarations? of"
    r"|minutes of the previous|work programme",
    re.IGNORECASE,
)


def status_tag(action: Action, today: dt.date | None = None) -> dict[str, str]:
    """The tag for an action's status now: red when it is overdue."""
    if action.is_overdue(today or dt.date.today()):
        return {"text": f"{action.get_status_display()} – overdue", "colour": "red"}
    return {"text": action.get_status_display(), "colour": STATUS_COLOURS.get(action.status, "")}


PROCEDURAL_KINDS = {Item.Kind.MATTERS_ARISING, Item.Kind.AOB, Item.Kind.NEXT_MEETING}


def is_procedural(item: Item) -> bool:
    """Matters arising, any other business, the date of the next meeting and the like:
    items that are never rated for assurance."""
    return item.kind in PROCEDURAL_KINDS or bool(PROCEDURAL.search(item.title or ""))


def item_assurance_tag(item: Item) -> dict[str, str]:
    """The item's assurance tag; none ({}) for a procedural item left unrated."""
    if not item.assurance and is_procedural(item):
        return {}
    return assurance_tag(item.assurance)


def assurance_tag(value: str) -> dict[str, str]:
    label = dict(Item.Assurance.choices)
    return {"text": str(label.get(value, "Not rated")), "colour": ASSURANCE_COLOURS.get(value, "")}


def span_query(source: Any, *fields: str) -> str:
    """``start=..&end=..`` covering the spans of ``fields`` in a part's source, or ""."""
    if not isinstance(source, dict):
        return ""
    spans = [
        span
        for name in fields
        for span in source.get(name) or []
        if isinstance(span, dict)
        and isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
    ]
    if not spans:
        return ""
    start = min(span["start"] for span in spans)
    end = max(span["end"] for span in spans)
    return urlencode({"start": start, "end": end}) if end > start else ""


def paginate(request: HttpRequest, rows: Any, per_page: int = 50) -> tuple[Page[Any], str]:
    """The requested page, and the query string of the other parameters for page links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    return page, others.urlencode()
