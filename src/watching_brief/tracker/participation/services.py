"""What happens to a question from the public: sent, moderated, put, erased.

Every decision is kept as a :class:`ModerationRecord` with who made it. An accepted
question becomes a :class:`~watching_brief.tracker.meetings.models.Question` of the
meeting's public-questions item, so it is answered on the minute page and published with
the notes like any other; the item is made when the first question is accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from watching_brief.tracker.meetings.models import Item, Meeting, Question
from watching_brief.tracker.participation.models import (
    ModerationRecord,
    PublicQuestion,
    QuestionWindow,
)

PUBLIC_ITEM_TITLE = "Questions from the public"
ANONYMOUS = "A member of the public"
ANONYMOUS_MANY = "Members of the public"


class ModerationError(Exception):
    """A decision that cannot be made; the message says why, for the officer."""


def network_of(address: str) -> str:
    """A one-way key for the sender's network (/24 for IPv4, /64 for IPv6), never the address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 64
    network = ipaddress.ip_network(f"{ip}/{prefix}", strict=False)
    return hashlib.sha256(str(network).encode()).hexdigest()[:32]


def _record(question: PublicQuestion, event: str, by: Any = None, note: str = "") -> None:
    user = by if getattr(by, "is_authenticated", False) else None
    ModerationRecord.objects.create(question=question, event=event, by=user, note=note[:500])


@transaction.atomic
def submit(
    window: QuestionWindow,
    *,
    text: str,
    name: str,
    email: str,
    area: str,
    publish_name: bool,
    network: str = "",
) -> PublicQuestion:
    """Store a question sent in while the window is open."""
    if not window.is_open():
        raise ModerationError("Questions for this meeting are closed.")
    question = PublicQuestion.objects.create(
        window=window,
        text=text.strip(),
        name=name.strip(),
        email=email.strip(),
        area=area.strip(),
        publish_name=publish_name,
        network=network,
    )
    _record(question, "received")
    return question


def asker(question: PublicQuestion) -> str:
    """How the minutes name who asked: names only of those who agreed, else anonymous."""
    group = [question, *question.merged.filter(status=PublicQuestion.Status.MERGED)]
    names = [one.name for one in group if one.publish_name and one.name and not one.erased]
    if len(group) == 1:
        return names[0] if names else ANONYMOUS
    anonymous = len(group) - len(names)
    if anonymous:
        names.append(ANONYMOUS if anonymous == 1 else f"{anonymous} other members of the public")
    if len(names) == 1:
        return ANONYMOUS_MANY
    return ", ".join(names[:-1]) + " and " + names[-1]


def public_item(meeting: Meeting) -> Item:
    """The meeting's public-questions item, made at the end of the agenda when missing."""
    item = meeting.items.filter(kind=Item.Kind.PUBLIC_QUESTIONS).order_by("position").first()
    if item is not None:
        return item
    last = meeting.items.aggregate(last=Max("position"))["last"]
    numbered = meeting.items.filter(parent__isnull=True).exclude(number="").count()
    return Item.objects.create(
        meeting=meeting,
        title=PUBLIC_ITEM_TITLE,
        number=str(numbered + 1) if numbered else "",
        kind=Item.Kind.PUBLIC_QUESTIONS,
        position=0 if last is None else last + 1,
        edited_fields=["title", "kind"],
    )


def _check_open_meeting(question: PublicQuestion) -> Meeting:
    meeting = question.window.meeting
    if meeting.status == Meeting.Status.PUBLISHED:
        raise ModerationError(
            "The notes of this meeting are published: questions are moderated before then."
        )
    return meeting


def _locked(question: PublicQuestion) -> PublicQuestion:
    return (
        PublicQuestion.objects.select_for_update()
        .select_related("window__meeting")
        .get(pk=question.pk)
    )


@transaction.atomic
def accept(question: PublicQuestion, by: Any = None, wording: str = "") -> Question:
    """Accept a question: it becomes a question of the meeting's public-questions item."""
    question = _locked(question)
    meeting = _check_open_meeting(question)
    if question.status not in (PublicQuestion.Status.RECEIVED, PublicQuestion.Status.ACCEPTED):
        raise ModerationError(f"This question was {question.get_status_display().lower()}.")
    text = (wording or question.text).strip()
    item = public_item(meeting)
    minuted = question.question
    if minuted is None:
        last = meeting.questions.aggregate(last=Max("position"))["last"]
        minuted = Question(meeting=meeting, item=item, position=0 if last is None else last + 1)
    minuted.text, minuted.asker = text, asker(question)
    minuted.edited_fields = sorted({*minuted.edited_fields, "text", "asker"})
    minuted.save()
    note = "" if text == question.text else "Reworded for the meeting."
    question.status, question.question = PublicQuestion.Status.ACCEPTED, minuted
    question.save(update_fields=["status", "question"])
    _record(question, "accepted", by, note)
    return minuted


