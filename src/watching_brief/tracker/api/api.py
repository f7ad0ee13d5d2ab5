"""The API object: its routers, the rate limit on every operation, and error shapes.

``GET /api/openapi.json`` is the OpenAPI 3.1 document; ``/api/docs`` shows it.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from watching_brief.tracker.api.errors import from_validation, invalid
from watching_brief.tracker.api.routes import actions, bodies, meetings, posts, series, webhooks
from watching_brief.tracker.api.throttling import RateLimit

ERROR = {"$ref": "#/components/schemas/Error"}
INVALID = {"$ref": "#/components/schemas/Invalid"}
COMMON_RESPONSES = {
    422: {
        "description": "A parameter or the body is not valid: each problem with its field.",
        "content": {"application/json": {"schema": INVALID}},
    },
    429: {
        "description": "Too many requests from this address or token: wait Retry-After seconds.",
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before the next request.",
                "schema": {"type": "integer", "minimum": 0},
            }
        },
        "content": {"application/json": {"schema": ERROR}},
    },
}


class BriefAPI(NinjaAPI):
    """The API, whose OpenAPI document also lists the answers every operation can give:
    422 (every operation takes parameters or a body) and 429 (the rate limit)."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for item in schema["paths"].values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for code, response in COMMON_RESPONSES.items():
                    responses.setdefault(code, response)
        return schema


DESCRIPTION = """\
The Watching Brief record as JSON. Reading needs no key: without one you get the public
view, exactly as the web pages show it. Writing (updates to actions, closures) needs
`Authorization: Bearer <token>`; a token acts as its user, within that user's role.
Every GET carries an ETag (send it back as If-None-Match for a 304). Requests are
rate-limited per client address and per token (429 with Retry-After). A parameter or body
that is not valid gets 422, with `detail` (one line) and `errors` (each field's problem).
Lists are paged by `limit` and `offset`; the meetings and actions lists also by cursor:
each page's `next` is the `cursor` of the page after it (null on the last), as fast deep
in the list as at its start, and stable while rows are added.
"""

api = BriefAPI(
    title="Watching Brief API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    throttle=[RateLimit()],
)
for module in (bodies, series, meetings, actions, posts, webhooks):
    api.add_router("", module.router)


@api.exception_handler(ValidationError)
def not_valid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """422 with ``detail`` a string, as the document says, and each problem listed."""
    return api.create_response(request, from_validation(error.errors).dict(), status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """Errors raised by the routes: ``{"detail": ...}``; a 422 ("field: problem") in the
    one 422 shape, each problem with its (query) field."""
    message = str(error)
    if error.status_code != 422:
        return api.create_response(request, {"detail": message}, status=error.status_code)
    field, _, problem = message.partition(": ")
    where = f"query.{field}" if problem and field.isidentifier() else "request"
    return api.create_response(request, invalid({where: problem or message}).dict(), status=422)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": error.message}, status=429)
    if error.wait is not None:
        response["Retry-After"] = str(math.ceil(error.wait))
    return response
