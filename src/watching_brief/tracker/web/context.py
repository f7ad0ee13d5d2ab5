"""Template context: the visitor's role, for navigation and what the page offers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from watching_brief.tracker.web.roles import is_contributor, is_officer


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"is_officer": is_officer(user), "is_contributor": is_contributor(user)}
