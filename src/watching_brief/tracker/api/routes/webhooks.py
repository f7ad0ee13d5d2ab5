"""Webhooks: another system (a panel's, a newsroom's) follows a body, series, topic, post
or phrase and receives a signed JSON POST for each change the public may see."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from watching_brief.tracker.access.holders import visible_posts
from watching_brief.tracker.alerts import services
from watching_brief.tracker.alerts.models import Webhook
from watching_brief.tracker.alerts.webhooks import MAX_ATTEMPTS
from watching_brief.tracker.api.auth import BearerToken
from watching_brief.tracker.api.errors import invalid
from watching_brief.tracker.api.schemas import Error, Invalid
from watching_brief.tracker.meetings.models import Body, Series, Topic

router = Router(tags=["webhooks"])
Kind = Literal["body", "series", "topic", "post", "phrase"]


class WebhookIn(Schema):
    url: str = Field(
        max_length=500,
        description="Where to POST: an https:// address.",
        examples=["https://example.org/hook"],
    )
    kind: Kind = Field(description="What to follow.")
    target: str = Field(
        min_length=1,
        max_length=200,
        description="The body's or topic's slug, the series' or post's id, or the phrase.",
    )


class WebhookOut(Schema):
    id: int
    url: str
    kind: Kind
    target: str
    follows: str = Field(description="What it follows, in words.")
    active: bool
    created: dt.datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="Shown once. Each delivery carries X-Brief-Signature: sha256=HMAC-SHA256 "
        "of '<X-Brief-Timestamp>.<body>' with this secret."
    )


class DeliveryOut(Schema):
    id: int
    event: str
    payload: dict[str, Any]
    attempts: int
    delivered: dt.datetime | None
    failed: bool = Field(description=f"Given up after {MAX_ATTEMPTS} attempts.")
    next_attempt: dt.datetime | None
    last_error: str


def _target(kind: str, key: str) -> Any:
    public = AnonymousUser()
    found: Any
    if kind == "phrase":
        return " ".join(key.split())
    if kind == "body":
        found = Body.objects.filter(slug=key).first()
    elif kind == "topic":
        found = Topic.objects.filter(slug=key).first()
    elif not key.isdigit():
        found = None
    elif kind == "series":
        found = Series.objects.filter(pk=int(key)).first()
    else:
        found = visible_posts(public).filter(pk=int(key)).first()
    return found


def _key(hook: Webhook) -> str:
    if hook.kind == "phrase":
        return hook.phrase
    target = getattr(hook, hook.kind)
    return str(target.slug if hook.kind in ("body", "topic") else target.pk)


def _out(hook: Webhook) -> dict[str, Any]:
    return {
        "id": hook.pk,
        "url": hook.url,
        "kind": hook.kind,
        "target": _key(hook),
        "follows": hook.label(),
        "active": hook.active,
        "created": hook.created,
    }


def _own(request: HttpRequest, hook_id: int) -> Webhook:
    user = request.auth  # type: ignore[attr-defined]
    return get_object_or_404(Webhook.objects.filter(owner=user), pk=hook_id)


@router.post(
    "/webhooks",
    auth=BearerToken(),
    response={201: WebhookCreated, 401: Error, 422: Invalid},
    summary="Follow something by webhook",
    description="Each change the public may see (notes published, an action's status "
    "changed) is POSTed as JSON, signed with the secret returned here (shown once); a "
    "failed delivery is retried with exponential back-off.",
)
def create(request: HttpRequest, body: WebhookIn) -> Status[Any]:
    user = request.auth  # type: ignore[attr-defined]
    target = _target(body.kind, body.target)
    if target is None:
        problem = f"There is no {body.kind} {body.target!r} to follow."
        return Status(422, invalid({"body.target": problem}))
    try:
        hook = services.create_webhook(user, body.url, body.kind, target)
    except ValueError as error:
        return Status(422, invalid({"body.url": str(error)}))
    return Status(201, {**_out(hook), "secret": hook.secret})


@router.get(
    "/webhooks",
    auth=BearerToken(),
    response={200: list[WebhookOut], 401: Error},
    summary="Your webhooks",
)
def list_hooks(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    hooks = Webhook.objects.filter(owner=user).select_related(
        "body", "series__body", "topic", "post"
    )
    return [_out(hook) for hook in hooks.order_by("pk")]


@router.get(
    "/webhooks/{hook_id}/deliveries",
    auth=BearerToken(),
    response={200: list[DeliveryOut], 401: Error, 404: Error},
    summary="A webhook's latest deliveries, with their attempts",
)
def deliveries(request: HttpRequest, hook_id: int) -> list[Any]:
    hook = _own(request, hook_id)
    return list(hook.deliveries.order_by("-pk")[:100])


@router.delete(
    "/webhooks/{hook_id}",
    auth=BearerToken(),
    response={204: None, 401: Error, 404: Error},
    summary="Stop a webhook",
)
def delete(request: HttpRequest, hook_id: int) -> Status[Any]:
    _own(request, hook_id).delete()
    return Status(204, None)
