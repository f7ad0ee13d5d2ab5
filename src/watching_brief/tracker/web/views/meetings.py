"""Meetings: the list with filters, one meeting's record, its source text, and the pack
for a series' next meeting. Everything is read through the visibility rules in roles."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from watching_brief.tracker.access.meeting import meeting_view
from watching_brief.tracker.caching.derived import remembered
from watching_brief.tracker.meetings.models import Meeting, Series
from watching_brief.tracker.notify.notices import posts_without_address
from watching_brief.tracker.web.roles import is_officer, visible_meetings
from watching_brief.tracker.web.views.meeting_parts import (
    header_rows,
    item_blocks,
    latest_document,
    pack_series,
    series_pack,
    unattached,
)
from watching_brief.tracker.web.views.shared import may_see_source, paginate

SCREEN_ROWS = 100  # actions in each of a pack's lists on screen


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    officer = is_officer(request.user)
    meetings = visible_meetings(request.user)
    filters = _filters(request, officer)
    page, query = paginate(request, _filtered(meetings, filters).order_by("-date", "pk"))
    context = {
        "page": page,
        "query": query,
        "filters": filters,
        "series_options": remembered(
            "meeting-series",
            request.user,
            lambda: list(
                Series.objects.filter(meetings__in=meetings)
                .select_related("body")
                .distinct()
                .order_by("body__name", "name")
            ),
        ),
        "years": remembered(
            "meeting-years",
            request.user,
            lambda: sorted({d.year for d in meetings.dates("date", "year")}, reverse=True),
        ),
        "statuses": Meeting.Status.choices if officer else [],
    }
    return render(request, "web/meetings/meeting_list.html", context)


def _filters(request: HttpRequest, officer: bool) -> dict[str, str]:
    """The filters asked for that make sense; anything else is ignored."""
    values = {name: request.GET.get(name, "").strip() for name in ("series", "status", "year")}
    if not values["series"].isdigit():
        values["series"] = ""
    if not values["year"].isdigit():
        values["year"] = ""
    if not officer or values["status"] not in Meeting.Status.values:
        values["status"] = ""
    return values


def _filtered(meetings: QuerySet[Meeting], filters: dict[str, str]) -> QuerySet[Meeting]:
    if filters["series"]:
        meetings = meetings.filter(series_id=int(filters["series"]))
    if filters["year"]:
        meetings = meetings.filter(date__year=int(filters["year"]))
    if filters["status"]:
        meetings = meetings.filter(status=filters["status"])
    return meetings


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    officer = is_officer(request.user)
    document = latest_document(meeting)
    linked = document is not None and may_see_source(request.user, meeting)
    record: dict[str, Any] = document.record if document and linked else {}
    view = meeting_view(meeting, request.user)  # what this visitor may see of it
    context = {
        "meeting": meeting,
        "header": header_rows(meeting, record, officer, linked),
        "attendance": meeting.attendance.select_related("person", "post"),
        "blocks": item_blocks(request.user, meeting, record, linked, view),
        "unattached": unattached(request.user, meeting, view),
        "document": document if linked else None,
        "warnings": document.warnings if document and officer else [],
        "no_address": posts_without_address(meeting) if officer else [],
    }
    return render(request, "web/meetings/meeting_detail.html", context)


@require_GET
def meeting_source(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    document = latest_document(meeting)
    if document is None or not may_see_source(request.user, meeting):
        raise Http404("No source text is available for this meeting.")
    text = document.text
    start, end = _offset(request, "start", len(text)), _offset(request, "end", len(text))
    marked = start is not None and end is not None and start < end
    context = {
        "meeting": meeting,
        "document": document,
        "marked": marked,
        "before": text[:start] if marked else text,
        "highlight": text[start:end] if marked else "",
        "after": text[end:] if marked else "",
    }
    return render(request, "web/meetings/meeting_source.html", context)


def _offset(request: HttpRequest, name: str, length: int) -> int | None:
    value = request.GET.get(name, "")
    return min(int(value), length) if value.isdigit() else None


@require_GET
def meeting_pack(request: HttpRequest, slug: str, body: str = "") -> HttpResponse:
    """The next meeting's pack of a body's series (/bodies/<body>/series/<slug>/pack/);
    the old /series/<slug>/pack/ shows one pack per body that has a series of that slug."""
    series = pack_series(request.user, slug, body or request.GET.get("body", "").strip())
    if not series:
        raise Http404("No such series.")
    today, user = dt.date.today(), request.user
    download = request.GET.get("download") == "1"
    packs = [
        remembered(f"pack-{one.pk}-{today}", user, partial(series_pack, user, one, today))
        for one in series
    ]
    context = {
        "slug": slug,
        "today": today,
        # the screen shows the first SCREEN_ROWS of each list; the download holds them all
        "packs": packs if download else [pack.shortened(SCREEN_ROWS) for pack in packs],
    }
    response = render(request, "web/meetings/meeting_pack.html", context)
    if download:
        response["Content-Disposition"] = f'attachment; filename="pack-{slug}.html"'
    return response
