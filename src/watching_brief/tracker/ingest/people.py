"""Matching the people and posts of a meeting to those already known.

The same name is the same person; the same abbreviation (or title) within a body is the
same post; a police rank's post (CC, DCC, ACC...) belongs to the force the body holds to
account (``Body.force``); a person seen in a post at a meeting extends (or starts) their
tenure.

A :class:`Directory` serves one meeting's import: it reads the people named, the posts
of the body and its force and their tenures in a few queries, answers every look-up
from memory, and writes what is new or changed in one statement per kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.text import slugify

from watching_brief.extraction.record import Attendee
from watching_brief.tracker.meetings.models import Body
from watching_brief.tracker.people.models import Person, Post, Tenure, name_key
from watching_brief.tracker.people.ranks import force_name, is_force_post


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


def record_tenure(person: Person, post: Post, date: dt.date, tenure: str | None) -> Tenure:
    """Start or extend the tenure of ``person`` in ``post`` to cover ``date``."""
    kind = tenure or Tenure.Kind.SUBSTANTIVE
    found = Tenure.objects.filter(person=person, post=post, kind=kind).first()
    if found is None:
        return Tenure.objects.create(
            person=person, post=post, kind=kind, start=date, last_seen=date
        )
    if _extend(found, date):
        found.save(update_fields=["start", "last_seen"])
    return found


def _extend(tenure: Tenure, date: dt.date) -> bool:
    """Stretch ``tenure`` to cover ``date``; whether it changed."""
    changed = False
    if date < tenure.start:
        tenure.start, changed = date, True
    if date > tenure.last_seen:
        tenure.last_seen, changed = date, True
    return changed


def _written_post(written: str) -> str:
    """An owner or asker as written, without the T/ or A/ of a temporary holder."""
    text = written.strip()
    return text[2:] if text[:2] in {"T/", "A/"} else text


class Directory:
    """The people, posts and tenures of one body (and its force), for one meeting's import.

    Look-ups come from memory; new people and posts are written as they are first needed
    (one statement for the attendance's people, one for its posts), new and stretched
    tenures by :meth:`save`. Build a new one for each meeting (each transaction): what it
    holds is only as current as the transaction it was read in.
    """

    def __init__(self, body: Body) -> None:
        self.body = body
        self.people: dict[str, Person] = {}
        self._posts: dict[int, list[Post]] = {}
        self._tenures: dict[int, list[Tenure]] = {}
        self._new_tenures: list[Tenure] = []
        self._stretched: dict[int, Tenure] = {}

    # --- people -------------------------------------------------------------------------

    def people_named(self, names: Iterable[str]) -> dict[str, Person]:
        """The person of each name (made when new, all in one statement), by name."""
        names = list(names)
        keys = {name_key(name): name for name in names}
        wanted = set(keys) - set(self.people)
        if wanted:
            for person in Person.objects.filter(key__in=wanted):
                self.people[person.key] = person
            new = [Person(name=keys[key], key=key) for key in wanted if key not in self.people]
            for person in Person.objects.bulk_create(new):
                self.people[person.key] = person
        return {name: self.people[name_key(name)] for name in names}

    # --- posts --------------------------------------------------------------------------

    def _bodies(self) -> list[Body]:
        force = self.body.force if self.body.force_id is not None else None
        return [self.body] if force is None else [self.body, force]

    def posts_of(self, body: Body) -> list[Post]:
        """The posts of ``body``, read once, in the model's order."""
        if body.pk not in self._posts:
            self._posts[body.pk] = list(Post.objects.filter(body=body))
            self._load_tenures(self._posts[body.pk])
        return self._posts[body.pk]

    def _load_tenures(self, posts: list[Post]) -> None:
        ids = [post.pk for post in posts]
        for post in posts:
            self._tenures.setdefault(post.pk, [])
        for tenure in Tenure.objects.filter(post_id__in=ids).select_related("person"):
            self._tenures[tenure.post_id].append(tenure)

    def posts_for(self, attendees: Iterable[Attendee]) -> list[Post | None]:
        """The post each attendee held (by abbreviation, else by title); those new are
        made in one statement: a police rank (CC, DCC, ACC...) is a post of the body's
        force, any other of the body."""
        found: list[Post | None] = []
        new: dict[tuple[int, str], Post] = {}
        for attendee in attendees:
            if not (attendee.abbrev or attendee.role):
                found.append(None)
                continue
            body = self.body
            if is_force_post(attendee.abbrev or "", attendee.role or ""):
                body = force_of(self.body)
            key = name_key(attendee.abbrev or attendee.role or "")
            post = next((p for p in self.posts_of(body) if p.key == key), None)
            post = post or new.get((body.pk, key))
            if post is None:
                title, abbrev = attendee.role or "", attendee.abbrev or ""
                post = Post(body=body, title=title, abbrev=abbrev, key=key)
                new[(body.pk, key)] = post
            elif attendee.role and not post.title:
                post.title = attendee.role
                if post.pk is not None:
                    post.save(update_fields=["title"])
            found.append(post)
        if new:
            for post in Post.objects.bulk_create(list(new.values())):
                self._posts[post.body_id].append(post)
                self._tenures[post.pk] = []
        return found

    def find_post(self, written: str) -> Post | None:
        """The post an owner or asker names ("DCC", "T/DCC", "Deputy Chief Constable"), of
        the body or of the force it holds to account."""
        text = _written_post(written)
        key, title = name_key(text), text.upper()
        for body in self._bodies():
            posts = self.posts_of(body)
            post = next((p for p in posts if p.key == key), None) or next(
                (p for p in posts if p.title.upper() == title), None
            )
            if post is not None:
                return post
        return None

    # --- tenures ------------------------------------------------------------------------

    def record_tenure(self, person: Person, post: Post, date: dt.date, tenure: str | None) -> None:
        """Start or extend the tenure of ``person`` in ``post`` to cover ``date`` (written
        by :meth:`save`)."""
        kind = tenure or Tenure.Kind.SUBSTANTIVE
        held = self._tenures.setdefault(post.pk, [])
        found = next((t for t in held if t.person_id == person.pk and t.kind == kind), None)
        if found is None:
            found = Tenure(person=person, post=post, kind=kind, start=date, last_seen=date)
            held.append(found)
            self._new_tenures.append(found)
        elif _extend(found, date) and found.pk is not None:
            self._stretched[found.pk] = found

    def holder_on(self, post: Post, date: dt.date) -> Person | None:
        """Who held ``post`` on ``date``: the latest tenure that started by then."""
        started = [t for t in self._tenures.get(post.pk, []) if t.start <= date]
        if not started:
            return None
        return max(started, key=lambda t: (t.start, t.last_seen)).person

    def save(self) -> None:
        """Write the tenures started or stretched since the last save."""
        if self._new_tenures:
            Tenure.objects.bulk_create(self._new_tenures)
            self._new_tenures = []
        if self._stretched:
            Tenure.objects.bulk_update(list(self._stretched.values()), ["start", "last_seen"])
            self._stretched = {}


def find_person(written: str, attendees: dict[str, Person]) -> Person | None:
    """The attendee an owner names by full name or initials ("RM" = Rachel Moreton)."""
    key = written.strip()
    for name, person in attendees.items():
        initials = "".join(part[0] for part in name.split() if part[:1].isupper())
        if name_key(name) == name_key(key) or (key.isupper() and initials == key):
            return person
    return None
