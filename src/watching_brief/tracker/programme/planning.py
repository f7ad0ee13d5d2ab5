"""Planning a meeting from its series: a draft meeting with attendance and the agenda.

``plan_meeting`` stores everything in one transaction: the meeting (draft), attendance
from the posts that usually attend, and the standing items with matters arising filled
from :func:`..agenda.matters_arising` and revisits from :func:`..agenda.revisits_due`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from watching_brief.tracker.actions.models import Action, Revisit
from watching_brief.tracker.dates import long_date
from watching_brief.tracker.meetings.models import (
    Attendance,
    CarriedForward,
    Item,
    Meeting,
    Series,
)
from watching_brief.tracker.people.models import Person, Post, Tenure
from watching_brief.tracker.programme import calendar
from watching_brief.tracker.programme.agenda import (
    matters_arising,
    previous_meeting_date,
    revisits_due,
)
from watching_brief.tracker.programme.models import PlannedTheme, Schedule

RECENT_MEETINGS = 6
INVITED = ("present", "apologies", "virtual")
KIND_MARKERS: dict[str, str] = {"temporary": "T/", "acting": "A/"}


@dataclass(slots=True)
class UsualAttendee:
    """A post that usually attends, and who holds it on the meeting's date."""

    post: Post
    person: Person
    kind: str
    role: str
    status: str = Attendance.Status.PRESENT

    @property
    def marker(self) -> str:
        """ "T/" or "A/" for a temporary or acting holder, else ""."""
        return KIND_MARKERS.get(self.kind, "")

    @property
    def post_label(self) -> str:
        """The post as the notes write it for this holder ("T/DCC")."""
        return f"{self.marker}{self.post}"


@dataclass(slots=True)
class AgendaLine:
    """One item of a planned agenda, before it is stored."""

    kind: str
    title: str
    text: str = ""
    theme: PlannedTheme | None = None
    note: str = ""  # the officers' planning note: kept apart from the minutes, never published
    revisit: Revisit | None = None


def schedule_of(series: Series) -> Schedule | None:
    """The series' calendar, or None when it has none."""
    return Schedule.objects.filter(series=series).prefetch_related("changes").first()


def next_meeting_after(series: Series, date: dt.date) -> dt.date | None:
    """The calendar's next date after ``date``, when the series has a calendar."""
    schedule = schedule_of(series)
    if schedule is None:
        return None
    return calendar.next_date(schedule, date, schedule.changes.all())


def usual_attendance(series: Series, date: dt.date) -> list[UsualAttendee]:
    """Posts seen in at least half of the series' last six meetings before ``date``.

    Each with its holder on ``date`` (falling back to the current holder, then to the
    person last seen in it) and its role as last written; in the order of the latest
    meeting each post attended.
    """
    meetings = list(series.meetings.filter(date__lt=date).order_by("-date")[:RECENT_MEETINGS])
    if not meetings:
        return []
    rows = (
        Attendance.objects.filter(meeting__in=meetings, post__isnull=False)
        .select_related("post", "person", "meeting")
        .order_by("-meeting__date", "position", "pk")
    )
    seen: dict[int, set[int]] = {}
    latest: dict[int, Attendance] = {}
    for row in rows:
        assert row.post_id is not None  # noqa: S101 - filtered above
        seen.setdefault(row.post_id, set()).add(row.meeting_id)
        latest.setdefault(row.post_id, row)
    order = {meeting.pk: index for index, meeting in enumerate(meetings)}
    usual = [row for post_id, row in latest.items() if 2 * len(seen[post_id]) >= len(meetings)]
    usual.sort(key=lambda row: (order[row.meeting_id], row.position, row.pk))
    attendees = []
    for row in usual:
        post = row.post
        assert post is not None  # noqa: S101 - filtered above
        tenure = post.holder_on(date) or post.current_holder()
        kind = tenure.kind if tenure else Tenure.Kind.SUBSTANTIVE
        attendees.append(
            UsualAttendee(
                post=post,
                person=tenure.person if tenure else row.person,
                kind=kind,
                role=holder_role(row.role or post.title, kind),
            )
        )
    return attendees


