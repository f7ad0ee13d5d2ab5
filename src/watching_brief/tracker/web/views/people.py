"""Posts and the people who held them, with the actions each post owns."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from watching_brief.tracker.access.holders import Holder
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.roles import visible_actions
from watching_brief.tracker.web.views.shared import (
    paginate,
    post_holders,
    status_tag,
    visible_posts,
)

POSTS_PER_PAGE = 25
# The list shows each post's latest holders; the post's own page has them all.
LATEST_HOLDERS = 3


def _post_row(post: Post, holders: list[Holder]) -> dict[str, object]:
    latest = holders[-LATEST_HOLDERS:]
    return {"post": post, "holders": latest, "earlier": len(holders) - len(latest)}


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    # A page of posts at a time (thousands at the scale of every force), and the holders of
    # only that page's posts: the work of one request no longer grows with the posts.
    ordered = visible_posts(request.user).order_by("body__name", "abbrev", "title", "pk")
    page, query = paginate(request, ordered, POSTS_PER_PAGE)
    posts = list(page.object_list)
    holders = post_holders(request.user, [post.pk for post in posts])
    bodies = [
        {"body": body, "rows": [_post_row(post, holders.get(post.pk, [])) for post in group]}
        for body, group in groupby(posts, key=lambda post: post.body)
    ]
    context = {"bodies": bodies, "page": page, "query": query}
    return render(request, "web/people/post_list.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(visible_posts(request.user), pk=pk)
    actions = (
        visible_actions(request.user)
        .filter(owner_post=post)
        .select_related("meeting", "owner_post", "owner_holder")
        .order_by("meeting__date", "position")
    )
    context = {
        "post": post,
        "holders": post_holders(request.user, [post.pk]).get(post.pk, []),
        "actions": [
            {"action": action, "tag": status_tag(action), "restricted": action.effective_restricted}
            for action in actions
        ],
    }
    return render(request, "web/people/post_detail.html", context)
