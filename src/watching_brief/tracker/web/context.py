"""Template context: the visitor's role, for navigation and what the page offers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from watching_brief.tracker.web.roles import is_contributor, is_officer


def roles(request: HttpRequest) -> dict[str, Any]:
    """An officer not yet past the second factor is offered no officer's pages."""
    user = getattr(request, "user", None)
    verified = getattr(user, "is_verified", lambda: False)()
    return {"is_officer": is_officer(user) and verified, "is_contributor": is_contributor(user)}