MARKERS: dict[str, str] = {Tenure.Kind.TEMPORARY: "T/", Tenure.Kind.ACTING: "A/"}


def holder_role(role: str, kind: str) -> str:
    """The capacity as it should be written for a holder of this kind: "T/Deputy Chief
    Constable" for a temporary holder, the plain title for a substantive one."""
    plain = re.sub(r"^(?:[TA]/\s*|(?:temporary|acting)\s+)", "", role, flags=re.I)
    return f"{MARKERS.get(kind, '')}{plain}"


def _from_text(action: Action) -> str:
    return f"the {action.meeting.date:%B %Y} meeting ({action.reference})"


def _restricted(action: Action) -> bool:
    return action.restricted or bool(action.item and action.item.restricted)


def _next_meeting_text(date: dt.date | None) -> str:
    if date is None:
        return "The date of the next meeting is to be confirmed."
    return f"The next meeting will be held on {date:%A} {date.day} {date:%B %Y}."


def agenda_lines(
    series: Series, date: dt.date, next_date: dt.date | None = None
) -> list[AgendaLine]:
    """The items a meeting on ``date`` would have, in order (nothing is stored)."""
    lines = [AgendaLine(Item.Kind.MATTERS_ARISING, "Matters arising")]
    for theme in PlannedTheme.objects.filter(series=series, date=date).select_related("topic"):
        lines.append(AgendaLine(Item.Kind.THEME, theme.title, theme=theme, note=theme.notes))
    previous = previous_meeting_date(series, date)
    for revisit in revisits_due(series, date, previous):
        due = long_date(revisit.due)
        booked = f"Booked at the {revisit.meeting.date:%B %Y} meeting, due {due}."
        lines.append(
            AgendaLine(Item.Kind.REVISIT, f"Revisit: {revisit.subject}", booked, revisit=revisit)
        )
    lines.append(AgendaLine(Item.Kind.INSPECTION, "Inspection matters"))
    lines.append(AgendaLine(Item.Kind.AOB, "Any other business"))
    lines.append(
        AgendaLine(Item.Kind.NEXT_MEETING, "Date of next meeting", _next_meeting_text(next_date))
    )
    return lines


def plan_meeting(
    series: Series,
    date: dt.date,
    *,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str = "",
    chair: str = "",
    minute_taker: str = "",
    attendance: Mapping[int, str] | None = None,
) -> Meeting:
    """Store a draft meeting of ``series`` on ``date`` with its attendance and agenda.

    ``attendance`` maps a usual post's pk to present, apologies or virtual; a post left
    out is not invited. None invites every usual post as present. Raises ValueError (and
    stores nothing) when the series already has a meeting on that date.
    """
    if attendance is not None:
        wrong = sorted(set(attendance.values()) - set(INVITED))
        if wrong:
            raise ValueError(f"Unknown attendance status: {', '.join(wrong)}")
    if Meeting.objects.filter(series=series, date=date).exists():
        raise ValueError(_duplicate(series, date))
    next_date = next_meeting_after(series, date)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                series=series,
                title=f"{series.name} {date:%B %Y}",
                date=date,
                start_time=start_time,
                end_time=end_time,
                venue=venue,
                chair=chair,
                minute_taker=minute_taker,
                status=Meeting.Status.DRAFT,
                next_meeting_date=next_date,
            )
            _store_attendance(meeting, usual_attendance(series, date), attendance)
            _store_agenda(meeting, agenda_lines(series, date, next_date))
    except IntegrityError as error:
        raise ValueError(_duplicate(series, date)) from error
    return meeting


def _duplicate(series: Series, date: dt.date) -> str:
    return f"{series} already has a meeting on {date.day} {date:%B %Y}."


