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
from django.db.models import F

from watching_brief.extraction.fields.dates import parse_due
from watching_brief.tracker.access.flags import sync_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.ingest.links import book_revisits
from watching_brief.tracker.ingest.mapping import _reference
from watching_brief.tracker.meetings.models import (
    Amendment,
    Attendance,
    Decision,
    Item,
    Meeting,
    Question,
)
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
    """One action as typed on the minute-taking page; ``pk`` is None for a new one.

    ``revision`` is the action's revision when the page was read (a save from an older
    page is refused) and ``shown_status`` the status the page showed: the status is
    written only when the person changed it, so a status a contributor set since is
    never put back by an amendment applied later.
    """

    text: str
    pk: int | None = None
    owner_post: Post | None = None
    owner_text: str = ""
    due_text: str = ""
    status: str = Action.Status.OPEN
    revision: int | None = None
    shown_status: str | None = None


@dataclass(slots=True)
class ItemMinutes:
    """Everything the minute-taking page saves for one item.

    ``version`` is :func:`item_version` as the page was read; None skips the check (for
    callers that hold no page, such as tests and the importer).
    """

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
    version: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The values as an amendment keeps them."""
        return {
            "text": self.text,
            "assurance": self.assurance,
            "restricted": self.restricted,
            "restricted_reason": self.restricted_reason,
            "public_summary": self.public_summary,
            "answers": {str(pk): text for pk, text in self.answers.items()},
            "new_question": self.new_question,
            "decisions": {str(pk): text for pk, text in self.decisions.items()},
            "new_decision": self.new_decision,
            "actions": [
                {
                    "text": row.text,
                    "pk": row.pk,
                    "owner_post": row.owner_post.pk if row.owner_post else None,
                    "owner_text": row.owner_text,
                    "due_text": row.due_text,
                    "status": row.status,
                    "revision": row.revision,
                    "shown_status": row.shown_status,
                }
                for row in self.actions
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItemMinutes:
        posts = Post.objects.in_bulk([r["owner_post"] for r in data.get("actions", [])])
        return cls(
            text=data.get("text", ""),
            assurance=data.get("assurance", ""),
            restricted=bool(data.get("restricted")),
            restricted_reason=data.get("restricted_reason", ""),
            public_summary=data.get("public_summary", ""),
            answers={int(pk): text for pk, text in data.get("answers", {}).items()},
            new_question=data.get("new_question", ""),
            decisions={int(pk): text for pk, text in data.get("decisions", {}).items()},
            new_decision=data.get("new_decision", ""),
            actions=[
                ActionRow(
                    text=row["text"],
                    pk=row.get("pk"),
                    owner_post=posts.get(row.get("owner_post")),
                    owner_text=row.get("owner_text", ""),
                    due_text=row.get("due_text", ""),
                    status=row.get("status") or Action.Status.OPEN,
                    revision=row.get("revision"),
                    shown_status=row.get("shown_status"),
                )
                for row in data.get("actions", [])
            ],
        )


class StaleError(ValueError):
    """The item (or one of its actions) was saved by someone else since the page was read.

    ``theirs`` maps a label to the text saved since; ``version`` is the item's version
    now, and ``revisions`` the actions' revisions now, so the person can look at both
    texts and save theirs on purpose.
    """

    def __init__(
        self, theirs: dict[str, str], version: str, revisions: dict[int, int] | None = None
    ) -> None:
        super().__init__(
            "This item was changed by someone else after you opened it. Your text is kept "
            "below; compare it with the text saved since, then save again to replace it."
        )
        self.theirs = theirs
        self.version = version
        self.revisions = revisions or {}


def item_version(item: Item) -> str:
    """The version of an item's minutes a page is read at: the item's revision, and its
    amendment's while the meeting is published with changes waiting."""
    amendment = Amendment.objects.filter(item=item).only("revision").first()
    return _version(item, amendment)


def _version(item: Item, amendment: Amendment | None) -> str:
    return f"{item.revision}.{amendment.revision if amendment else 0}"


def current_minutes(item: Item) -> ItemMinutes:
    """The item's minutes as an officer edits them: the amendment waiting for
    republication if there is one, else what is stored."""
    amendment = Amendment.objects.filter(item=item).first()
    if amendment is None:
        return _stored_minutes(item)
    minutes = ItemMinutes.from_json(amendment.minutes)
    live = dict(item.actions.values_list("pk", "revision"))
    for row in minutes.actions:  # the page is read now; the status shown stays as drafted
        row.revision = live.get(row.pk or 0, row.revision)
    return minutes


