"""The error pages: 400, 403, 404, 500 and a refused form (CSRF), in the GOV.UK page
templates with a way back. Django calls them when DEBUG is off (``handler400`` and the
others in the URL configuration, ``CSRF_FAILURE_VIEW`` in the settings).

Paths under ``/api/`` answer in JSON, as the rest of the API does.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

TEMPLATE = "web/errors/error.html"
API_DETAIL = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found.",
    500: "Internal server error.",
}


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _back(request: HttpRequest) -> str:
    """The page the visitor came from, when it is a page of this site; else ""."""
    referer = request.headers.get("Referer", "")
    parts = urlsplit(referer)
    if not referer or parts.netloc != request.get_host() or parts.path == request.path:
        return ""
    return referer


def _page(request: HttpRequest, status: int, **context: Any) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": API_DETAIL[status]}, status=status)
    context.update(status=status, back=_back(request), home=reverse("web:dashboard"))
    return render(request, TEMPLATE, context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, kind="bad_request")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: says why when the refusal gave a reason ("Only officers may close an action.")."""
    reason = str(exception) if exception is not None and str(exception) else ""
    return _page(request, 403, kind="forbidden", reason=reason)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, kind="not_found")


def server_error(request: HttpRequest) -> HttpResponse:
    """500: drawn without the request's context (no database, no session), so that the page
    shows even when what failed is one of those."""
    if _api(request):
        return JsonResponse({"detail": API_DETAIL[500]}, status=500)
    context = {"status": 500, "kind": "server_error", "home": reverse("web:dashboard")}
    return HttpResponse(render_to_string(TEMPLATE, context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (the page was open too long, or the browser
    refused the cookie): nothing was saved; going back keeps what was typed in the form."""
    return _page(request, 403, kind="csrf")
