"""Posts and who held them over time, as far as the reader may see (the web's posts page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from watching_brief.tracker.access.holders import Holder, post_holders, visible_posts
from watching_brief.tracker.api.auth import viewer
from watching_brief.tracker.api.http import conditional, page
from watching_brief.tracker.api.schemas import Error, HolderOut, Paging, PostOut, PostPage

router = Router(tags=["posts"])


def holders_out(holders: list[Holder]) -> list[HolderOut]:
    """Holders in a stable order (ties by name, so the body and its ETag do not change
    between requests), each until the next holder took over."""
    ordered = sorted(holders, key=lambda h: (h.start, h.last_seen, h.name))
    outs = []
    for index, h in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        until = following.start if following and following.name != h.name else None
        outs.append(
            HolderOut(name=h.name, kind=h.kind, start=h.start, last_seen=h.last_seen, until=until)
        )
    return outs


@router.get("/posts", response={200: PostPage, 401: Error}, summary="Posts and their holders")
@conditional
def list_posts(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    user = viewer(request)
    posts = visible_posts(user).order_by("body__name", "abbrev", "title", "pk")
    meta, rows = page(posts, paging)
    holders = post_holders(user, [post.pk for post in rows])
    items = [
        PostOut(
            id=post.pk,
            body=post.body.name,
            title=post.title,
            abbrev=post.abbrev,
            holders=holders_out(holders.get(post.pk, [])),
        )
        for post in rows
    ]
    return {**meta, "items": items}
