"""The series calendar: recurrence rules and one-off moves and cancellations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from watching_brief.tracker.programme import calendar

D = dt.date


@dataclass
class Rule:
    interval_months: int = 1
    week: int = calendar.LAST
    weekday: int = 1  # Tuesday
    starts_on: dt.date = D(2026, 1, 1)


@dataclass
class Change:
    original_date: dt.date
    new_date: dt.date | None = None
    note: str = ""


@pytest.mark.parametrize(
    ("year", "month", "week", "weekday", "expected"),
    [
        (2027, 2, calendar.LAST, 1, D(2027, 2, 23)),  # last Tuesday of February 2027
        (2026, 3, calendar.LAST, 1, D(2026, 3, 31)),
        (2026, 3, 4, 1, D(2026, 3, 24)),
        (2026, 9, 1, 1, D(2026, 9, 1)),  # the 1st is itself a Tuesday
        (2026, 9, 1, 0, D(2026, 9, 7)),
        (2024, 2, calendar.LAST, 3, D(2024, 2, 29)),  # leap day
    ],
)
def test_weekday_in_month(
    year: int, month: int, week: int, weekday: int, expected: dt.date
) -> None:
    assert calendar.weekday_in_month(year, month, week, weekday) == expected


def test_weekday_in_month_refuses_a_fifth_week() -> None:
    with pytest.raises(ValueError, match="week"):
        calendar.weekday_in_month(2026, 3, 5, 1)


def test_monthly_last_tuesday() -> None:
    dates = [o.date for o in calendar.occurrences(Rule(), D(2026, 12, 1), D(2027, 3, 31))]
    assert dates == [D(2026, 12, 29), D(2027, 1, 26), D(2027, 2, 23), D(2027, 3, 30)]


def test_quarterly_counts_from_the_start_date() -> None:
    rule = Rule(interval_months=3, week=2, weekday=3, starts_on=D(2026, 2, 1))
    dates = [o.date for o in calendar.occurrences(rule, D(2026, 1, 1), D(2027, 1, 31))]
    # second Thursday of February, May, August and November
    assert dates == [D(2026, 2, 12), D(2026, 5, 14), D(2026, 8, 13), D(2026, 11, 12)]
    later = [o.date for o in calendar.occurrences(rule, D(2030, 1, 1), D(2030, 12, 31))]
    assert [d.month for d in later] == [2, 5, 8, 11]


def test_nothing_before_the_calendar_starts() -> None:
    rule = Rule(starts_on=D(2026, 1, 28))  # after January's last Tuesday (27th)
    dates = [o.date for o in calendar.occurrences(rule, D(2025, 11, 1), D(2026, 2, 28))]
    assert dates == [D(2026, 2, 24)]


def test_a_moved_date_is_listed_at_its_new_date() -> None:
    changes = [Change(D(2026, 4, 28), D(2026, 5, 5), "Purdah")]
    found = calendar.occurrences(Rule(), D(2026, 4, 1), D(2026, 5, 31), changes)
    assert [(o.date, o.original, o.moved, o.note) for o in found] == [
        (D(2026, 5, 5), D(2026, 4, 28), True, "Purdah"),
        (D(2026, 5, 26), D(2026, 5, 26), False, ""),
    ]


def test_a_date_moved_into_the_range_from_outside_it() -> None:
    changes = [Change(D(2026, 3, 31), D(2026, 4, 7))]
    found = calendar.occurrences(Rule(), D(2026, 4, 1), D(2026, 4, 30), changes)
    assert [(o.date, o.original) for o in found] == [
        (D(2026, 4, 7), D(2026, 3, 31)),
        (D(2026, 4, 28), D(2026, 4, 28)),
    ]


def test_a_cancelled_date_is_kept_and_marked() -> None:
    changes = [Change(D(2026, 8, 25), None, "Summer recess")]
    found = calendar.occurrences(Rule(), D(2026, 7, 1), D(2026, 9, 30), changes)
    assert [(o.date, o.cancelled) for o in found] == [
        (D(2026, 7, 28), False),
        (D(2026, 8, 25), True),
        (D(2026, 9, 29), False),
    ]


def test_next_date_skips_cancelled_and_follows_moves() -> None:
    changes = [Change(D(2026, 8, 25)), Change(D(2026, 9, 29), D(2026, 10, 6))]
    assert calendar.next_date(Rule(), D(2026, 7, 28), changes) == D(2026, 10, 6)
    assert calendar.next_date(Rule(), D(2026, 7, 28), changes, inclusive=True) == D(2026, 7, 28)
    assert calendar.next_date(Rule(), D(2026, 10, 6), changes) == D(2026, 10, 27)


def test_previous_date() -> None:
    changes = [Change(D(2026, 3, 31))]
    assert calendar.previous_date(Rule(), D(2026, 4, 28), changes) == D(2026, 2, 24)
    assert calendar.previous_date(Rule(), D(2026, 1, 1)) is None


def test_upcoming_includes_cancelled_dates_and_stops_at_count() -> None:
    changes = [Change(D(2026, 12, 29))]
    found = calendar.upcoming(Rule(), D(2026, 11, 24), 3, changes)
    assert [(o.date, o.cancelled) for o in found] == [
        (D(2026, 11, 24), False),
        (D(2026, 12, 29), True),
        (D(2027, 1, 26), False),
    ]


def test_is_rule_date() -> None:
    assert calendar.is_rule_date(Rule(), D(2026, 3, 31))
    assert not calendar.is_rule_date(Rule(), D(2026, 3, 24))
