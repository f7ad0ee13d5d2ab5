"""File the posts of police ranks (CC, DCC, ACC...) under each office's force body.

Before, every post an office's notes named was a post of the office. Each office that has
such posts gets its force body (``Body.force``, kind "force", named by
``people.ranks.force_name``) and those posts move there. Going back moves them home.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils.text import slugify

from watching_brief.tracker.people.ranks import force_name, is_force_post


def _unique_slug(Body: Any, name: str) -> str:
    base = slugify(name)[:80] or "force"
    slug, number = base, 2
    while Body.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def forward(apps: Any, schema_editor: Any) -> None:
    Body = apps.get_model("meetings", "Body")
    Post = apps.get_model("people", "Post")
    for office in Body.objects.filter(kind="office"):
        posts = [p for p in Post.objects.filter(body=office) if is_force_post(p.abbrev, p.title)]
        if not posts:
            continue
        force = office.force
        if force is None:
            name = force_name(office.name)
            force = Body.objects.filter(name=name).first() or Body.objects.create(
                name=name, slug=_unique_slug(Body, name), kind="force"
            )
            office.force = force
            office.save(update_fields=["force"])
        for post in posts:
            if not Post.objects.filter(body=force, key=post.key).exists():
                post.body = force
                post.save(update_fields=["body"])


def backward(apps: Any, schema_editor: Any) -> None:
    Body = apps.get_model("meetings", "Body")
    Post = apps.get_model("people", "Post")
    for office in Body.objects.exclude(force=None):
        for post in Post.objects.filter(body=office.force):
            if not Post.objects.filter(body=office, key=post.key).exists():
                post.body = office
                post.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_post_email"),
        ("meetings", "0007_h7_body_force"),
    ]

    operations = [migrations.RunPython(forward, backward)]
