"""Posts and the people who held them, with the actions each post owns."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from watching_brief.tracker.access.holders import Holder
from watching_brief.tracker.notify.recipients import post_recipients
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.roles import is_officer, visible_actions
from watching_brief.tracker.web.views.access import officers_only
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


class PostEmailForm(forms.ModelForm):  # type: ignore[type-arg]
    """The post's own address, where approval notices and reminders go."""

    class Meta:
        model = Post
        fields = ["email"]
        labels = {"email": "E-mail address for notices and reminders"}
        error_messages = {
            "email": {
                "invalid": "Enter an e-mail address in the correct format, like name@example.org"
            }
        }


def _post_page(request: HttpRequest, post: Post, form: PostEmailForm | None = None) -> HttpResponse:
    actions = (
        visible_actions(request.user)
        .filter(owner_post=post)
        .select_related("meeting", "owner_post", "owner_holder")
        .order_by("meeting__date", "position")
    )
    officer = is_officer(request.user)
    context = {
        "post": post,
        "holders": post_holders(request.user, [post.pk]).get(post.pk, []),
        "actions": [
            {"action": action, "tag": status_tag(action), "restricted": action.effective_restricted}
            for action in actions
        ],
        # officers keep the post's address; the public is never shown it
        "email_form": (form or PostEmailForm(instance=post)) if officer else None,
        "recipients": post_recipients(post) if officer else [],
        "errors": error_list(form) if form is not None else [],
    }
    return render(request, "web/people/post_detail.html", context, status=400 if form else 200)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_page(request, get_object_or_404(visible_posts(request.user), pk=pk))


@require_POST
@officers_only("Only officers may change a post's address.")
def post_email(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    form = PostEmailForm(request.POST, instance=post)
    if not form.is_valid():
        return _post_page(request, post, form)
    form.save()
    address = post.email or "no address of its own"
    messages.success(request, f"Notices and reminders for {post} now go to {address}.")
    return redirect("web:post_detail", pk=post.pk)
