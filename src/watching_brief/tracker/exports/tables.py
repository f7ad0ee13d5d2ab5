"""The bulk tables, in shapes aligned with Popolo and Open Civic Data.

Identifiers are stable strings: ``organization/<body-slug>``, ``person/<pk>``,
``post/<pk>``, ``membership/<pk>``, ``event/<series-folder>/<date>`` (the meeting's JSON
file without ``.json``) and the action's quotable reference.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from watching_brief.tracker.access import visible_actions, visible_meetings
from watching_brief.tracker.meetings.models import Attendance, Body, Meeting, Series
from watching_brief.tracker.people.models import Person, Post, Tenure

Cell = str | int | bool | dt.date | None


@dataclass(slots=True)
class Column:
    """One column: its name, Table Schema type, and meaning."""

    name: str
    type: str
    description: str


@dataclass(slots=True)
class Table:
    """A named table of rows, one list of cells per row."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)


def _cols(*specs: tuple[str, str, str]) -> list[Column]:
    return [Column(*spec) for spec in specs]


ID = ("id", "string", "Identifier, stable across exports.")
ORGANIZATION = ("organization_id", "string", "The body: organizations.csv id.")
COLUMNS = {
    "organizations": _cols(ID, ("name", "string", "The body's name."),
                           ("classification", "string",
                            "'body' (an office or board), or 'force' (the police force one "
                            "holds to account, whose posts are CC, DCC, ACC and ranks).")),
    "people": _cols(ID, ("name", "string", "The person's name as the notes give it.")),
    "posts": _cols(ID, ("label", "string", "Abbreviation and title (DCC Deputy Chief Constable)."),
                   ("role", "string", "The post's title."),
                   ("abbreviation", "string", "The post's abbreviation (DCC)."), ORGANIZATION),
    "memberships": _cols(ID, ("person_id", "string", "people.csv id."),
                         ("post_id", "string", "posts.csv id."), ORGANIZATION,
                         ("label", "string", "The post as held (T/ or A/: temporary, acting)."),
                         ("role", "string", "The post's title."),
                         ("kind", "string", "substantive, temporary or acting."),
                         ("start_date", "date", "First meeting at which the person held the post."),
                         ("end_date", "date", "When the next holder took over; empty while held."),
                         ("last_seen_date", "date", "Latest meeting at which they held it.")),
    "events": _cols(ID, ("name", "string", "Series and date."),
                    ("start_date", "string", "ISO date, with the start time where known."),
                    ("end_date", "string", "ISO date and end time where known."),
                    ("location", "string", "Venue as written."),
                    ("classification", "string", "Always 'meeting'."), ORGANIZATION,
                    ("series", "string", "The series' name."),
                    ("title", "string", "The meeting's title."),
                    ("file", "string", "The meeting's interchange JSON in this bundle."),
                    ("date", "date", "The day of the meeting."),
                    ("action_count", "integer", "How many of the actions in actions.csv it set.")),
    "actions": _cols(ID, ("text", "string", "The action as written."),
                     ("post_id", "string", "Owner post: posts.csv id, empty when unmatched."),
                     ("owner_text", "string", "The owner as written."),
                     ("person_id", "string", "Who held the owner post when it was set."),
                     ("due_date", "date", "Due date, where the notes give one."),
                     ("due_text", "string", "The due phrase as written."),
                     ("status", "string", "open, in_progress, done, closed or dropped."),
                     ("event_id", "string", "The meeting that set it: events.csv id."),
                     ("item", "string", "Number of the item it sits under."),
                     ("closed_event_id", "string", "The meeting that accepted its closure."),
                     ("overdue", "boolean",
                      "Open or in progress with its due date past, on the day of the export.")),
}  # fmt: skip
MARKERS = {"temporary": "T/", "acting": "A/"}
TITLES = {
    "organizations": "Bodies (Popolo Organization)",
    "people": "People (Popolo Person)",
    "posts": "Posts (Popolo Post)",
    "memberships": "Post holdings (Popolo Membership)",
    "events": "Meetings (Open Civic Data Event)",
    "actions": "Actions",
}


def series_folders() -> dict[int, str]:
    """The folder of each series: its slug, prefixed by the body's where slugs repeat."""
    series = list(Series.objects.select_related("body"))
    slugs = [one.slug for one in series]
    return {
        one.pk: one.slug if slugs.count(one.slug) == 1 else f"{one.body.slug}-{one.slug}"
        for one in series
    }


def event_id(meeting: Meeting, folders: dict[int, str]) -> str:
    return f"event/{folders[meeting.series_id]}/{meeting.date.isoformat()}"


def _date(value: dt.date | None) -> dt.date | None:
    return value or None


def _ref(prefix: str, pk: int | None) -> str | None:
    return f"{prefix}/{pk}" if pk is not None else None


@dataclass(slots=True)
class Scope:
    """What the reader may see, and the people, posts and bodies it brings in."""

    meetings: QuerySet[Meeting]
    actions: QuerySet[Any]
    people: QuerySet[Person]
    posts: QuerySet[Post]
    bodies: QuerySet[Body]

    @classmethod
    def of(cls, user: Any) -> Scope:
        meetings = visible_meetings(user)
        actions = visible_actions(user).filter(meeting__in=meetings)
        attendance = Attendance.objects.filter(meeting__in=meetings)
        people = Person.objects.filter(
            pk__in=list(attendance.values_list("person_id", flat=True))
            + list(actions.exclude(owner_holder=None).values_list("owner_holder_id", flat=True))
        )
        posts = Post.objects.filter(
            pk__in=list(attendance.exclude(post=None).values_list("post_id", flat=True))
            + list(actions.exclude(owner_post=None).values_list("owner_post_id", flat=True))
        ).select_related("body")
        bodies = Body.objects.filter(  # the bodies met, and the forces whose posts show
            Q(series__meetings__in=meetings) | Q(pk__in=posts.values("body_id"))
        ).distinct()
        return cls(meetings, actions, people, posts, bodies)


def build_tables(scope: Scope, folders: dict[int, str]) -> list[Table]:
    """Every table of the bundle, in the order they are written."""
    builders = (_organizations, _people, _posts, _memberships, _events, _actions)
    return [
        Table(builder.__name__[1:], TITLES[builder.__name__[1:]], COLUMNS[builder.__name__[1:]],
              builder(scope, folders))
        for builder in builders
    ]  # fmt: skip


def _organizations(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    return [
        [f"organization/{body.slug}", body.name, "force" if body.kind == "force" else "body"]
        for body in scope.bodies
    ]


def _people(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    return [[f"person/{person.pk}", person.name] for person in scope.people.order_by("name", "pk")]


def _posts(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    return [
        [f"post/{post.pk}", f"{post.abbrev} {post.title}".strip(), post.title, post.abbrev,
         f"organization/{post.body.slug}"]
        for post in scope.posts.order_by("body__name", "abbrev", "title")
    ]  # fmt: skip


def _memberships(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    tenures = (
        Tenure.objects.filter(person__in=scope.people, post__in=scope.posts)
        .select_related("post", "post__body", "person")
        .order_by("post__body__name", "post__abbrev", "start", "pk")
    )
    return [
        [f"membership/{t.pk}", f"person/{t.person_id}", f"post/{t.post_id}",
         f"organization/{t.post.body.slug}", MARKERS.get(t.kind, "") + str(t.post),
         t.post.title, t.kind, _date(t.start), _date(t.end), _date(t.last_seen)]
        for t in tenures
    ]  # fmt: skip


def _events(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    counts = Counter(scope.actions.values_list("meeting_id", flat=True))
    rows: list[list[Cell]] = []
    for meeting in scope.meetings.order_by("date", "series__name"):
        start, end = meeting.date.isoformat(), None
        if meeting.start_time:
            start += f"T{meeting.start_time:%H:%M}"
        if meeting.end_time:
            end = f"{meeting.date.isoformat()}T{meeting.end_time:%H:%M}"
        event = event_id(meeting, folders)
        rows.append(
            [event, str(meeting), start, end, meeting.venue, "meeting",
             f"organization/{meeting.series.body.slug}", meeting.series.name, meeting.title,
             f"meetings/{event.removeprefix('event/')}.json", meeting.date,
             counts[meeting.pk]]
        )  # fmt: skip
    return rows


def _actions(scope: Scope, folders: dict[int, str]) -> list[list[Cell]]:
    today = timezone.localdate()
    shown = set(scope.meetings.values_list("pk", flat=True))
    query = scope.actions.select_related("meeting", "item", "closed_at_meeting")
    rows: list[list[Cell]] = []
    for action in query.order_by("meeting__date", "position", "pk"):
        closed = action.closed_at_meeting
        rows.append(
            [action.reference, action.text, _ref("post", action.owner_post_id),
             action.owner_text, _ref("person", action.owner_holder_id), _date(action.due),
             action.due_text, action.status, event_id(action.meeting, folders),
             action.item.number if action.item else None,
             event_id(closed, folders) if closed and closed.pk in shown else None,
             action.is_overdue(today)]
        )  # fmt: skip
    return rows
