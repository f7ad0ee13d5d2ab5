"""Who hears about a post's actions, and absolute links for e-mails."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from watching_brief.tracker.people.models import Post


def post_recipients(post: Post) -> list[str]:
    """The post's own address, then those of the users linked to it (no repeats)."""
    addresses = [post.email]
    # the post's links to accounts (``PostLink``, reached from the post)
    links = post.user_links.filter(user__is_active=True).select_related("user")
    addresses += [link.user.email for link in links.order_by("user__username")]
    seen: set[str] = set()
    result = []
    for address in addresses:
        address = (address or "").strip()
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            result.append(address)
    return result


def holder_name(post: Post) -> str:
    """The name of the post's latest holder, or the post itself when nobody is known."""
    tenure = post.current_holder()
    return tenure.person.name if tenure else (post.title or post.abbrev)


def post_label(post: Post) -> str:
    if post.title and post.abbrev:
        return f"{post.title} ({post.abbrev})"
    return post.title or post.abbrev


def absolute(view: str, *args: object) -> str:
    """The full address of a page, on the site named by ``BRIEF_SITE_URL``."""
    base = str(getattr(settings, "BRIEF_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse(view, args=args)