@transaction.atomic
def merge(question: PublicQuestion, into: PublicQuestion, by: Any = None) -> None:
    """Merge a question into a similar accepted one: put once, asked by both."""
    question, into = _locked(question), _locked(into)
    _check_open_meeting(question)
    if into.pk == question.pk or into.window_id != question.window_id:
        raise ModerationError("Merge a question into another question of the same meeting.")
    if into.status != PublicQuestion.Status.ACCEPTED:
        raise ModerationError("Merge into a question that has been accepted.")
    if question.merged.exists():
        raise ModerationError("Other questions were merged into this one: merge them first.")
    if question.question is not None:
        question.question.delete()
    question.status, question.merged_into, question.question = (
        PublicQuestion.Status.MERGED,
        into,
        None,
    )
    question.save(update_fields=["status", "merged_into", "question"])
    _record(question, "merged", by, f"Merged into the question received {into.received:%d %B %Y}.")
    if into.question is not None:
        into.question.asker = asker(into)
        into.question.save(update_fields=["asker"])


@transaction.atomic
def decline(question: PublicQuestion, reason: str, by: Any = None, note: str = "") -> None:
    """Decline a question for one of the listed reasons."""
    question = _locked(question)
    _check_open_meeting(question)
    if reason not in PublicQuestion.Reason.values:
        raise ModerationError("Choose the reason the question is declined.")
    if question.merged.exists():
        raise ModerationError("Other questions were merged into this one: decline them first.")
    if question.question is not None:
        question.question.delete()
    question.status, question.reason, question.question, question.outcome = (
        PublicQuestion.Status.DECLINED,
        reason,
        None,
        "",
    )
    question.save(update_fields=["status", "reason", "question", "outcome"])
    _record(question, "declined", by, note or PublicQuestion.Reason(reason).label)


@transaction.atomic
def set_outcome(question: PublicQuestion, outcome: str, by: Any = None, answer: str = "") -> None:
    """Put the question at the meeting, or take it in writing (with the written answer)."""
    question = _locked(question)
    if question.status != PublicQuestion.Status.ACCEPTED or question.question is None:
        raise ModerationError("Accept the question before choosing how it is answered.")
    if outcome not in (PublicQuestion.Outcome.PUT, PublicQuestion.Outcome.WRITTEN):
        raise ModerationError("Choose whether the question is put or answered in writing.")
    _check_open_meeting(question)
    question.outcome = outcome
    question.save(update_fields=["outcome"])
    if answer.strip():
        minuted = question.question
        minuted.answer = answer.strip()
        minuted.edited_fields = sorted({*minuted.edited_fields, "answer"})
        minuted.save(update_fields=["answer", "edited_fields"])
    _record(question, outcome, by)


def retention_cutoff(months: int, today: dt.date) -> dt.datetime:
    start = today - relativedelta(months=months)
    return timezone.make_aware(dt.datetime.combine(start, dt.time.min))


def expired(today: dt.date) -> list[PublicQuestion]:
    """Questions whose sender's name and address are past the body's retention period."""
    due: list[PublicQuestion] = []
    windows = QuestionWindow.objects.select_related("meeting__series__body")
    for window in windows.filter(questions__erased__isnull=True).distinct():
        cutoff = retention_cutoff(window.meeting.series.body.question_retention_months, today)
        due += window.questions.filter(erased__isnull=True, received__lt=cutoff)
    return due


@transaction.atomic
def erase_expired(today: dt.date | None = None) -> int:
    """Erase the names and addresses of questioners past their body's retention period.

    The question, its moderation and what was published stay; a name published with
    consent is replaced in the minutes by "a member of the public". Returns how many
    questioners were erased.
    """
    due = expired(today or timezone.localdate())
    now = timezone.now()
    for question in due:
        question.name = question.email = question.network = ""
        question.erased = now
        question.save(update_fields=["name", "email", "network", "erased"])
        _record(question, "erased", note="Name and address erased after the retention period.")
    for question in {one.merged_into or one for one in due}:
        if question.question is not None:
            question.question.asker = asker(question)
            question.question.save(update_fields=["asker"])
    return len(due)
