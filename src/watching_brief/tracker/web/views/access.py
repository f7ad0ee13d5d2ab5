"""The guard on officers' pages: anonymous visitors sign in, other roles are refused."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from watching_brief.tracker.web.roles import is_officer

View = TypeVar("View", bound=Callable[..., Any])


def officers_only(reason: str) -> Callable[[View], View]:
    """Let officers through; send anonymous visitors to sign in; refuse others (403)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_officer(request.user):
                raise PermissionDenied(reason)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate
