"""The one place where the core's record meets the tracker's models.

:func:`store_minutes` writes a :class:`~watching_brief.extraction.record.Minutes` record
as a meeting. A meeting already stored (same series, same date) is updated in place: the
fields a person corrected by hand are kept and reported, actions keep their status and
updates, and everything the notes no longer say is removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from watching_brief.extraction.record import Action as RecordAction
from watching_brief.extraction.record import Item as RecordItem
from watching_brief.extraction.record import Minutes
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.people import (
    find_person,
    find_post,
    force_of,
    person_for,
    post_for,
    record_tenure,
)
from watching_brief.tracker.meetings.models import (
    Attendance,
    Body,
    CarriedForward,
    Decision,
    Item,
    Meeting,
    Question,
    Series,
)
from watching_brief.tracker.people.models import Person, Post, Tenure, name_key

DEFAULT_BODY = "Unnamed body"
ASSURANCE = {"Assured": "assured", "Partly assured": "partly", "Not assured": "not_assured"}
POST_REFERENCES = ((Attendance, "post"), (Action, "owner_post"), (Question, "asker_post"))
ACTION_MATCH = 0.8


@dataclass(slots=True)
class Stored:
    """What storing a record did."""

    meeting: Meeting
    created: bool
    kept: list[str] = field(default_factory=list)


def store_minutes(minutes: Minutes, body_name: str | None = None) -> Stored:
    """Store (or update) the meeting a record describes. Call inside a transaction."""
    if minutes.date is None:
        raise ValueError("no meeting date could be read from the notes")
    series_name = minutes.series or minutes.title or "Meetings"
    named = minutes.body or body_name
    body = _body(named) if named else _body_by_people(series_name, minutes)
    series = _series(body, series_name)
    meeting = Meeting.objects.filter(series=series, date=minutes.date).first()
    created = meeting is None
    meeting = meeting or Meeting(series=series, date=minutes.date)
    kept = _set_fields(meeting, _meeting_fields(minutes))
    meeting.save()
    people = _store_attendance(meeting, body, minutes)
    items = _store_items(meeting, minutes.items, kept)
    _store_statements(meeting, body, minutes, items)
    _store_actions(meeting, body, minutes.actions, items, people, kept)
    return Stored(meeting, created, kept)


BODY_WORDS = {"opcc": "office of the police and crime commissioner"}
STOP_WORDS = frozenset(["of", "the", "for", "and", "in", "&"])


def body_key(name: str) -> frozenset[str]:
    """Significant words of a body's name, abbreviations spelt out, so "Northshire OPCC"
    and "Office of the Police and Crime Commissioner for Northshire" are one body."""
    words = []
    for word in re.findall(r"[\w&]+", name.casefold()):
        words.extend(BODY_WORDS.get(word, word).split())
    return frozenset(word for word in words if word not in STOP_WORDS)


def _body(name: str) -> Body:
    key = body_key(name)
    for body in Body.objects.all():
        if body_key(body.name) == key:
            return body
    return Body.objects.create(name=name, slug=_unique_slug(Body, name))


def _body_by_people(series_name: str, minutes: Minutes) -> Body:
    """Notes that name no body belong to the body whose series of that name the same
    people attend (at least half of them, seen in its meetings before); else the unnamed
    body, until a document that names its body adopts the series."""
    slug = slugify(series_name)[:80] or "meetings"
    keys = {name_key(attendee.name) for attendee in minutes.attendees}
    best, best_count = None, max(2, len(keys) // 2)
    for series in Series.objects.filter(slug=slug).select_related("body"):
        seen = Attendance.objects.filter(meeting__series=series, person__key__in=keys)
        count = seen.values("person").distinct().count()
        if count >= best_count:
            best, best_count = series.body, count
    return best or _body(DEFAULT_BODY)


def _unique_slug(model: Any, text: str, **scope: Any) -> str:
    base = slugify(text)[:80] or "item"
    slug, number = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _series(body: Body, name: str) -> Series:
    slug = slugify(name)[:80] or "meetings"
    series = Series.objects.filter(body=body, slug=slug).first()
    if series is None and body.name != DEFAULT_BODY:
        series = Series.objects.filter(body__name=DEFAULT_BODY, slug=slug).first()
        if series is not None:
            adopt(series, body)
    return series or Series.objects.create(body=body, name=name, slug=slug)


def adopt(series: Series, body: Body) -> None:
    """Move a series filed under the unnamed body to the body a later document names,
    with the posts its meetings used (merged with the body's own posts of the same key),
    the force's posts to the named body's force."""
    old_body = series.body
    series.body = body
    series.save(update_fields=["body"])
    _move_posts(old_body, body)
    if old_body.force is not None:
        _move_posts(old_body.force, force_of(body))


def _move_posts(old_body: Body, body: Body) -> None:
    for post in Post.objects.filter(body=old_body):
        same = Post.objects.filter(body=body, key=post.key).first()
        if same is None:
            post.body = body
            post.save()
            continue
        for model, column in POST_REFERENCES:
            model.objects.filter(**{column: post}).update(**{column: same})
        for tenure in Tenure.objects.filter(post=post):
            record_tenure(tenure.person, same, tenure.start, tenure.kind)
            record_tenure(tenure.person, same, tenure.last_seen, tenure.kind)
        post.delete()


def _meeting_fields(minutes: Minutes) -> dict[str, Any]:
    nxt = minutes.next_meeting
    return {
        "title": minutes.title or minutes.series or "",
        "start_time": _time(minutes.start_time),
        "end_time": _time(minutes.end_time),
        "venue": minutes.venue or "",
        "chair": minutes.chair or "",
        "minute_taker": minutes.minute_taker or "",
        "next_meeting_date": nxt.date if nxt else None,
        "next_meeting_text": ((nxt.type or "") if nxt else "")[:300],
    }


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _set_fields(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set fields, except those a person edited; return the edited ones that differ."""
    kept = []
    for name, value in values.items():
        if name in obj.edited_fields:
            if getattr(obj, name) != value:
                kept.append(f"{obj._meta.model_name}.{name}")
            continue
        setattr(obj, name, value)
    return kept


def _store_attendance(meeting: Meeting, body: Body, minutes: Minutes) -> dict[str, Person]:
    meeting.attendance.all().delete()
    people: dict[str, Person] = {}
    for position, attendee in enumerate(minutes.attendees):
        person = person_for(attendee.name)
        post = post_for(body, attendee)
        if post is not None:
            record_tenure(person, post, meeting.date, attendee.tenure)
        Attendance.objects.create(
            meeting=meeting,
            person=person,
            post=post,
            role=(attendee.role or "")[:300],
            status=attendee.status,
            position=position,
        )
        people[attendee.name] = person
    return people


def _store_items(meeting: Meeting, records: list[RecordItem], kept: list[str]) -> dict[str, Item]:
    """Items matched to those stored before by number and title; edits kept."""
    old = {(item.number, item.title.casefold()): item for item in meeting.items.all()}
    by_number: dict[str, Item] = {}
    seen: set[int] = set()
    for position, record in enumerate(records):
        item = old.get((record.number or "", record.title.casefold())) or Item(meeting=meeting)
        values = {
            "number": record.number or "",
            "title": record.title[:500],
            "text": record.text or "",
        }
        values["assurance"] = ASSURANCE.get(record.assurance or "", "")
        kept += _set_fields(item, values)
        item.position = position
        item.source = {k: [s.model_dump() for s in v] for k, v in record.source.items()}
        item.parent = by_number.get(record.parent or "")
        item.save()
        seen.add(item.pk)
        if record.number:
            by_number[record.number] = item
    meeting.items.exclude(pk__in=seen).delete()
    return by_number


def _store_statements(
    meeting: Meeting, body: Body, minutes: Minutes, items: dict[str, Item]
) -> None:
    for model in (Decision, Question, CarriedForward):
        model.objects.filter(meeting=meeting).delete()
    Decision.objects.bulk_create(
        Decision(meeting=meeting, item=items.get(d.item or ""), text=d.text, position=n)
        for n, d in enumerate(minutes.decisions)
    )
    posts: dict[str, Post | None] = {}
    for asker in {q.asker for q in minutes.questions if q.asker}:
        posts[asker] = find_post(body, asker)
    Question.objects.bulk_create(
        Question(
            meeting=meeting,
            item=items.get(q.item or ""),
            asker=(q.asker or "")[:200],
            asker_post=posts.get(q.asker or ""),
            text=q.text,
            position=n,
        )
        for n, q in enumerate(minutes.questions)
    )
    CarriedForward.objects.bulk_create(
        CarriedForward(
            meeting=meeting,
            item=items.get(c.item or ""),
            from_text=(c.from_ or "")[:200],
            text=c.text,
            update=c.update or "",
            status=c.status or "",
            position=n,
        )
        for n, c in enumerate(minutes.carried_forward)
    )


def _store_actions(
    meeting: Meeting,
    body: Body,
    records: list[RecordAction],
    items: dict[str, Item],
    people: dict[str, Person],
    kept: list[str],
) -> None:
    old = list(meeting.actions.all())
    used: set[int] = set()
    for position, record in enumerate(records):
        action = _matching_action(old, used, record.text) or Action(meeting=meeting)
        item = items.get(record.item or "")
        values = {"text": record.text, "due": record.due, "due_text": (record.due_text or "")[:200]}
        values.update(_owner_values(meeting, body, record, people))
        kept += _set_fields(action, values)
        action.item, action.position = item, position
        action.restricted = bool(item and item.restricted)
        action.reference = action.reference or _reference(meeting, position)
        action.save()
        used.add(action.pk)
    for action in old:
        if action.pk not in used and not action.updates.exists() and not action.edited_fields:
            action.delete()


def _matching_action(old: list[Action], used: set[int], text: str) -> Action | None:
    best, best_score = None, ACTION_MATCH
    for action in old:
        if action.pk in used:
            continue
        score = difflib.SequenceMatcher(None, action.text, text, autojunk=False).ratio()
        if score >= best_score:
            best, best_score = action, score
    return best


def _owner_values(
    meeting: Meeting, body: Body, record: RecordAction, people: dict[str, Person]
) -> dict[str, Any]:
    """Owner post and the holder at the time: by abbreviation, else by name or initials."""
    first = record.owners[0] if record.owners else (record.owner or "")
    post = find_post(body, first) if first else None
    holder = None
    if post is None and first:
        holder = find_person(first, people)
        if holder is not None:
            attended = meeting.attendance.filter(person=holder, post__isnull=False).first()
            post = attended.post if attended else None
    if post is not None and holder is None:
        tenure = post.holder_on(meeting.date)
        holder = tenure.person if tenure else None
    return {
        "owner_text": (record.owner or "")[:200],
        "owner_post": post,
        "owner_holder": holder,
    }


def _reference(meeting: Meeting, position: int) -> str:
    """A short reference people can quote: series initials, meeting date, number."""
    initials = "".join(word[0] for word in meeting.series.name.split() if word[:1].isalnum())
    base = f"{initials.upper()[:6] or 'A'}-{meeting.date:%Y%m%d}-{position + 1}"
    reference, number = base, 2
    while Action.objects.filter(reference=reference).exists():
        reference, number = f"{base}-{number}", number + 1
    return reference
