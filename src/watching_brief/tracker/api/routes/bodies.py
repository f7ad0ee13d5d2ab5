"""Bodies: those with a meeting the reader may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from watching_brief.tracker.access import visible_meetings
from watching_brief.tracker.api.auth import viewer
from watching_brief.tracker.api.http import conditional, page
from watching_brief.tracker.api.schemas import BodyPage, Error, Paging
from watching_brief.tracker.meetings.models import Body

router = Router(tags=["bodies"])


@router.get("/bodies", response={200: BodyPage, 401: Error}, summary="List bodies")
@conditional
def list_bodies(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    meetings = visible_meetings(viewer(request))
    bodies = Body.objects.filter(series__meetings__in=meetings).distinct().order_by("name", "pk")
    meta, rows = page(bodies, paging)
    return {**meta, "items": rows}
