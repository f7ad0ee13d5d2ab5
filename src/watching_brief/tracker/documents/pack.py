"""The pack of a meeting, built from the database (officers only: it holds unpublished
material, so nothing here filters by role; the views check the role first).

* agenda: the meeting's items in order once it has been planned (an item has a kind);
  else the standing items around the themes the work programme plans for the date;
* matters arising: the actions its carried-forward matters are linked to, or else every
  open action of the series set at an earlier meeting; each with where it was set and
  its dated updates;
* revisits due: revisits of the series booked earlier, due by the meeting, not done;
* question sets: each set's theme, dates, questions and written response.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models import Prefetch

from watching_brief.publishing.document import DocumentInfo
from watching_brief.publishing.layout import MONTHS
from watching_brief.publishing.pack import (
    AgendaRow,
    HistoryLine,
    Matter,
    Pack,
    QuestionSetEntry,
    RevisitDue,
)
from watching_brief.tracker.access.visibility import withheld
from watching_brief.tracker.actions.log import current_holders
from watching_brief.tracker.actions.models import Action, ActionUpdate, Revisit
from watching_brief.tracker.meetings.models import Item, Meeting, Question
from watching_brief.tracker.programme.models import PlannedTheme, QuestionSet

STANDING_FIRST = ("Matters arising",)
STANDING_LAST = ("Any other business", "Date of next meeting")


def build_pack(meeting: Meeting, today: dt.date | None = None) -> Pack:
    """The pack of ``meeting``; ``today`` decides whether a response is overdue."""
    today = today or dt.date.today()
    return Pack(
        series=meeting.series.name,
        body=meeting.series.body.name,
        date=meeting.date,
        start_time=f"{meeting.start_time:%H:%M}" if meeting.start_time else "",
        venue=meeting.venue,
        chair=meeting.chair,
        agenda=agenda(meeting),
        matters=matters(meeting),
        revisits=revisits(meeting),
        question_sets=question_sets(meeting, today),
    )


def day(value: dt.date) -> str:
    """ "24 March 2026"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def meeting_name(meeting: Meeting) -> str:
    """ "Monthly Assurance Meeting 24 February 2026"."""
    return f"{meeting.series.name} {day(meeting.date)}"


def agenda(meeting: Meeting) -> list[AgendaRow]:
    """The planned items in order, each with its lead from the work programme."""
    themes = list(
        PlannedTheme.objects.filter(series=meeting.series, date=meeting.date).select_related(
            "lead_post"
        )
    )
    leads = {t.title.casefold(): str(t.lead_post) for t in themes if t.lead_post}
    items = list(meeting.items.order_by("position", "pk"))
    if any(item.kind for item in items):
        return [
            AgendaRow(
                number=item.number, title=item.title, lead=leads.get(item.title.casefold(), "")
            )
            for item in items
        ]
    titles = [*STANDING_FIRST, *(t.title for t in themes), *STANDING_LAST]
    return [
        AgendaRow(number=str(n), title=title, lead=leads.get(title.casefold(), ""))
        for n, title in enumerate(titles, start=1)
    ]


def matters(meeting: Meeting) -> list[Matter]:
    """The matters arising, each action with its history."""
    linked = list(
        meeting.carried_forward.exclude(action=None)
        .order_by("position")
        .values_list("action_id", flat=True)
    )
    query = Action.objects.select_related("owner_post", "meeting", "meeting__series")
    query = query.prefetch_related(
        Prefetch(
            "updates",
            # updates still waiting for an officer's review (or sent back) are left out
            queryset=ActionUpdate.objects.filter(review=ActionUpdate.Review.SHOWN).select_related(
                "meeting", "meeting__series"
            ),
        )
    )
    if linked:
        by_pk = {a.pk: a for a in query.filter(pk__in=linked)}
        actions = [by_pk[pk] for pk in dict.fromkeys(linked) if pk in by_pk]
    else:
        actions = list(
            query.filter(meeting__series=meeting.series, meeting__date__lt=meeting.date)
            .still_open()
            .order_by("meeting__date", "position", "pk")
        )
    holders = current_holders({a.owner_post_id for a in actions if a.owner_post_id})  # officers'
    return [matter(action, holders, meeting.date) for action in actions]


def matter(action: Action, holders: dict[int, str], on: dt.date) -> Matter:
    """One matter arising: the action, its owner and holder now, due, status, history."""
    status = action.get_status_display()
    if action.is_overdue(on):
        status = f"{status} – overdue"
    return Matter(
        reference=action.reference,
        text=action.text,
        owner=str(action.owner_post) if action.owner_post else action.owner_text,
        holder=holders.get(action.owner_post_id or 0, ""),
        due=day(action.due) if action.due else action.due_text,
        status=status,
        set_at=meeting_name(action.meeting),
        history=[
            HistoryLine(
                date=update.date,
                status=update.get_status_display() if update.status else "",
                text=update.text,
                evidence=update.evidence,
                meeting=meeting_name(update.meeting) if update.meeting else "",
                author=author(update),
            )
            for update in action.updates.all()
        ],
        restricted=withheld(action),
    )


def author(update: ActionUpdate) -> str:
    """Who wrote the update; nobody for one the import recorded from a meeting's
    minutes, which the line already says ("minuted at ...")."""
    if update.author_id is None and update.meeting_id is not None:
        return ""
    return update.author_name


def pack_info(meeting: Meeting) -> DocumentInfo:
    """The pack is an officers' document: the body's name and its officers' marking."""
    body = meeting.series.body
    return DocumentInfo(organisation=body.name, marking=body.full_marking)


def revisits(meeting: Meeting) -> list[RevisitDue]:
    """Revisits of the series booked before the meeting, due by it, not done."""
    query = Revisit.objects.filter(
        series=meeting.series, due__lte=meeting.date, done=False, meeting__date__lt=meeting.date
    ).select_related("meeting", "meeting__series")
    return [
        RevisitDue(subject=r.subject, booked_at=meeting_name(r.meeting), due=r.due)
        for r in query.order_by("due", "pk")
    ]


def question_sets(meeting: Meeting, today: dt.date) -> list[QuestionSetEntry]:
    """Each question set of the meeting with its questions and written response."""
    sets = QuestionSet.objects.filter(meeting=meeting).select_related("item")
    sets = sets.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
    )
    return [
        QuestionSetEntry(
            theme=one.theme,
            item=item_label(one.item),
            sent_on=one.sent_on,
            response_due=one.response_due,
            response_received=one.response_received,
            overdue=one.response_overdue(today),
            questions=[q.text for q in one.questions.all()],
            response_text=one.response_text,
            response_file=Path(one.response_file.name).name if one.response_file else "",
        )
        for one in sets.order_by("pk")
    ]


def item_label(item: Item | None) -> str:
    """ "2 Rural crime", or "" for a set on no item."""
    return str(item) if item else ""


def file_stem(meeting: Meeting) -> str:
    """ "monthly-assurance-meeting-2026-03-24": the name downloads are saved under."""
    return f"{meeting.series.slug}-{meeting.date:%Y-%m-%d}"
