"""The forward work programme of a series: the coming meeting dates, what is planned for
each (themes, revisits booked by earlier actions) and warnings where nothing fits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from watching_brief.tracker.actions.models import Revisit
from watching_brief.tracker.dates import long_date
from watching_brief.tracker.meetings.models import Meeting, Series
from watching_brief.tracker.programme import calendar
from watching_brief.tracker.programme.agenda import falls_due, previous_meeting_date
from watching_brief.tracker.programme.bank_holidays import bank_holiday, holiday_warnings
from watching_brief.tracker.programme.models import PlannedTheme, Schedule

HORIZON = 12


@dataclass(slots=True)
class RevisitDue:
    """A revisit on the meeting it falls due at; overdue when its date has passed."""

    revisit: Revisit
    overdue: bool


@dataclass(slots=True)
class ProgrammeRow:
    """One coming meeting date of the series."""

    date: dt.date
    original: dt.date | None = None
    cancelled: bool = False
    note: str = ""
    on_calendar: bool = True
    holiday: str = ""  # the bank holiday the date falls on, if any
    meeting: Meeting | None = None
    themes: list[PlannedTheme] = field(default_factory=list)
    revisits: list[RevisitDue] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return self.original is not None and self.original != self.date


@dataclass(slots=True)
class Programme:
    """The forward work programme of a series from ``today``."""

    series: Series
    schedule: Schedule | None
    today: dt.date
    rows: list[ProgrammeRow]
    warnings: list[str]
    holidays: list[str] = field(default_factory=list)  # coming meetings on bank holidays

    def next_open_date(self) -> dt.date | None:
        """The first coming meeting date (not cancelled) that has no meeting yet."""
        for row in self.rows:
            if not row.cancelled and row.meeting is None:
                return row.date
        return None


def work_programme(
    series: Series,
    today: dt.date,
    count: int = HORIZON,
    meetings: QuerySet[Meeting] | None = None,
) -> Programme:
    """The next ``count`` dates of the series' calendar from ``today`` (cancelled ones
    shown as such), with any meeting already planned off the calendar, their themes and
    the revisits falling due at each. ``meetings`` limits which meetings are shown."""
    schedule = Schedule.objects.filter(series=series).prefetch_related("changes").first()
    rows: list[ProgrammeRow] = []
    if schedule is not None:
        for occurrence in calendar.upcoming(schedule, today, count, schedule.changes.all()):
            rows.append(
                ProgrammeRow(
                    date=occurrence.date,
                    original=occurrence.original if occurrence.moved else None,
                    cancelled=occurrence.cancelled,
                    note=occurrence.note,
                )
            )
    _attach_meetings(series, today, rows, meetings)
    warnings = _attach_themes(series, today, rows)
    warnings += _attach_revisits(series, today, rows)
    held = [row for row in rows if not row.cancelled]
    for row in held:
        row.holiday = bank_holiday(row.date)
    holidays = holiday_warnings([row.date for row in held if row.holiday])
    return Programme(series, schedule, today, rows, warnings, holidays)


def _attach_meetings(
    series: Series, today: dt.date, rows: list[ProgrammeRow], meetings: QuerySet[Meeting] | None
) -> None:
    """Put each coming meeting on its row; one off the calendar gets a row of its own."""
    found = (meetings if meetings is not None else Meeting.objects.all()).filter(
        series=series, date__gte=today
    )
    last = max((row.date for row in rows), default=None)
    by_date = {row.date: row for row in rows if not row.cancelled}
    for meeting in found.order_by("date"):
        row = by_date.get(meeting.date)
        if row is not None:
            row.meeting = meeting
        elif last is None or meeting.date <= last:
            rows.append(ProgrammeRow(date=meeting.date, on_calendar=False, meeting=meeting))
    rows.sort(key=lambda row: (row.date, row.cancelled))


def _attach_themes(series: Series, today: dt.date, rows: list[ProgrammeRow]) -> list[str]:
    by_date = {row.date: row for row in rows if not row.cancelled}
    warnings = []
    for theme in PlannedTheme.objects.filter(series=series, date__gte=today).select_related(
        "topic", "lead_post"
    ):
        row = by_date.get(theme.date)
        if row is not None:
            row.themes.append(theme)
        else:
            warnings.append(
                f"No meeting is scheduled on {long_date(theme.date)} for the theme: {theme.title}"
            )
    return warnings


def _attach_revisits(series: Series, today: dt.date, rows: list[ProgrammeRow]) -> list[str]:
    """Each open revisit on the first meeting on or after its due date (an overdue one on
    the next meeting); a warning for one that no coming meeting can take."""
    meeting_rows = [row for row in rows if not row.cancelled]
    first = meeting_rows[0].date if meeting_rows else today
    previous = previous_meeting_date(series, first)
    pending = list(
        Revisit.objects.filter(series=series, done=False)
        .select_related("meeting", "action")
        .order_by("due", "pk")
    )
    if previous is not None:
        pending = [revisit for revisit in pending if revisit.due > previous]
    for row in meeting_rows:
        for revisit in pending:
            if falls_due(revisit, row.date, previous):
                row.revisits.append(RevisitDue(revisit, overdue=revisit.due < today))
        previous = row.date
    placed = {entry.revisit.pk for row in meeting_rows for entry in row.revisits}
    return [
        f"No meeting is scheduled on or after {long_date(revisit.due)} for: {revisit.subject}"
        for revisit in pending
        if revisit.pk not in placed
    ]