def _stored_minutes(item: Item) -> ItemMinutes:
    return ItemMinutes(
        text=item.text,
        assurance=item.assurance,
        restricted=item.restricted,
        restricted_reason=item.restricted_reason,
        public_summary=item.public_summary,
        answers=dict(Question.objects.filter(item=item).values_list("pk", "answer")),
        decisions=dict(Decision.objects.filter(item=item).values_list("pk", "text")),
        actions=[
            ActionRow(
                text=a.text,
                pk=a.pk,
                owner_post=a.owner_post,
                owner_text=a.owner_text,
                due_text=a.due_text,
                status=a.status,
                revision=a.revision,
                shown_status=a.status,
            )
            for a in item.actions.select_related("owner_post").order_by("position", "pk")
        ],
    )


def _theirs(minutes: ItemMinutes, item: Item) -> dict[str, str]:
    """The texts saved since, labelled as the page labels them."""
    texts = {"Minutes": minutes.text, "What the public sees instead": minutes.public_summary}
    questions = Question.objects.filter(item=item).order_by("position", "pk")
    for number, question in enumerate(questions, start=1):
        texts[f"Answer to question {number}"] = minutes.answers.get(question.pk, "")
    decisions = Decision.objects.filter(item=item).order_by("position", "pk")
    for number, decision in enumerate(decisions, start=1):
        texts[f"Decision {number}"] = minutes.decisions.get(decision.pk, decision.text)
    for number, row in enumerate(minutes.actions, start=1):
        texts[f"Action {number}"] = f"{row.text} ({Action.Status(row.status).label})"
    return {label: text for label, text in texts.items() if text}


def _check(item: Item, amendment: Amendment | None, minutes: ItemMinutes) -> None:
    """Refuse a save from a page read before the item, or one of its actions, changed."""
    version = _version(item, amendment)
    read = {row.pk: row.revision for row in minutes.actions if row.pk and row.revision is not None}
    now = dict(Action.objects.filter(pk__in=list(read)).values_list("pk", "revision"))
    stale_actions = any(now.get(pk, revision) != revision for pk, revision in read.items())
    if (minutes.version is None or minutes.version == version) and not stale_actions:
        return
    current = ItemMinutes.from_json(amendment.minutes) if amendment else _stored_minutes(item)
    if amendment is not None:  # an action changed since the amendment was drafted
        live = {row.pk: row for row in _stored_minutes(item).actions}
        for row in current.actions:
            if row.pk in live:
                row.status = live[row.pk].status
    raise StaleError(_theirs(current, item), version, now)


def _locked(item: Item) -> tuple[Item, Amendment | None]:
    locked = Item.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    return locked, Amendment.objects.select_for_update().filter(item=locked).first()


def _published(item: Item) -> bool:
    return item.meeting.status == Meeting.Status.PUBLISHED


@transaction.atomic
def save_item(item: Item, minutes: ItemMinutes, user: Any = None) -> list[Action]:
    """Save an item's minutes, questions, decisions and actions; book revisits.

    Raises :class:`MinutingError` (and saves nothing) when a restricted item lacks its
    reason or public line, and :class:`StaleError` when the page was read before someone
    else saved the item or one of its actions. On a published meeting the minutes are
    kept as an amendment until an officer republishes (the public sees the published
    notes meanwhile), except that restricting the item takes effect at once.
    """
    errors = check_restriction(
        minutes.restricted, minutes.restricted_reason, minutes.public_summary
    )
    if errors:
        raise MinutingError(errors)
    locked, amendment = _locked(item)
    _check(locked, amendment, minutes)
    if _published(locked):
        _amend(locked, amendment, minutes.as_json(), user)
        if minutes.restricted and not locked.restricted:
            _restrict_now(locked, minutes)
        item.refresh_from_db()
        return []
    actions = _apply(locked, minutes)
    item.refresh_from_db()
    return actions


def _amend(item: Item, amendment: Amendment | None, values: dict[str, Any], user: Any) -> None:
    if amendment is None:
        amendment = Amendment(meeting=item.meeting, item=item, minutes=values, revision=1)
    else:
        amendment.minutes, amendment.revision = values, amendment.revision + 1
    amendment.updated_by = user if getattr(user, "is_authenticated", False) else None
    amendment.save()


def _restrict_now(item: Item, minutes: ItemMinutes) -> None:
    """Withholding never waits for republication."""
    item.restricted = True
    item.restricted_reason = minutes.restricted_reason.strip()[:300]
    item.public_summary = minutes.public_summary.strip()
    item.mark_edited("restricted", "restricted_reason", "public_summary")
    item.save()
    item.actions.update(restricted=True, revision=F("revision") + 1)
    sync_meeting(item.meeting_id)  # an update() passes by the signals that keep the flags


