"""Bearer tokens for the API: create one for a user, and find the user a request acts as.

Only a SHA-256 hash of each key is stored; the key itself is shown once, when made.
A token acts as its user, so everything it may do is what roles.py lets that user do.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from watching_brief.tracker.api.models import ApiToken
from watching_brief.tracker.api.throttling import check_rate

KEY_BYTES = 32


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(user: Any) -> str:
    """A new key for ``user``; only its hash is kept, so this is the one chance to see it."""
    key = secrets.token_urlsafe(KEY_BYTES)
    ApiToken.objects.create(user=user, key_hash=hash_key(key))
    return key


def token_user(key: str) -> Any | None:
    """The active user a key belongs to, or None; marks the token as used."""
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user


class BearerToken(HttpBearer):
    """``Authorization: Bearer <key>``; counted against the rate limit before checking."""

    def __call__(self, request: HttpRequest) -> Any | None:
        check_rate(request)
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return token_user(token.strip())


def viewer(request: HttpRequest) -> Any:
    """Who a read is for: the token's user when a key is sent (401 when it is not valid),
    else the signed-in user of the session, else the anonymous public."""
    header = request.headers.get("Authorization", "")
    if not header:
        return request.user
    scheme, _, key = header.partition(" ")
    user = token_user(key.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise AuthenticationError(message="The API token is not valid.")
    return user