def _attendee(series: Series, post: Post, date: dt.date) -> UsualAttendee | None:
    """A post outside the usual ones, with its holder on ``date`` (None if nobody)."""
    tenure = post.holder_on(date) or post.current_holder()
    last = (
        Attendance.objects.filter(meeting__series=series, post=post)
        .order_by("-meeting__date")
        .first()
    )
    if tenure is None:
        return None
    role = holder_role((last.role if last else "") or post.title, tenure.kind)
    return UsualAttendee(post, tenure.person, tenure.kind, role)


def _store_attendance(
    meeting: Meeting, usual: list[UsualAttendee], chosen: Mapping[int, str] | None
) -> None:
    """Every usual post (present) when ``chosen`` is None; else the posts chosen, the
    usual ones in their order first."""
    invited: list[tuple[UsualAttendee, str]] = []
    if chosen is None:
        invited = [(attendee, attendee.status) for attendee in usual]
    else:
        known = {attendee.post.pk: attendee for attendee in usual}
        for attendee in usual:
            if attendee.post.pk in chosen:
                invited.append((attendee, chosen[attendee.post.pk]))
        others = Post.objects.filter(pk__in=set(chosen) - set(known)).order_by("pk")
        for post in others:
            found = _attendee(meeting.series, post, meeting.date)
            if found is not None:
                invited.append((found, chosen[post.pk]))
    for position, (attendee, status) in enumerate(invited):
        Attendance.objects.create(
            meeting=meeting,
            person=attendee.person,
            post=attendee.post,
            role=attendee.role,
            status=status,
            position=position,
        )


def _store_agenda(meeting: Meeting, lines: list[AgendaLine]) -> None:
    for position, line in enumerate(lines):
        item = Item.objects.create(
            meeting=meeting,
            number=str(position + 1),
            title=line.title,
            text=line.text,
            planning_note=line.note,
            kind=line.kind,
            position=position,
        )
        if line.theme is not None and line.theme.topic_id is not None:
            item.topics.add(line.theme.topic_id)
        if line.kind == Item.Kind.MATTERS_ARISING:
            _store_matters_arising(meeting, item)


def _store_matters_arising(meeting: Meeting, item: Item) -> None:
    """One carried-forward row per open action; a restricted action's text stays on the
    action (officers follow the link) so publishing the meeting cannot reveal it."""
    for position, action in enumerate(matters_arising(meeting.series, meeting.date)):
        text = f"Restricted action {action.reference}" if _restricted(action) else action.text
        CarriedForward.objects.create(
            meeting=meeting,
            item=item,
            from_text=_from_text(action),
            text=text,
            status="",
            action=action,
            position=position,
        )


def schedule_defaults(series: Series) -> dict[str, object]:
    """A calendar guessed from the series' recent meetings, to start the calendar form:
    the commonest weekday, "last" when every meeting fell in the last week (else the
    commonest week), and the latest meeting's times, venue, chair and minute-taker."""
    recent = list(series.meetings.order_by("-date")[:RECENT_MEETINGS])
    if not recent:
        return {}
    latest = recent[0]
    weekdays = [meeting.date.weekday() for meeting in recent]
    weekday = max(set(weekdays), key=weekdays.count)
    same_day = [meeting.date for meeting in recent if meeting.date.weekday() == weekday]
    if all(calendar.weekday_in_month(d.year, d.month, calendar.LAST, weekday) == d
           for d in same_day):  # fmt: skip
        week = calendar.LAST
    else:
        weeks = [min(4, (d.day - 1) // 7 + 1) for d in same_day]
        week = max(set(weeks), key=weeks.count)
    return {
        "interval_months": 1,
        "week": week,
        "weekday": weekday,
        "starts_on": min(same_day),
        "start_time": latest.start_time,
        "end_time": latest.end_time,
        "venue": latest.venue,
        "chair": latest.chair,
        "minute_taker": latest.minute_taker,
    }
