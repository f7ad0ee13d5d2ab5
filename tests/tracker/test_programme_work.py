"""The forward work programme: dates, meetings, themes, revisits and warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.tracker.actions.models import Revisit
from watching_brief.tracker.meetings.models import Series
from watching_brief.tracker.programme.models import PlannedTheme, Schedule, ScheduleChange
from watching_brief.tracker.programme.planning import plan_meeting
from watching_brief.tracker.programme.work import work_programme

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 4, 1)


@pytest.fixture
def series(ingested: list) -> Series:
    return Series.objects.get(name="Monthly Assurance Meeting", body__name__icontains="Northshire")


@pytest.fixture
def schedule(series: Series) -> Schedule:
    """Fourth Tuesday of every month, from January 2026."""
    return Schedule.objects.create(series=series, week=4, weekday=1, starts_on=D(2026, 1, 1))


def test_rows_follow_the_calendar_with_changes(series: Series, schedule: Schedule) -> None:
    ScheduleChange.objects.create(
        schedule=schedule, original_date=D(2026, 5, 26), new_date=D(2026, 6, 2)
    )
    ScheduleChange.objects.create(schedule=schedule, original_date=D(2026, 8, 25), note="Recess")
    programme = work_programme(series, TODAY, count=6)
    rows = [(row.date, row.original, row.cancelled) for row in programme.rows]
    assert rows == [
        (D(2026, 4, 28), None, False),
        (D(2026, 6, 2), D(2026, 5, 26), False),
        (D(2026, 6, 23), None, False),
        (D(2026, 7, 28), None, False),
        (D(2026, 8, 25), None, True),
        (D(2026, 9, 22), None, False),
    ]
    assert programme.rows[4].note == "Recess"
    assert programme.next_open_date() == D(2026, 4, 28)


def test_meetings_and_themes_go_on_their_rows(series: Series, schedule: Schedule) -> None:
    PlannedTheme.objects.create(series=series, date=D(2026, 6, 23), title="Roads policing")
    PlannedTheme.objects.create(series=series, date=D(2026, 6, 24), title="Stray theme")
    april = plan_meeting(series, D(2026, 4, 28))
    extra = plan_meeting(series, D(2026, 5, 5))  # off the calendar
    programme = work_programme(series, TODAY, count=4)
    by_date = {row.date: row for row in programme.rows}
    assert by_date[D(2026, 4, 28)].meeting == april
    assert by_date[D(2026, 5, 5)].meeting == extra
    assert not by_date[D(2026, 5, 5)].on_calendar
    assert [t.title for t in by_date[D(2026, 6, 23)].themes] == ["Roads policing"]
    assert programme.next_open_date() == D(2026, 5, 26)
    assert any("24 June 2026" in w and "Stray theme" in w for w in programme.warnings)


def test_a_revisit_falls_on_the_first_meeting_on_or_after_its_due_date(
    series: Series, schedule: Schedule
) -> None:
    revisit = Revisit.objects.get(series=series)  # due 24 September 2026
    programme = work_programme(series, TODAY, count=12)
    holding = [row for row in programme.rows if row.revisits]
    assert [row.date for row in holding] == [D(2026, 10, 27)]  # 22 September is too early
    assert holding[0].revisits[0].revisit == revisit
    assert not holding[0].revisits[0].overdue
    assert not any(revisit.subject in w for w in programme.warnings)


def test_an_overdue_revisit_falls_on_the_next_meeting(series: Series, schedule: Schedule) -> None:
    revisit = Revisit.objects.get(series=series)
    today = revisit.due + dt.timedelta(days=10)
    programme = work_programme(series, today, count=3)
    first = programme.rows[0]
    assert first.date == D(2026, 10, 27)
    assert [(e.revisit, e.overdue) for e in first.revisits] == [(revisit, True)]


def test_a_cancelled_date_takes_no_revisit(series: Series, schedule: Schedule) -> None:
    ScheduleChange.objects.create(schedule=schedule, original_date=D(2026, 10, 27))
    programme = work_programme(series, TODAY, count=12)
    holding = [row.date for row in programme.rows if row.revisits]
    assert holding == [D(2026, 11, 24)]


def test_warning_when_no_meeting_is_scheduled_for_a_revisit(series: Series) -> None:
    revisit = Revisit.objects.get(series=series)
    programme = work_programme(series, TODAY)  # no calendar
    assert programme.rows == []
    assert f"No meeting is scheduled on or after 24 September 2026 for: {revisit.subject}" in (
        programme.warnings
    )


def test_warning_when_the_revisit_is_beyond_the_horizon(series: Series, schedule: Schedule) -> None:
    revisit = Revisit.objects.get(series=series)
    programme = work_programme(series, TODAY, count=3)  # April to June
    assert not any(row.revisits for row in programme.rows)
    assert any(revisit.subject in w and "24 September 2026" in w for w in programme.warnings)


def test_done_revisits_are_left_out(series: Series) -> None:
    Revisit.objects.filter(series=series).update(done=True)
    assert work_programme(series, TODAY).warnings == []
