"""Creating accounts with a role (used by `brief createuser` and the tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.models import PostLink
from watching_brief.tracker.web.roles import CONTRIBUTOR, OFFICER


@transaction.atomic
def create_account(username: str, password: str, role: str, posts: list[str]) -> Any:
    """A new user in the role's group; a contributor is linked to the named posts."""
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
        for code in posts:
            matches = list(Post.objects.filter(abbrev__iexact=code))
            if not matches:
                raise ValueError(f"no post {code} is known")
            PostLink.objects.bulk_create(PostLink(user=user, post=p) for p in matches)
    return user