def _apply(item: Item, minutes: ItemMinutes) -> list[Action]:
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
        item.actions.update(restricted=True, revision=F("revision") + 1)
        sync_meeting(meeting.pk)  # an update() passes by the signals that keep the flags
    book_revisits(meeting)
    return actions


def apply_amendments(meeting: Meeting, user: Any = None) -> int:
    """Apply every amendment waiting on the meeting to its items (on republication)."""
    count = 0
    for amendment in Amendment.objects.select_for_update().filter(meeting=meeting):
        item = Item.objects.select_related("meeting").get(pk=amendment.item_id)
        _apply(item, ItemMinutes.from_json(amendment.minutes))
        amendment.delete()
        count += 1
    return count


AUTOSAVED = ("text", "assurance", "restricted_reason", "public_summary")


def autosave_item(
    item: Item, values: dict[str, Any], user: Any = None, version: str | None = None
) -> tuple[list[str], str]:
    """Save the text typed so far (never the action rows, never the restricted flag).

    ``values`` may hold ``text``, ``assurance``, ``restricted_reason``,
    ``public_summary``, ``answers`` ({question pk: text}) and ``decisions``
    ({decision pk: text}). On a published meeting the text goes into the item's
    amendment, not the published notes. Raises :class:`StaleError` when ``version`` is
    not the item's version now. Returns the names of the fields saved and the version
    the next save must carry.
    """
    with transaction.atomic():
        locked, amendment = _locked(item)
        _check(locked, amendment, ItemMinutes(text="", version=version))
        if _published(locked):
            saved, minutes = _typed(current_minutes(locked), values)
            if saved:
                _amend(locked, amendment, minutes.as_json(), user)
                amendment = Amendment.objects.get(item=locked)
            return saved, _version(locked, amendment)
        saved = []
        fields: list[str] = []
        for name in ("text", "restricted_reason", "public_summary"):
            if name in values:
                value = str(values[name])
                setattr(locked, name, value[:300] if name == "restricted_reason" else value)
                fields.append(name)
        if values.get("assurance") in Item.Assurance.values:
            locked.assurance = values["assurance"]
            fields.append("assurance")
        answers = _save_answers(locked, values.get("answers") or {})
        decisions = _save_decisions(locked, values.get("decisions") or {})
        if fields or answers or decisions:
            # answers and decisions are part of the item's minutes: its revision moves on
            locked.mark_edited(*(name for name in fields if name in ("text", "assurance")))
            locked.save(update_fields=[*fields, "edited_fields"])
        saved += fields
        saved += [f"answer_{pk}" for pk in answers]
        saved += [f"decision_{pk}" for pk in decisions]
        return saved, _version(locked, amendment)


def _typed(minutes: ItemMinutes, values: dict[str, Any]) -> tuple[list[str], ItemMinutes]:
    """The amendment's minutes with the text typed so far put in."""
    saved: list[str] = []
    for name in ("text", "restricted_reason", "public_summary"):
        if name in values:
            value = str(values[name])
            setattr(minutes, name, value[:300] if name == "restricted_reason" else value)
            saved.append(name)
    if values.get("assurance") in Item.Assurance.values:
        minutes.assurance = values["assurance"]
        saved.append("assurance")
    for pk, text in (values.get("answers") or {}).items():
        if pk in minutes.answers or Question.objects.filter(pk=pk).exists():
            minutes.answers[pk] = text
            saved.append(f"answer_{pk}")
    for pk, text in (values.get("decisions") or {}).items():
        if text.strip():
            minutes.decisions[pk] = text.strip()
            saved.append(f"decision_{pk}")
    return saved, minutes


def _save_answers(item: Item, answers: dict[int, str]) -> list[int]:
    saved = []
    for question in Question.objects.filter(item=item, pk__in=list(answers)):
        answer = answers[question.pk]
        if question.answer != answer:
            question.answer = answer
            question.mark_edited("answer")
            question.save(update_fields=["answer", "edited_fields"])
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
            decision.mark_edited("text")
            decision.save(update_fields=["text", "edited_fields"])
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
        edited_fields=["text"],  # written by a person: a re-import keeps it
    )


def _add_decision(item: Item, text: str) -> Decision:
    meeting = item.meeting
    return Decision.objects.create(
        meeting=meeting,
        item=item,
        text=text,
        position=_next_position(meeting.decisions),
        edited_fields=["text"],  # written by a person: a re-import keeps it
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
        status=_status(action, row),
    )
    action.owner_holder = tenure.person if tenure else None
    action.restricted = action.restricted or item.restricted
    action.save()
    return action


def _status(action: Action, row: ActionRow) -> str:
    """The status typed, unless the person left it as shown (the stored one then stands)."""
    if action.pk is not None and row.shown_status is not None and row.status == row.shown_status:
        return action.status
    return row.status or Action.Status.OPEN


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
