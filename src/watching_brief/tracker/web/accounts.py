"""Creating accounts with a role (used by `brief createuser` and the tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.models import PostLink
from watching_brief.tracker.web.roles import CONTRIBUTOR, OFFICER


def post_of(code: str, body: str | None = None) -> Post:
    """The one post ``code`` names (abbreviation or title), in ``body`` (name or slug)
    when given; a code that names posts of several bodies is refused, not guessed."""
    matches = Post.objects.filter(Q(abbrev__iexact=code) | Q(title__iexact=code))
    if body:  # the body, or the office that holds the post's force to account
        named = Q(body__slug=body) | Q(body__name__iexact=body)
        named |= Q(body__offices__slug=body) | Q(body__offices__name__iexact=body)
        matches = matches.filter(named)
    found = list(matches.select_related("body").distinct().order_by("body__name"))
    if not found:
        raise ValueError(f"no post {code} is known" + (f" in {body}" if body else ""))
    if len({post.body_id for post in found}) > 1:
        names = ", ".join(post.body.name for post in found)
        raise ValueError(f"{code} is a post of several bodies ({names}): name one with --body")
    return found[0]


@transaction.atomic
def create_account(
    username: str, password: str, role: str, posts: list[str], body: str | None = None
) -> Any:
    """A new user in the role's group; a contributor is linked to the named posts (of
    ``body``, which must be given when a post's name is used by more than one body)."""
    model = get_user_model()
    if model.objects.filter(username=username).exists():
        raise ValueError(f"the user {username} already exists")
    try:
        validate_password(password)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    admin = role == "admin"
    user = model.objects.create_user(
        username=username, password=password, is_staff=admin, is_superuser=admin
    )
    if role == "officer":
        user.groups.add(Group.objects.get_or_create(name=OFFICER)[0])
    if role == "contributor":
        user.groups.add(Group.objects.get_or_create(name=CONTRIBUTOR)[0])
        linked = {post_of(code, body) for code in posts}
        PostLink.objects.bulk_create(PostLink(user=user, post=post) for post in linked)
    return user
