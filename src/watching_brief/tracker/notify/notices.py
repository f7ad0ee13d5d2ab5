"""Approval notices and reminder digests, as e-mail messages ready to send."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef

from watching_brief.tracker.actions.models import OPEN_STATUSES, Action
from watching_brief.tracker.dates import long_date as _date
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.notify.recipients import (
    absolute,
    holder_name,
    post_label,
    post_recipients,
)
from watching_brief.tracker.people.models import Post

log = logging.getLogger(__name__)


def _meeting_name(meeting: Meeting) -> str:
    return f"{meeting.series.name} on {meeting.date:%A} {_date(meeting.date)}"


def _due(action: Action) -> str:
    if action.due:
        return _date(action.due)
    return action.due_text or "no date set"


def _action_lines(action: Action, *extra: str) -> list[str]:
    private = action.restricted or action.effective_restricted
    marker = " (restricted: do not pass on)" if private else ""
    lines = [f"- {action.reference}: {action.text}{marker}", f"  Due: {_due(action)}"]
    lines += [f"  {line}" for line in extra]
    lines.append(f"  {absolute('web:action_detail', action.pk)}")
    return lines


def _greeting(names: Iterable[str]) -> str:
    names = list(dict.fromkeys(names))
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Dear {joined},"


def _message(subject: str, lines: list[str], to: str) -> EmailMessage:
    body = "\n".join(lines).rstrip() + "\n"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


# Approval notices --------------------------------------------------------------------


def approval_notices(meeting: Meeting) -> list[EmailMessage]:
    """One e-mail per recipient: the actions set at ``meeting`` owned by their post(s)."""
    actions = (
        Action.objects.filter(meeting=meeting, owner_post__isnull=False)
        .select_related("owner_post", "item")
        .order_by("position", "pk")
    )
    by_post: dict[Post, list[Action]] = defaultdict(list)
    for action in actions:
        if action.owner_post is not None:
            by_post[action.owner_post].append(action)
    by_address: dict[str, list[Post]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for post in by_post:
        for address in post_recipients(post):
            key = address.casefold()
            spelling.setdefault(key, address)
            by_address[key].append(post)
    name = _meeting_name(meeting)
    return [
        _notice(meeting, name, posts, {post: by_post[post] for post in posts}, spelling[key])
        for key, posts in by_address.items()
    ]


def posts_without_address(meeting: Meeting) -> list[Post]:
    """The posts owning actions set at ``meeting`` that no notice can reach: no address
    of their own and no active linked account with one (one query, as
    :func:`post_recipients` would find none)."""
    link = Post._meta.get_field("user_links").related_model  # the account links
    reachable = link._default_manager.filter(  # type: ignore[union-attr]
        post=OuterRef("pk"), user__is_active=True
    ).exclude(user__email__regex=r"^\s*$")
    owners = Action.objects.filter(meeting=meeting).values("owner_post")
    posts = Post.objects.filter(pk__in=owners, email__regex=r"^\s*$").exclude(Exists(reachable))
    return sorted(posts, key=lambda post: (post.abbrev or post.title).casefold())


def _notice(
    meeting: Meeting,
    name: str,
    posts: list[Post],
    actions: dict[Post, list[Action]],
    to: str,
) -> EmailMessage:
    lines = [
        _greeting(holder_name(post) for post in posts),
        "",
        f"The notes of the {name} ({meeting.series.body.name}) have been approved.",
    ]
    for post in posts:
        lines += ["", f"Actions set for the {post_label(post)}:", ""]
        for action in actions[post]:
            lines += _action_lines(action)
    if meeting.status != Meeting.Status.PUBLISHED:
        lines += ["", "The links work for the public once the notes are published."]
    count = sum(len(one) for one in actions.values())
    subject = f"{count} action{'s' if count != 1 else ''} for you from the {name}"
    return _message(subject, lines, to)


# Reminder digests --------------------------------------------------------------------


@dataclass(slots=True)
class PostDigest:
    """One post's actions overdue and due soon, and the e-mails that tell its people."""

    post: Post
    holder: str
    recipients: list[str]
    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    messages: list[EmailMessage] = field(default_factory=list)


def reminder_digests(
    today: dt.date, days: int, posts: Iterable[int] | None = None, to: str = ""
) -> list[PostDigest]:
    """For each post with open actions overdue or due within ``days`` days, its digest.

    Actions of draft meetings are left out. A post with no address still gets a
    ``PostDigest`` (with no messages), so the caller can say so. ``posts`` keeps to those
    posts (pks); ``to`` sends each digest to that one address instead of the post's.
    """
    until = today + dt.timedelta(days=days)
    wanted = Action.objects.all() if posts is None else Action.objects.filter(owner_post__in=posts)
    actions = (
        wanted.filter(
            status__in=OPEN_STATUSES,
            owner_post__isnull=False,
            due__isnull=False,
            due__lte=until,
        )
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .select_related("owner_post", "owner_post__body", "meeting", "meeting__series", "item")
        .order_by("due", "reference")
    )
    grouped: dict[Post, list[Action]] = defaultdict(list)
    for action in actions:
        if action.owner_post is not None:
            grouped[action.owner_post].append(action)
    digests = []
    for post in sorted(grouped, key=lambda one: (one.body.name, str(one))):
        digest = PostDigest(post, holder_name(post), [to] if to else post_recipients(post))
        for action in grouped[post]:
            late = action.due is not None and action.due < today
            (digest.overdue if late else digest.due_soon).append(action)
        digest.messages = [_digest(digest, today, days, to) for to in digest.recipients]
        digests.append(digest)
    return digests


def _digest(digest: PostDigest, today: dt.date, days: int, to: str) -> EmailMessage:
    post = digest.post
    lines = [
        _greeting([digest.holder]),
        "",
        f"The open actions of the {post_label(post)} ({post.body.name}) as of {_date(today)}.",
    ]
    for heading, actions in (
        (f"Overdue ({len(digest.overdue)})", digest.overdue),
        (f"Due in the next {days} days ({len(digest.due_soon)})", digest.due_soon),
    ):
        if not actions:
            continue
        lines += ["", heading, ""]
        for action in actions:
            lines += _action_lines(action, f"Set at: {_meeting_name(action.meeting)}")
    lines += [
        "",
        "Signed in as a contributor for the post, see and update them on your work list:",
        absolute("web:my_actions"),
        "",
        "Add the due dates to your calendar (iCal):",
        absolute("web:post_due_calendar", post.pk),
    ]
    parts = []
    if digest.overdue:
        parts.append(f"{len(digest.overdue)} overdue")
    if digest.due_soon:
        parts.append(f"{len(digest.due_soon)} due in the next {days} days")
    subject = f"Actions for the {post.abbrev or post.title}: {' and '.join(parts)}"
    return _message(subject, lines, to)


# Sending -----------------------------------------------------------------------------


def send(messages: Sequence[EmailMessage]) -> int:
    """Send over one connection of the configured backend; the number sent."""
    if not messages:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(list(messages)) or 0)


def send_after_commit(messages: Sequence[EmailMessage]) -> None:
    """Send once the current transaction commits; a failure is logged, not raised."""

    def deliver() -> None:
        try:
            send(messages)
        except Exception:
            log.exception("Could not send %d notice(s)", len(messages))

    if messages:
        transaction.on_commit(deliver)
