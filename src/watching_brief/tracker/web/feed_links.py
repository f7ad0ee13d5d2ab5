"""The feeds and calendars a page offers: shown as links on the page and announced in its
head as ``<link rel="alternate">`` (base.html's ``alternates`` block), so a feed reader or
calendar finds them from the page's address.

Each feed and calendar is public, so a page offers only those the public may read (a
series' calendar once it has a published meeting, a post's due dates once its page is
public), through :mod:`watching_brief.tracker.access` as an anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from watching_brief.tracker.access import visible_actions, visible_meetings
from watching_brief.tracker.access.holders import visible_posts

ATOM = "application/atom+xml"
ICAL = "text/calendar"
PUBLIC = AnonymousUser()


@dataclass(frozen=True, slots=True)
class FeedLink:
    """One feed or calendar: what it holds, where, and its media type."""

    title: str
    href: str
    media_type: str

    @property
    def kind(self) -> str:
        return "Atom feed" if self.media_type == ATOM else "iCalendar"


def meetings_feed() -> FeedLink:
    return FeedLink("Published meeting notes", reverse("web:feed_meetings"), ATOM)


def actions_feed() -> FeedLink:
    return FeedLink("Action status changes", reverse("web:feed_actions"), ATOM)


def series_calendar(body: str, slug: str, name: str) -> FeedLink:
    href = reverse("web:body_series_calendar", kwargs={"body": body, "slug": slug})
    return FeedLink(f"Meetings of the {name}", href, ICAL)


def post_calendar(pk: int, label: str) -> FeedLink:
    return FeedLink(
        f"Due dates of {label}'s actions", reverse("web:post_due_calendar", args=[pk]), ICAL
    )


def _series_of(**filters: Any) -> list[FeedLink]:
    """The calendar of the series of the published meetings matching ``filters``."""
    found = (
        visible_meetings(PUBLIC)
        .filter(**filters)
        .values_list("series__body__slug", "series__slug", "series__name")
        .first()
    )
    return [series_calendar(*found)] if found else []


def _post(pk: int | None) -> list[FeedLink]:
    post = visible_posts(PUBLIC).filter(pk=pk).first() if pk else None
    return [post_calendar(post.pk, post.abbrev or post.title)] if post else []


def _meeting(pk: int) -> list[FeedLink]:
    return [meetings_feed(), *_series_of(series__meetings__pk=pk)]


def _pack(slug: str, body: str = "") -> list[FeedLink]:
    return _series_of(series__slug=slug, **({"series__body__slug": body} if body else {}))


def _action(pk: int) -> list[FeedLink]:
    owner = visible_actions(PUBLIC).filter(pk=pk).values_list("owner_post_id", flat=True)
    return [actions_feed(), *_post(owner.first())]


PAGES: dict[str, Callable[..., list[FeedLink]]] = {
    "dashboard": lambda: [meetings_feed(), actions_feed()],
    "meeting_list": lambda: [meetings_feed()],
    "meeting_detail": _meeting,
    "meeting_pack": _pack,
    "body_meeting_pack": _pack,
    "action_list": lambda: [actions_feed()],
    "action_detail": _action,
    "post_detail": lambda pk: _post(pk),
}


def page_feeds(request: HttpRequest) -> list[FeedLink]:
    """The feeds and calendars of the page ``request`` asks for (none for most pages)."""
    match = request.resolver_match
    if match is None or match.namespace != "web" or match.url_name not in PAGES:
        return []
    return PAGES[match.url_name](**match.kwargs)


def feeds(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``feeds``, looked up only when a template reads it."""
    return {"feeds": SimpleLazyObject(lambda: page_feeds(request))}
