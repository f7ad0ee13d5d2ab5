"""Series of meetings: those with a meeting the reader may see (the web's series filter)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from watching_brief.tracker.access import visible_meetings
from watching_brief.tracker.api.auth import viewer
from watching_brief.tracker.api.http import conditional, page
from watching_brief.tracker.api.schemas import Error, Paging, SeriesOut, SeriesPage
from watching_brief.tracker.meetings.models import Series

router = Router(tags=["series"])


def series_out(series: Series) -> SeriesOut:
    return SeriesOut(
        id=series.pk,
        name=series.name,
        slug=series.slug,
        body=series.body.name,
        body_slug=series.body.slug,
    )


@router.get("/series", response={200: SeriesPage, 401: Error}, summary="List series")
@conditional
def list_series(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    meetings = visible_meetings(viewer(request))
    series = (
        Series.objects.filter(meetings__in=meetings)
        .select_related("body")
        .distinct()
        .order_by("body__name", "name", "pk")
    )
    meta, rows = page(series, paging)
    return {**meta, "items": [series_out(one) for one in rows]}
