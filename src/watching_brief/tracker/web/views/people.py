"""Posts and the people who held them, with the actions each post owns."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from watching_brief.tracker.web.roles import visible_actions
from watching_brief.tracker.web.views.shared import post_holders, status_tag, visible_posts


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    posts = list(visible_posts(request.user).order_by("body__name", "abbrev", "title"))
    holders = post_holders(request.user, [post.pk for post in posts])
    bodies = [
        {"body": body, "rows": [{"post": p, "holders": holders.get(p.pk, [])} for p in group]}
        for body, group in groupby(posts, key=lambda post: post.body)
    ]
    return render(request, "web/people/post_list.html", {"bodies": bodies})


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
