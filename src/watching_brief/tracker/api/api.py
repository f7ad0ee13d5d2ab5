"""The API object: its routers, the rate limit on every operation, and error shapes.

``GET /api/openapi.json`` is the OpenAPI 3.1 document; ``/api/docs`` shows it.
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled

from watching_brief.tracker.api.routes import actions, bodies, meetings, posts, series
from watching_brief.tracker.api.throttling import RateLimit

DESCRIPTION = """\
The Watching Brief record as JSON. Reading needs no key: without one you get the public
view, exactly as the web pages show it. Writing (updates to actions, closures) needs
`Authorization: Bearer <token>`; a token acts as its user, within that user's role.
Every GET carries an ETag (send it back as If-None-Match for a 304). Requests are
rate-limited per client address and per token (429 with Retry-After).
Lists are paged by `limit` and `offset`; the meetings and actions lists also by cursor:
each page's `next` is the `cursor` of the page after it (null on the last), as fast deep
in the list as at its start, and stable while rows are added.
"""

api = NinjaAPI(
    title="Watching Brief API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    throttle=[RateLimit()],
)
for module in (bodies, series, meetings, actions, posts):
    api.add_router("", module.router)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": error.message}, status=429)
    if error.wait is not None:
        response["Retry-After"] = str(math.ceil(error.wait))
    return response
