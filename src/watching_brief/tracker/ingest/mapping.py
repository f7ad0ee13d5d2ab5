"""The one place where the core's record meets the tracker's models.

:func:`store_minutes` writes a :class:`~watching_brief.extraction.record.Minutes` record
as a meeting. A meeting already stored (same series, same date) is merged, never wiped:
each item, action, question, decision and carried-forward matter is matched to the one
stored before and updated in place (insert, update or unchanged); the fields a person
corrected are kept and reported, answers, added decisions, restrictions, statuses and
updates are kept, and a part the notes no longer say is removed only when nobody wrote,
corrected or restricted anything in it. Nothing is saved when nothing differs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from watching_brief.extraction.record import Action as RecordAction
from watching_brief.extraction.record import Item as RecordItem
from watching_brief.extraction.record import Minutes
from watching_brief.tracker.access.flags import flag_new_rows, sync_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.people import Directory, find_person, force_of, record_tenure
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
from watching_brief.tracker.search.index import mark_dirty

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
    changed: bool = True


def store_minutes(minutes: Minutes, body_name: str | None = None) -> Stored:
    """Store (or update) the meeting a record describes. Call inside a transaction.

    A new meeting's rows are written in bulk, one statement per kind (their restriction
    flags set by ``tracker.access``, the actions' history rows written with them); a
    meeting stored before is merged row by row, as described above.
    """
    if minutes.date is None:
        raise ValueError("no meeting date could be read from the notes")
    series_name = minutes.series or minutes.title or "Meetings"
    named = minutes.body or body_name
    body = _body(named) if named else _body_by_people(series_name, minutes)
    series = _series(body, series_name)
    meeting = Meeting.objects.filter(series=series, date=minutes.date).first()
    created = meeting is None
    before = _fingerprint(meeting) if meeting is not None else None
    meeting = meeting or Meeting(series=series, date=minutes.date)
    kept: list[str] = []
    _update(meeting, _meeting_fields(minutes), {}, kept)
    directory = Directory(body)
    people = _store_attendance(meeting, directory, minutes, created)
    items, leftover = _store_items(meeting, minutes.items, kept, created)
    _store_statements(meeting, directory, minutes, items, kept, created)
    _store_actions(meeting, directory, minutes.actions, items, people, kept, created)
    directory.save()
    for item in leftover:  # once what was under them has found its new place
        if not _touched_item(item):
            item.delete()
    if not created:  # rows added in bulk beside rows moved: every flag derived again
        sync_meeting(meeting.pk)
    mark_dirty(meeting.pk)  # rows written in bulk send no signal: reindex the meeting
    return Stored(meeting, created, kept, changed=created or before != _fingerprint(meeting))


def _fingerprint(meeting: Meeting) -> tuple[Any, ...]:
    """Every stored part of a meeting with its revision: any save or removal changes it."""
    parts: list[Any] = [meeting.revision]
    for rows in (
        meeting.items, meeting.actions, meeting.questions, meeting.decisions,
        meeting.carried_forward,
    ):  # fmt: skip
        parts.append(tuple(rows.order_by("pk").values_list("pk", "revision")))
    attendance = meeting.attendance.order_by("pk")
    parts.append(tuple(attendance.values_list("pk", "post_id", "role", "status", "position")))
    return tuple(parts)


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


Attended = tuple[Person, Post | None]


def _store_attendance(
    meeting: Meeting, directory: Directory, minutes: Minutes, created: bool
) -> dict[str, Attended]:
    """The attendance as the notes give it (rows matched by person are updated in place,
    new rows written in one statement); returns each attendee's person and post by the
    name the record gives."""
    old = {} if created else {row.person_id: row for row in meeting.attendance.all()}
    persons = directory.people_named(attendee.name for attendee in minutes.attendees)
    posts = directory.posts_for(minutes.attendees)
    people: dict[str, Attended] = {}
    seen: set[int] = set()
    new: list[Attendance] = []
    for position, (attendee, post) in enumerate(zip(minutes.attendees, posts, strict=True)):
        person = persons[attendee.name]
        if post is not None:
            directory.record_tenure(person, post, meeting.date, attendee.tenure)
        row = old.get(person.pk) or Attendance(meeting=meeting, person=person)
        values = {
            "post_id": post.pk if post else None,
            "role": (attendee.role or "")[:300],
            "status": attendee.status,
            "position": position,
        }
        if row.pk is None or _differs(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            if row.pk is None:
                new.append(row)
            else:
                row.save()
        if row.pk is not None:
            seen.add(row.pk)
        people[attendee.name] = (person, post)
    if not created:
        meeting.attendance.exclude(pk__in=seen).delete()
    Attendance.objects.bulk_create(new)
    return people


def _differs(row: Any, values: dict[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _update(row: Any, values: dict[str, Any], fixed: dict[str, Any], kept: list[str]) -> None:
    """Set what the notes say (``values``: kept where a person edited them; ``fixed``:
    always) and save, only when something differs, so an unchanged re-import leaves every
    row, and its revision, as it was."""
    differs = row.pk is None or _differs(row, fixed)
    for name, value in values.items():
        if getattr(row, name) == value:
            continue
        if row.pk is not None and name in row.edited_fields:
            kept.append(f"{row._meta.model_name}.{name}")
            continue
        setattr(row, name, value)
        differs = True
    if differs:
        for name, value in fixed.items():
            setattr(row, name, value)
        row.save()


def _store_items(
    meeting: Meeting, records: list[RecordItem], kept: list[str], created: bool
) -> tuple[dict[str, Item], list[Item]]:
    """Items matched to those stored before (by number and title, else by title, else by
    number with a similar title), edits and restrictions kept; new items written in bulk.
    Returns the items by number, and those stored before that the notes no longer have."""
    old = [] if created else list(meeting.items.order_by("position", "pk"))
    by_number: dict[str, Item] = {}
    seen: set[int] = set()
    new: list[Item] = []
    matched: list[tuple[Item, dict[str, Any], dict[str, Any], Item | None]] = []
    for position, record in enumerate(records):
        item = _matching_item(old, seen, record) or Item(meeting=meeting)
        values = {
            "number": record.number or "",
            "title": record.title[:500],
            "text": record.text or "",
            "assurance": ASSURANCE.get(record.assurance or "", ""),
        }
        source = {k: [s.model_dump() for s in v] for k, v in record.source.items()}
        parent = by_number.get(record.parent or "")
        fixed = {"position": position, "source": source}
        if item.pk is None:
            for name, value in (values | fixed).items():
                setattr(item, name, value)
            item.parent = parent
            new.append(item)
        else:
            seen.add(item.pk)
            matched.append((item, values, fixed, parent))
        if record.number:
            by_number[record.number] = item
    _create_items(new)
    for item, values, fixed, parent in matched:  # parents all stored now
        _update(item, values, fixed | {"parent_id": parent.pk if parent else None}, kept)
    return by_number, [item for item in old if item.pk not in seen]


def _create_items(items: list[Item]) -> None:
    """Write new items in bulk, parents before children (one statement per depth)."""
    waiting = items
    while waiting:
        ready = [item for item in waiting if item.parent is None or item.parent.pk is not None]
        if not ready:
            raise ValueError("the items' numbering makes an item its own parent")
        flag_new_rows(items=ready)
        Item.objects.bulk_create(ready)
        waiting = [item for item in waiting if item.pk is None]


def _matching_item(old: list[Item], seen: set[int], record: RecordItem) -> Item | None:
    number, title = record.number or "", record.title.casefold()
    free = [item for item in old if item.pk not in seen]
    tests: list[Callable[[Item], bool]] = [
        lambda item: item.number == number and item.title.casefold() == title,
        lambda item: item.title.casefold() == title,
        lambda item: bool(number) and item.number == number and _similar(item.title, title),
    ]
    for test in tests:
        found = next((item for item in free if test(item)), None)
        if found is not None:
            return found
    return None


def _similar(one: str, other: str, at_least: float = 0.6) -> bool:
    matcher = difflib.SequenceMatcher(None, one.casefold(), other.casefold(), autojunk=False)
    return matcher.ratio() >= at_least


def _touched_item(item: Item) -> bool:
    """Whether a person made or changed anything in the item (then it stays)."""
    return bool(
        item.edited_fields
        or item.restricted
        or item.children.exists()
        or item.actions.exists()
        or Question.objects.filter(item=item).exclude(answer="").exists()
        or Decision.objects.filter(item=item).exclude(edited_fields=[]).exists()
    )


def _store_statements(
    meeting: Meeting,
    directory: Directory,
    minutes: Minutes,
    items: dict[str, Item],
    kept: list[str],
    created: bool,
) -> None:
    """Decisions, questions and carried-forward matters merged with those stored before:
    matched by their words, updated in place (answers and hand corrections kept); one the
    notes no longer say is removed only when no person wrote or corrected anything in it."""
    decisions = [
        ({"text": d.text}, {"item_id": _pk(items, d.item), "position": n, "source": _src(d)})
        for n, d in enumerate(minutes.decisions)
    ]
    old_decisions = [] if created else list(meeting.decisions.all())
    _merge(old_decisions, decisions, lambda: Decision(meeting=meeting), kept)
    posts: dict[str, Post | None] = {}
    for asker in {q.asker for q in minutes.questions if q.asker}:
        posts[asker] = directory.find_post(asker)
    questions = [
        (
            {"text": q.text, "asker": (q.asker or "")[:200]},
            {
                "item_id": _pk(items, q.item),
                "asker_post_id": _pk(posts, q.asker),
                "position": n,
                "source": _src(q),
            },
        )
        for n, q in enumerate(minutes.questions)
    ]
    old_questions = [] if created else list(meeting.questions.all())
    _merge(old_questions, questions, lambda: Question(meeting=meeting), kept)
    matters = [
        (
            {
                "from_text": (c.from_ or "")[:200],
                "text": c.text,
                "update": c.update or "",
                "status": c.status or "",
            },
            {"item_id": _pk(items, c.item), "position": n},
        )
        for n, c in enumerate(minutes.carried_forward)
    ]
    old = [] if created else list(meeting.carried_forward.all())
    _merge(old, matters, lambda: CarriedForward(meeting=meeting), kept)


def _pk(rows: dict[str, Any], key: str | None) -> int | None:
    row = rows.get(key or "")
    return row.pk if row is not None else None


def _src(record: Any) -> dict[str, Any]:
    return {k: [s.model_dump() for s in v] for k, v in record.source.items()}


def _merge(
    old: list[Any],
    records: list[tuple[dict[str, Any], dict[str, Any]]],
    new: Any,
    kept: list[str],
) -> None:
    used: set[int] = set()
    added: list[Any] = []
    for values, fixed in records:
        row = _matching_text(old, used, values["text"])
        if row is None:
            row = new()
            for name, value in (values | fixed).items():
                setattr(row, name, value)
            added.append(row)
            continue
        _update(row, values, fixed, kept)
        used.add(row.pk)
    for row in old:
        if row.pk not in used and not _made_by_hand(row):
            row.delete()
    if added:
        type(added[0]).objects.bulk_create(added)


def _made_by_hand(row: Any) -> bool:
    return bool(
        row.edited_fields or getattr(row, "answer", "") or getattr(row, "question_set_id", None)
    )


def _store_actions(
    meeting: Meeting,
    directory: Directory,
    records: list[RecordAction],
    items: dict[str, Item],
    people: dict[str, Attended],
    kept: list[str],
    created: bool,
) -> None:
    """Actions matched by their words; status, updates, edits and a restriction a person
    set (on the action itself, or through its item) are kept. New actions are written in
    bulk with their history rows."""
    old = [] if created else list(meeting.actions.select_related("owner_post", "owner_holder"))
    used: set[int] = set()
    new: list[Action] = []
    for position, record in enumerate(records):
        action = _matching_action(old, used, record.text) or Action(meeting=meeting)
        item = items.get(record.item or "")
        values = {"text": record.text, "due": record.due, "due_text": (record.due_text or "")[:200]}
        values.update(_owner_values(meeting, directory, record, people))
        fixed = {
            "item_id": item.pk if item else None,
            "position": position,
            "restricted": action.restricted or bool(item and item.restricted),
        }
        if action.pk is not None:
            _update(action, values, fixed, kept)
            used.add(action.pk)
            continue
        for name, value in (values | fixed).items():
            setattr(action, name, value)
        action.item = item
        new.append(action)
    for action in old:
        if action.pk not in used and not _touched_action(action):
            action.delete()
    for action, reference in zip(new, _references(meeting, new), strict=True):
        action.reference = reference
    flag_new_rows(actions=new)
    bulk_create_with_history(new, Action)


def _touched_action(action: Action) -> bool:
    """Whether people worked on the action (then a re-import never removes it)."""
    return bool(
        action.edited_fields
        or action.restricted
        or action.updates.exists()
        or action.carried_forward.exists()
    )


def _matching_text(old: list[Any], used: set[int], text: str) -> Any:
    return _matching_action(old, used, text)


def _matching_action(old: list[Any], used: set[int], text: str) -> Any:
    best, best_score = None, ACTION_MATCH
    for action in old:
        if action.pk in used:
            continue
        score = difflib.SequenceMatcher(None, action.text, text, autojunk=False).ratio()
        if score >= best_score:
            best, best_score = action, score
    return best


def _owner_values(
    meeting: Meeting, directory: Directory, record: RecordAction, people: dict[str, Attended]
) -> dict[str, Any]:
    """Owner post and the holder at the time.

    The record says which attendee the (first) owner names: that attendee is the holder,
    in the post they attended in. An owner naming no attendee is looked up among the
    body's posts by abbreviation or title, and the holder is whoever held it then. Only a
    record from before the core named attendees (an older stored record) falls back to
    matching the owner's name or initials to the attendance.
    """
    first = record.owners[0] if record.owners else (record.owner or "")
    named = record.owner_attendees[0] if record.owner_attendees else None
    post: Post | None = None
    holder: Person | None = None
    if named is not None and named in people:
        holder, post = people[named]
    elif first:
        post = directory.find_post(first)
        if post is None and not record.owner_attendees:
            by_name = {name: person for name, (person, _) in people.items()}
            holder = find_person(first, by_name)
            name = next((n for n, p in by_name.items() if p == holder), None)
            post = people[name][1] if holder is not None and name is not None else None
    if post is not None and holder is None:
        holder = directory.holder_on(post, meeting.date)
    return {
        "owner_text": (record.owner or "")[:200],
        "owner_post": post,
        "owner_holder": holder,
    }


def _reference(meeting: Meeting, position: int) -> str:
    """A short reference people can quote: series initials, meeting date, number."""
    return _free_reference(_base_reference(meeting, position), set())


def _base_reference(meeting: Meeting, position: int) -> str:
    initials = "".join(word[0] for word in meeting.series.name.split() if word[:1].isalnum())
    return f"{initials.upper()[:6] or 'A'}-{meeting.date:%Y%m%d}-{position + 1}"


def _free_reference(base: str, taken: set[str]) -> str:
    reference, number = base, 2
    while reference in taken or Action.objects.filter(reference=reference).exists():
        reference, number = f"{base}-{number}", number + 1
    return reference


def _references(meeting: Meeting, actions: list[Action]) -> list[str]:
    """References for new actions: one query for them all, unless one is taken already
    (then that one is numbered on, as :func:`_reference` does)."""
    bases = [_base_reference(meeting, action.position) for action in actions]
    if not bases:
        return []
    found = (
        Action.objects.filter(reference__in=bases).order_by().values_list("reference", flat=True)
    )
    taken = set(found)
    chosen: list[str] = []
    for base in bases:
        reference = base if base not in taken else _free_reference(base, taken)
        taken.add(reference)
        chosen.append(reference)
    return chosen
