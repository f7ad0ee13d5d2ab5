"""Minuting a meeting item by item: the saving logic behind the minute-taking pages.

The web pages (and, later, the API) hand over plain values; everything that reaches the
tables goes through here, so actions get references, owner holders, resolved due dates
and booked revisits the same way the importer gives them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from watching_brief.extraction.fields.dates import parse_due
from watching_brief.tracker.access.flags import sync_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.links import book_revisits
from watching_brief.tracker.ingest.mapping import _reference
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Attendance, Decision, Item, Meeting, Question
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.programme.models import QuestionSet

PRESENT = (Attendance.Status.PRESENT, Attendance.Status.VIRTUAL)
NO_NEXT_MEETING = "no date for the next meeting yet"
NOT_A_DATE = "not a date that can be read; it is kept as typed"


class MinutingError(ValueError):
    """The values cannot be saved as they are; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class DueDate:
    """A due date as typed, and what it resolves to (or why it does not)."""

    text: str
    due: dt.date | None
    message: str = ""

    @property
    def display(self) -> str:
        if self.due is not None:
            return f"{self.due:%-d %B %Y}"
        return self.message


def resolve_due(text: str, meeting: Meeting) -> DueDate:
    """Resolve a due date as people write it, with the core's own parser.

    A bare date ("31/03/21", "end of June") has no cue word, so the text is tried as is
    and then with "by " in front.
    """
    text = text.strip()
    if not text:
        return DueDate("", None)
    for attempt in (text, f"by {text}", f"by the {text}"):
        phrase = parse_due(attempt, meeting.date, meeting.next_meeting_date)
        if phrase is None:
            continue
        if phrase.due is None:
            return DueDate(text, None, NO_NEXT_MEETING)
        return DueDate(text, phrase.due)
    return DueDate(text, None, NOT_A_DATE)


def check_restriction(restricted: bool, reason: str, public_summary: str) -> dict[str, str]:
    """A restricted item needs its reason and what the public sees instead."""
    errors = {}
    if restricted and not reason.strip():
        errors["restricted_reason"] = "Enter why the item is restricted"
    if restricted and not public_summary.strip():
        errors["public_summary"] = "Enter what the public sees instead of the item"
    return errors


def present_posts(meeting: Meeting) -> list[tuple[Post, str]]:
    """The posts of those present (in person or virtually), labelled "DCC – Jane Smith"."""
    rows = (
        meeting.attendance.filter(status__in=PRESENT, post__isnull=False)
        .select_related("post", "person")
        .order_by("position")
    )
    seen: set[int] = set()
    posts = []
    for row in rows:
        assert row.post is not None  # noqa: S101 - filtered above
        if row.post.pk in seen:
            continue
        seen.add(row.post.pk)
        posts.append((row.post, f"{row.post} – {row.person.name}"))
    return posts


def holding_post(meeting: Meeting) -> Post | None:
    """The post of the meeting's chair, when the attendance makes it plain."""
    if not meeting.chair:
        return None
    row = (
        meeting.attendance.filter(post__isnull=False, person__name__iexact=meeting.chair.strip())
        .select_related("post")
        .first()
    )
    return row.post if row else None


@dataclass(slots=True)
class ActionRow:
    """One action as typed on the minute-taking page; ``pk`` is None for a new one."""

    text: str
    pk: int | None = None
    owner_post: Post | None = None
    owner_text: str = ""
    due_text: str = ""
    status: str = Action.Status.OPEN


@dataclass(slots=True)
class ItemMinutes:
    """Everything the minute-taking page saves for one item."""

    text: str
    assurance: str = ""
    restricted: bool = False
    restricted_reason: str = ""
    public_summary: str = ""
    answers: dict[int, str] = field(default_factory=dict)
    new_question: str = ""
    decisions: dict[int, str] = field(default_factory=dict)
    new_decision: str = ""
    actions: list[ActionRow] = field(default_factory=list)


@transaction.atomic
def save_item(item: Item, minutes: ItemMinutes, user: Any = None) -> list[Action]:
    """Save an item's minutes, questions, decisions and actions; book revisits.

    Raises :class:`MinutingError` (and saves nothing) when a restricted item lacks its
    reason or public line.
    """
    errors = check_restriction(
        minutes.restricted, minutes.restricted_reason, minutes.public_summary
    )
    if errors:
        raise MinutingError(errors)
    meeting = item.meeting
    _set(
        item,
        text=minutes.text,
        assurance=minutes.assurance,
        restricted=minutes.restricted,
        restricted_reason=minutes.restricted_reason.strip()[:300],
        public_summary=minutes.public_summary.strip(),
    )
    item.save()
    _save_answers(item, minutes.answers)
    _save_decisions(item, minutes.decisions)
    if minutes.new_question.strip():
        _add_question(item, minutes.new_question.strip())
    if minutes.new_decision.strip():
        _add_decision(item, minutes.new_decision.strip())
    actions = [_save_action(item, row) for row in minutes.actions if row.text.strip()]
    if item.restricted:
        item.actions.update(restricted=True)
        sync_meeting(meeting.pk)  # an update() passes by the signals that keep the flags
    book_revisits(meeting)
    publication.after_edit(meeting, user)
    return actions


