"""Matching the people and posts of a meeting to those already known.

The same name is the same person; the same abbreviation (or title) within a body is the
same post; a police rank's post (CC, DCC, ACC...) belongs to the force the body holds to
account (``Body.force``); a person seen in a post at a meeting extends (or starts) their
tenure.
"""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from watching_brief.extraction.record import Attendee
from watching_brief.tracker.meetings.models import Body
from watching_brief.tracker.people.models import Person, Post, Tenure, name_key
from watching_brief.tracker.people.ranks import force_name, is_force_post


def person_for(name: str) -> Person:
    """The person with this name, created when new."""
    person = Person.objects.filter(key=name_key(name)).first()
    return person or Person.objects.create(name=name)


def force_of(body: Body) -> Body:
    """The police force ``body`` holds to account (itself if it is a force), made and
    linked the first time one of its posts is seen."""
    if body.kind == Body.Kind.FORCE:
        return body
    if body.force is not None:
        return body.force
    name = force_name(body.name)
    force = Body.objects.filter(name=name).first()
    if force is None:
        force = Body.objects.create(name=name, slug=_free_slug(name), kind=Body.Kind.FORCE)
    body.force = force
    body.save(update_fields=["force"])
    return force


def _free_slug(name: str) -> str:
    base = slugify(name)[:80] or "force"
    slug, number = base, 2
    while Body.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def post_for(body: Body, attendee: Attendee) -> Post | None:
    """The post an attendee held (by abbreviation, else by title), created when new: a
    police rank (CC, DCC, ACC...) is a post of the body's force, any other of the body."""
    if not (attendee.abbrev or attendee.role):
        return None
    if is_force_post(attendee.abbrev or "", attendee.role or ""):
        body = force_of(body)
    key = name_key(attendee.abbrev or attendee.role or "")
    post = Post.objects.filter(body=body, key=key).first()
    if post is None:
        post = Post.objects.create(
            body=body, title=attendee.role or "", abbrev=attendee.abbrev or ""
        )
    elif attendee.role and not post.title:
        post.title = attendee.role
        post.save(update_fields=["title"])
    return post


def record_tenure(person: Person, post: Post, date: dt.date, tenure: str | None) -> Tenure:
    """Start or extend the tenure of ``person`` in ``post`` to cover ``date``."""
    kind = tenure or Tenure.Kind.SUBSTANTIVE
    found = Tenure.objects.filter(person=person, post=post, kind=kind).first()
    if found is None:
        return Tenure.objects.create(
            person=person, post=post, kind=kind, start=date, last_seen=date
        )
    changed = False
    if date < found.start:
        found.start, changed = date, True
    if date > found.last_seen:
        found.last_seen, changed = date, True
    if changed:
        found.save(update_fields=["start", "last_seen"])
    return found


def find_post(body: Body, written: str) -> Post | None:
    """The post an owner or asker names ("DCC", "T/DCC", "Deputy Chief Constable"), of
    the body or of the force it holds to account."""
    text = written.strip()
    if text[:2] in {"T/", "A/"}:
        text = text[2:]
    key = name_key(text)
    bodies = [body] if body.force_id is None else [body, body.force]
    for one in bodies:
        post = (
            Post.objects.filter(body=one, key=key).first()
            or Post.objects.filter(body=one, title__iexact=text).first()
        )
        if post is not None:
            return post
    return None


def find_person(written: str, attendees: dict[str, Person]) -> Person | None:
    """The attendee an owner names by full name or initials ("RM" = Rachel Moreton)."""
    key = written.strip()
    for name, person in attendees.items():
        initials = "".join(part[0] for part in name.split() if part[:1].isupper())
        if name_key(name) == name_key(key) or (key.isupper() and initials == key):
            return person
    return None