def autosave_item(item: Item, values: dict[str, Any], user: Any = None) -> list[str]:
    """Save the text typed so far (never the action rows, never the restricted flag).

    On a published meeting the change goes into the published versions like any other
    (one version for one person's sitting, see :func:`publication.after_edit`).

    ``values`` may hold ``text``, ``assurance``, ``restricted_reason``,
    ``public_summary``, ``answers`` ({question pk: text}) and ``decisions``
    ({decision pk: text}). Returns the names of the fields saved.
    """
    saved: list[str] = []
    with transaction.atomic():
        fields: list[str] = []
        for name in ("text", "restricted_reason", "public_summary"):
            if name in values:
                value = str(values[name])
                setattr(item, name, value[:300] if name == "restricted_reason" else value)
                fields.append(name)
        if values.get("assurance") in Item.Assurance.values:
            item.assurance = values["assurance"]
            fields.append("assurance")
        if fields:
            item.mark_edited(*(name for name in fields if name in ("text", "assurance")))
            item.save(update_fields=[*fields, "edited_fields"])
            saved += fields
        saved += [f"answer_{pk}" for pk in _save_answers(item, values.get("answers") or {})]
        saved += [f"decision_{pk}" for pk in _save_decisions(item, values.get("decisions") or {})]
    if saved:
        publication.after_edit(item.meeting, user)
    return saved


def _save_answers(item: Item, answers: dict[int, str]) -> list[int]:
    saved = []
    for question in Question.objects.filter(item=item, pk__in=list(answers)):
        answer = answers[question.pk]
        if question.answer != answer:
            question.answer = answer
            question.save(update_fields=["answer"])
        saved.append(question.pk)
    return saved


def _save_decisions(item: Item, decisions: dict[int, str]) -> list[int]:
    saved = []
    for decision in Decision.objects.filter(item=item, pk__in=list(decisions)):
        text = decisions[decision.pk].strip()
        if not text:
            continue  # a decision is removed only on purpose, never by an empty autosave
        if decision.text != text:
            decision.text = text
            decision.save(update_fields=["text"])
        saved.append(decision.pk)
    return saved


def _next_position(rows: Any) -> int:
    last = rows.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _add_question(item: Item, text: str) -> Question:
    meeting = item.meeting
    post = holding_post(meeting)
    return Question.objects.create(
        meeting=meeting,
        item=item,
        text=text,
        asker=str(post) if post else "",
        asker_post=post,
        position=_next_position(meeting.questions),
    )


def _add_decision(item: Item, text: str) -> Decision:
    meeting = item.meeting
    return Decision.objects.create(
        meeting=meeting, item=item, text=text, position=_next_position(meeting.decisions)
    )


def _save_action(item: Item, row: ActionRow) -> Action:
    meeting = item.meeting
    if row.pk is not None:
        action = Action.objects.get(pk=row.pk, item=item)
    else:
        position = _next_position(meeting.actions)
        action = Action(meeting=meeting, item=item, position=position)
        action.reference = _reference(meeting, position)
    due = resolve_due(row.due_text, meeting)
    if not row.due_text.strip():
        due = _due_in_text(row.text, meeting)
    tenure = row.owner_post.holder_on(meeting.date) if row.owner_post else None
    owner_text = str(row.owner_post) if row.owner_post else row.owner_text.strip()
    _set(
        action,
        text=row.text.strip(),
        owner_post=row.owner_post,
        owner_text=owner_text[:200],
        due=due.due,
        due_text=due.text[:200],
        status=row.status or Action.Status.OPEN,
    )
    action.owner_holder = tenure.person if tenure else None
    action.restricted = action.restricted or item.restricted
    action.save()
    return action


def _set(row: Item | Action, **values: Any) -> None:
    """Set the values, and remember the ones a person changed (a re-import keeps them)."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.mark_edited(*changed)


def _due_in_text(text: str, meeting: Meeting) -> DueDate:
    """No due date typed: the phrase in the action's own words, as the importer reads it."""
    phrase = parse_due(text, meeting.date, meeting.next_meeting_date)
    if phrase is None:
        return DueDate("", None)
    return DueDate(phrase.phrase, phrase.due, "" if phrase.due else NO_NEXT_MEETING)


@transaction.atomic
def set_questions(question_set: QuestionSet, lines: list[str]) -> list[Question]:
    """Make the set's questions these lines, in order, keeping answers already given.

    Questions keep their place in the meeting; a new one goes after the meeting's last.
    The asker is the chair's post when the attendance makes it plain, else blank.
    """
    meeting = question_set.meeting
    existing = list(question_set.questions.order_by("position", "pk"))
    post = holding_post(meeting)
    questions = []
    for number, text in enumerate(lines):
        if number < len(existing):
            question = existing[number]
        else:
            question = Question(
                meeting=meeting,
                question_set=question_set,
                asker=str(post) if post else "",
                asker_post=post,
                position=_next_position(meeting.questions),
            )
        question.text, question.item = text, question_set.item
        question.save()
        questions.append(question)
    for question in existing[len(lines) :]:
        question.delete()
    return questions
